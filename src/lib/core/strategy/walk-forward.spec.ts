import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { barsOf, strategy } from '../../../../tests/support/strategy';
import { DEFAULT_BROKER_CONFIG, type Bar } from '../broker';
import { allRulesOff } from '../risk';
import type { BacktestMetrics } from './metrics';
import { backtest } from './backtest';
import { runCell, type RunConfig, type SweepCell, type SweepGrid } from './sweep';
import {
	planWalkForward,
	walkForward,
	walkForwardReport,
	walkForwardWindows,
	warmUpBars,
	type WalkForwardPlan
} from './walk-forward';

const CONFIG: RunConfig = { broker: DEFAULT_BROKER_CONFIG, risk: allRulesOff(), timeframeMs: MIN };
const SMA = strategy({ kind: 'sma-cross', fast: 2, slow: 4 });
const GRID: SweepGrid = [
	{ key: 'rule.fast', from: 2, to: 3, step: 1 },
	{ key: 'rule.slow', from: 4, to: 5, step: 1 }
];
const DAY = 86_400_000;

describe('walkForwardWindows', () => {
	it('cuts bars into complete windows: in-sample, then out-of-sample, moved on by the step', () => {
		expect(
			walkForwardWindows(new Array(11).fill(0), { unit: 'bars', inSample: 4, outOfSample: 2, step: 2 })
		).toEqual([
			{ isFrom: 0, isTo: 4, oosFrom: 4, oosTo: 6 },
			{ isFrom: 2, isTo: 6, oosFrom: 6, oosTo: 8 },
			{ isFrom: 4, isTo: 8, oosFrom: 8, oosTo: 10 }
		]);
		expect(
			walkForwardWindows(new Array(10).fill(0), { unit: 'bars', inSample: 5, outOfSample: 3, step: 5 })
		).toEqual([{ isFrom: 0, isTo: 5, oosFrom: 5, oosTo: 8 }]);
	});

	it('counts days as the New York dates that have bars, so a weekend is not a day', () => {
		// Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 March 2025, three bars each, then Mon 10.
		const dates = [0, 1, 2, 3, 4, 7];
		const times = dates.flatMap((d) => [0, 1, 2].map((i) => OPEN + d * DAY + i * MIN));
		expect(walkForwardWindows(times, { unit: 'days', inSample: 3, outOfSample: 1, step: 1 })).toEqual([
			{ isFrom: 0, isTo: 9, oosFrom: 9, oosTo: 12 },
			{ isFrom: 3, isTo: 12, oosFrom: 12, oosTo: 15 },
			{ isFrom: 6, isTo: 15, oosFrom: 15, oosTo: 18 }
		]);
	});

	it('says why there is no window', () => {
		expect(
			walkForwardWindows(new Array(5).fill(0), { unit: 'bars', inSample: 4, outOfSample: 2, step: 2 })
		).toBe('5 bars of bars do not hold one window of 4 in-sample and 2 out-of-sample bars');
		expect(walkForwardWindows([], { unit: 'days', inSample: 0, outOfSample: 2, step: 2 })).toBe(
			'The in-sample length must be a whole number of days ≥ 1, got 0'
		);
	});
});

describe('planWalkForward', () => {
	it('refuses a first in-sample stretch no longer than the warm-up: it has no bars before it to warm on', () => {
		expect(warmUpBars(strategy({ kind: 'sma-cross', fast: 3, slow: 5 }))).toBe(6);
		expect(
			planWalkForward(SMA, GRID, new Array(30).fill(0), {
				unit: 'bars',
				inSample: 6,
				outOfSample: 12,
				step: 12
			})
		).toBe(
			"The first in-sample stretch of 6 bars is too short: it has no bars before it to warm on, and the grid's longest indicator needs 6 bars before it can signal"
		);
	});

	it('takes out-of-sample stretches shorter than the warm-up: they warm on the bars before them', () => {
		const plan = planWalkForward(SMA, GRID, new Array(30).fill(0), {
			unit: 'bars',
			inSample: 20,
			outOfSample: 5,
			step: 5
		});
		expect(typeof plan !== 'string' && [plan.warmUp, plan.windows.length]).toEqual([6, 2]);
	});
});

