/**
 * The paper desk in words and chart marks: an order's name and terms as a trader says them, the
 * executions as arrows and the working orders as lines a trader can drag.
 */
import type { PaperDesk } from '$workers/contract';
import type { Order, Position } from '$lib/core/broker';
import {
	instrumentFor,
	priceText,
	roundToTick,
	stepPrice,
	stepQuantity,
	type Instrument,
	type TickSource
} from '$lib/core/instruments';
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

/**
 * An order's type and prices in a trader's words: `limit 13.45`, `stop 13.20`, `stop 13.30 limit
 * 13.35`; with the instrument's tick when given (its decimals; a price is never rounded), else the
 * symbol's rule.
 */
export function orderTerms(o: Order, tick?: TickSource): string {
	const at = (p: number) => (tick === undefined ? tickPrice(p, o.symbol) : priceText(p, tick));
	if (o.type === 'market') return 'market';
	if (o.type === 'trailing_stop')
		return `trailing ${o.trail?.by === 'percent' ? `${o.trail.value}%` : price(o.trail?.value ?? null)}${o.stopPrice !== null ? ` (stop ${at(o.stopPrice)})` : ''}`;
	return [
		o.stopPrice !== null ? `stop ${at(o.stopPrice)}` : '',
		o.limitPrice !== null ? `limit ${at(o.limitPrice)}` : ''
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
 * fill, hollow for a close. Each label shows the price the broker filled at as it is, with the
 * tick's decimals (`tick`: the instrument's; else the symbol's rule), never rounded.
 */
export function executionMarkers(desk: PaperDesk | null, symbol?: string, tick?: TickSource): ChartMarker[] {
	return (desk?.view.executions ?? [])
		.filter((e) => symbol === undefined || e.symbol === symbol)
		.map((e) => ({
			time: e.time,
			price: e.price,
			side: e.side,
			filled: e.effect !== 'close',
			label: `${e.side === 'buy' ? 'Bought' : 'Sold'} ${quantity(e.quantity)} @ ${priceText(e.price, tick ?? instrumentFor(e.symbol).tick)} (${e.orderId})`
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

/**
 * A price field's step: one tick up or down from the price typed (see stepPrice); from an empty
 * field, the last price on the tick (or nothing before the first bar).
 * @example priceStepper(fixedTick(0.25), 5012.3)(null, 1) // 5012.25
 */
export function priceStepper(
	tick: TickSource,
	last: number | null
): (from: number | null, direction: 1 | -1) => number | null {
	return (from, direction) => {
		if (from === null) return last === null ? null : roundToTick(last, tick);
		return stepPrice(from, tick, direction);
	};
}

/** A quantity field's step: one lot step (never below one step); from an empty field, one step. */
export function quantityStepper(
	instrument: Pick<Instrument, 'lotStep'>
): (from: number | null, direction: 1 | -1) => number {
	return (from, direction) =>
		from === null ? instrument.lotStep : stepQuantity(from, instrument, direction);
}

/**
 * The ticket's quantity presets for an instrument: shares and contracts in whole lots (1, 10,
 * 100, 500); a fractional lot (crypto) in tenfold steps up to 1 that are whole lots
 * (0.001, 0.01, 0.1, 1 for a satoshi lot).
 */
export function quantityPresets(instrument: Pick<Instrument, 'lotStep'>): number[] {
	const lot = instrument.lotStep;
	if (lot >= 1) return [1, 10, 100, 500].map((q) => q * lot);
	return [0.001, 0.01, 0.1, 1].filter((q) => q >= lot && Number.isInteger(Math.round((q / lot) * 1e6) / 1e6));
}

/**
 * An order's value in the instrument's quote currency: `$12,345.67` in USD, `0.00512346 BTC`
 * for an ETH-BTC order (up to 8 decimals), `—` when there is none.
 */
export function valueText(value: number | null, currency: string): string {
	if (value === null || !Number.isFinite(value)) return '—';
	if (currency === 'USD')
		return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
	return `${value.toLocaleString('en-US', { maximumFractionDigits: 8 })} ${currency}`;
}
