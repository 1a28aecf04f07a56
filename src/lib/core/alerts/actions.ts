/**
 * What an accepted alert does on a paper desk: the session actions it becomes (an order, a bracket
 * or an OTO with its stop or target, a close, a flatten), or why it cannot be placed there. Pure:
 * the desk is read through `AlertDesk`; the engine applies the actions through the session, so the
 * risk manager judges them like any order.
 */
import type { OrderRequest, OrderType, Side } from '../broker/types';
import { entryWithExits } from '../paper/bracket';
import type { PaperAction } from '../paper/session';
import type { Alert } from './types';

/** What the plan reads of the desk's session now. */
export interface AlertDesk {
	/** The symbols the session replays. */
	symbols: readonly string[];
	/** Signed units held (+ long), 0 when flat. */
	position(symbol: string): number;
	/** The last revealed close, or null before the symbol's first bar. */
	lastPrice(symbol: string): number | null;
	/** Ids of the symbol's working orders (accepted, partly filled, or held for a parent). */
	workingOrders(symbol: string): string[];
}

/**
 * The actions, in order, with the plan in words; or why not, and whether another session could
 * take it (`queue`: the alert waits in the inbox rather than being dropped).
 */
export type AlertPlan =
	{ ok: true; actions: PaperAction[]; text: string } | { ok: false; reason: string; queue: boolean };

const TYPES: Record<Alert['orderType'], OrderType> = {
	market: 'market',
	limit: 'limit',
	stop: 'stop',
	'stop-limit': 'stop_limit'
};

const price = (x: number) => String(Number(x.toFixed(6)));

/**
 * The plan for `alert` on `desk`. Sizing by risk: floor(risk / |entry − stop-loss|) whole units,
 * the entry being the order's limit (else its stop, else the last close).
 * @example planAlert({ ...alert, action: 'buy', quantity: 100, orderType: 'market' }, desk).text // 'Buy 100 RIVN at market'
 */
export function planAlert(alert: Alert, desk: AlertDesk): AlertPlan {
	if (alert.action === 'flatten') return planFlatten(alert, desk);
	const symbol = alert.symbol!;
	if (!desk.symbols.includes(symbol))
		return {
			ok: false,
			queue: true,
			reason: `the desk's session replays ${desk.symbols.join(', ')}, not ${symbol}`
		};
	const last = desk.lastPrice(symbol);
	if (last === null)
		return { ok: false, queue: false, reason: `no bar of ${symbol} is revealed yet: step the desk first` };
	if (alert.action === 'close') return planClose(alert, symbol, desk);
	const side: Side = alert.action === 'buy' ? 'buy' : 'sell';
	const entryPrice = alert.limitPrice ?? alert.stopPrice ?? last;
	const sideProblem = levelProblem(alert, side, entryPrice);
	if (sideProblem) return { ok: false, queue: false, reason: sideProblem };
	let quantity = alert.quantity;
	if (quantity === null) {
		const perUnit = Math.abs(entryPrice - alert.stopLoss!);
		quantity = Math.floor(alert.risk! / perUnit + 1e-9);
		if (quantity < 1)
			return {
				ok: false,
				queue: false,
				reason: `a risk of ${price(alert.risk!)} buys no whole unit with the stop-loss ${price(perUnit)} from the entry ${price(entryPrice)}`
			};
	}
	const order: OrderRequest = { symbol, side, quantity, type: TYPES[alert.orderType] };
	if (alert.limitPrice !== null) order.limitPrice = alert.limitPrice;
	if (alert.stopPrice !== null) order.stopPrice = alert.stopPrice;
	const submission = entryWithExits(order, {
		stopLoss: alert.stopLoss,
		takeProfit: alert.takeProfit,
		timeInForce: 'gtc'
	});
	return {
		ok: true,
		actions: [{ kind: 'submit', at: 0, submission }],
		text: describe(alert, side, quantity, symbol)
	};
}

/** A stop-loss on the losing side of the entry and a target on the winning side, or why not. */
function levelProblem(alert: Alert, side: Side, entry: number): string | null {
	const long = side === 'buy';
	const { stopLoss, takeProfit } = alert;
	if (stopLoss !== null && (long ? stopLoss >= entry : stopLoss <= entry))
		return `the stop-loss ${price(stopLoss)} must be ${long ? 'below' : 'above'} the entry ${price(entry)} of a ${side}`;
	if (takeProfit !== null && (long ? takeProfit <= entry : takeProfit >= entry))
		return `the take-profit ${price(takeProfit)} must be ${long ? 'above' : 'below'} the entry ${price(entry)} of a ${side}`;
	return null;
}

function planClose(alert: Alert, symbol: string, desk: AlertDesk): AlertPlan {
	const held = desk.position(symbol);
	if (held === 0) return { ok: false, queue: false, reason: `no position in ${symbol} to close` };
	const quantity = alert.quantity ?? Math.abs(held);
	if (quantity > Math.abs(held))
		return {
			ok: false,
			queue: false,
			reason: `it closes ${quantity} ${symbol} but ${Math.abs(held)} are held`
		};
	const side: Side = held > 0 ? 'sell' : 'buy';
	const order: OrderRequest = { symbol, side, quantity, type: TYPES[alert.orderType] };
	if (alert.limitPrice !== null) order.limitPrice = alert.limitPrice;
	if (alert.stopPrice !== null) order.stopPrice = alert.stopPrice;
	return {
		ok: true,
		actions: [{ kind: 'submit', at: 0, submission: { orderClass: 'single', order } }],
		text: `Close ${quantity} ${symbol}: ${describe(alert, side, quantity, symbol)}`
	};
}

/** Every symbol (an emergency flatten) or one: its working orders cancelled and its position closed at market. */
function planFlatten(alert: Alert, desk: AlertDesk): AlertPlan {
	const symbol = alert.symbol;
	if (symbol === null)
		return { ok: true, actions: [{ kind: 'flatten', at: 0 }], text: 'Flatten every position' };
	if (!desk.symbols.includes(symbol))
		return { ok: false, queue: false, reason: `the desk's session does not replay ${symbol}` };
	const actions: PaperAction[] = desk
		.workingOrders(symbol)
		.map((orderId) => ({ kind: 'cancel', at: 0, orderId }));
	const held = desk.position(symbol);
	if (held !== 0)
		actions.push({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol, side: held > 0 ? 'sell' : 'buy', quantity: Math.abs(held), type: 'market' }
			}
		});
	if (!actions.length) return { ok: false, queue: false, reason: `nothing to flatten in ${symbol}` };
	return { ok: true, actions, text: `Flatten ${symbol}` };
}

function describe(alert: Alert, side: Side, quantity: number, symbol: string): string {
	const verb = side === 'buy' ? 'Buy' : 'Sell';
	const how =
		alert.orderType === 'market'
			? 'at market'
			: alert.orderType === 'limit'
				? `limit ${price(alert.limitPrice!)}`
				: alert.orderType === 'stop'
					? `stop ${price(alert.stopPrice!)}`
					: `stop ${price(alert.stopPrice!)} limit ${price(alert.limitPrice!)}`;
	const levels = [
		alert.stopLoss !== null ? `stop-loss ${price(alert.stopLoss)}` : '',
		alert.takeProfit !== null ? `take-profit ${price(alert.takeProfit)}` : ''
	].filter(Boolean);
	return `${verb} ${quantity} ${symbol} ${how}${levels.length ? `, ${levels.join(', ')}` : ''}`;
}
