/**
 * A parameter sweep: one strategy run over a grid of one or two of its numeric parameters (the
 * rule's periods and levels, the sizing amount, the stop and target multiples), each cell a whole
 * backtest, compared by one metric. Cells are expanded in one fixed order (reading order: the
 * first parameter across, the second down), and a cell's figures depend on nothing but its
 * definition and the bars, so a sweep split across workers in any way gives the same cells.
 *
 * A cell whose definition cannot run (fast ≥ slow, a value out of bounds) is kept with the reason
 * `strategyProblem` gives and is not run.
 */
import type { Bar, BrokerConfig } from '../broker/types';
import type { RiskConfig } from '../risk';
import { backtest } from './backtest';
import { backtestMetrics, type BacktestMetrics } from './metrics';
import { strategyProblem, type StrategyDefinition } from './types';

/** The most cells a sweep runs: 20 × 20. */
export const MAX_SWEEP_CELLS = 400;

/** One parameter of a definition, named by its path: `rule.fast`, `exits.stop.atrMultiple`. */
export interface SweepParameter {
	key: string;
	/** How the page names it: `fast`, `stop (ATR ×)`. */
	label: string;
	/** Its value in the definition. */
	value: number;
}

/** Values `from`, `from + step`, … up to `to` (inclusive) of one parameter. */
export interface SweepAxis {
	key: string;
	from: number;
	to: number;
	step: number;
}

/** One or two axes: the first across (columns), the second down (rows). */
export type SweepGrid = readonly [SweepAxis] | readonly [SweepAxis, SweepAxis];

/** The figure a sweep compares, and which way is better. */
export type SweepMetric =
	| 'netPnl'
	| 'returnPct'
	| 'winRate'
	| 'profitFactor'
	| 'expectancyR'
	| 'sharpe'
	| 'sortino'
	| 'maxDrawdownPct'
	| 'trades';

interface MetricInfo {
	label: string;
	/** +1: higher is better; −1: lower is better (drawdown). */
	better: 1 | -1;
	/** Grows with the bars run (P&L, return, trades): compared per bar between windows of other lengths. */
	additive: boolean;
	read: (m: BacktestMetrics) => number | null;
}

export const SWEEP_METRICS: Readonly<Record<SweepMetric, MetricInfo>> = {
	netPnl: { label: 'Net P&L ($)', better: 1, additive: true, read: (m) => m.netPnlCents / 100 },
	returnPct: { label: 'Return %', better: 1, additive: true, read: (m) => m.returnPct * 100 },
	winRate: {
		label: 'Win rate %',
		better: 1,
		additive: false,
		read: (m) => (m.winRate === null ? null : m.winRate * 100)
	},
	profitFactor: { label: 'Profit factor', better: 1, additive: false, read: (m) => m.profitFactor },
	expectancyR: { label: 'Expectancy (R)', better: 1, additive: false, read: (m) => m.expectancyR },
	sharpe: { label: 'Sharpe', better: 1, additive: false, read: (m) => m.sharpe },
	sortino: { label: 'Sortino', better: 1, additive: false, read: (m) => m.sortino },
	maxDrawdownPct: {
		label: 'Max drawdown %',
		better: -1,
		additive: false,
		read: (m) => m.maxDrawdownPct * 100
	},
	trades: { label: 'Trades', better: 1, additive: true, read: (m) => m.trades }
};

export const SWEEP_METRIC_KEYS = Object.keys(SWEEP_METRICS) as SweepMetric[];

/**
 * The metric's value in a cell's figures; null when it has none (a win rate before a trade).
 * @example metricValue(metrics, 'netPnl') // 125.5 (dollars)
 */
export function metricValue(metrics: BacktestMetrics | null, metric: SweepMetric): number | null {
	if (metrics === null) return null;
	const value = SWEEP_METRICS[metric].read(metrics);
	return value === null || !Number.isFinite(value) ? null : value;
}

/** What a sweep runs with besides the strategy: the broker (its starting cash) and the risk manager. */
export interface RunConfig {
	broker: BrokerConfig;
	risk: RiskConfig;
	timeframeMs: number;
}

/** A cell of the grid before it runs. */
export interface SweepCellPlan {
	/** Its place in reading order (row × columns + column). */
	index: number;
	/** The value of each swept parameter, by key. */
	params: Record<string, number>;
	/** The definition with those values. */
	def: StrategyDefinition;
	/** Why this definition cannot run; null when it can. */
	problem: string | null;
}

