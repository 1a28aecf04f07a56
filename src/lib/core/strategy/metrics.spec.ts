import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { CROSS_BARS, STRATEGY_BROKER, strategy } from '../../../../tests/support/strategy';
import { allRulesOff } from '../risk';
import { Backtest, backtest } from './backtest';
import { backtestMetrics } from './metrics';
import { STRATEGY_TEMPLATES } from './templates';
import { strategyProblem } from './types';

const BROKER = STRATEGY_BROKER;
const SMA_2_3 = strategy({ kind: 'sma-cross', fast: 2, slow: 3 });

describe('backtestMetrics', () => {
	it('SMA(2)/SMA(3) over the crossing bars: one closed loser, one open trade, worked by hand', () => {
		const result = backtest(SMA_2_3, CROSS_BARS, BROKER, allRulesOff(), MIN);
		const { trades, metrics } = backtestMetrics(result, CROSS_BARS, 100_000);
		// Bought 10 at 11.04 (bar 4), sold at 10.07 (bar 7): −9.70 less $1 each way; bought again at bar 10.
		expect(trades.map((t) => [t.openTime, t.closeTime, t.entryPrice, t.quantity, t.netCents, t.r])).toEqual([
			[OPEN + 4 * MIN, OPEN + 7 * MIN, 11.04, 10, -11_70, null],
			[OPEN + 10 * MIN, null, 10.1, 10, -1_00, null]
		]);
		expect(metrics).toMatchObject({
			trades: 1,
			wins: 0,
			losses: 1,
			winRate: 0,
			netPnlCents: -11_70,
			grossProfitCents: 0,
			grossLossCents: -11_70,
			profitFactor: 0,
			expectancyR: null,
			tradesWithR: 0,
			expectancyCents: -11_70,
			commissionsCents: 3_00,
			averageHoldingMs: 3 * MIN,
			startingEquity: 100_000
		});
		// Held on bars 4, 5, 6 (closed at 7's open) and 10, 11 (open to the end): 5 of 12.
		expect(metrics.exposure).toBe(5 / 12);
		expect(metrics.endingEquity).toBe(result.equity[11]);
		expect(metrics.endingEquity).toBeCloseTo(100_000 - 9.7 - 3 + (12 - 10.1) * 10, 6);
		// Peak after bar 4: bought at 11.04 less $1, marked at 12: 100,008.60. Low once sold at 10.07
		// on bar 7, −$9.70 less $2 in all: 99,988.30. The fall: 20.30 of that peak.
		expect(result.equity[4]).toBeCloseTo(100_008.6, 9);
		expect(result.equity[7]).toBeCloseTo(99_988.3, 9);
		expect(metrics.maxDrawdown).toBeCloseTo(20.3, 9);
		expect(metrics.maxDrawdownPct).toBeCloseTo(20.3 / 100_008.6, 12);
	});

	it('R of a trade is its net P&L over the risk at its entry intent’s stop', () => {
		const def = {
			...SMA_2_3,
			exits: { stop: { atrMultiple: 3 }, target: null, atrPeriod: 2, flatAtSessionEnd: false }
		};
		const result = backtest(def, CROSS_BARS, BROKER, allRulesOff(), MIN);
		const { trades, metrics } = backtestMetrics(result, CROSS_BARS, 100_000);
		const entry = result.orders.find((o) => o.intent.kind === 'entry')!.intent;
		if (entry.kind !== 'entry' || entry.stop === null) throw new Error('expected an entry with a stop');
		const first = trades[0]!;
		expect(first.stop).toBe(entry.stop);
		expect(first.r).toBeCloseTo(first.netCents / (Math.abs(first.entryPrice - entry.stop) * 10 * 100), 12);
		expect(metrics.expectancyR).toBe(first.r);
		expect(metrics.tradesWithR).toBe(1);
	});
});

describe('Backtest in slices', () => {
	it('gives the same result as the run at once, whatever the slices', () => {
		const whole = backtest(SMA_2_3, CROSS_BARS, BROKER, allRulesOff(), MIN);
		const run = new Backtest(SMA_2_3, CROSS_BARS, BROKER, allRulesOff(), MIN);
		const seen: [number, boolean][] = [];
		for (const n of [0, 5, 1, 4, 100]) seen.push([run.done, run.advance(n)]);
		expect(seen).toEqual([
			[0, false],
			[0, false],
			[5, false],
			[6, false],
			[10, true]
		]);
		expect(run.done).toBe(12);
		expect(run.total).toBe(12);
		expect(run.result()).toEqual(whole);
	});

	it('a part-way result is the run up to there', () => {
		const run = new Backtest(SMA_2_3, CROSS_BARS, BROKER, allRulesOff(), MIN);
		run.advance(6);
		expect(run.finished).toBe(false);
		expect(run.result().equity).toHaveLength(6);
		expect(run.result().executions.map((e) => e.side)).toEqual(['buy']);
	});
});

describe('STRATEGY_TEMPLATES', () => {
	it('one of each kind, every one valid', () => {
		expect(STRATEGY_TEMPLATES.map((t) => [t.rule.kind, strategyProblem(t)])).toEqual([
			['sma-cross', null],
			['ema-cross', null],
			['rsi-reversion', null],
			['signals', null],
			['composed', null],
			['breakout', null]
		]);
	});
});

describe('backtestMetrics: several symbols', () => {
	it('exposure is the clock steps with any position; trades and net P&L split by symbol', () => {
		// QQQ: the same bars two minutes later, so the clock has 14 steps and the holdings overlap in part.
		const qqq = CROSS_BARS.map((b) => ({ ...b, symbol: 'QQQ', time: b.time + 2 * MIN }));
		const bars = [...CROSS_BARS, ...qqq].sort((a, b) => a.time - b.time);
		const result = backtest(SMA_2_3, bars, BROKER, allRulesOff(), MIN, { symbols: ['SPY', 'QQQ'] });
		const { metrics, bySymbol } = backtestMetrics(result, bars, 100_000);
		// SPY holds steps 4–6 and 10–13, QQQ steps 6–8 and 12–13: together 4–8 and 10–13, 9 of 14.
		expect(metrics.exposure).toBe(9 / 14);
		expect(metrics.trades).toBe(2);
		expect(metrics.netPnlCents).toBe(-23_40);
		expect(bySymbol).toEqual([
			{ symbol: 'SPY', trades: 1, netPnlCents: -11_70 },
			{ symbol: 'QQQ', trades: 1, netPnlCents: -11_70 }
		]);
	});

	it('one symbol: bySymbol holds its totals', () => {
		const result = backtest(SMA_2_3, CROSS_BARS, BROKER, allRulesOff(), MIN);
		const { metrics, bySymbol } = backtestMetrics(result, CROSS_BARS, 100_000);
		expect(bySymbol).toEqual([{ symbol: 'SPY', trades: metrics.trades, netPnlCents: metrics.netPnlCents }]);
	});
});