/** A plan of one window over 20 bars and a one-cell-per-value grid, for the report's arithmetic. */
const PLAN: WalkForwardPlan = {
	windows: [{ isFrom: 0, isTo: 10, oosFrom: 10, oosTo: 15 }],
	grid: {
		columns: [2, 3],
		rows: [],
		cells: [2, 3].map((fast, index) => ({
			index,
			params: { 'rule.fast': fast },
			def: SMA,
			problem: null
		}))
	},
	warmUp: 5
};
const m = (netPnlCents: number, extra: Partial<BacktestMetrics> = {}) =>
	({
		trades: 1,
		netPnlCents,
		winRate: 1,
		profitFactor: null,
		maxDrawdownPct: 0,
		...extra
	}) as BacktestMetrics;
const cells = (...ms: BacktestMetrics[]): SweepCell[] =>
	ms.map((metrics, index) => ({ index, params: { 'rule.fast': index + 2 }, problem: null, metrics }));

describe('walkForwardReport', () => {
	it('picks the in-sample best and sets its out-of-sample figure beside it', () => {
		const report = walkForwardReport(PLAN, [cells(m(1000), m(4000))], [m(1500)], 'netPnl');
		expect(report.rows.map((r) => [r.params, r.inSample, r.outOfSample])).toEqual([
			[{ 'rule.fast': 3 }, 40, 15]
		]);
		// Per bar: $40 over 10 bars in-sample, $15 over 5 out-of-sample: 3 ÷ 4 = 0.75.
		expect(report.totals.efficiency).toBe(0.75);
		expect(report.warning).toBeNull();
		expect(report.totals).toMatchObject({ inSample: 40, outOfSample: 15, oosNetPnl: 15, oosTrades: 1 });
	});

	it('warns when out-of-sample keeps less than half the edge, and when the sign flips', () => {
		expect(walkForwardReport(PLAN, [cells(m(4000))], [m(900)], 'netPnl').warning).toBe(
			'Likely overfit: out-of-sample keeps 45% of the in-sample Net P&L ($) (below 50%)'
		);
		expect(walkForwardReport(PLAN, [cells(m(4000))], [m(-500)], 'netPnl').warning).toBe(
			'Likely overfit: Net P&L ($) flips from 40 in-sample to -5 out-of-sample'
		);
		expect(walkForwardReport(PLAN, [cells(m(-100))], [m(500)], 'netPnl').warning).toBe(
			'In-sample Net P&L ($) shows no edge (-1): nothing to confirm'
		);
		// A drawdown three times deeper out-of-sample: in-sample ÷ out-of-sample = 1/3.
		expect(
			walkForwardReport(
				PLAN,
				[cells(m(0, { maxDrawdownPct: 0.02 }))],
				[m(0, { maxDrawdownPct: 0.06 })],
				'maxDrawdownPct'
			).warning
		).toBe('Likely overfit: out-of-sample keeps 33% of the in-sample Max drawdown % (below 50%)');
	});
});

