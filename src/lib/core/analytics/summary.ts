/**
 * The dashboard's headline figures and its equity curve, for the trades the global filter left.
 * Both walk the closed trades in close-time order (ties by trade id), so the curve's last point is
 * the summary's net P&L and the summary's drawdown is the curve's deepest point.
 */
import { closedTrades, scaleOf, Tally, type ClosedTrades, type Stats, type Unit } from './closed';
import type { TradeRow } from '../trades/query';

/** The largest fall of the equity curve from a peak (equity starts at 0 before the first trade). */
export interface Drawdown {
	/** Peak minus trough, ≥ 0, in the unit; 0 when the curve never falls. */
	amount: number;
	/**
	 * The amount as a fraction of the peak it fell from, where that peak is above 0; else null.
	 * The curve is cumulative P&L, not an account balance, so this is the share of the gains made
	 * so far that was given back (it exceeds 1 when the curve ends up below where it started).
	 */
	fraction: number | null;
	/** The curve at the peak the fall began at (0 when that is the start), in the unit. */
	peak: number;
	/**
	 * The amount as a fraction of the account's equity at that peak (starting equity + the peak),
	 * when the starting equity is known (in $ only; see withStartingEquity); else null.
	 */
	ofEquity: number | null;
	/** Close times (epoch ms, UTC) of the trade at the peak (null for the start) and at the trough. */
	peakTime: number | null;
	troughTime: number | null;
}

/** Headline figures of a period. Every amount is in the unit ($ or R). */
export interface Summary extends Stats {
	unit: Unit;
	/** Open trades in the input: not in any figure. */
	open: number;
	/** In R: closed trades without an R multiple, not in any figure. Always 0 in $. */
	excluded: number;
	/** Trades whose figures cannot be computed (TradeRow.problem): not in any figure. */
	unusable: number;
	/** Mean winning and losing trade (the loss is negative); null without wins or losses. */
	averageWin: number | null;
	averageLoss: number | null;
	/** Best and worst single trade; null without wins or losses. */
	largestWin: number | null;
	largestLoss: number | null;
	/** Mean R of the counted trades that have one (in R, the expectancy); null when none has. */
	averageR: number | null;
	/** How many counted trades have an R multiple (the trades behind averageR). */
	tradesWithR: number;
	maxDrawdown: Drawdown;
	/** Before costs; grossPnl − commissions − fees = netPnl (exactly, in $). */
	grossPnl: number;
	/** Costs, as positive amounts. In R each trade's cost is divided by its risk. */
	commissions: number;
	fees: number;
}

/** An equity curve as columns: one point per closed trade, in close-time order. */
export interface EquityCurve {
	unit: Unit;
	/** Close times, epoch ms UTC. */
	time: Float64Array;
	/** Cumulative net P&L after each trade. */
	equity: Float64Array;
	/** How far the equity is below its running peak (the start, 0, counts as a peak); ≥ 0. */
	drawdown: Float64Array;
	/** Each trade's own net P&L (the step to its point), e.g. for the P&L histogram. */
	pnl: Float64Array;
	/** Trade ids of the points. */
	ids: string[];
	open: number;
	excluded: number;
}

/**
 * Headline figures of the filtered trades. Open trades are counted apart; in R, trades without an
 * R multiple are counted apart (`excluded`) and every amount is in R.
 * @example summary(rows, '$').profitFactor // Infinity when there are wins and no losses
 */
export function summary(rows: readonly TradeRow[], unit: Unit): Summary {
	return summaryOf(closedTrades(rows, unit));
}

/**
 * The equity curve of the closed trades (in R, those with an R multiple), with its drawdown, as
 * typed arrays ready to transfer and to hand to uPlot.
 * @example const { time, equity, drawdown } = equityCurve(rows, '$');
 */
export function equityCurve(rows: readonly TradeRow[], unit: Unit): EquityCurve {
	return equityCurveOf(closedTrades(rows, unit));
}

