/**
 * The long fuzz run: FUZZ_MUTANTS (default 10,000) mutants of every format's fixtures (or of
 * FUZZ_FORMAT's only) from FUZZ_SEED, printing per-format figures and any violations. Started
 * by `npm run fuzz -- --mutants 10000 [--seed 1] [--format das-trades]`.
 */
import { expect, it } from 'vitest';
import { figuresTable, formatDirs, fuzzFormat, type FuzzFigures } from './harness';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const ONLY = process.env.FUZZ_FORMAT ?? null;

it(`keeps every rule over ${MUTANTS} mutants per format (seed ${SEED})`, async () => {
	const all: FuzzFigures[] = [];
	for (const format of formatDirs().filter((f) => ONLY === null || f === ONLY)) {
		const figures = await fuzzFormat(format, MUTANTS, SEED);
		all.push(figures);
		console.log(
			`${format}: ${figures.mutants} mutants, ${figures.rowsRead} rows read, ${figures.refused} refused, ${figures.violationCount} violations (${figures.ms} ms)`
		);
		for (const v of figures.violations) console.log(`  ${v}`);
	}
	console.log(`\nFuzz, ${MUTANTS} mutants per format, seed ${SEED}:\n\n${figuresTable(all)}\n`);
	expect(all.flatMap((f) => f.violations)).toEqual([]);
});
