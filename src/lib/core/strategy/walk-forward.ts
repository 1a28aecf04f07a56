/**
 * Walk-forward: optimise on a window, test on the next, roll. The bars are cut into windows of an
 * in-sample stretch followed by an out-of-sample stretch, moved on by a step; on each in-sample
 * stretch every cell of a sweep grid runs and the best by the chosen metric is picked; that one
 * cell then runs on the out-of-sample stretch. The report puts in-sample and out-of-sample side
 * by side and warns when out-of-sample is far worse (see OVERFIT_RULE).
 *
 * Warm-up: every run, in-sample or out-of-sample, first reads the grid's longest warm-up
 * (`warmUpBars`) of the bars just before its stretch without trading them (the backtest's
 * `tradeFrom`), so its indicators are warm on the stretch's first bar; it starts flat, and trades
 * only the bars of its stretch. The first in-sample stretch has no bars before it and starts cold,
 * so it must be longer than the warm-up (the only stretch that must be).
 *
 * No look-ahead: a window's choice reads only its in-sample bars and the warm-up before them, all
 * before its out-of-sample bars; a run reads its stretch and the warm-up bars strictly before it.
 */
import type { Bar } from '../broker/types';
import { tradingDate } from '../risk';
import type { BacktestMetrics } from './metrics';
import {
	bestCell,
	finishCell,
	metricValue,
	planSweep,
	runCell,
	SWEEP_METRICS,
	type RunConfig,
	type SweepCell,
	type SweepGrid,
	type SweepMetric,
	type SweepPlan
} from './sweep';
import { signalParamsOf, type SignalsRule } from './generator-rule';
import type { StrategyDefinition } from './types';

/** The lengths of the stretches, in bars or in trading days (New York dates that have bars). */
export interface WalkForwardSpec {
	unit: 'bars' | 'days';
	inSample: number;
	outOfSample: number;
	/** How far each window moves on from the one before; usually `outOfSample`. */
	step: number;
}

/** One window as bar indices, `from` inclusive and `to` exclusive; the out-of-sample starts where the in-sample ends. */
export interface WalkForwardWindow {
	isFrom: number;
	isTo: number;
	oosFrom: number;
	oosTo: number;
}

export interface WalkForwardRow {
	window: WalkForwardWindow;
	/** The in-sample winner's parameter values; null when no cell had a value in-sample. */
	params: Record<string, number> | null;
	/** The metric of the winner in-sample, and of the same cell out-of-sample. */
	inSample: number | null;
	outOfSample: number | null;
	isMetrics: BacktestMetrics | null;
	oosMetrics: BacktestMetrics | null;
	/** Why this window's out-of-sample looks overfit; null when it does not. */
	warning: string | null;
}

export interface WalkForwardReport {
	metric: SweepMetric;
	rows: WalkForwardRow[];
	totals: {
		/** Mean over the windows that have one. */
		inSample: number | null;
		outOfSample: number | null;
		/** Out-of-sample net P&L and trades, summed over the windows (dollars). */
		oosNetPnl: number;
		oosTrades: number;
		/** Out-of-sample as a share of in-sample (see OVERFIT_RULE); null when in-sample has no edge. */
		efficiency: number | null;
	};
	/** The whole run's overfitting warning in words; null when out-of-sample holds up. */
	warning: string | null;
}

/** The rule the warnings apply, in words, for the page to state. */
export const OVERFIT_RULE =
	'Overfit when out-of-sample keeps less than half of the in-sample edge (efficiency below 0.5), or ' +
	'the edge changes sign. Efficiency is out-of-sample ÷ in-sample measured from break-even (0, or 1 ' +
	'for a profit factor), per bar for P&L, return and trades; for drawdown it is in-sample ÷ ' +
	'out-of-sample, so a deeper out-of-sample drawdown lowers it.';

export const MIN_EFFICIENCY = 0.5;

