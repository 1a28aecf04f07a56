/**
 * The desk's stat row: the session's P&L, its closed trades' win rate and average R (where the
 * stop is known), and the open position's maximum adverse excursion so far. Derived from the
 * session's executions, orders and revealed bars; money in integer cents.
 */
import type { AccountState, Order, PaperExecution } from '../broker/types';

/** A flat-to-flat round trip in one symbol, as far as the executions go. */
interface RoundTrip {
	symbol: string;
	/** + long, − short. */
	direction: 1 | -1;
	openTime: number;
	closeTime: number | null;
	/** The first execution's price: the entry R is measured from. */
	entryPrice: number;
	/** Units opened in all (adds included). */
	openedQuantity: number;
	/** Realised P&L less commissions, integer cents. */
	netCents: number;
	/** Orders whose executions opened or added to it. */
	entryOrders: Set<string>;
}

export interface DeskStats {
	/** Realised + unrealised − commissions, integer cents. */
	pnlCents: number;
	closedTrades: number;
	wins: number;
	/** wins / closed trades; null before the first closed trade. */
	winRate: number | null;
	/** Mean R of the closed trades whose stop is known; null when none. */
	averageR: number | null;
	/** How many closed trades had a stop (the average R's count). */
	tradesWithR: number;
	/** The open position's worst unrealised P&L since it opened (≤ 0), integer cents; null when flat. */
	maeCents: number | null;
	/** The price of that worst excursion; null when flat. */
	maePrice: number | null;
}

/** Revealed bars' columns the excursion needs. */
export interface StatBars {
	time: ArrayLike<number>;
	high: ArrayLike<number>;
	low: ArrayLike<number>;
}

/** Splits executions into flat-to-flat round trips, per symbol, in time order. */
export function roundTrips(executions: readonly PaperExecution[]): RoundTrip[] {
	const trips: RoundTrip[] = [];
	const open = new Map<string, { trip: RoundTrip; quantity: number }>();
	for (const e of executions) {
		const signed = e.side === 'buy' ? e.quantity : -e.quantity;
		const current = open.get(e.symbol);
		const before = current?.quantity ?? 0;
		const after = before + signed;
		const opening = before === 0 || Math.sign(signed) === Math.sign(before);
		if (current && !opening) {
			current.trip.netCents += e.realisedPnlCents - e.commissionCents;
			if (after === 0 || Math.sign(after) !== Math.sign(before)) {
				current.trip.closeTime = e.time;
				open.delete(e.symbol);
			} else current.quantity = after;
		}
		if (opening || (after !== 0 && Math.sign(after) !== Math.sign(before))) {
			const quantity = opening ? Math.abs(signed) : Math.abs(after);
			const existing = open.get(e.symbol);
			if (existing) {
				existing.quantity = after;
				existing.trip.openedQuantity += quantity;
				existing.trip.netCents -= e.commissionCents;
				existing.trip.entryOrders.add(e.orderId);
			} else {
				const trip: RoundTrip = {
					symbol: e.symbol,
					direction: after > 0 ? 1 : -1,
					openTime: e.time,
					closeTime: null,
					entryPrice: e.price,
					openedQuantity: quantity,
					// A reversing execution's commission went to the trade it closed.
					netCents: opening ? -e.commissionCents : 0,
					entryOrders: new Set([e.orderId])
				};
				trips.push(trip);
				open.set(e.symbol, { trip, quantity: after });
			}
		}
	}
	return trips;
}

/**
 * A trade's stop: its bracket's stop-loss, else the first stop on the other side placed while it
 * was open; null when it had none.
 */
function stopOf(trip: RoundTrip, orders: readonly Order[]): number | null {
	const exitSide = trip.direction > 0 ? 'sell' : 'buy';
	const bracket = orders.find(
		(o) => o.role === 'stop_loss' && o.parentId !== null && trip.entryOrders.has(o.parentId)
	);
	if (bracket?.stopPrice != null) return bracket.stopPrice;
	const placed = orders.find(
		(o) =>
			o.symbol === trip.symbol &&
			o.side === exitSide &&
			(o.type === 'stop' || o.type === 'stop_limit') &&
			o.stopPrice !== null &&
			o.submittedAt >= trip.openTime &&
			(trip.closeTime === null || o.submittedAt <= trip.closeTime)
	);
	return placed?.stopPrice ?? null;
}

/**
 * The stat row of a session.
 * @example deskStats(view.executions, view.orders, view.account, bars, 'RIVN').winRate // 0.5
 */
export function deskStats(
	executions: readonly PaperExecution[],
	orders: readonly Order[],
	account: AccountState,
	bars: StatBars,
	symbol: string
): DeskStats {
	const trips = roundTrips(executions);
	const closed = trips.filter((t) => t.closeTime !== null);
	const wins = closed.filter((t) => t.netCents > 0).length;
	const rs: number[] = [];
	for (const t of closed) {
		const stop = stopOf(t, orders);
		const riskCents = stop === null ? 0 : Math.round(Math.abs(t.entryPrice - stop) * t.openedQuantity * 100);
		if (riskCents > 0) rs.push(t.netCents / riskCents);
	}
	let maeCents: number | null = null;
	let maePrice: number | null = null;
	const position = account.positions.find((p) => p.symbol === symbol);
	const trip = [...trips].reverse().find((t) => t.symbol === symbol && t.closeTime === null);
	if (position && position.quantity !== 0 && position.averagePrice !== null && trip) {
		let worstCents = Infinity;
		for (let i = 0; i < bars.time.length; i++) {
			if (bars.time[i]! < trip.openTime) continue;
			const worst = position.quantity > 0 ? bars.low[i]! : bars.high[i]!;
			const cents = Math.round((worst - position.averagePrice) * position.quantity * 100);
			if (cents < worstCents) {
				worstCents = cents;
				maePrice = worst;
			}
		}
		maeCents = Number.isFinite(worstCents) ? Math.min(0, worstCents) : 0;
	}
	return {
		pnlCents: account.realisedPnlCents + account.unrealisedPnlCents - account.commissionsCents,
		closedTrades: closed.length,
		wins,
		winRate: closed.length ? wins / closed.length : null,
		averageR: rs.length ? rs.reduce((a, b) => a + b, 0) / rs.length : null,
		tradesWithR: rs.length,
		maeCents,
		maePrice
	};
}
