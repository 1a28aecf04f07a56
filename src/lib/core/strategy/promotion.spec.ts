import { describe, expect, it } from 'vitest';
import { MIN } from '../../../../tests/support/paper-facts';
import { CROSS_BARS, STRATEGY_BROKER, strategy } from '../../../../tests/support/strategy';
import { allRulesOff } from '../risk';
import { backtest } from './backtest';
import { MIN_LIVE_TRADES, promotionColumn, promotionNotes, promotionTrades } from './promotion';

const t = (net: number, r: number | null = null, slippage: number | null = null) => ({ net, r, slippage });

describe('promotionColumn', () => {
	it('win rate, expectancy in $ and R, slippage: each over the trades that have it', () => {
		expect(promotionColumn('Backtest', [t(120, 1.2, 0.01), t(-50, -0.5), t(30, null, 0.03)])).toEqual({
			label: 'Backtest',
			trades: 3,
			winRate: 2 / 3,
			expectancy: 100 / 3,
			expectancyR: (1.2 - 0.5) / 2,
			tradesWithR: 2,
			slippage: 0.02,
			tradesWithSlippage: 2
		});
		expect(promotionColumn('Real', [])).toMatchObject({ trades: 0, winRate: null, expectancy: null });
	});
});

describe('promotionNotes', () => {
	const many = (n: number, make: (i: number) => ReturnType<typeof t>) =>
		Array.from({ length: n }, (_, i) => make(i));
	// 55 % winners at +1R, the rest −1R: expectancy 0.1R.
	const test = promotionColumn(
		'Backtest',
		many(100, (i) => (i < 55 ? t(100, 1, 0.01) : t(-100, -1, 0.01)))
	);

	it('says nothing when the live trades behave like the test', () => {
		const live = promotionColumn(
			'Real',
			many(40, (i) => (i < 22 ? t(100, 1, 0.01) : t(-100, -1, 0.01)))
		);
		expect(promotionNotes(test, live)).toEqual([]);
	});

	it('names a lower win rate, an edge that does not show and worse slippage, with the numbers', () => {
		const live = promotionColumn(
			'Real',
			many(40, (i) => (i < 15 ? t(100, 1, 0.05) : t(-100, -1, 0.05)))
		);
		expect(promotionNotes(test, live)).toEqual([
			'Real win rate 38% against 55% in the backtest: 17 points lower.',
			'Real expectancy -0.25R against 0.10R in the backtest: the edge does not show live.',
			'Real entries slip 0.0500 a share against 0.0100 in the backtest.'
		]);
	});

	it('too few live trades: says how many are needed', () => {
		const live = promotionColumn('Paper replay', [t(10, 0.1)]);
		expect(promotionNotes(test, live)[0]).toBe(
			`1 paper replay trade so far: at least ${MIN_LIVE_TRADES} are needed before the figures say much.`
		);
	});
});

describe('promotionTrades', () => {
	it('a backtest’s closed trades with their slippage against the signal bar’s close', () => {
		// SMA(2)/SMA(3) over the crossing bars: signal at bar 3's close 11, bought at bar 4's open 11.04.
		const result = backtest(
			strategy({ kind: 'sma-cross', fast: 2, slow: 3 }),
			CROSS_BARS,
			STRATEGY_BROKER,
			allRulesOff(),
			MIN
		);
		const trades = promotionTrades(result);
		expect(trades).toHaveLength(1);
		expect(trades[0]!.net).toBe(-11.7);
		expect(trades[0]!.r).toBe(null);
		expect(trades[0]!.slippage).toBeCloseTo(0.04, 10);
	});
});
