/**
 * The fast slice of the import fuzz harness (tests/fuzz/harness.ts): 200 seeded mutants of every
 * format's fixtures, each read as the import reads it, with no rule broken. The long run is
 * `npm run fuzz -- --mutants 10000`.
 */
import { describe, expect, it } from 'vitest';
import { formatDirs, fuzzEngine, fuzzFormat } from '../fuzz/harness';

const MUTANTS = Number(process.env.FUZZ_MUTANTS ?? 200);

describe('import fuzz (fast slice)', () => {
	it.each(formatDirs())(
		`%s: ${MUTANTS} mutants keep every rule`,
		async (format) => {
			const figures = await fuzzFormat(format, MUTANTS, 1);
			expect(figures.mutants).toBe(MUTANTS);
			expect(figures.rowsRead).toBeGreaterThan(MUTANTS);
			expect(figures.violations).toEqual([]);
		},
		60_000
	);
});

describe('import fuzz through the engine (fast slice)', () => {
	it.each(formatDirs())(
		'%s: 6 mutants imported, counts add up',
		async (format) => {
			const { violations, imported } = await fuzzEngine(format, 6, 1);
			expect(violations).toEqual([]);
			expect(imported).toBeGreaterThan(0);
		},
		60_000
	);
});
