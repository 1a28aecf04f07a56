// `npm run fuzz -- --mutants 10000 [--seed 1] [--format das-trades]`: the long import fuzz run
// (tests/fuzz/long.fuzz.ts) through Vitest, so it imports the app's TypeScript as the tests do.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const env = { ...process.env };
for (let i = 0; i < args.length; i++) {
	const [flag, value] = args[i].includes('=') ? args[i].split('=', 2) : [args[i], args[++i]];
	const name = { '--mutants': 'FUZZ_MUTANTS', '--seed': 'FUZZ_SEED', '--format': 'FUZZ_FORMAT' }[flag];
	if (!name || value === undefined) {
		console.error(`Unknown argument ${args[i]}: use --mutants N, --seed N, --format ID.`);
		process.exit(2);
	}
	if (name !== 'FUZZ_FORMAT' && !/^\d+$/.test(value)) {
		console.error(`${flag} takes a whole number, not ${JSON.stringify(value)}.`);
		process.exit(2);
	}
	env[name] = value;
}
const result = spawnSync(
	'npx',
	['vitest', 'run', '--config', 'tests/fuzz/vitest.config.ts', '--disableConsoleIntercept'],
	{ stdio: 'inherit', env }
);
process.exit(result.status ?? 1);
