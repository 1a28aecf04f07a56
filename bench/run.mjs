// `npm run bench`: the import benchmark in Chromium (bench/browser/run.mjs: ours vs Papa Parse's
// worker mode on the same file, main-thread long tasks, read-back vs bare IndexedDB), then every
// bench/*.bench.ts through Vitest (so they import the app's TypeScript as the tests do). Each
// prints its ratio against its named peer. Arguments go to the browser benchmark
// (`npm run bench -- --quick`; see bench/README.md).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let status = 0;

const browser = spawnSync(
	process.execPath,
	[fileURLToPath(new URL('./browser/run.mjs', import.meta.url)), ...process.argv.slice(2)],
	{ stdio: 'inherit' }
);
status ||= browser.status ?? 1;

const benches = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts'));
if (benches.length > 0) {
	const result = spawnSync(
		'npx',
		['vitest', 'run', '--config', 'bench/vitest.config.ts', '--disableConsoleIntercept'],
		{ stdio: 'inherit' }
	);
	status ||= result.status ?? 1;
}
process.exit(status);
