/**
 * The closed trades of a filtered set as columns, and the tally every figure is built from.
 *
 * Money is counted in integer cents: a trade's net P&L is already rounded to the cent, so
 * `Math.round(netPnl * 100)` is exact and sums of cents stay exact integers in a double up to
 * 2^53 cents (about 90 trillion dollars). Converting back (`cents / 100`) happens once, at the end,
 * and gives the double nearest the decimal amount. In R there is nothing to keep exact: R values are
 * ratios, summed as doubles.
 */
import type { TradeRow } from '../trades/query';

/** The unit every figure of a result is in: dollars (the account's currency) or R multiples. */
export type Unit = '$' | 'R';

/** Value scale of a unit: values are held as cents in '$' and as R in 'R'. */
export function scaleOf(unit: Unit): number {
	return unit === '$' ? 100 : 1;
}

/**
 * The trades that count in a unit, as columns. Values are cents in '$' and R in 'R'. The row
 * objects are read once, in their own order (they are scattered in memory; columns are not), and
 * everything after works on the columns. Only what a curve needs is put in close order: moving a
 * column costs a cache miss per trade, and sums and counts do not depend on order.
 */
export interface ClosedTrades {
	unit: Unit;
	count: number;
	/** Open trades in the input, left out of every figure. */
	open: number;
	/** Closed trades without an R multiple, left out in R (always 0 in $). */
	excluded: number;
	/** Trades whose figures cannot be computed (TradeRow.problem), left out of every figure. */
	unusable: number;

	// In close-time order, ties by trade id (so equal inputs give equal curves whatever order
	// the filter returned them in):
	ids: string[];
	/** Close time, epoch ms UTC. */
	time: Float64Array;
	/** Net P&L. */
	value: Float64Array;
	/** Sign of the net P&L to the cent, the same in both units: a win in $ is a win in R. */
	sign: Int8Array;

	// In the input's order:
	/** Where each trade is in the caller's rows. */
	index: Uint32Array;
	/** The R multiple, NaN where there is none (in '$'). */
	r: Float64Array;
	/** Gross P&L and costs (costs positive); in R each over the trade's risk. */
	gross: Float64Array;
	commission: Float64Array;
	fees: Float64Array;
}

/**
 * Picks the trades that count in `unit` and puts them in close order (`ordered`: false leaves
 * them in input order, for figures that do not depend on order).
 */
export function closedTrades(rows: readonly TradeRow[], unit: Unit, ordered = true): ClosedTrades {
	const n = rows.length;
	const c = columns(n);
	let count = 0;
	let open = 0;
	let excluded = 0;
	let unusable = 0;
	for (let i = 0; i < n; i++) {
		const row = rows[i]!;
		if (row.problem !== null) {
			unusable++;
			continue;
		}
		if (row.open || row.closeTime === null) {
			open++;
			continue;
		}
		const r = row.rMultiple;
		const hasR = r !== null && Number.isFinite(r);
		if (unit === 'R' && !hasR) {
			excluded++;
			continue;
		}
		// A trade's P&L and costs are whole cents already: rounding ×100 is exact.
		const net = Math.round(row.netPnl * 100);
		c.index[count] = i;
		c.ids[count] = row.id;
		c.time[count] = row.closeTime;
		c.sign[count] = net > 0 ? 1 : net < 0 ? -1 : 0;
		c.r[count] = hasR ? r : NaN;
		if (unit === '$') {
			c.value[count] = net;
			c.gross[count] = Math.round(row.grossPnl * 100);
			c.commission[count] = Math.round(row.commission * 100);
			c.fees[count] = Math.round(row.fees * 100);
		} else {
			// R is net / risk, so each amount over the same risk keeps gross − costs = net in R.
			const risk = row.risk;
			const hasRisk = risk !== null && risk > 0;
			c.value[count] = r!;
			c.gross[count] = hasRisk ? row.grossPnl / risk : r!;
			c.commission[count] = hasRisk ? row.commission / risk : 0;
			c.fees[count] = hasRisk ? row.fees / risk : 0;
		}
		count++;
	}
	const picked = trim(c, count);
	if (ordered) inCloseOrder(picked, closeOrder(picked.time, picked.ids, count));
	return { unit, count, open, excluded, unusable, ...picked };
}

type Columns = Omit<ClosedTrades, 'unit' | 'count' | 'open' | 'excluded' | 'unusable'>;

function columns(n: number): Columns {
	return {
		ids: new Array<string>(n),
		time: new Float64Array(n),
		value: new Float64Array(n),
		sign: new Int8Array(n),
		index: new Uint32Array(n),
		r: new Float64Array(n),
		gross: new Float64Array(n),
		commission: new Float64Array(n),
		fees: new Float64Array(n)
	};
}

function trim(c: Columns, count: number): Columns {
	if (count === c.time.length) return c;
	return {
		ids: c.ids.slice(0, count),
		time: c.time.slice(0, count),
		value: c.value.slice(0, count),
		sign: c.sign.slice(0, count),
		index: c.index.slice(0, count),
		r: c.r.slice(0, count),
		gross: c.gross.slice(0, count),
		commission: c.commission.slice(0, count),
		fees: c.fees.slice(0, count)
	};
}

