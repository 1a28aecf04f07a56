// `npm run bench`: runs every bench/*.bench.ts through Vitest (so they import the app's
// TypeScript as the tests do) and prints each benchmark's ratio against its named peer.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const benches = readdirSync(new URL('.', import.meta.url)).filter((f) => f.endsWith('.bench.ts'));
if (benches.length === 0) {
	console.log(
		'No benchmarks yet: the harness (bench/harness.ts) is in place but empty. The first ones arrive with ' +
			'trade grouping (1M executions vs Float64Array sort) and the charts (equity curve vs bare uPlot).'
	);
	process.exit(0);
}
const result = spawnSync(
	'npx',
	['vitest', 'run', '--config', 'bench/vitest.config.ts', '--disableConsoleIntercept'],
	{ stdio: 'inherit' }
);
process.exit(result.status ?? 1);
