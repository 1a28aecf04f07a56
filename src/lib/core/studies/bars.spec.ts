import { describe, expect, it } from 'vitest';
import { higherTimeframes, mergeBars, spacingLabel } from './bars';

const col = (...xs: number[]) => Float64Array.from(xs);
function chunk(times: number[], price: number) {
	return {
		time: col(...times),
		open: col(...times.map(() => price)),
		high: col(...times.map(() => price + 1)),
		low: col(...times.map(() => price - 1)),
		close: col(...times.map(() => price)),
		volume: col(...times.map(() => price * 10))
	};
}

describe('chart bars', () => {
	it('merges imports by time, the later import winning where they overlap', () => {
		const merged = mergeBars([chunk([3, 1, 2].sort(), 10), chunk([2, 3, 4], 20)]);
		expect([...merged.time]).toEqual([1, 2, 3, 4]);
		expect([...merged.close]).toEqual([10, 20, 20, 20]);
		expect([...merged.volume]).toEqual([100, 200, 200, 200]);
		const one = chunk([1, 2], 5);
		expect(mergeBars([one])).toBe(one);
	});

	it('offers the longer timeframes a whole number of bars fills', () => {
		expect(higherTimeframes(60_000)).toEqual(['5m', '15m', '30m', '1h', '1D']);
		expect(higherTimeframes(5 * 60_000)).toEqual(['15m', '30m', '1h', '1D']);
		expect(higherTimeframes(7 * 60_000)).toEqual([]);
		expect(higherTimeframes(86_400_000)).toEqual([]);
		expect(higherTimeframes(NaN)).toEqual([]);
	});

	it('names a spacing', () => {
		expect(spacingLabel(60_000)).toBe('1m');
		expect(spacingLabel(86_400_000)).toBe('1D');
		expect(spacingLabel(7 * 86_400_000)).toBe('7D');
		expect(spacingLabel(2 * 60_000)).toBe('2m');
		expect(spacingLabel(30_000)).toBe('30s');
	});
});
