import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clampRange, panRange, pinchRange, zoomRange } from './trade-chart-zoom';

describe('zoomRange', () => {
	it('zooms in around the anchor, which keeps its place across the view', () => {
		expect(zoomRange(0, 100, 25, 0.5, 0, 100)).toEqual([12.5, 62.5]);
		expect(zoomRange(0, 100, 50, 0.5, 0, 100)).toEqual([25, 75]);
		expect(zoomRange(20, 60, 30, 0.5, 0, 100)).toEqual([25, 45]);
	});

	it('zooms out no further than the data, and slides back inside it', () => {
		expect(zoomRange(0, 100, 50, 4, 0, 100)).toEqual([0, 100]);
		// Zooming out near the left end: the view grows to the right instead of past the start.
		expect(zoomRange(0, 20, 2, 2, 0, 100)).toEqual([0, 40]);
		expect(zoomRange(80, 100, 98, 2, 0, 100)).toEqual([60, 100]);
	});

	it('stops at the smallest span', () => {
		expect(zoomRange(40, 60, 50, 0.01, 0, 100, 10)).toEqual([45, 55]);
		// A smallest span wider than the data gives the data.
		expect(zoomRange(40, 60, 50, 0.5, 0, 100, 500)).toEqual([0, 100]);
	});

	it('always gives a range inside the data, at least minSpan wide, holding the anchor in place', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 0.05, max: 20, noNaN: true }),
				(a, b, at, factor) => {
					const [min, max] = [Math.min(a, b) * 1000, Math.max(a, b) * 1000 + 1];
					const anchor = min + at * (max - min);
					const [lo, hi] = zoomRange(min, max, anchor, factor, 0, 1001, 1);
					expect(lo).toBeGreaterThanOrEqual(0);
					expect(hi).toBeLessThanOrEqual(1001);
					expect(hi - lo).toBeGreaterThanOrEqual(1 - 1e-9);
					const wanted = (max - min) * factor;
					// Unclamped, the anchor is where it was across the view.
					if (wanted >= 1 && lo > 0 && hi < 1001) expect((anchor - lo) / (hi - lo)).toBeCloseTo(at, 9);
				}
			)
		);
	});
});

describe('panRange', () => {
	it('moves the view, keeping its width, up to the ends of the data', () => {
		expect(panRange(10, 20, 5, 0, 100)).toEqual([15, 25]);
		expect(panRange(0, 10, 95, 0, 100)).toEqual([90, 100]);
		expect(panRange(10, 20, -50, 0, 100)).toEqual([0, 10]);
	});
});

describe('pinchRange', () => {
	it('spreading the fingers zooms in around them', () => {
		// The values under 40 px and 60 px (40 and 60) move to 30 px and 70 px.
		expect(pinchRange([0, 100], 100, [40, 60], [30, 70], 0, 100)).toEqual([25, 75]);
	});

	it('pinching zooms out, no further than the data', () => {
		expect(pinchRange([25, 75], 100, [30, 70], [40, 60], 0, 100)).toEqual([0, 100]);
		expect(pinchRange([25, 75], 100, [30, 70], [45, 55], 0, 100)).toEqual([0, 100]);
	});

	it('moving both fingers pans, and the values stay under them', () => {
		expect(pinchRange([20, 40], 200, [50, 150], [70, 170], 0, 100)).toEqual([18, 38]);
	});

	it('fingers on one spot pan by their middle', () => {
		expect(pinchRange([20, 40], 200, [100, 100], [80, 80], 0, 100)).toEqual([22, 42]);
	});

	it('keeps the smallest span however far the fingers spread', () => {
		expect(pinchRange([0, 100], 100, [49, 51], [0, 100], 0, 100, 10)).toEqual([45, 55]);
	});
});

describe('clampRange', () => {
	it('widens a range narrower than the smallest span around its middle', () => {
		expect(clampRange(49, 51, 0, 100, 10)).toEqual([45, 55]);
		expect(clampRange(0, 2, 0, 100, 10)).toEqual([0, 10]);
	});

	it('gives the data for an empty data range', () => {
		expect(clampRange(0, 10, 5, 5)).toEqual([5, 5]);
	});
});
