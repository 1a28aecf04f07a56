import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { histogram, quantile, selectQuantile } from './histogram';

const plain = (h: { edges: Float64Array; counts: Uint32Array }) => ({
	edges: [...h.edges],
	counts: [...h.counts]
});

describe('histogram', () => {
	it('bins by Freedman–Diaconis on nice edges, 0 among them', () => {
		// IQR 22 (−10 to 12), n 5: width 2 × 22 / ∛5 = 25.7, rounded up to 50.
		expect(plain(histogram([-30, -10, 5, 12, 40]))).toEqual({ edges: [-50, 0, 50], counts: [2, 3] });
		// IQR 1.5 of 0..9 step 0.5 … width 2 × 4.5 / ∛19 = 3.36 → 5.
		const halves = Array.from({ length: 19 }, (_, i) => i / 2);
		expect(plain(histogram(halves))).toEqual({ edges: [0, 5, 10], counts: [10, 9] });
	});

	it('puts edges on exact decimals', () => {
		const r = [-1, -1, -0.4, 0.3, 0.35, 0.6, 1.2, 2.05, 3];
		const h = histogram(r);
		// IQR 1.6 (−0.4 to 1.2), n 9: width 3.2 / ∛9 = 1.54 → 2.
		expect(plain(h)).toEqual({ edges: [-2, 0, 2, 4], counts: [3, 4, 2] });
		// 1,000 values 0.000 … 0.999: IQR 0.4995, width 0.999 / 10 → 0.1; edges are 0.3, not 3 × 0.1.
		const thousandths = histogram(Array.from({ length: 1000 }, (_, i) => i / 1000));
		expect([...thousandths.edges]).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
		expect([...thousandths.counts]).toEqual(new Array(10).fill(100));
	});

	it('handles no values, one value and non-finite values', () => {
		expect(plain(histogram([]))).toEqual({ edges: [], counts: [] });
		expect(plain(histogram([0, 0, 0]))).toEqual({ edges: [0, 1], counts: [3] });
		expect(plain(histogram([25, 25]))).toEqual({ edges: [25, 27.5], counts: [2] });
		expect(plain(histogram([NaN, Infinity, 1, -Infinity, 1]))).toEqual({ edges: [1, 1.1], counts: [2] });
	});

	it('caps the number of bins when a few trades are far out', () => {
		const values = [...Array.from({ length: 1000 }, (_, i) => (i % 100) - 50), 1_000_000];
		const h = histogram(values, { maxBins: 20 });
		expect(h.counts.length).toBeLessThanOrEqual(20);
		expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1001);
	});

	it('makes equal bins on request, the last one closed', () => {
		expect(plain(histogram([1, 2, 3, 4], { bins: 3 }))).toEqual({ edges: [1, 2, 3, 4], counts: [1, 1, 2] });
		expect(plain(histogram([7], { bins: 2 }))).toEqual({ edges: [7, 7.5, 8], counts: [1, 0] });
		expect(() => histogram([1], { bins: 0 })).toThrow(RangeError);
		expect(() => histogram([1], { maxBins: 1.5 })).toThrow(RangeError);
		expect(() => histogram([1], { maxBins: 1 })).toThrow(RangeError);
	});

	it('counts every value once, in the bin whose edges hold it', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.oneof(
						fc.integer({ min: -1e7, max: 1e7 }).map((c) => c / 100),
						fc.double({ min: -50, max: 50, noNaN: true })
					),
					{
						minLength: 1,
						maxLength: 300
					}
				),
				fc.integer({ min: 2, max: 80 }),
				(values, maxBins) => {
					const { edges, counts } = histogram(values, { maxBins });
					expect(counts.length).toBe(edges.length - 1);
					expect(counts.length).toBeLessThanOrEqual(maxBins);
					expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
					for (let i = 1; i < edges.length; i++) expect(edges[i]!).toBeGreaterThan(edges[i - 1]!);
					const expected = new Array<number>(counts.length).fill(0);
					for (const v of values) {
						const bin = edges.findIndex((e, i) => i < counts.length && v >= e && v < edges[i + 1]!);
						expect(bin).toBeGreaterThanOrEqual(0);
						expected[bin]!++;
					}
					expect([...counts]).toEqual(expected);
					const min = Math.min(...values);
					const max = Math.max(...values);
					if (min < 0 && max > 0) expect([...edges]).toContain(0);
				}
			),
			{ numRuns: 300 }
		);
	});
});

describe('quantile', () => {
	it('interpolates between sorted values', () => {
		expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
		expect(quantile([1, 2, 3, 4], 1)).toBe(4);
		expect(quantile([5], 0.5)).toBe(5);
	});

	it('selects the quantile a sort would give', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: -50, max: 50 }), { minLength: 1, maxLength: 200 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(values, q) => {
					const sorted = Float64Array.from(values).sort();
					expect(selectQuantile(Float64Array.from(values), q)).toBe(quantile(sorted, q));
				}
			)
		);
	});
});
