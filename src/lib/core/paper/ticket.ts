/**
 * The order ticket as a trader fills it in (a draft kept across tabs and reloads) and what it
 * sends: the broker's submission and the words the desk says it in. Pure: the desk's state keeps
 * the draft, this turns it into an order.
 */
import type { OrderRequest, OrderSubmission, OrderType, Side, TimeInForce } from '../broker/types';
import { roundToTick, tickOf, type TickSource } from '../instruments/ticks';
import { onTick, tickDecimals, tickFor } from '../model/tick';
import { entryWithExits } from './bracket';
import { signalOriginProblem, type SignalOrigin } from './signal-origin';
import { exitPrice, riskAmount, sizeFromRisk, type OffsetUnit } from './sizing';

/** single, a bracket (entry + stop-loss + target), OCO (two legs) or OTO (one, then the other). */
export type TicketClass = 'single' | 'bracket' | 'oco' | 'oto';

/**
 * The broker's order types, and `at_price`: a price picked on the chart, sent as a limit when it
 * is better than the last price for the side pressed (a buy below it, a sell above it) and as a
 * stop otherwise (a buy above it, a sell below it), as a chart click does on most platforms.
 */
export type TicketType = OrderType | 'at_price';

/** How the quantity is given: shares, or dollars (or a percent of equity) lost at the stop-loss. */
export type Sizing = 'shares' | 'amount' | 'percent';

export interface TicketDraft {
	/** Shares; null while the field is empty. */
	quantity: number | null;
	type: TicketType;
	limitPrice: number | null;
	stopPrice: number | null;
	/** The price an `at_price` order rests at (picked on the chart). */
	pickedPrice: number | null;
	trailBy: 'amount' | 'percent';
	trailValue: number | null;
	timeInForce: TimeInForce;
	orderClass: TicketClass;
	/** The bracket's stop-loss: a price, or an offset from the entry in `stopUnit`. */
	stopUnit: Exclude<OffsetUnit, 'r'>;
	stopLoss: number | null;
	/** The bracket's target: a price, or an offset from the entry in `targetUnit`. */
	targetUnit: OffsetUnit;
	takeProfit: number | null;
	/** The OCO's second leg or the OTO's second order: its side relative to the first, type and price. */
	otherSide: 'same' | 'opposite';
	otherType: 'limit' | 'stop' | 'market';
	otherPrice: number | null;
	sizing: Sizing;
	/** Dollars (sizing `amount`) or percent of equity (sizing `percent`) lost at the stop-loss. */
	risk: number | null;
	/**
	 * The signal the ticket was filled from ("Take this signal"): what it sends carries it, edited or
	 * not, until the ticket is cleared or another signal fills it. Null: not from a signal.
	 */
	signal?: SignalOrigin | null;
}

/** A fresh ticket: 100 shares at market, DAY. */
export const DEFAULT_TICKET: TicketDraft = {
	quantity: 100,
	type: 'market',
	limitPrice: null,
	stopPrice: null,
	pickedPrice: null,
	trailBy: 'amount',
	trailValue: 0.5,
	timeInForce: 'day',
	orderClass: 'single',
	stopUnit: 'price',
	stopLoss: null,
	targetUnit: 'price',
	takeProfit: null,
	otherSide: 'opposite',
	otherType: 'limit',
	otherPrice: null,
	sizing: 'shares',
	risk: null,
	signal: null
};

const CHOICES: { [K in keyof TicketDraft]?: readonly TicketDraft[K][] } = {
	type: ['market', 'limit', 'stop', 'stop_limit', 'trailing_stop', 'at_price'],
	trailBy: ['amount', 'percent'],
	timeInForce: ['day', 'gtc', 'ioc', 'fok'],
	orderClass: ['single', 'bracket', 'oco', 'oto'],
	stopUnit: ['price', 'ticks', 'atr'],
	targetUnit: ['price', 'ticks', 'atr', 'r'],
	otherSide: ['same', 'opposite'],
	otherType: ['limit', 'stop', 'market'],
	sizing: ['shares', 'amount', 'percent']
};

/**
 * A stored draft read back: each field kept when it is one the ticket can show, else the fresh
 * ticket's (a stored draft must never break the desk).
 * @example readTicket('{"quantity":10}').quantity // 10
 */
export function readTicket(stored: string | null, base: TicketDraft = DEFAULT_TICKET): TicketDraft {
	let raw: unknown;
	try {
		raw = stored === null ? null : JSON.parse(stored);
	} catch {
		raw = null;
	}
	const draft = { ...base };
	if (typeof raw !== 'object' || raw === null) return draft;
	const record = raw as Record<string, unknown>;
	for (const key of Object.keys(base) as (keyof TicketDraft)[]) {
		const value = record[key];
		const choices = CHOICES[key] as readonly unknown[] | undefined;
		const ok = choices
			? choices.includes(value)
			: key === 'signal'
				? value === null || (value !== undefined && signalOriginProblem(value as SignalOrigin) === null)
				: value === null || (typeof value === 'number' && Number.isFinite(value));
		if (ok) (draft as Record<string, unknown>)[key] = value;
	}
	return draft;
}

