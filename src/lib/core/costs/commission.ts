/**
 * Commission rules, one module for the paper broker and for the commission schedules of
 * imported executions. A rule prices one order (or, where a schedule says so, one trade):
 * the quantity it executed and the value of that quantity.
 *
 * Amounts in a rule are in currency units as a user types them ($0.0035 a share, $0.35
 * minimum); results are exact decimals (Exact) until they are rounded to the cent.
 */
import { Exact, maxOf, minOf } from './exact';

export type CommissionModel =
	| { kind: 'none' }
	/**
	 * Per unit, with a minimum per order and optional caps: an amount (`maximum`) and a percent of
	 * the order's value (`maxPercentOfValue`).
	 */
	| {
			kind: 'per_share';
			perShare: number;
			minimum: number;
			maximum?: number | null;
			maxPercentOfValue?: number | null;
	  }
	| { kind: 'per_order'; amount: number }
	| { kind: 'percent'; percent: number };

/** What a commission came to, and whether the minimum or the maximum decided it. */
export interface CommissionAmount {
	amount: Exact;
	limit: 'min' | 'max' | null;
}

/**
 * The exact commission of an order that executed `quantity` units worth `value`:
 * - per_share: max(minimum, quantity × perShare), then at most `maximum` and at most
 *   maxPercentOfValue % of the value (a cap below the minimum wins: never more than the cap);
 * - per_order: the amount;
 * - percent: value × percent / 100.
 * Nothing executed costs nothing.
 * @example commissionOf({ kind: 'per_share', perShare: 0.0035, minimum: 0.35 }, Exact.of(36), Exact.of(8799.39))
 * // { amount: 0.35, limit: 'min' }
 */
export function commissionOf(model: CommissionModel, quantity: Exact, value: Exact): CommissionAmount {
	if (quantity.compare(Exact.ZERO) <= 0) return { amount: Exact.ZERO, limit: null };
	switch (model.kind) {
		case 'none':
			return { amount: Exact.ZERO, limit: null };
		case 'per_order':
			return { amount: Exact.of(model.amount), limit: null };
		case 'percent':
			return { amount: value.abs().times(Exact.of(model.percent)).shifted(2), limit: null };
		case 'per_share': {
			const byShares = quantity.times(Exact.of(model.perShare));
			const minimum = Exact.of(model.minimum);
			let amount = maxOf(byShares, minimum);
			let limit: CommissionAmount['limit'] = byShares.compare(minimum) < 0 ? 'min' : null;
			const caps: Exact[] = [];
			if (model.maximum != null) caps.push(Exact.of(model.maximum));
			if (model.maxPercentOfValue != null)
				caps.push(value.abs().times(Exact.of(model.maxPercentOfValue)).shifted(2));
			for (const cap of caps)
				if (cap.compare(amount) < 0) {
					amount = minOf(amount, cap);
					limit = 'max';
				}
			return { amount, limit };
		}
	}
}

/**
 * The commission an order owes in total after executing `filledQuantity` units worth
 * `filledValueCents`, integer cents (the paper broker's books). The broker charges each
 * execution the increase over what the order was already charged, so a minimum applies once
 * per order, not once per partial fill. The exact commission is rounded to the cent once,
 * half away from zero.
 * @example orderCommissionCents({ kind: 'per_share', perShare: 0.005, minimum: 1 }, 100, 1_000_00) // 100
 */
export function orderCommissionCents(
	model: CommissionModel,
	filledQuantity: number,
	filledValueCents: number
): number {
	return commissionOf(model, Exact.of(filledQuantity), Exact.cents(filledValueCents)).amount.toCents();
}