/**
 * The windows over `times` (the bars' open times, sorted): complete ones only, the last ending at
 * or before the last bar; or why there are none.
 * @example walkForwardWindows(new Array(10).fill(0), { unit: 'bars', inSample: 4, outOfSample: 2, step: 2 })
 * // [{ isFrom: 0, isTo: 4, oosFrom: 4, oosTo: 6 }, { isFrom: 2, isTo: 6, oosFrom: 6, oosTo: 8 }, { isFrom: 4, isTo: 8, oosFrom: 8, oosTo: 10 }]
 */
export function walkForwardWindows(
	times: ArrayLike<number>,
	spec: WalkForwardSpec
): WalkForwardWindow[] | string {
	const { inSample, outOfSample, step } = spec;
	const unit = spec.unit === 'days' ? 'days' : 'bars';
	for (const [name, value] of [
		['in-sample', inSample],
		['out-of-sample', outOfSample],
		['step', step]
	] as const)
		if (!Number.isInteger(value) || value < 1)
			return `The ${name} length must be a whole number of ${unit} ≥ 1, got ${value}`;
	// Where each unit starts, as a bar index, and one past the end.
	const starts: number[] = [];
	if (unit === 'bars') for (let i = 0; i <= times.length; i++) starts.push(i);
	else {
		let last = '';
		for (let i = 0; i < times.length; i++) {
			const day = tradingDate(times[i]!);
			if (day !== last) starts.push(i);
			last = day;
		}
		starts.push(times.length);
	}
	const units = starts.length - 1;
	const windows: WalkForwardWindow[] = [];
	for (let s = 0; s + inSample + outOfSample <= units; s += step)
		windows.push({
			isFrom: starts[s]!,
			isTo: starts[s + inSample]!,
			oosFrom: starts[s + inSample]!,
			oosTo: starts[s + inSample + outOfSample]!
		});
	if (!windows.length)
		return `${units} ${unit} of bars do not hold one window of ${inSample} in-sample and ${outOfSample} out-of-sample ${unit}`;
	return windows;
}

/**
 * The longest indicator period a definition reads: its first bars that cannot signal. For the
 * signal generator, its slowest group (the 50-bar average by default); for composed conditions, the
 * sum of each study's periods, counted in the bars run (a higher timeframe's study needs as many of
 * its own bars, which this does not multiply out).
 */
export function warmUpBars(def: StrategyDefinition): number {
	const r = def.rule;
	const rule =
		r.kind === 'rsi-reversion'
			? r.period + 1
			: r.kind === 'breakout'
				? Math.max(r.lookback + 1, r.atrPeriod + 1)
				: r.kind === 'signals'
					? signalsWarmUp(r)
					: r.kind === 'composed'
						? Math.max(
								1,
								...[...r.entry, ...r.exit]
									.flatMap((c) => [c.left, c.right])
									.map((o) =>
										o.kind === 'study' ? o.study.params.reduce((a, b) => a + Math.ceil(b), 0) + 1 : 1
									)
							)
						: Math.max(r.fast, r.slow) + 1;
	const exitsAtr = def.exits.stop || def.exits.target?.unit === 'atr' ? def.exits.atrPeriod + 1 : 0;
	return Math.max(rule, exitsAtr);
}

function signalsWarmUp(rule: SignalsRule): number {
	const p = signalParamsOf(rule);
	return (
		Math.max(
			p.movingAverages.slow,
			p.macd.slow + p.macd.signal,
			2 * p.adx.period,
			p.rsi.period,
			p.obv.average,
			p.supertrend.atrPeriod,
			p.levels.atrPeriod
		) + 1
	);
}

export interface WalkForwardPlan {
	windows: WalkForwardWindow[];
	grid: SweepPlan;
	/** Bars each run reads before its stretch without trading: the grid's longest warm-up. */
	warmUp: number;
}

/** A stretch of bar indices [from, to) that trades from `tradeFrom`, the bars before it warming the indicators. */
export interface WarmStretch {
	from: number;
	tradeFrom: number;
	to: number;
}

