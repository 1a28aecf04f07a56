/**
 * A modification of an order on its own: the order as it would be after `changes`, with the
 * history notes, or why the change cannot be made (before any account check).
 */
import { positive, trailProblem } from './checks';
import { trailLevel } from './fill-rules';
import type { Order, OrderChanges } from './types';

/**
 * `o` with `changes` applied (a copy) and a note per change, or the reason it cannot change.
 * @example changedOrder(order, { limitPrice: 0 }, 4) // 'limit price must be a number > 0'
 */
export function changedOrder(
	o: Order,
	changes: OrderChanges,
	priceDecimals: number
): { next: Order; notes: string[] } | string {
	const next: Order = { ...o };
	const notes: string[] = [];
	if (changes.quantity !== undefined) {
		if (o.role === 'stop_loss' || o.role === 'take_profit')
			return 'a bracket exit is sized by its entry; change the entry instead';
		if (!positive(changes.quantity)) return 'quantity must be a number > 0';
		if (changes.quantity <= o.filledQuantity)
			return `quantity must be more than the ${o.filledQuantity} already filled`;
		notes.push(`quantity ${o.quantity} → ${changes.quantity}`);
		next.quantity = changes.quantity;
	}
	if (changes.limitPrice !== undefined) {
		if (o.limitPrice === null) return `a ${o.type} order has no limit price`;
		if (!positive(changes.limitPrice)) return 'limit price must be a number > 0';
		notes.push(`limit ${o.limitPrice} → ${changes.limitPrice}`);
		next.limitPrice = changes.limitPrice;
	}
	if (changes.stopPrice !== undefined) {
		if (o.type !== 'stop' && o.type !== 'stop_limit') return `a ${o.type} order has no stop price to set`;
		if (!positive(changes.stopPrice)) return 'stop price must be a number > 0';
		notes.push(`stop ${o.stopPrice} → ${changes.stopPrice}`);
		next.stopPrice = changes.stopPrice;
	}
	if (changes.trail !== undefined) {
		if (o.type !== 'trailing_stop') return `a ${o.type} order has no trail`;
		const reason = trailProblem(changes.trail);
		if (reason) return reason;
		notes.push(`trail ${o.trail?.value} ${o.trail?.by} → ${changes.trail.value} ${changes.trail.by}`);
		next.trail = { ...changes.trail };
		// The level follows the new trail from the best price so far (it may loosen: the trader asked).
		next.stopPrice =
			next.trailExtreme === null ? null : trailLevel(o.side, next.trail, next.trailExtreme, priceDecimals);
	}
	return { next, notes };
}
