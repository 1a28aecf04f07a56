/**
 * Day trades. A day trade is an execution that closes or reduces a position in quantity that
 * was opened on the same trading date (New York). Each such closing execution is one day trade,
 * the per-order count most brokers use (buy 100, sell 50, sell 50 is two). Quantity carried over
 * from an earlier date is closed first (first in, first out), so selling yesterday's shares
 * never counts, and a closing execution that flips the position closes, then opens.
 */
import { tradingDate } from './calendar';
import type { RiskExecution, RiskPosition, RiskSide } from './types';

/** One day trade: the execution that made it. */
export interface DayTrade {
	symbol: string;
	/** Trading date, `YYYY-MM-DD` in New York. */
	date: string;
	time: number;
}

/** One symbol's position as the day-trade count sees it. */
export interface OpenedToday {
	/** Signed position. */
	quantity: number;
	/** Units of |quantity| held from before `date`. */
	carried: number;
	/** Units of |quantity| opened on `date`. */
	openedToday: number;
	date: string;
}

/** The day trades in a run of executions and where each symbol stands at its end. */
export interface DayTradeLedger {
	dayTrades: DayTrade[];
	bySymbol: Map<string, OpenedToday>;
}

const EPSILON = 1e-9;
const signed = (side: RiskSide, quantity: number) => (side === 'buy' ? quantity : -quantity);

/** Applies a signed quantity to a symbol's state; returns whether it closed today's units. */
function apply(state: OpenedToday, delta: number, date: string): boolean {
	if (state.date !== date) {
		state.carried = Math.abs(state.quantity);
		state.openedToday = 0;
		state.date = date;
	}
	const q = state.quantity;
	let dayTrade = false;
	let opening = Math.abs(delta);
	if (Math.abs(q) > EPSILON && Math.sign(delta) !== Math.sign(q)) {
		const closing = Math.min(Math.abs(delta), Math.abs(q));
		const fromCarried = Math.min(closing, state.carried);
		const fromToday = closing - fromCarried;
		state.carried -= fromCarried;
		state.openedToday = Math.max(0, state.openedToday - fromToday);
		dayTrade = fromToday > EPSILON;
		opening = Math.abs(delta) - closing;
		state.quantity = q + Math.sign(delta) * closing;
		if (Math.abs(state.quantity) <= EPSILON) {
			state.quantity = 0;
			state.carried = 0;
			state.openedToday = 0;
		}
	}
	if (opening > EPSILON) {
		state.quantity += Math.sign(delta) * opening;
		state.openedToday += opening;
	}
	return dayTrade;
}

/**
 * Replays executions (any order; sorted by time here) and finds the day trades among them.
 * Each symbol's position before its first execution is `positions` minus the executions' net,
 * so `positions` must be the positions after the last execution.
 * @example
 * dayTradeLedger([
 *   { symbol: 'AAPL', side: 'buy', quantity: 10, time: t },
 *   { symbol: 'AAPL', side: 'sell', quantity: 10, time: t + 60_000 }
 * ], []).dayTrades // [{ symbol: 'AAPL', date: '…', time: t + 60_000 }]
 */
export function dayTradeLedger(
	executions: readonly RiskExecution[],
	positions: readonly RiskPosition[]
): DayTradeLedger {
	const sorted = [...executions].sort((a, b) => a.time - b.time);
	const net = new Map<string, number>();
	for (const e of sorted) net.set(e.symbol, (net.get(e.symbol) ?? 0) + signed(e.side, e.quantity));
	const bySymbol = new Map<string, OpenedToday>();
	for (const p of positions) net.set(p.symbol, (net.get(p.symbol) ?? 0) - p.quantity);
	for (const [symbol, n] of net) {
		const start = -n;
		bySymbol.set(symbol, {
			quantity: Math.abs(start) <= EPSILON ? 0 : start,
			carried: Math.abs(start),
			openedToday: 0,
			date: ''
		});
	}
	const dayTrades: DayTrade[] = [];
	for (const e of sorted) {
		const date = tradingDate(e.time);
		if (apply(bySymbol.get(e.symbol)!, signed(e.side, e.quantity), date))
			dayTrades.push({ symbol: e.symbol, date, time: e.time });
	}
	return { dayTrades, bySymbol };
}

/**
 * A day-trade ledger kept as executions happen, for an account that starts flat: after adding
 * executions in time order it is exactly `dayTradeLedger` of them (with the positions they
 * leave), at the cost of each execution once instead of every execution at every order.
 * @example const book = new DayTradeBook(); book.add(buy); book.add(sell); book.dayTrades.length // 1
 */
export class DayTradeBook implements DayTradeLedger {
	readonly dayTrades: DayTrade[] = [];
	readonly bySymbol = new Map<string, OpenedToday>();
	#lastTime = -Infinity;

	/** Takes in the next execution (not before the last one added). */
	add(e: RiskExecution): void {
		if (e.time < this.#lastTime)
			throw new RangeError(`execution at ${e.time} is before the last one (${this.#lastTime})`);
		this.#lastTime = e.time;
		let state = this.bySymbol.get(e.symbol);
		if (!state) {
			state = { quantity: 0, carried: 0, openedToday: 0, date: '' };
			this.bySymbol.set(e.symbol, state);
		}
		const date = tradingDate(e.time);
		if (apply(state, signed(e.side, e.quantity), date))
			this.dayTrades.push({ symbol: e.symbol, date, time: e.time });
	}
}

/**
 * Whether an order would be a day trade: it closes units of `symbol` opened on the order's
 * trading date, given the ledger of the executions before it.
 * @example wouldDayTrade(ledger, { symbol: 'AAPL', side: 'sell', quantity: 10, time: now }) // true if AAPL was bought today
 */
export function wouldDayTrade(
	ledger: DayTradeLedger,
	order: { symbol: string; side: RiskSide; quantity: number; time: number }
): boolean {
	const state = ledger.bySymbol.get(order.symbol);
	if (!state) return false;
	return apply({ ...state }, signed(order.side, order.quantity), tradingDate(order.time));
}

/**
 * Counts day trades whose date is in `window` (see businessDayWindow).
 * @example countDayTrades(ledger.dayTrades, businessDayWindow(tradingDate(now), 5))
 */
export function countDayTrades(dayTrades: readonly DayTrade[], window: ReadonlySet<string>): number {
	let count = 0;
	for (const d of dayTrades) if (window.has(d.date)) count++;
	return count;
}