describe('walkForward', () => {
	const bars = (n: number, symbol = 'SPY'): Bar[] =>
		Array.from({ length: n }, (_, i) => {
			const close = 100 + 5 * Math.sin(i / 3);
			return {
				symbol,
				time: OPEN + i * MIN,
				open: close - 0.1,
				high: close + 0.5,
				low: close - 0.5,
				close,
				volume: 1000
			};
		});

	it('runs the in-sample winner on its out-of-sample bars, warmed on the warm-up bars just before them', () => {
		const all = bars(60);
		const spec = { unit: 'bars', inSample: 20, outOfSample: 10, step: 10 } as const;
		const report = walkForward(SMA, all, GRID, spec, 'netPnl', CONFIG);
		expect(report.rows.map((r) => r.window)).toEqual([
			{ isFrom: 0, isTo: 20, oosFrom: 20, oosTo: 30 },
			{ isFrom: 10, isTo: 30, oosFrom: 30, oosTo: 40 },
			{ isFrom: 20, isTo: 40, oosFrom: 40, oosTo: 50 },
			{ isFrom: 30, isTo: 50, oosFrom: 50, oosTo: 60 }
		]);
		for (const row of report.rows) {
			if (!row.params) continue;
			const def = {
				...SMA,
				rule: { kind: 'sma-cross' as const, fast: row.params['rule.fast']!, slow: row.params['rule.slow']! }
			};
			// The grid's warm-up is SMA(5)'s: 6 bars read before the stretch, none of them traded.
			const { oosFrom, oosTo } = row.window;
			expect(row.oosMetrics).toEqual(runCell(def, all.slice(oosFrom - 6, oosTo), CONFIG, 6));
		}
	});

	it('a warm run trades only its stretch: its figures are of the stretch, and a crossing in the warm-up is not traded', () => {
		fc.assert(
			fc.property(barsOf(40), fc.integer({ min: 1, max: 20 }), (all, from) => {
				const warm = runCell(SMA, all.slice(0, 30), CONFIG, from);
				const result = backtest(SMA, all.slice(0, 30), CONFIG.broker, CONFIG.risk, MIN, {
					tradeFrom: all[from]!.time
				});
				// Nothing fills before the stretch, nor is placed before it.
				expect(result.executions.every((e) => e.time > all[from]!.time)).toBe(true);
				expect(result.orders.every((o) => o.order.submittedAt >= all[from]!.time)).toBe(true);
				expect(result.equity).toHaveLength(30 - from);
				expect(warm.exposure).toBeLessThanOrEqual(1);
			}),
			{ numRuns: 20 }
		);
	});

	it('no look-ahead: changing bars after a window ends never changes its choice or figures; bars before its warm-up change nothing of its out-of-sample run', () => {
		const spec = { unit: 'bars', inSample: 16, outOfSample: 8, step: 8 } as const;
		fc.assert(
			fc.property(barsOf(48), barsOf(48), fc.nat(), (all, other, pick) => {
				const before = walkForward(SMA, all, GRID, spec, 'netPnl', CONFIG);
				const w = pick % before.rows.length;
				const { oosFrom, oosTo } = before.rows[w]!.window;
				// Bars from `from` on replaced by other random bars at the same times.
				const replacedFrom = (from: number) => all.map((b, i) => (i < from ? b : (other[i] ?? b)));
				const after = walkForward(SMA, replacedFrom(oosTo), GRID, spec, 'netPnl', CONFIG);
				expect(after.rows[w]).toEqual(before.rows[w]);
				// And the out-of-sample bars never steer their own window's choice.
				const again = walkForward(SMA, replacedFrom(oosFrom), GRID, spec, 'netPnl', CONFIG).rows[w]!;
				expect([again.params, again.inSample, again.isMetrics]).toEqual([
					before.rows[w]!.params,
					before.rows[w]!.inSample,
					before.rows[w]!.isMetrics
				]);
				// The out-of-sample run reads only the 6 warm-up bars strictly before its stretch and the stretch.
				const r = before.rows[w]!;
				if (r.params) {
					const def = {
						...SMA,
						rule: { kind: 'sma-cross' as const, fast: r.params['rule.fast']!, slow: r.params['rule.slow']! }
					};
					const early = all.map((b, i) => (i < oosFrom - 6 ? (other[i] ?? b) : b));
					expect(runCell(def, early.slice(oosFrom - 6, oosTo), CONFIG, 6)).toEqual(r.oosMetrics);
				}
			}),
			{ numRuns: 12 }
		);
	});
});
