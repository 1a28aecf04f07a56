import { describe, expect, it } from 'vitest';
import { excursion, type ExcursionBars, type ExcursionTrade } from './excursion';

const MIN = 60_000;

// Long: 100 @ 10 in the first bar, 100 @ 10.5 in the second, all out @ 10.8 in the third; the
// fourth bar is after the close and must not count.
const longBars: ExcursionBars = {
	time: [0, MIN, 2 * MIN, 3 * MIN],
	high: [10.2, 10.6, 11, 12],
	low: [9.9, 10.1, 10.4, 9],
	timeframeMs: MIN
};
const longTrade: ExcursionTrade = {
	direction: 'long',
	openTime: 10_000,
	closeTime: 130_000,
	multiplier: 1,
	executions: [
		{ time: 10_000, side: 'buy', quantity: 100, price: 10 },
		{ time: 70_000, side: 'buy', quantity: 100, price: 10.5 },
		{ time: 130_000, side: 'sell', quantity: 200, price: 10.8 }
	]
};

describe('excursion', () => {
	it('long: best and worst prices, the P&L of the position held, and the best exit', () => {
		const x = excursion(longBars, longTrade)!;
		expect(x.bars).toBe(3);
		expect(x.mfePrice).toEqual({ price: 11, time: 2 * MIN });
		expect(x.maePrice).toEqual({ price: 9.9, time: 0 });
		// 200 held from 10.25 average (cash −2050): at 11 → +150; 100 from 10 at 10.1 → +10, 200 at 10.1 → −30.
		expect(x.mfePosition.pnl).toBeCloseTo(150, 9);
		expect(x.mfePosition).toMatchObject({ price: 11, time: 2 * MIN });
		expect(x.maePosition.pnl).toBeCloseTo(-30, 9);
		expect(x.maePosition).toMatchObject({ price: 10.1, time: MIN });
		// All 200 out at 11 from 10.25: +150, against the +110 made.
		expect(x.bestExit.price).toBe(11);
		expect(x.bestExit.time).toBe(2 * MIN);
		expect(x.bestExit.pnl).toBeCloseTo(150, 9);
		expect(x.bestExit.missed).toBeCloseTo(40, 9);
	});

	it('short with a multiplier: lows are favourable, highs adverse', () => {
		const bars: ExcursionBars = { time: [0, MIN], high: [101, 99], low: [99.5, 97], timeframeMs: MIN };
		const trade: ExcursionTrade = {
			direction: 'short',
			openTime: 5_000,
			closeTime: 65_000,
			multiplier: 50,
			executions: [
				{ time: 5_000, side: 'sell', quantity: 2, price: 100 },
				{ time: 65_000, side: 'buy', quantity: 2, price: 98 }
			]
		};
		const x = excursion(bars, trade)!;
		expect(x.mfePrice).toEqual({ price: 97, time: MIN });
		expect(x.maePrice).toEqual({ price: 101, time: 0 });
		// −2 from 100: at 97 → 3 × 2 × 50 = 300; at 101 → −100.
		expect(x.mfePosition).toEqual({ pnl: 300, price: 97, time: MIN });
		expect(x.maePosition).toEqual({ pnl: -100, price: 101, time: 0 });
		// Made (100 − 98) × 2 × 50 = 200; best exit 300.
		expect(x.bestExit).toEqual({ price: 97, time: MIN, pnl: 300, missed: 100 });
	});

	it('fills at one instant move the position together', () => {
		const trade: ExcursionTrade = {
			...longTrade,
			executions: [
				{ time: 10_000, side: 'buy', quantity: 50, price: 10 },
				{ time: 10_000, side: 'buy', quantity: 50, price: 10 },
				...longTrade.executions.slice(1)
			]
		};
		expect(excursion(longBars, trade)).toEqual(excursion(longBars, longTrade));
	});

	it('null when the bars do not cover the trade, for open trades and without bars', () => {
		expect(excursion({ ...longBars, time: [20_000, MIN, 2 * MIN, 3 * MIN] }, longTrade)).toBeNull();
		const early: ExcursionBars = { time: [0, MIN], high: [10.2, 10.6], low: [9.9, 10.1], timeframeMs: MIN };
		expect(excursion(early, longTrade)).toBeNull();
		expect(excursion(longBars, { ...longTrade, closeTime: null })).toBeNull();
		expect(excursion({ time: [], high: [], low: [], timeframeMs: NaN }, longTrade)).toBeNull();
	});
});