/** Puts the close-ordered columns in `order` (plain loops: callbacks cost more here). */
function inCloseOrder(c: Columns, order: Uint32Array): void {
	const n = order.length;
	const ids = new Array<string>(n);
	const time = new Float64Array(n);
	const value = new Float64Array(n);
	const sign = new Int8Array(n);
	for (let k = 0; k < n; k++) {
		const j = order[k]!;
		ids[k] = c.ids[j]!;
		time[k] = c.time[j]!;
		value[k] = c.value[j]!;
		sign[k] = c.sign[j]!;
	}
	Object.assign(c, { ids, time, value, sign });
}

/** Code-unit order of ids: the same in every locale, unlike localeCompare. */
export function compareIds(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0;
}

const DIGIT = 65_536;

/**
 * The order of the first `count` trades by close time, ties by id. Close times are whole
 * milliseconds, so they sort as integers: a stable LSD radix sort, 16 bits a pass (three passes
 * span 8,900 years), costs a few ms for 100,000 trades where a comparator sort costs tens. Runs of
 * equal times are then put in id order (they are short). Times that are not whole numbers or span
 * 2^48 ms or more fall back to a comparator sort.
 */
export function closeOrder(time: Float64Array, ids: readonly string[], count: number): Uint32Array {
	let order = new Uint32Array(count);
	let min = Infinity;
	let max = -Infinity;
	let sorted = true;
	let whole = true;
	for (let k = 0; k < count; k++) {
		const t = time[k]!;
		order[k] = k;
		if (t < min) min = t;
		if (t > max) max = t;
		if (k > 0 && t < time[k - 1]!) sorted = false;
		if (!Number.isInteger(t)) whole = false;
	}
	if (!sorted) {
		if (!whole || max - min >= 2 ** 48) {
			order.sort((a, b) => time[a]! - time[b]! || compareIds(ids[a]!, ids[b]!));
			return order;
		}
		// Times relative to the earliest, as two 32-bit halves: the digits are then integer masks
		// and shifts, not floating-point division and remainder.
		const lo = new Uint32Array(count);
		const hi = new Uint32Array(count);
		for (let k = 0; k < count; k++) {
			const rel = time[k]! - min;
			hi[k] = rel / 2 ** 32;
			lo[k] = rel - hi[k]! * 2 ** 32;
		}
		const span = max - min;
		const passes = span < 2 ** 16 ? 1 : span < 2 ** 32 ? 2 : 3;
		let spare = new Uint32Array(count);
		const counts = new Uint32Array(DIGIT);
		for (let pass = 0; pass < passes; pass++) {
			const half = pass < 2 ? lo : hi;
			const shift = pass % 2 === 0 ? 0 : 16;
			counts.fill(0);
			for (let k = 0; k < count; k++) counts[(half[k]! >>> shift) & 0xffff]!++;
			let sum = 0;
			for (let d = 0; d < DIGIT; d++) {
				const c = counts[d]!;
				counts[d] = sum;
				sum += c;
			}
			for (let k = 0; k < count; k++) {
				const j = order[k]!;
				spare[counts[(half[j]! >>> shift) & 0xffff]!++] = j;
			}
			[order, spare] = [spare, order];
		}
	}
	// Equal close times: id order. Runs are short (a trade or two), but sorting each run keeps a
	// pathological input (every trade at one time) at n log n.
	for (let a = 0; a < count;) {
		const t = time[order[a]!]!;
		let b = a + 1;
		while (b < count && time[order[b]!] === t) b++;
		if (b - a > 1) order.subarray(a, b).sort((x, y) => compareIds(ids[x]!, ids[y]!));
		a = b;
	}
	return order;
}

/** The figures of a group of trades (a whole period or one bucket of a breakdown). */
export interface Stats {
	/** Closed trades counted. */
	trades: number;
	wins: number;
	losses: number;
	/** Net P&L of zero to the cent. */
	breakeven: number;
	/** wins / trades (breakeven trades count as trades that did not win); null without trades. */
	winRate: number | null;
	netPnl: number;
	/** Net P&L per trade; null without trades. */
	expectancy: number | null;
	/**
	 * Gross profit over gross loss: Infinity when there are wins and no losses, 0 with losses and
	 * no wins, null when there is neither (no trades, or all breakeven: nothing won or lost).
	 */
	profitFactor: number | null;
}

/** Running counts and sums of a group of trades, in cents ('$') or R. */
export class Tally {
	trades = 0;
	wins = 0;
	losses = 0;
	breakeven = 0;
	/** Sum of winning values (≥ 0). */
	profit = 0;
	/** Sum of losing values, as a magnitude (≥ 0). */
	loss = 0;
	/**
	 * Sum of all values in the order added. Kept apart from profit − loss so that, in R, a summary
	 * built in close order ends on exactly the equity curve's last value (the same additions).
	 */
	net = 0;

	add(value: number, sign: number): void {
		this.trades++;
		this.net += value;
		if (sign > 0) {
			this.wins++;
			this.profit += value;
		} else if (sign < 0) {
			this.losses++;
			this.loss -= value;
		} else this.breakeven++;
	}

	/** The figures, with values divided by `scale` (100 for cents, 1 for R). */
	stats(scale: number): Stats {
		const net = this.net;
		return {
			trades: this.trades,
			wins: this.wins,
			losses: this.losses,
			breakeven: this.breakeven,
			winRate: this.trades === 0 ? null : this.wins / this.trades,
			netPnl: net / scale,
			expectancy: this.trades === 0 ? null : net / this.trades / scale,
			profitFactor: profitFactor(this.profit, this.loss)
		};
	}
}

function profitFactor(profit: number, loss: number): number | null {
	if (loss > 0) return profit / loss;
	return profit > 0 ? Infinity : null;
}
