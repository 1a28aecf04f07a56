import { describe, expect, it } from 'vitest';
import { MIN } from '../../../../tests/support/paper-facts';
import { CROSS_CLOSES, rowBars, strategy } from '../../../../tests/support/strategy';
import { DEFAULT_BROKER_CONFIG } from '../broker';
import { allRulesOff } from '../risk';
import { backtest } from './backtest';
import { backtestMetrics, type BacktestMetrics } from './metrics';
import {
	axisValues,
	bestCell,
	MAX_SWEEP_CELLS,
	metricValue,
	planSweep,
	sweep,
	sweepParameters,
	withParameter,
	type RunConfig,
	type SweepCell
} from './sweep';
import { STRATEGY_TEMPLATES } from './templates';

const CONFIG: RunConfig = {
	broker: { ...DEFAULT_BROKER_CONFIG, commission: { kind: 'per_share', perShare: 0.005, minimum: 1 } },
	risk: allRulesOff(),
	timeframeMs: MIN
};

/** The backtest spec's bars: SMA(2)/SMA(3) cross up at bar 3, down at 6, up at 9; opens told apart. */
const CROSS_BARS = rowBars(
	CROSS_CLOSES.map((close, i) => {
		const open = i === 0 ? close : Math.round((CROSS_CLOSES[i - 1]! + i / 100) * 100) / 100;
		return [open, Math.max(open, close) + 0.1, Math.min(open, close) - 0.1, close] as const;
	})
);

const SMA = strategy({ kind: 'sma-cross', fast: 2, slow: 3 });

describe('planSweep', () => {
	it('expands the grid in reading order: the first parameter across, the second down', () => {
		const plan = planSweep(SMA, [
			{ key: 'rule.fast', from: 1, to: 3, step: 1 },
			{ key: 'rule.slow', from: 3, to: 4, step: 1 }
		]);
		if (typeof plan === 'string') throw new Error(plan);
		expect(plan.columns).toEqual([1, 2, 3]);
		expect(plan.rows).toEqual([3, 4]);
		expect(plan.cells.map((c) => [c.index, c.params['rule.fast'], c.params['rule.slow']])).toEqual([
			[0, 1, 3],
			[1, 2, 3],
			[2, 3, 3],
			[3, 1, 4],
			[4, 2, 4],
			[5, 3, 4]
		]);
		expect(plan.cells[4]!.def.rule).toEqual({ kind: 'sma-cross', fast: 2, slow: 4 });
	});

	it('marks a cell whose definition cannot run with the reason, and runs the others', () => {
		const plan = planSweep(SMA, [
			{ key: 'rule.fast', from: 2, to: 3, step: 1 },
			{ key: 'rule.slow', from: 3, to: 3, step: 1 }
		]);
		if (typeof plan === 'string') throw new Error(plan);
		expect(plan.cells.map((c) => c.problem)).toEqual([
			null,
			'SMA cross fast (3) must be shorter than slow (3)'
		]);
	});

	it('a one-parameter sweep is one row', () => {
		const plan = planSweep(SMA, [{ key: 'sizing.quantity', from: 10, to: 30, step: 10 }]);
		if (typeof plan === 'string') throw new Error(plan);
		expect(plan.rows).toEqual([]);
		expect(plan.cells.map((c) => c.def.sizing)).toEqual([
			{ by: 'quantity', quantity: 10 },
			{ by: 'quantity', quantity: 20 },
			{ by: 'quantity', quantity: 30 }
		]);
	});

	it('refuses a grid over the cap, an unknown parameter and the same parameter twice, saying why', () => {
		expect(
			planSweep(SMA, [
				{ key: 'rule.fast', from: 1, to: 21, step: 1 },
				{ key: 'rule.slow', from: 1, to: 20, step: 1 }
			])
		).toBe(
			`21 × 20 = 420 cells is more than a sweep runs (${MAX_SWEEP_CELLS}): widen a step or narrow a range`
		);
		expect(planSweep(SMA, [{ key: 'rule.period', from: 1, to: 2, step: 1 }])).toBe(
			'Test has no parameter rule.period to sweep'
		);
		expect(
			planSweep(SMA, [
				{ key: 'rule.fast', from: 1, to: 2, step: 1 },
				{ key: 'rule.fast', from: 1, to: 2, step: 1 }
			])
		).toBe('Pick two different parameters to sweep');
	});
});

describe('axisValues', () => {
	it('steps from `from` to `to` inclusive without float noise', () => {
		expect(axisValues({ key: 'k', from: 5, to: 20, step: 5 })).toEqual([5, 10, 15, 20]);
		expect(axisValues({ key: 'k', from: 0.1, to: 0.3, step: 0.1 })).toEqual([0.1, 0.2, 0.3]);
		expect(axisValues({ key: 'k', from: 20, to: 100, step: 30 })).toEqual([20, 50, 80]);
	});

	it('says what is wrong with an axis', () => {
		expect(axisValues({ key: 'rule.fast', from: 5, to: 1, step: 1 })).toBe(
			'rule.fast: from (5) must not be above to (1)'
		);
		expect(axisValues({ key: 'rule.fast', from: 1, to: 5, step: 0 })).toBe(
			'rule.fast: the step must be above 0, got 0'
		);
		expect(axisValues({ key: 'rule.fast', from: NaN, to: 5, step: 1 })).toBe(
			'rule.fast: from, to and step must be numbers'
		);
	});
});