/**
 * The stretch [from, to) with up to `warmUp` bars before it to warm on (as many as there are).
 * @example warmStretch(10, 20, 6) // { from: 4, tradeFrom: 10, to: 20 }
 */
export function warmStretch(from: number, to: number, warmUp: number): WarmStretch {
	return { from: Math.max(0, from - warmUp), tradeFrom: from, to };
}

/**
 * The windows and the grid, checked: the first in-sample stretch (with no bars before it to warm
 * on) longer than the longest warm-up of a cell that can run; or why the walk-forward cannot run.
 */
export function planWalkForward(
	def: StrategyDefinition,
	grid: SweepGrid,
	times: ArrayLike<number>,
	spec: WalkForwardSpec
): WalkForwardPlan | string {
	const sweepPlan = planSweep(def, grid);
	if (typeof sweepPlan === 'string') return sweepPlan;
	const windows = walkForwardWindows(times, spec);
	if (typeof windows === 'string') return windows;
	const runnable = sweepPlan.cells.filter((c) => c.problem === null);
	if (!runnable.length) return `No cell of the grid can run: ${sweepPlan.cells[0]?.problem ?? 'empty grid'}`;
	const warmUp = Math.max(...runnable.map((c) => warmUpBars(c.def)));
	const first = windows[0]!;
	if (first.isTo - first.isFrom <= warmUp)
		return `The first in-sample stretch of ${first.isTo - first.isFrom} bars is too short: it has no bars before it to warm on, and the grid's longest indicator needs ${warmUp} bars before it can signal`;
	return { windows, grid: sweepPlan, warmUp };
}

/** The metric measured from its break-even point (P&L 0, profit factor 1); per bar when it grows with the bars. */
function edge(metric: SweepMetric, value: number, bars: number): number {
	const info = SWEEP_METRICS[metric];
	const zero = metric === 'profitFactor' ? 1 : 0;
	return info.additive ? (value - zero) / Math.max(1, bars) : value - zero;
}

/** Out-of-sample ÷ in-sample (see OVERFIT_RULE); null without an in-sample edge to compare with. */
function efficiencyOf(
	metric: SweepMetric,
	is: number,
	isBars: number,
	oos: number,
	oosBars: number
): number | null {
	if (metric === 'maxDrawdownPct') return oos === 0 ? (is === 0 ? 1 : Infinity) : is / oos;
	const isEdge = edge(metric, is, isBars);
	if (!(isEdge > 0)) return null;
	return edge(metric, oos, oosBars) / isEdge;
}

/** The warning for one comparison, or null when out-of-sample holds up. */
function overfitWarning(
	metric: SweepMetric,
	efficiency: number | null,
	is: number | null,
	oos: number | null
): string | null {
	const label = SWEEP_METRICS[metric].label;
	if (is === null) return null;
	if (oos === null) return `No out-of-sample ${label} to compare (no closed trade)`;
	if (efficiency === null) return `In-sample ${label} shows no edge (${fmt(is)}): nothing to confirm`;
	if (metric !== 'maxDrawdownPct' && metric !== 'winRate' && metric !== 'trades' && efficiency < 0)
		return `Likely overfit: ${label} flips from ${fmt(is)} in-sample to ${fmt(oos)} out-of-sample`;
	if (efficiency < MIN_EFFICIENCY)
		return `Likely overfit: out-of-sample keeps ${Math.round(efficiency * 100)}% of the in-sample ${label} (below ${MIN_EFFICIENCY * 100}%)`;
	return null;
}

const fmt = (x: number) => String(Number(x.toFixed(2)));

/**
 * The in-sample cells of window `w` as the runner asks for them: one per grid cell, in grid order.
 * The out-of-sample run of a window is `grid.cells[chosen].def` over `oosFrom`–`oosTo`.
 */
export function chooseInSample(cells: readonly SweepCell[], metric: SweepMetric): number | null {
	return bestCell(cells, metric);
}

/**
 * The report from each window's in-sample cells (in grid order) and its winner's out-of-sample figures.
 */
