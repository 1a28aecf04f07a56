/**
 * Maximum favourable and adverse excursion (MFE/MAE) of a trade from price bars, and its best
 * exit. Bars only say where price went within each bar, not when: a bar counts for the trade when
 * it overlaps the trade's time at all, so the figures are the bound the bars allow (the bar of the
 * entry may reach a price before the entry was made).
 */

/** Bars of one symbol, sorted by time; a bar covers [time, time + timeframeMs). */
export interface ExcursionBars {
	time: ArrayLike<number>;
	high: ArrayLike<number>;
	low: ArrayLike<number>;
	/** Spacing of the bars in ms (NaN for a single bar: taken as an instant). */
	timeframeMs: number;
}

/** One execution of the trade: its quantity in this trade, unsigned. */
export interface ExcursionExecution {
	time: number;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
}

export interface ExcursionTrade {
	direction: 'long' | 'short';
	openTime: number;
	/** Null while open: no excursion then (the trade has no end to cover). */
	closeTime: number | null;
	multiplier: number;
	/** In time order. */
	executions: readonly ExcursionExecution[];
}

/** A price reached while in the trade, and the start time of the first bar that reached it. */
export interface PricePoint {
	price: number;
	time: number;
}

/** The P&L of the position held (realised + open, before costs) at a bar's extreme. */
export interface PositionPoint {
	pnl: number;
	/** The bar's price that gives it. */
	price: number;
	time: number;
}

export interface Excursion {
	/** Best price for the direction (highest high of a long, lowest low of a short). */
	mfePrice: PricePoint;
	/** Worst price for the direction. */
	maePrice: PricePoint;
	/** Highest P&L of the position actually held, bar by bar. */
	mfePosition: PositionPoint;
	/** Lowest P&L of the position actually held. */
	maePosition: PositionPoint;
	/** Everything entered, exited at the best price reached (mfePrice). */
	bestExit: {
		price: number;
		time: number;
		pnl: number;
		/** bestExit.pnl − the trade's gross P&L. */ missed: number;
	};
	/** Bars that overlap the trade. */
	bars: number;
}

/**
 * MFE, MAE and best exit of a closed trade; null when the bars do not cover it from its first to
 * its last execution (or it is open or has no executions).
 * @example excursion({ time: [0], high: [11], low: [9], timeframeMs: 60000 }, trade) // long 10 -> 10.5: mfePrice 11, maePrice 9
 */
export function excursion(bars: ExcursionBars, trade: ExcursionTrade): Excursion | null {
	const n = bars.time.length;
	const { executions, closeTime, openTime } = trade;
	if (n === 0 || closeTime === null || executions.length === 0) return null;
	const tf = Number.isFinite(bars.timeframeMs) ? bars.timeframeMs : 0;
	// The bar holding an instant t is the one with time <= t < time + tf.
	const endOf = (i: number) => bars.time[i]! + tf;
	if (bars.time[0]! > openTime || endOf(n - 1) < closeTime || (tf > 0 && endOf(n - 1) === closeTime))
		return null;

	const long = trade.direction === 'long';
	const m = trade.multiplier;
	let mfePrice: PricePoint | null = null;
	let maePrice: PricePoint | null = null;
	// Held in an object: set from a closure, which narrowing of plain variables does not follow.
	const held: { mfe: PositionPoint | null; mae: PositionPoint | null } = { mfe: null, mae: null };
	let count = 0;
	// The running position and cash of the trade: its P&L at price p is (cash + position × p) × multiplier.
	let position = 0;
	let cash = 0;
	let next = 0;
	let entered = 0;
	let entryCost = 0;

	const consider = (price: number, time: number) => {
		if (position === 0) return;
		const pnl = (cash + position * price) * m;
		if (!held.mfe || pnl > held.mfe.pnl) held.mfe = { pnl, price, time };
		if (!held.mae || pnl < held.mae.pnl) held.mae = { pnl, price, time };
	};

	for (let i = 0; i < n; i++) {
		const start = bars.time[i]!;
		const end = endOf(i);
		// Overlaps [openTime, closeTime]: ends after the open (an instant bar: at or after) and starts by the close.
		if (!(tf > 0 ? end > openTime : end >= openTime) || start > closeTime) continue;
		count++;
		const high = bars.high[i]!;
		const low = bars.low[i]!;
		const best = long ? high : low;
		const worst = long ? low : high;
		if (!mfePrice || (long ? best > mfePrice.price : best < mfePrice.price))
			mfePrice = { price: best, time: start };
		if (!maePrice || (long ? worst < maePrice.price : worst > maePrice.price))
			maePrice = { price: worst, time: start };
		// Every position held during the bar may have met its high and its low: the one it started
		// with, then the one after each instant of executions within it (fills at one time together).
		consider(high, start);
		consider(low, start);
		while (
			next < executions.length &&
			(tf > 0 ? executions[next]!.time < end : executions[next]!.time <= end)
		) {
			const at = executions[next]!.time;
			while (next < executions.length && executions[next]!.time === at) {
				const e = executions[next]!;
				const signed = e.side === 'buy' ? e.quantity : -e.quantity;
				if (signed > 0 === long) {
					entered += e.quantity;
					entryCost += e.quantity * e.price;
				}
				position += signed;
				cash -= signed * e.price;
				next++;
			}
			// A quantity grid: 0.1 + 0.2 − 0.3 is flat.
			if (Math.abs(position) < 1e-9) position = 0;
			consider(high, start);
			consider(low, start);
		}
	}
	const { mfe, mae } = held;
	if (!mfePrice || !maePrice || !mfe || !mae || entered === 0) return null;
	const best: PricePoint = mfePrice;
	const entryPrice = entryCost / entered;
	const bestPnl = (long ? best.price - entryPrice : entryPrice - best.price) * entered * m;
	return {
		mfePrice: best,
		maePrice,
		mfePosition: mfe,
		maePosition: mae,
		bestExit: { price: best.price, time: best.time, pnl: bestPnl, missed: bestPnl - cash * m },
		bars: count
	};
}