/** What the ticket knows of the market: the last price, ATR(14) and the account's equity. */
export interface TicketMarket {
	symbol: string;
	/** The last revealed close; null before the first bar. */
	last: number | null;
	atr: number | null;
	/** Dollars. */
	equity: number;
	/**
	 * The instrument's tick (its catalogue record's): prices go on it. Without it, the symbol's
	 * rule (model/tick.ts). The desk checks typed prices are on it before building (price-input.ts),
	 * so nothing a trader typed is moved.
	 */
	tick?: TickSource;
}

/** A price on the market's tick: the instrument's when the desk gave it, else the symbol's rule. */
const onMarketTick = (market: Pick<TicketMarket, 'symbol' | 'tick'>, p: number): number =>
	market.tick === undefined ? onTick(market.symbol, p) : roundToTick(p, market.tick);

export type BuiltOrder =
	| {
			ok: true;
			submission: OrderSubmission;
			/** What the desk says it placed: `Buy 100 RIVN limit 13.25, stop 13.10, target 13.60`. */
			words: string;
			quantity: number;
			/** The bracket's (or OTO's) stop-loss and target prices, when it has them. */
			stopLoss: number | null;
			takeProfit: number | null;
	  }
	| { ok: false; reason: string };

/**
 * A price as a trader reads it: to its tick (`14.00`, `0.4975`); the instrument's tick when
 * given, else the symbol's rule.
 */
export function tickText(p: number, symbol = '', tick?: TickSource): string {
	return p.toFixed(tickDecimals(tick === undefined ? tickFor(symbol, p) : tickOf(tick, p)));
}

/** A price distance (a trail): two decimals, or up to four when it has them (`0.50`, `0.0025`). */
const distanceText = (d: number) =>
	d.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 4 });
const quantityText = (q: number) => q.toLocaleString('en-US', { maximumFractionDigits: 8 });
const sideText = (side: Side) => (side === 'buy' ? 'Buy' : 'Sell');
const other = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');

/**
 * One order in a trader's words, the type named once: `Buy 100 RIVN stop 14.00`,
 * `Sell 50 RIVN stop 13.10 limit 13.05`, `Sell 100 RIVN trailing stop, trail 0.50`.
 */
export function orderWords(o: OrderRequest, tick?: TickSource): string {
	const head = `${sideText(o.side)} ${quantityText(o.quantity)} ${o.symbol}`;
	if (o.type === 'market') return `${head} market`;
	if (o.type === 'trailing_stop')
		return `${head} trailing stop, trail ${o.trail?.by === 'percent' ? `${o.trail.value}%` : distanceText(o.trail?.value ?? 0)}`;
	const stop = o.stopPrice !== undefined ? ` stop ${tickText(o.stopPrice, o.symbol, tick)}` : '';
	const limit = o.limitPrice !== undefined ? ` limit ${tickText(o.limitPrice, o.symbol, tick)}` : '';
	return `${head}${stop}${limit}`;
}

/** The first order's type and prices: an `at_price` order resolved against the last price. */
function entryOf(d: TicketDraft, side: Side, market: TicketMarket, quantity: number): OrderRequest | string {
	let type: OrderType;
	let limitPrice = d.limitPrice;
	let stopPrice = d.stopPrice;
	if (d.type === 'at_price') {
		if (d.pickedPrice === null) return 'Pick a price on the chart first';
		if (market.last === null) return 'Reveal the first bar before placing orders';
		const better = side === 'buy' ? d.pickedPrice < market.last : d.pickedPrice > market.last;
		type = better ? 'limit' : 'stop';
		limitPrice = better ? d.pickedPrice : null;
		stopPrice = better ? null : d.pickedPrice;
	} else type = d.type;
	const order: OrderRequest = { symbol: market.symbol, side, quantity, type, timeInForce: d.timeInForce };
	if ((type === 'limit' || type === 'stop_limit') && limitPrice !== null)
		order.limitPrice = onMarketTick(market, limitPrice);
	if ((type === 'stop' || type === 'stop_limit') && stopPrice !== null)
		order.stopPrice = onMarketTick(market, stopPrice);
	if (type === 'trailing_stop' && d.trailValue !== null) order.trail = { by: d.trailBy, value: d.trailValue };
	return order;
}

/** The price the entry is expected at: its limit or stop, else the last price (on the tick). */
function entryPrice(o: OrderRequest, market: TicketMarket): number | null {
	const p = o.limitPrice ?? o.stopPrice ?? market.last;
	return p === null ? null : onMarketTick(market, p);
}

/** The second order of an OCO or OTO. */
function otherOf(d: TicketDraft, first: OrderRequest, market: TicketMarket): OrderRequest | string {
	const side = d.otherSide === 'same' ? first.side : other(first.side);
	const order: OrderRequest = {
		symbol: first.symbol,
		side,
		quantity: first.quantity,
		type: d.otherType,
		timeInForce: d.timeInForce
	};
	if (d.otherType === 'market') return order;
	if (d.otherPrice === null || !(d.otherPrice > 0)) return 'Enter the second order’s price';
	if (d.otherType === 'limit') order.limitPrice = onMarketTick(market, d.otherPrice);
	else order.stopPrice = onMarketTick(market, d.otherPrice);
	return order;
}