/** The summary of trades already picked and put in close order by `closedTrades`. */
export function summaryOf(closed: ClosedTrades): Summary {
	const { unit, count, time, value, sign, r } = closed;
	const scale = scaleOf(unit);
	const tally = new Tally();
	const walk = new DrawdownWalk();
	let largestWin = 0;
	let largestLoss = 0;
	let sumR = 0;
	let withR = 0;
	for (let k = 0; k < count; k++) {
		const v = value[k]!;
		tally.add(v, sign[k]!);
		walk.step(tally.net, k);
		if (v > largestWin) largestWin = v;
		if (v < largestLoss) largestLoss = v;
		const rk = r[k]!;
		if (!Number.isNaN(rk)) {
			sumR += rk;
			withR++;
		}
	}
	return {
		unit,
		...tally.stats(scale),
		open: closed.open,
		excluded: closed.excluded,
		unusable: closed.unusable,
		averageWin: tally.wins === 0 ? null : tally.profit / tally.wins / scale,
		averageLoss: tally.losses === 0 ? null : -tally.loss / tally.losses / scale,
		largestWin: tally.wins === 0 ? null : largestWin / scale,
		largestLoss: tally.losses === 0 ? null : largestLoss / scale,
		averageR: withR === 0 ? null : sumR / withR,
		tradesWithR: withR,
		maxDrawdown: walk.result(time, scale),
		grossPnl: sum(closed.gross, count) / scale,
		commissions: sum(closed.commission, count) / scale,
		fees: sum(closed.fees, count) / scale
	};
}

/** The equity curve of trades already picked and put in close order by `closedTrades`. */
export function equityCurveOf(closed: ClosedTrades): EquityCurve {
	const { unit, count, value } = closed;
	const scale = scaleOf(unit);
	const equity = new Float64Array(count);
	const drawdown = new Float64Array(count);
	const pnl = new Float64Array(count);
	const walk = new DrawdownWalk();
	let net = 0;
	for (let k = 0; k < count; k++) {
		const v = value[k]!;
		net += v;
		walk.step(net, k);
		equity[k] = net / scale;
		drawdown[k] = (walk.peak - net) / scale;
		pnl[k] = v / scale;
	}
	return {
		unit,
		time: closed.time.slice(),
		equity,
		drawdown,
		pnl,
		ids: closed.ids.slice(),
		open: closed.open,
		excluded: closed.excluded
	};
}

function sum(values: Float64Array, count: number): number {
	let total = 0;
	for (let k = 0; k < count; k++) total += values[k]!;
	return total;
}

/** The deepest fall from a running peak, followed one point at a time. */
class DrawdownWalk {
	#peak = 0;
	#peakAt = -1;
	#depth = 0;
	#from = -1;
	#fromPeak = 0;
	#to = -1;

	/** The running peak (0, the start, until the curve rises above it). */
	get peak(): number {
		return this.#peak;
	}

	/** The equity after point `k`. */
	step(equity: number, k: number): void {
		if (equity > this.#peak) {
			this.#peak = equity;
			this.#peakAt = k;
		} else if (this.#peak - equity > this.#depth) {
			this.#depth = this.#peak - equity;
			this.#from = this.#peakAt;
			this.#fromPeak = this.#peak;
			this.#to = k;
		}
	}

	result(time: Float64Array, scale: number): Drawdown {
		return {
			amount: this.#depth / scale,
			fraction: this.#depth > 0 && this.#fromPeak > 0 ? this.#depth / this.#fromPeak : null,
			peak: this.#depth > 0 ? this.#fromPeak / scale : 0,
			ofEquity: null,
			peakTime: this.#from < 0 ? null : time[this.#from]!,
			troughTime: this.#to < 0 ? null : time[this.#to]!
		};
	}
}

/**
 * The drawdown as a share of the account's equity at the peak, given the equity before the first
 * trade (dollars). Only in $: an R curve has no account behind it.
 * @example withStartingEquity(dd, '$', 25_000).ofEquity // 0.02 for a $510 fall from a +$500 peak
 */
export function withStartingEquity(d: Drawdown, unit: Unit, startingEquity: number | null): Drawdown {
	if (unit !== '$' || startingEquity === null || !(startingEquity > 0) || d.amount === 0) return d;
	const equityAtPeak = startingEquity + d.peak;
	return { ...d, ofEquity: equityAtPeak > 0 ? d.amount / equityAtPeak : null };
}