describe('sweepParameters and withParameter', () => {
	it("lists each template's numeric parameters", () => {
		expect(STRATEGY_TEMPLATES.map((t) => sweepParameters(t).map((p) => p.key))).toEqual([
			['rule.fast', 'rule.slow', 'sizing.quantity', 'exits.atrPeriod'],
			[
				'rule.fast',
				'rule.slow',
				'sizing.amount',
				'exits.stop.atrMultiple',
				'exits.target.value',
				'exits.atrPeriod'
			],
			[
				'rule.period',
				'rule.oversold',
				'rule.overbought',
				'sizing.percent',
				'exits.stop.atrMultiple',
				'exits.atrPeriod'
			],
			// The signal generator: its confirmation and stop; a composed rule: no number of its own.
			[
				'rule.minGroups',
				'rule.atrPeriod',
				'rule.stopAtr',
				'sizing.percent',
				'exits.target.value',
				'exits.atrPeriod'
			],
			['sizing.amount', 'exits.stop.atrMultiple', 'exits.atrPeriod'],
			['rule.lookback', 'rule.atrPeriod', 'rule.atrMultiple', 'sizing.amount', 'exits.atrPeriod']
		]);
	});

	it('sets a nested value on a copy', () => {
		const ema = STRATEGY_TEMPLATES[1]!;
		const changed = withParameter(ema, 'exits.stop.atrMultiple', 3);
		expect(changed.exits.stop).toEqual({ atrMultiple: 3 });
		expect(ema.exits.stop).toEqual({ atrMultiple: 2 });
		expect(() => withParameter(SMA, 'exits.stop.atrMultiple', 3)).toThrow(
			'Test has no parameter exits.stop.atrMultiple'
		);
	});
});

describe('sweep', () => {
	it('runs each valid cell to the backtest metrics of its definition, worked by hand for SMA(2)/SMA(3)', () => {
		const cells = sweep(
			SMA,
			CROSS_BARS,
			[
				{ key: 'rule.fast', from: 2, to: 3, step: 1 },
				{ key: 'rule.slow', from: 3, to: 4, step: 1 }
			],
			CONFIG
		);
		expect(cells.map((c) => [c.params, c.problem === null])).toEqual([
			[{ 'rule.fast': 2, 'rule.slow': 3 }, true],
			[{ 'rule.fast': 3, 'rule.slow': 3 }, false],
			[{ 'rule.fast': 2, 'rule.slow': 4 }, true],
			[{ 'rule.fast': 3, 'rule.slow': 4 }, true]
		]);
		expect(cells[1]!.metrics).toBeNull();
		// SMA(2)/SMA(3): bought 10 at 11.04, sold at 10.07: −$9.70 less $1 commission each way.
		expect(cells[0]!.metrics!.trades).toBe(1);
		expect(cells[0]!.metrics!.netPnlCents).toBe(-1170);
		for (const i of [0, 2, 3]) {
			const def = withParameter(
				withParameter(SMA, 'rule.fast', cells[i]!.params['rule.fast']!),
				'rule.slow',
				cells[i]!.params['rule.slow']!
			);
			const run = backtest(def, CROSS_BARS, CONFIG.broker, CONFIG.risk, MIN);
			expect(cells[i]!.metrics).toEqual(backtestMetrics(run, CROSS_BARS, 100_000).metrics);
		}
	});
});

const metricsOf = (m: Partial<BacktestMetrics>): BacktestMetrics =>
	({
		trades: 2,
		winRate: 0.5,
		netPnlCents: 0,
		profitFactor: null,
		expectancyR: null,
		sharpe: null,
		sortino: null,
		maxDrawdownPct: 0,
		returnPct: 0,
		...m
	}) as BacktestMetrics;

const cellsOf = (metrics: (Partial<BacktestMetrics> | null)[]): SweepCell[] =>
	metrics.map((m, index) => ({
		index,
		params: { 'rule.fast': index },
		problem: m ? null : 'no',
		metrics: m && metricsOf(m)
	}));

describe('the metric picked', () => {
	it('reads each metric in the units the page shows', () => {
		const m = metricsOf({
			netPnlCents: 12_345,
			returnPct: 0.0123,
			winRate: 0.25,
			profitFactor: 1.5,
			expectancyR: 0.4,
			sharpe: 1.2,
			sortino: 2.1,
			maxDrawdownPct: 0.05,
			trades: 8
		});
		expect(
			(
				[
					'netPnl',
					'returnPct',
					'winRate',
					'profitFactor',
					'expectancyR',
					'sharpe',
					'sortino',
					'maxDrawdownPct',
					'trades'
				] as const
			).map((k) => metricValue(m, k))
		).toEqual([123.45, 1.23, 25, 1.5, 0.4, 1.2, 2.1, 5, 8]);
		expect(metricValue(metricsOf({ winRate: null }), 'winRate')).toBeNull();
		expect(metricValue(null, 'netPnl')).toBeNull();
	});

	it('the best cell is the highest, the lowest drawdown; ties go to the first, missing values rank last', () => {
		const cells = cellsOf([
			{ netPnlCents: 100, maxDrawdownPct: 0.2 },
			null,
			{ netPnlCents: 300, maxDrawdownPct: 0.1 },
			{ netPnlCents: 300, maxDrawdownPct: 0.1 }
		]);
		expect(bestCell(cells, 'netPnl')).toBe(2);
		expect(bestCell(cells, 'maxDrawdownPct')).toBe(2);
		expect(bestCell(cellsOf([{ profitFactor: null }, { profitFactor: 0.5 }]), 'profitFactor')).toBe(1);
		expect(bestCell(cellsOf([{ sharpe: null }, null]), 'sharpe')).toBeNull();
		expect(bestCell(cellsOf([{ netPnlCents: -500 }, { netPnlCents: -200 }]), 'netPnl')).toBe(1);
	});
});