export function walkForwardReport(
	plan: WalkForwardPlan,
	inSample: readonly (readonly SweepCell[])[],
	outOfSample: readonly (BacktestMetrics | null)[],
	metric: SweepMetric
): WalkForwardReport {
	const rows = plan.windows.map((window, w): WalkForwardRow => {
		const chosen = chooseInSample(inSample[w]!, metric);
		const isMetrics = chosen === null ? null : inSample[w]![chosen]!.metrics;
		const oosMetrics = chosen === null ? null : (outOfSample[w] ?? null);
		const is = metricValue(isMetrics, metric);
		const oos = metricValue(oosMetrics, metric);
		const efficiency =
			is === null || oos === null
				? null
				: efficiencyOf(metric, is, window.isTo - window.isFrom, oos, window.oosTo - window.oosFrom);
		return {
			window,
			params: chosen === null ? null : plan.grid.cells[chosen]!.params,
			inSample: is,
			outOfSample: oos,
			isMetrics,
			oosMetrics,
			warning: overfitWarning(metric, efficiency, is, oos)
		};
	});
	const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
	const paired = rows.filter((r) => r.inSample !== null && r.outOfSample !== null);
	const isMean = mean(paired.map((r) => r.inSample!));
	const oosMean = mean(paired.map((r) => r.outOfSample!));
	const barsOf = (pick: (w: WalkForwardWindow) => number) => mean(paired.map((r) => pick(r.window))) ?? 0;
	const efficiency =
		isMean === null || oosMean === null
			? null
			: efficiencyOf(
					metric,
					isMean,
					barsOf((w) => w.isTo - w.isFrom),
					oosMean,
					barsOf((w) => w.oosTo - w.oosFrom)
				);
	return {
		metric,
		rows,
		totals: {
			inSample: mean(rows.flatMap((r) => (r.inSample === null ? [] : [r.inSample]))),
			outOfSample: mean(rows.flatMap((r) => (r.outOfSample === null ? [] : [r.outOfSample]))),
			oosNetPnl: rows.reduce((sum, r) => sum + (r.oosMetrics?.netPnlCents ?? 0), 0) / 100,
			oosTrades: rows.reduce((sum, r) => sum + (r.oosMetrics?.trades ?? 0), 0),
			efficiency: efficiency !== null && Number.isFinite(efficiency) ? efficiency : null
		},
		warning: paired.length
			? overfitWarning(metric, efficiency, isMean, oosMean)
			: rows.some((r) => r.inSample !== null)
				? 'No window has an out-of-sample figure to compare'
				: 'No in-sample window has a figure: the strategy did not close a trade'
	};
}

/**
 * The whole walk-forward in this thread (the engine runs the same plan across workers).
 * Throws a RangeError with the reason when it cannot run.
 * @example walkForward(def, bars, grid, { unit: 'bars', inSample: 500, outOfSample: 100, step: 100 }, 'netPnl', config).warning
 */
export function walkForward(
	def: StrategyDefinition,
	bars: readonly Bar[],
	grid: SweepGrid,
	spec: WalkForwardSpec,
	metric: SweepMetric,
	config: RunConfig
): WalkForwardReport {
	const plan = planWalkForward(
		def,
		grid,
		bars.map((b) => b.time),
		spec
	);
	if (typeof plan === 'string') throw new RangeError(plan);
	const run = (cellDef: StrategyDefinition, from: number, to: number) => {
		const s = warmStretch(from, to, plan.warmUp);
		return runCell(cellDef, bars.slice(s.from, s.to), config, s.tradeFrom - s.from);
	};
	const inSample = plan.windows.map((w) =>
		plan.grid.cells.map((cell) => finishCell(cell, cell.problem ? null : run(cell.def, w.isFrom, w.isTo)))
	);
	const outOfSample = plan.windows.map((w, i) => {
		const chosen = chooseInSample(inSample[i]!, metric);
		return chosen === null ? null : run(plan.grid.cells[chosen]!.def, w.oosFrom, w.oosTo);
	});
	return walkForwardReport(plan, inSample, outOfSample, metric);
}