/** A cell after it ran: its figures, or the problem that kept it from running. */
export interface SweepCell {
	index: number;
	params: Record<string, number>;
	problem: string | null;
	/** Null when the cell did not run. */
	metrics: BacktestMetrics | null;
}

export interface SweepPlan {
	/** The values across (the first axis) and down (the second; [] for a one-parameter sweep). */
	columns: number[];
	rows: number[];
	cells: SweepCellPlan[];
}

/** The labels the rule's own parameters take, where the key alone reads poorly. */
const LABELS: Record<string, string> = {
	atrPeriod: 'ATR period',
	atrMultiple: 'ATR ×',
	minGroups: 'groups that agree',
	stopAtr: 'stop (ATR ×)',
	'sizing.quantity': 'quantity',
	'sizing.amount': 'risk ($)',
	'sizing.percent': 'risk (%)',
	'exits.stop.atrMultiple': 'stop (ATR ×)',
	'exits.target.value': 'target',
	'exits.atrPeriod': 'exit ATR period'
};

/**
 * The numeric parameters of a definition a sweep can vary, in the definition's order.
 * @example sweepParameters(smaCross).map((p) => p.key) // ['rule.fast', 'rule.slow', 'sizing.quantity', 'exits.atrPeriod']
 */
export function sweepParameters(def: StrategyDefinition): SweepParameter[] {
	const out: SweepParameter[] = [];
	for (const [key, value] of Object.entries(def.rule))
		if (typeof value === 'number') out.push({ key: `rule.${key}`, label: LABELS[key] ?? key, value });
	for (const [key, value] of Object.entries(def.sizing))
		if (typeof value === 'number') out.push({ key: `sizing.${key}`, label: LABELS[`sizing.${key}`]!, value });
	if (def.exits.stop)
		out.push({
			key: 'exits.stop.atrMultiple',
			label: LABELS['exits.stop.atrMultiple']!,
			value: def.exits.stop.atrMultiple
		});
	if (def.exits.target)
		out.push({
			key: 'exits.target.value',
			label: `target (${def.exits.target.unit === 'r' ? 'R' : 'ATR ×'})`,
			value: def.exits.target.value
		});
	out.push({ key: 'exits.atrPeriod', label: LABELS['exits.atrPeriod']!, value: def.exits.atrPeriod });
	return out;
}

/**
 * A copy of `def` with the parameter at `key` set to `value`.
 * @throws RangeError when the definition has no such parameter.
 * @example withParameter(def, 'rule.fast', 5).rule // { kind: 'sma-cross', fast: 5, slow: 30 }
 */
export function withParameter(def: StrategyDefinition, key: string, value: number): StrategyDefinition {
	const path = key.split('.');
	// A definition is plain JSON data (types.ts): a JSON round trip is a deep copy.
	const copy = JSON.parse(JSON.stringify(def)) as Record<string, unknown>;
	let node: Record<string, unknown> | null = copy;
	for (const step of path.slice(0, -1)) {
		const next: unknown = node?.[step];
		node = typeof next === 'object' && next !== null ? (next as Record<string, unknown>) : null;
	}
	const last = path[path.length - 1]!;
	if (node === null || typeof node[last] !== 'number')
		throw new RangeError(`${def.name} has no parameter ${key} to sweep`);
	node[last] = value;
	return copy as unknown as StrategyDefinition;
}

/** Rounds away the float noise of `from + i × step` (0.1 + 0.2) at 10 decimals. */
const clean = (x: number) => Math.round(x * 1e10) / 1e10;

/**
 * The values of one axis, or why it has none: `from` ≤ `to`, `step` > 0, all numbers.
 * @example axisValues({ key: 'rule.fast', from: 5, to: 20, step: 5 }) // [5, 10, 15, 20]
 */
export function axisValues(axis: SweepAxis): number[] | string {
	const { from, to, step } = axis;
	if (![from, to, step].every(Number.isFinite)) return `${axis.key}: from, to and step must be numbers`;
	if (!(step > 0)) return `${axis.key}: the step must be above 0, got ${step}`;
	if (from > to) return `${axis.key}: from (${from}) must not be above to (${to})`;
	const count = Math.floor(clean((to - from) / step)) + 1;
	if (count > MAX_SWEEP_CELLS)
		return `${axis.key}: ${count} values is more than a sweep runs (${MAX_SWEEP_CELLS})`;
	return Array.from({ length: count }, (_, i) => clean(from + i * step));
}

