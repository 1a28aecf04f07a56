/**
 * An entry with its stop-loss and target as the broker takes it: a bracket with both, an OTO with
 * one (the exit held until the entry has filled), a single order with none. The order ticket, the
 * alert inbox and the scheduled scans all place an entry this way; each sizes and prices it first
 * (a quantity, a risk at the stop, a signal's prices), this only puts the orders together. Pure
 * and unchecked: the broker and the risk rules judge what it builds (a long bracket's stop-loss
 * above its target is rejected with its reason).
 */
import type { OrderRequest, OrderSubmission, Side } from '../broker/types';

/** An entry's exits: prices on the exit side, null where there is none. */
export interface EntryExits {
	/** The stop-loss: a stop order on the exit side. */
	stopLoss: number | null;
	/** The target (take-profit): a limit order on the exit side. */
	takeProfit: number | null;
	/**
	 * Time in force of the exits. Absent: the broker's rule for a bracket's exits, the entry's when
	 * it is day or gtc, else gtc; an OTO's exit gets the same by that rule here.
	 */
	timeInForce?: 'day' | 'gtc';
}

const opposite = (side: Side): Side => (side === 'buy' ? 'sell' : 'buy');

/**
 * The submission for `entry` with `exits`: a bracket when both are given, an OTO whose secondary is
 * the one given (a stop, or a limit at the target) on the other side for the entry's quantity,
 * a single order when neither is. The entry is used as given (its sizing and prices are the
 * caller's).
 * @example
 * entryWithExits(
 * 	{ symbol: 'RIVN', side: 'buy', quantity: 100, type: 'limit', limitPrice: 13.3 },
 * 	{ stopLoss: 12.8, takeProfit: null, timeInForce: 'gtc' }
 * )
 * // { orderClass: 'oto', primary: { …the entry }, secondary:
 * //   { symbol: 'RIVN', side: 'sell', quantity: 100, timeInForce: 'gtc', type: 'stop', stopPrice: 12.8 } }
 */
export function entryWithExits(entry: OrderRequest, exits: EntryExits): OrderSubmission {
	const { stopLoss, takeProfit, timeInForce } = exits;
	if (stopLoss !== null && takeProfit !== null)
		return {
			orderClass: 'bracket',
			entry,
			stopLoss: { stopPrice: stopLoss },
			takeProfit: { limitPrice: takeProfit },
			...(timeInForce ? { exitTimeInForce: timeInForce } : {})
		};
	if (stopLoss === null && takeProfit === null) return { orderClass: 'single', order: entry };
	const entryTif = entry.timeInForce ?? 'day';
	const { symbol, quantity } = entry;
	const side = opposite(entry.side);
	const exitTif = timeInForce ?? (entryTif === 'day' || entryTif === 'gtc' ? entryTif : 'gtc');
	// Written out, not `{ ...exit, type, … }`: a key added after a spread costs V8 ~2 µs (a
	// backtest places tens of thousands). Keys in this order: the strategy driver's stored logs
	// (and backtest-exact's golden digests of them) have always written an OTO's exit so.
	return {
		orderClass: 'oto',
		primary: entry,
		secondary:
			stopLoss !== null
				? { symbol, side, quantity, timeInForce: exitTif, type: 'stop', stopPrice: stopLoss }
				: { symbol, side, quantity, timeInForce: exitTif, type: 'limit', limitPrice: takeProfit! }
	};
}
