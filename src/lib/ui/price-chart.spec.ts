import { describe, expect, it } from 'vitest';
import { barDate, compactTick, dragPrice, visibleRange, indexOfTime, timeLabeller } from './price-chart';

const MIN = 60_000;

describe('price chart axis', () => {
	const times = [0, MIN, 2 * MIN, 10 * MIN];

	it('places an instant in the bar that holds it, by how far into the bar it is', () => {
		expect(indexOfTime(times, MIN, 0)).toBe(-0.5);
		expect(indexOfTime(times, MIN, MIN + 30_000)).toBe(1);
		expect(indexOfTime(times, MIN, 2 * MIN + 59_999)).toBeCloseTo(2.5, 4);
		// In a gap (no bar between 3 and 10 minutes): the end of the bar before it.
		expect(indexOfTime(times, MIN, 5 * MIN)).toBe(2.5);
		expect(indexOfTime(times, MIN, -1)).toBe(-0.5);
		expect(indexOfTime(times, MIN, 99 * MIN)).toBe(3.5);
		expect(indexOfTime([], MIN, 5)).toBe(0);
	});

	it('names bars by date (daily) or time of day with the date where it changes (intraday)', () => {
		const ny = (d: number, h: number, m = 0) => Date.UTC(2025, 0, d, h + 5, m);
		const intraday = timeLabeller('America/New_York', MIN);
		expect(intraday([ny(2, 9, 30), ny(2, 9, 31), ny(3, 9, 30)], [0, 1, 2, 7])).toEqual([
			'Jan 2 09:30',
			'09:31',
			'Jan 3 09:30',
			''
		]);
		// Daily bars by their own date, also where the display zone is west of the exchange.
		const daily = timeLabeller('America/Los_Angeles', 86_400_000);
		const dec31 = Date.UTC(2024, 11, 31, 5);
		expect(daily([dec31, ny(2, 0)], [0, 1])).toEqual(['Dec 31', 'Jan 2 2025']);
		expect(barDate(ny(2, 0))).toBe('2025-01-02');
		expect(barDate(Date.UTC(2025, 0, 2))).toBe('2025-01-02');
		// Tokyo's midnight of 2 January is 15:00 UTC on the 1st.
		expect(barDate(Date.UTC(2025, 0, 1, 15))).toBe('2025-01-02');
	});

	it('writes large numbers compactly', () => {
		expect([compactTick(54_999_300), compactTick(-2_500), compactTick(12), compactTick(3.2e9)]).toEqual([
			'55M',
			'-3k',
			'12',
			'3.2B'
		]);
	});

	it('fits the visible bars and the levels, skipping values not there yet', () => {
		const a = [NaN, NaN, 10, 12, 50];
		const b = [NaN, 11, 9, 13, NaN];
		// Bars 1..3: 9..13, 8% room each side.
		expect(visibleRange([a, b], 1, 3)).toEqual([9 - 0.32, 13 + 0.32]);
		expect(visibleRange([a, b], -5, 3, [20])).toEqual([9 - 0.88, 20 + 0.88]);
		expect(visibleRange([[NaN, NaN]], 0, 1)).toEqual([0, 1]);
		// A flat series gets 1% of its level as room.
		expect(visibleRange([[100, 100]], 0, 1)).toEqual([100 - 0.08, 100 + 0.08]);
	});

	it('rounds a dragged price to cents, or to four decimals under a dollar', () => {
		expect(dragPrice(13.2571)).toBe(13.26);
		expect(dragPrice(0.123456)).toBe(0.1235);
		expect(dragPrice(-2.005)).toBe(-2.0);
	});
});
