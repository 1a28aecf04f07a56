/**
 * The desk's session figures: realised P&L, closed trades and wins, and each open position's
 * maximum adverse excursion. Derived like the rest of the view, so a replay rebuilds them exactly.
 */
import type { AccountState, Bar, PaperExecution } from '../broker';
import { roundTrips } from './desk-stats';

/** One open position's worst moment. */
export interface OpenExcursion {
	symbol: string;
	/** Signed: + long, − short. */
	quantity: number;
	/** The bar time the position opened at (from flat, or reversed). */
	openedAt: number;
	/**
	 * Maximum adverse excursion: the worst unrealised P&L since it opened, integer cents (negative
	 * when it went against the trader; positive if it never did). Measured at each revealed bar's
	 * low (long) or high (short) against the position's average price after that bar.
	 */
	maeCents: number;
}

export interface PaperStats {
	/** Realised P&L of everything closed, minus every commission paid, integer cents. */
	realisedPnlCents: number;
	/** Trades closed: flat-to-flat round trips (a reversal closes one and opens the next). */
	trades: number;
	/** Closed trades whose P&L after commissions is above zero. */
	wins: number;
	/** Each open position's excursion, by symbol. */
	open: OpenExcursion[];
}

const EPSILON = 1e-9;

/** Follows a session step by step for the excursions; the rest is read from the broker's view. */
export class SessionStats {
	readonly #open = new Map<string, OpenExcursion>();

	/**
	 * After a step, for each bar it revealed: the bar, and its symbol's position after the step
	 * (signed units, average price; null when flat).
	 */
	onBar(bar: Bar, quantity: number, averagePrice: number | null): void {
		if (Math.abs(quantity) <= EPSILON || averagePrice === null) {
			if (this.#open.size) this.#open.delete(bar.symbol);
			return;
		}
		const held = this.#open.get(bar.symbol);
		const extreme = quantity > 0 ? bar.low : bar.high;
		const unrealised = Math.round((extreme - averagePrice) * quantity * 100);
		if (!held || Math.sign(held.quantity) !== Math.sign(quantity))
			this.#open.set(bar.symbol, {
				symbol: bar.symbol,
				quantity,
				openedAt: bar.time,
				maeCents: unrealised
			});
		else {
			held.quantity = quantity;
			held.maeCents = Math.min(held.maeCents, unrealised);
		}
	}

	/** The figures now. */
	view(account: AccountState, executions: readonly PaperExecution[]): PaperStats {
		const { trades, wins } = closedTrades(executions);
		return {
			realisedPnlCents: account.realisedPnlCents - account.commissionsCents,
			trades,
			wins,
			open: [...this.#open.values()].sort((a, b) => a.symbol.localeCompare(b.symbol)).map((e) => ({ ...e }))
		};
	}
}

/**
 * Closed flat-to-flat trades in executions (in time order) and how many made money after
 * commissions (the desk's round trips: a reversal closes a trade, its commission counted there).
 * @example closedTrades([buy 10 at 100, sell 10 at 101]) // { trades: 1, wins: 1 }
 */
export function closedTrades(executions: readonly PaperExecution[]): { trades: number; wins: number } {
	const closed = roundTrips(executions).filter((t) => t.closeTime !== null);
	return { trades: closed.length, wins: closed.filter((t) => t.netCents > 0).length };
}
