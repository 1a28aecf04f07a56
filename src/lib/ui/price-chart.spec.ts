import { describe, expect, it } from 'vitest';
import {
	barDate,
	chartGrips,
	chartLines,
	compactTick,
	dragPrice,
	keptRange,
	visibleRange,
	indexOfTime,
	timeLabeller,
	type ChartLevel
} from './price-chart';

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
		// A half cent goes away from zero, as roundCents and roundToTick round (toFixed gave -2.00).
		expect(dragPrice(-2.005)).toBe(-2.01);
	});

	it('keeps a zoom for the same series with more bars, not for bars of another timeframe', () => {
		const kept = { first: 0, n: 20, timeframeMs: MIN, view: [10, 19] as [number, number] };
		// A revealed bar: the view at the right edge follows it.
		expect(keptRange(kept, { first: 0, n: 21, timeframeMs: MIN })).toEqual([11, 20]);
		expect(keptRange({ ...kept, view: [2, 8] }, { first: 0, n: 21, timeframeMs: MIN })).toEqual([2, 8]);
		// Five-minute bars of the same day start at the same time: indices mean other bars.
		expect(keptRange(kept, { first: 0, n: 20, timeframeMs: 5 * MIN })).toBeNull();
		expect(keptRange(kept, { first: 60_000, n: 21, timeframeMs: MIN })).toBeNull();
		expect(keptRange(kept, { first: 0, n: 4, timeframeMs: MIN })).toBeNull();
		expect(keptRange({ ...kept, view: [-1, 20] }, { first: 0, n: 21, timeframeMs: MIN })).toBeNull();
		expect(keptRange(null, { first: 0, n: 21, timeframeMs: MIN })).toBeNull();
	});
});

describe('price chart lines', () => {
	const levels: ChartLevel[] = [
		{ price: 49.5, label: 'o1 buy 100 limit', tone: 'accent', movable: true },
		{ price: 49.4, label: 'Avg 100', tone: 'muted', bracket: 'long' },
		{ price: 49.1, label: 'o2 sell 100 trailing 0.30', tone: 'loss', orders: 1 }
	];

	it('draws the levels, a dragged one where it is dragged to, and the proposed bracket', () => {
		const lines = chartLines(
			levels,
			{ stop: 49.2, target: null },
			{ grip: { kind: 'level', index: 0 }, from: 49.5, price: 49.55 }
		);
		expect(lines.map((l) => [l.price, l.label, l.orders, l.dash])).toEqual([
			[49.55, 'o1 buy 100 limit', 1, 'long'],
			[49.4, 'Avg 100', 0, 'long'],
			[49.1, 'o2 sell 100 trailing 0.30', 1, 'long'],
			[49.2, 'Stop', 0, 'short']
		]);
	});

	it('draws a drag from a long entry as the target above it and the stop below it', () => {
		const entry = { kind: 'entry', index: 1, side: 'long' } as const;
		const up = chartLines(levels, { stop: 49.2 }, { grip: entry, from: 49.4, price: 49.9 });
		expect(up.filter((l) => l.edge).map((l) => [l.edge, l.price])).toEqual([
			['stop', 49.2],
			['target', 49.9]
		]);
		const down = chartLines(levels, { stop: 49.2 }, { grip: entry, from: 49.4, price: 49.0 });
		expect(down.filter((l) => l.edge).map((l) => [l.edge, l.price])).toEqual([['stop', 49.0]]);
	});

	it('lets a pointer take the movable lines, and the entry and proposed lines when a bracket can be set', () => {
		expect(chartGrips(levels, { stop: 49.2 }, { move: true, bracket: false })).toEqual([
			{ grip: { kind: 'level', index: 0 }, price: 49.5 }
		]);
		expect(chartGrips(levels, { stop: 49.2, target: NaN }, { move: false, bracket: true })).toEqual([
			{ grip: { kind: 'entry', index: 1, side: 'long' }, price: 49.4 },
			{ grip: { kind: 'stop' }, price: 49.2 }
		]);
	});
});
