import { describe, expect, it } from 'vitest';
import { higherTimeframes, spacingLabel } from './bars';

describe('chart bars', () => {
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
