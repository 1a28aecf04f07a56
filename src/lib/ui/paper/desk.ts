/**
 * The paper desk in words and chart marks: an order's name and terms as a trader says them, the
 * executions as arrows and the working orders as lines a trader can drag.
 */
import type { PaperDesk } from '$workers/contract';
import type { Order, Position } from '$lib/core/broker';
import { dayKey } from '$lib/core/trades/query';
import { price, quantity, tickPrice } from '../money';
import type { ChartLevel, ChartMarker } from '../price-chart';

/** Bars and orders are in the exchange's zone: the broker's session zone. */
const ZONE = 'America/New_York';

/** A New York date (YYYY-MM-DD) of an instant: sessions are days on the exchange's clock. */
export const exchangeDay = (t: number): string => dayKey(t, ZONE);

/** What an order is waiting to do, in a few words: `o4 buy 100 limit`, `o5 sell (held for o4) stop`. */
export const orderName = (o: Order): string =>
	o.status === 'new' && o.parentId
		? `${o.id} ${o.side} (held for ${o.parentId})`
		: `${o.id} ${o.side} ${quantity(o.quantity - o.filledQuantity)}`;

/** An order's type and prices in a trader's words: `limit 13.45`, `stop 13.20`, `stop 13.30 limit 13.35`. */
export function orderTerms(o: Order): string {
	if (o.type === 'market') return 'market';
	if (o.type === 'trailing_stop')
		return `trailing ${o.trail?.by === 'percent' ? `${o.trail.value}%` : price(o.trail?.value ?? null)}${o.stopPrice !== null ? ` (stop ${tickPrice(o.stopPrice, o.symbol)})` : ''}`;
	return [
		o.stopPrice !== null ? `stop ${tickPrice(o.stopPrice, o.symbol)}` : '',
		o.limitPrice !== null ? `limit ${tickPrice(o.limitPrice, o.symbol)}` : ''
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * An order in a lineage, whole: `o1 buy 50 limit 354.00 (entry) · filled` (the trade page's chain,
 * what became of a signal).
 */
export const orderLine = (o: Order): string =>
	`${o.id} ${o.side} ${quantity(o.quantity)} ${orderTerms(o)} (${o.role.replace('_', ' ')}) · ${o.status.replace('_', ' ')}`;

/**
 * The session's executions (of `symbol`, when given) as arrows: filled for an opening or adding
 * fill, hollow for a close.
 */
export function executionMarkers(desk: PaperDesk | null, symbol?: string): ChartMarker[] {
	return (desk?.view.executions ?? [])
		.filter((e) => symbol === undefined || e.symbol === symbol)
		.map((e) => ({
			time: e.time,
			price: e.price,
			side: e.side,
			filled: e.effect !== 'close',
			label: `${e.side === 'buy' ? 'Bought' : 'Sold'} ${quantity(e.quantity)} @ ${tickPrice(e.price, e.symbol)} (${e.orderId})`
		}));
}

/**
 * Working orders' prices as lines; orders at one price share one line, one label and their count.
 * A trailing stop is drawn at its stop as it stands now (it moves by itself, so it is not dragged).
 * The position's average is where a drag proposes a bracket's stop or target.
 */
export function orderLevels(working: readonly Order[], position: Position | null): ChartLevel[] {
	const lines: ChartLevel[] = [];
	const add = (level: ChartLevel) => {
		const same = lines.find((l) => l.price === level.price && l.tone === level.tone);
		if (!same) lines.push({ ...level, orders: level.orders ?? (level.movable ? 1 : 0) });
		else {
			same.label = `${same.label} · ${level.label}`;
			same.orders = (same.orders ?? 0) + (level.orders ?? (level.movable ? 1 : 0));
			same.movable = same.movable || level.movable;
			if (level.ref) same.ref = same.ref ? `${same.ref} ${level.ref}` : level.ref;
		}
	};
	// A line's ref lists the orders it moves: `o4:limitPrice o5:stopPrice`.
	for (const o of working) {
		if (o.limitPrice !== null)
			add({
				price: o.limitPrice,
				label: `${orderName(o)} limit`,
				tone: o.role === 'take_profit' ? 'gain' : 'accent',
				movable: true,
				ref: `${o.id}:limitPrice`
			});
		if (o.stopPrice !== null && o.type === 'trailing_stop')
			add({ price: o.stopPrice, label: `${orderName(o)} trailing stop`, tone: 'loss', orders: 1 });
		else if (o.stopPrice !== null)
			add({
				price: o.stopPrice,
				label: `${orderName(o)} stop`,
				tone: 'loss',
				movable: true,
				ref: `${o.id}:stopPrice`
			});
	}
	if (position && position.quantity !== 0 && position.averagePrice !== null)
		add({
			price: position.averagePrice,
			label: `Avg ${quantity(position.quantity)}`,
			tone: 'muted',
			bracket: position.quantity > 0 ? 'long' : 'short'
		});
	return lines;
}

/** The order changes a dragged line asks for: each order on it moved to the new price. */
export function levelMoves(
	level: ChartLevel,
	to: number
): { orderId: string; changes: { limitPrice: number } | { stopPrice: number } }[] {
	return (level.ref ?? '')
		.split(' ')
		.filter(Boolean)
		.map((part) => {
			const [id, field] = part.split(':');
			return { orderId: id!, changes: field === 'limitPrice' ? { limitPrice: to } : { stopPrice: to } };
		});
}