/** Why a bracket's exits are on the wrong side of its entry (a long's stop above it), or null. */
function wrongSide(
	side: Side,
	entry: number,
	stop: number,
	target: number,
	tick?: TickSource
): string | null {
	const long = side === 'buy';
	const at = tickText(entry, '', tick);
	if (long ? stop >= entry : stop <= entry)
		return `A ${long ? 'long' : 'short'}’s stop-loss must be ${long ? 'below' : 'above'} its entry (${at})`;
	if (long ? target <= entry : target >= entry)
		return `A ${long ? 'long' : 'short'}’s take-profit must be ${long ? 'above' : 'below'} its entry (${at})`;
	return null;
}

/**
 * The ticket as sent with the Buy or Sell button: the submission, its words and the quantity
 * (given, or sized from the risk at the stop-loss); or why it cannot be sent as filled in. The
 * broker and the risk rules check the rest (a limit without its price is refused with its reason).
 * @example buildOrder({ ...DEFAULT_TICKET, quantity: 10 }, 'buy', { symbol: 'RIVN', last: 13.3, atr: null, equity: 1e5 })
 * // { ok: true, words: 'Buy 10 RIVN market', … }
 */
export function buildOrder(d: TicketDraft, side: Side, market: TicketMarket): BuiltOrder {
	const sized = d.sizing !== 'shares';
	if (!sized && (d.quantity === null || !Number.isFinite(d.quantity)))
		return { ok: false, reason: 'Enter a quantity above 0 to place an order' };
	const first = entryOf(d, side, market, sized ? 1 : d.quantity!);
	if (typeof first === 'string') return { ok: false, reason: first };
	const entry = entryPrice(first, market);

	let stopLoss: number | null = null;
	let takeProfit: number | null = null;
	let second: OrderRequest | null = null;
	if (d.orderClass === 'bracket') {
		if (d.stopLoss === null || d.takeProfit === null)
			return { ok: false, reason: 'A bracket needs both its stop-loss and its take-profit' };
		if (entry === null && (d.stopUnit !== 'price' || d.targetUnit !== 'price'))
			return { ok: false, reason: 'Reveal the first bar before giving exits as offsets' };
		const offset = {
			entry: entry ?? 0,
			side,
			atr: market.atr,
			symbol: market.symbol,
			...(market.tick !== undefined && { tick: market.tick })
		};
		const stop = exitPrice({ ...offset, leg: 'stop', unit: d.stopUnit, value: d.stopLoss });
		if (!stop.ok) return stop;
		const target = exitPrice({
			...offset,
			leg: 'target',
			unit: d.targetUnit,
			value: d.takeProfit,
			stop: stop.price
		});
		if (!target.ok) return target;
		stopLoss = stop.price;
		takeProfit = target.price;
		const wrong = entry === null ? null : wrongSide(side, entry, stopLoss, takeProfit, market.tick);
		if (wrong) return { ok: false, reason: wrong };
	} else if (d.orderClass === 'oco' || d.orderClass === 'oto') {
		const made = otherOf(d, first, market);
		if (typeof made === 'string') return { ok: false, reason: made };
		second = made;
		if (d.orderClass === 'oto' && made.side !== side && made.stopPrice !== undefined)
			stopLoss = made.stopPrice;
	}

	if (sized) {
		if (stopLoss === null)
			return {
				ok: false,
				reason:
					'Sizing by risk needs a stop-loss: a bracket, or an OTO whose second order is an opposite stop'
			};
		if (d.risk === null) return { ok: false, reason: 'Enter the risk above $0' };
		if (entry === null) return { ok: false, reason: 'Reveal the first bar before sizing by risk' };
		const size = sizeFromRisk({
			amount: riskAmount({ by: d.sizing === 'amount' ? 'amount' : 'percent', value: d.risk }, market.equity),
			entry,
			stop: stopLoss
		});
		if (!size.ok) return size;
		first.quantity = size.quantity;
		if (second) second.quantity = size.quantity;
	}

	const words = orderWords(first, market.tick);
	let submission: OrderSubmission;
	let said: string;
	if (d.orderClass === 'bracket') {
		submission = entryWithExits(first, { stopLoss, takeProfit });
		said = `${words}, stop ${tickText(stopLoss!, first.symbol, market.tick)}, target ${tickText(takeProfit!, first.symbol, market.tick)}`;
	} else if (d.orderClass === 'oco') {
		submission = { orderClass: 'oco', legs: [first, second!] };
		said = `OCO: ${words} / ${orderWords(second!, market.tick)}`;
	} else if (d.orderClass === 'oto') {
		submission = { orderClass: 'oto', primary: first, secondary: second! };
		said = `${words}, then ${orderWords(second!, market.tick)}`;
	} else {
		submission = { orderClass: 'single', order: first };
		said = words;
	}
	return { ok: true, submission, words: said, quantity: first.quantity, stopLoss, takeProfit };
}
