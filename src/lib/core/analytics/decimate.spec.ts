import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { m4Indices, pick } from './decimate';

/** The bucket of each x, as m4Indices computes it. */
function bucketOf(x: ArrayLike<number>, buckets: number): (i: number) => number {
	const x0 = x[0]!;
	const span = x[x.length - 1]! - x0;
	const scale = span > 0 ? buckets / span : 0;
	return (i) => Math.min(buckets - 1, Math.floor((x[i]! - x0) * scale));
}

/** A random walk on ascending (sometimes repeated) times. */
const walk = fc
	.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: -50, max: 50 })), {
		minLength: 1,
		maxLength: 400
	})
	.map((steps) => {
		const x = new Float64Array(steps.length);
		const y = new Float64Array(steps.length);
		let t = 0;
		let v = 0;
		steps.forEach(([dt, dv], i) => {
			t += dt;
			v += dv;
			x[i] = t;
			y[i] = v;
		});
		return { x, y };
	});

describe('m4Indices', () => {
	it('is the identity when there are at most 4 points a bucket', () => {
		const x = Float64Array.from({ length: 40 }, (_, i) => i);
		const y = x.map((v) => Math.sin(v));
		expect([...m4Indices(x, [y], 10)]).toEqual([...x]);
		expect([...m4Indices([], [[]], 10)]).toEqual([]);
		expect([...m4Indices([5], [[1]], 1)]).toEqual([0]);
	});

	it('keeps first, last, min and max of each bucket, in order', () => {
		// 2 buckets over x 0..11 (span 11): x < 5.5 in the first, the rest in the second.
		const x = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
		const y = [5, 9, 1, 4, 4, 6, 3, 3, 8, 0, 2, 7];
		// First bucket: first 0, max 1 (9), min 2 (1), last 5. Second: first 6, min 9 (0), max 8 (8), last 11.
		expect([...m4Indices(x, [y], 2)]).toEqual([0, 1, 2, 5, 6, 8, 9, 11]);
	});

	it('keeps every series’ extremes on the shared x', () => {
		const x = Array.from({ length: 9 }, (_, i) => i);
		const a = [0, 1, 2, 3, 4, 5, 6, 7, 8];
		const b = [0, 0, 0, -5, 0, 0, 0, 9, 0];
		// One bucket: first 0, last 8 (a's min and max), b's min 3 and max 7.
		expect([...m4Indices(x, [a, b], 1)]).toEqual([0, 3, 7, 8]);
		expect([...m4Indices(x, [a], 1)]).toEqual([0, 8]);
	});

	it('puts all points at one x in one bucket', () => {
		const x = new Float64Array(10).fill(7);
		const y = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3];
		expect([...m4Indices(x, [y], 2)]).toEqual([0, 1, 5, 9]);
	});

	it('never picks NaN as an extreme', () => {
		const x = [0, 1, 2, 3, 4, 5];
		const y = [1, NaN, 2, NaN, 0, 1];
		// Max 2 at index 2, min 0 at index 4; the NaNs are skipped.
		expect([...m4Indices(x, [y], 1)]).toEqual([0, 2, 4, 5]);
	});

	it('rejects series of another length', () => {
		expect(() => m4Indices([1, 2], [[1]], 1)).toThrow(RangeError);
	});

	it('keeps, for any walk and width, the global and every bucket’s first, last, min and max, in order', () => {
		fc.assert(
			fc.property(walk, fc.integer({ min: 1, max: 60 }), ({ x, y }, buckets) => {
				const kept = m4Indices(x, [y], buckets);
				// Ascending, each once, in range.
				for (let k = 1; k < kept.length; k++) expect(kept[k]!).toBeGreaterThan(kept[k - 1]!);
				if (x.length <= 4 * buckets) {
					expect(kept.length).toBe(x.length);
					return;
				}
				expect(kept.length).toBeLessThanOrEqual(4 * buckets);
				expect(kept[0]).toBe(0);
				expect(kept[kept.length - 1]).toBe(x.length - 1);
				const drawn = pick(y, kept);
				expect(Math.min(...drawn)).toBe(Math.min(...y));
				expect(Math.max(...drawn)).toBe(Math.max(...y));
				// Per bucket: the kept points' first/last index and min/max value equal the full data's.
				const bucket = bucketOf(x, buckets);
				const full = new Map<number, { first: number; last: number; min: number; max: number }>();
				const seen = new Map<number, { first: number; last: number; min: number; max: number }>();
				const add = (into: typeof full, i: number) => {
					const b = bucket(i);
					const e = into.get(b);
					if (!e) into.set(b, { first: i, last: i, min: y[i]!, max: y[i]! });
					else {
						e.last = i;
						e.min = Math.min(e.min, y[i]!);
						e.max = Math.max(e.max, y[i]!);
					}
				};
				for (let i = 0; i < x.length; i++) add(full, i);
				for (const i of kept) add(seen, i);
				expect(seen).toEqual(full);
			})
		);
	});

	it('decimates a million points to at most 4 a bucket', () => {
		const n = 1_000_000;
		const x = Float64Array.from({ length: n }, (_, i) => i * 60_000);
		const y = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000) * 100 + (i % 7));
		const kept = m4Indices(x, [y], 1000);
		expect(kept.length).toBeLessThanOrEqual(4000);
		expect(kept.length).toBeGreaterThan(1000);
	});
});

describe('pick', () => {
	it('takes the values at the indices', () => {
		expect([...pick([10, 20, 30, 40], Uint32Array.from([0, 2, 3]))]).toEqual([10, 30, 40]);
	});
});
