import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BAND_PERCENTILES, monteCarlo, ruinProbability } from './monte-carlo';
import { seededRandom, xoshiro128ss } from './random';

const R = [2, -1, -1, 0.5, 3, -1, -0.5, 1.2, -1, 0];

describe('monteCarlo', () => {
	it('gives the same paths for the same seed and others for another', () => {
		const options = { paths: 200, tradesPerPath: 50, seed: 42, ruinDrawdownR: 5 };
		const a = monteCarlo(R, options)!;
		expect(monteCarlo(R, options)).toEqual(a);
		const b = monteCarlo(R, { ...options, seed: 43 })!;
		expect(b.maxDrawdowns).not.toEqual(a.maxDrawdowns);
	});

	it('has certain answers for certain inputs', () => {
		const losing = monteCarlo([-1], { paths: 10, tradesPerPath: 8, ruinDrawdownR: 8 })!;
		expect(losing.ruinProbability).toBe(1);
		expect([...losing.maxDrawdowns]).toEqual(new Array(10).fill(8));
		expect(ruinProbability(losing, 8.5)).toBe(0);
		for (const band of losing.bands) expect([...band.equity]).toEqual([0, -1, -2, -3, -4, -5, -6, -7, -8]);

		const winning = monteCarlo([0.5], { paths: 3, tradesPerPath: 4, ruinDrawdownR: 0.1, samplePaths: 2 })!;
		expect(winning.ruinProbability).toBe(0);
		expect(winning.samples.map((s) => [...s])).toEqual([
			[0, 0.5, 1, 1.5, 2],
			[0, 0.5, 1, 1.5, 2]
		]);
		expect(winning.bands.map((b) => b.percentile)).toEqual([...BAND_PERCENTILES]);
	});

	it('draws every R value about equally often', () => {
		// +1 and −1 alike: after 10,000 steps the median path is near 0 (σ = 100).
		const mc = monteCarlo([1, -1], { paths: 101, tradesPerPath: 10_000, ruinDrawdownR: 1000 })!;
		const median = mc.bands[2]!.equity;
		expect(Math.abs(median[10_000]!)).toBeLessThan(40);
		// The bands are ordered at every step.
		for (let s = 0; s <= 10_000; s += 500)
			for (let i = 1; i < mc.bands.length; i++)
				expect(mc.bands[i]!.equity[s]).toBeGreaterThanOrEqual(mc.bands[i - 1]!.equity[s]!);
	});

	it('returns null without R values and refuses bad options', () => {
		expect(monteCarlo([], { ruinDrawdownR: 5 })).toBeNull();
		expect(() => monteCarlo([1, NaN], { ruinDrawdownR: 5 })).toThrow(RangeError);
		expect(() => monteCarlo([1], { ruinDrawdownR: 0 })).toThrow(RangeError);
		expect(() => monteCarlo([1], { ruinDrawdownR: 5, paths: 0 })).toThrow(RangeError);
		expect(() => monteCarlo([1], { ruinDrawdownR: 5, tradesPerPath: 2.5 })).toThrow(RangeError);
		expect(() => monteCarlo([1], { ruinDrawdownR: 5, paths: 100_000, tradesPerPath: 1000 })).toThrow(
			RangeError
		);
	});

	it('keeps the risk of ruin in [0, 1], never rising with the drawdown threshold', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.integer({ min: -300, max: 500 }).map((x) => x / 100),
					{ minLength: 1, maxLength: 30 }
				),
				fc.integer(),
				fc.double({ min: 0.01, max: 20, noNaN: true }),
				fc.double({ min: 0.01, max: 20, noNaN: true }),
				(r, seed, x, y) => {
					const [low, high] = x <= y ? [x, y] : [y, x];
					const options = { paths: 50, tradesPerPath: 40, seed };
					const a = monteCarlo(r, { ...options, ruinDrawdownR: low })!;
					const b = monteCarlo(r, { ...options, ruinDrawdownR: high })!;
					expect(a.ruinProbability).toBeGreaterThanOrEqual(0);
					expect(b.ruinProbability).toBeLessThanOrEqual(1);
					expect(a.ruinProbability).toBeGreaterThanOrEqual(b.ruinProbability);
					expect(ruinProbability(a, high)).toBe(b.ruinProbability);
					expect(a.maxDrawdowns).toEqual(b.maxDrawdowns);
					for (let i = 1; i < a.maxDrawdowns.length; i++)
						expect(a.maxDrawdowns[i]!).toBeGreaterThanOrEqual(a.maxDrawdowns[i - 1]!);
					expect(a.maxDrawdowns[0]!).toBeGreaterThanOrEqual(0);
				}
			),
			{ numRuns: 200 }
		);
	});
});

describe('seededRandom', () => {
	it('is xoshiro128** (the reference outputs from state 1, 2, 3, 4)', () => {
		const next = xoshiro128ss(1, 2, 3, 4);
		expect([next(), next(), next(), next()]).toEqual([11520, 0, 5927040, 70819200]);
	});

	it('repeats for a seed and stays in [0, 1)', () => {
		const a = seededRandom(7);
		const b = seededRandom(7);
		const draws = Array.from({ length: 10_000 }, () => a());
		expect(draws).toEqual(Array.from({ length: 10_000 }, () => b()));
		expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
		expect(Math.max(...draws)).toBeLessThan(1);
		const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
		expect(mean).toBeCloseTo(0.5, 1);
	});
});