/**
 * The grid's cells in reading order (row by row, the first axis across), each with its definition
 * and the reason it cannot run; or why there is no grid (an axis without values, a parameter the
 * strategy lacks, the same parameter twice, more than MAX_SWEEP_CELLS cells).
 * @example planSweep(def, [{ key: 'rule.fast', from: 5, to: 10, step: 5 }]).cells.map((c) => c.params) // [{ 'rule.fast': 5 }, { 'rule.fast': 10 }]
 */
export function planSweep(def: StrategyDefinition, grid: SweepGrid): SweepPlan | string {
	if (grid.length < 1 || grid.length > 2) return 'A sweep varies one or two parameters';
	const keys = new Set(sweepParameters(def).map((p) => p.key));
	for (const axis of grid)
		if (!keys.has(axis.key)) return `${def.name} has no parameter ${axis.key} to sweep`;
	if (grid.length === 2 && grid[0].key === grid[1].key) return 'Pick two different parameters to sweep';
	const columns = axisValues(grid[0]);
	if (typeof columns === 'string') return columns;
	const rows = grid.length === 2 ? axisValues(grid[1]) : [];
	if (typeof rows === 'string') return rows;
	const count = columns.length * Math.max(1, rows.length);
	if (count > MAX_SWEEP_CELLS)
		return `${columns.length} × ${rows.length} = ${count} cells is more than a sweep runs (${MAX_SWEEP_CELLS}): widen a step or narrow a range`;
	const cells: SweepCellPlan[] = [];
	for (const row of rows.length ? rows : [null]) {
		for (const column of columns) {
			const params: Record<string, number> = { [grid[0].key]: column };
			let cellDef = withParameter(def, grid[0].key, column);
			if (row !== null) {
				params[grid[1]!.key] = row;
				cellDef = withParameter(cellDef, grid[1]!.key, row);
			}
			cells.push({ index: cells.length, params, def: cellDef, problem: strategyProblem(cellDef) });
		}
	}
	return { columns, rows, cells };
}

/**
 * One definition's figures over `bars` (one symbol's, by time): the backtest's metrics. With
 * `tradeFrom` > 0 the bars before that index only warm the indicators, and the figures are of the
 * bars from it on.
 * @example runCell(def, bars, config).trades // 3
 */
export function runCell(
	def: StrategyDefinition,
	bars: readonly Bar[],
	config: RunConfig,
	tradeFrom = 0
): BacktestMetrics {
	if (tradeFrom <= 0) {
		const result = backtest(def, bars, config.broker, config.risk, config.timeframeMs);
		return backtestMetrics(result, bars, config.broker.startingCash).metrics;
	}
	const traded = bars.slice(tradeFrom);
	const result = backtest(def, bars, config.broker, config.risk, config.timeframeMs, {
		tradeFrom: traded[0]?.time ?? Infinity
	});
	return backtestMetrics(result, traded, config.broker.startingCash).metrics;
}

/** A planned cell as it ended: run when it can, else kept with its problem. */
export function finishCell(cell: SweepCellPlan, metrics: BacktestMetrics | null): SweepCell {
	return {
		index: cell.index,
		params: cell.params,
		problem: cell.problem,
		metrics: cell.problem ? null : metrics
	};
}

/**
 * The whole sweep in this thread (the engine splits the same cells across workers: see
 * workers/sweep-pool.ts). Throws a RangeError with the reason when there is no grid.
 * @example sweep(def, bars, [{ key: 'rule.fast', from: 5, to: 20, step: 5 }], config).map((c) => c.metrics?.trades)
 */
export function sweep(
	def: StrategyDefinition,
	bars: readonly Bar[],
	grid: SweepGrid,
	config: RunConfig
): SweepCell[] {
	const plan = planSweep(def, grid);
	if (typeof plan === 'string') throw new RangeError(plan);
	return plan.cells.map((cell) => finishCell(cell, cell.problem ? null : runCell(cell.def, bars, config)));
}

/**
 * The index of the best cell by `metric` (the highest, or the lowest drawdown); cells that did not
 * run or have no value rank last, ties go to the first in grid order. Null when no cell has a value.
 * @example bestCell(cells, 'netPnl') // 3
 */
export function bestCell(cells: readonly SweepCell[], metric: SweepMetric): number | null {
	const better = SWEEP_METRICS[metric].better;
	let best: number | null = null;
	let bestValue = 0;
	for (const cell of cells) {
		const value = metricValue(cell.metrics, metric);
		if (value === null) continue;
		if (best === null || value * better > bestValue * better) {
			best = cell.index;
			bestValue = value;
		}
	}
	return best;
}
