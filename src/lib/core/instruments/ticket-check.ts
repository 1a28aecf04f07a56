/**
 * The order ticket's typed prices and quantity against the instrument: each price the ticket
 * will send must be on the tick and the quantity a whole number of lot steps. A field off them is
 * refused with the reason (price-input.ts), never rounded: the trader typed it and picks the
 * value meant. Fields the ticket does not send as filled in (a limit price on a market order, a
 * stop given in ticks) are not checked; empty ones are the ticket's own to ask for.
 */
import type { TicketDraft } from '../paper/ticket';
import { priceProblem, quantityProblem, type Traded } from './price-input';

/** The ticket's fields that hold a price or the quantity. */
export type TicketField =
	'quantity' | 'pickedPrice' | 'limitPrice' | 'stopPrice' | 'stopLoss' | 'takeProfit' | 'otherPrice';

/** The fields a ticket as filled in sends, in the order a trader reads them. */
function sentFields(d: TicketDraft): TicketField[] {
	const fields: TicketField[] = [];
	if (d.sizing === 'shares') fields.push('quantity');
	if (d.type === 'at_price') fields.push('pickedPrice');
	if (d.type === 'limit' || d.type === 'stop_limit') fields.push('limitPrice');
	if (d.type === 'stop' || d.type === 'stop_limit') fields.push('stopPrice');
	if (d.orderClass === 'bracket') {
		if (d.stopUnit === 'price') fields.push('stopLoss');
		if (d.targetUnit === 'price') fields.push('takeProfit');
	}
	if ((d.orderClass === 'oco' || d.orderClass === 'oto') && d.otherType !== 'market')
		fields.push('otherPrice');
	return fields;
}

/**
 * What is wrong with each field the ticket would send, by field (none: nothing is).
 * @example ticketProblems({ ...DEFAULT_TICKET, type: 'limit', limitPrice: 5012.3, quantity: 1 }, instrumentFor('ESZ5'))
 * // { limitPrice: 'ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50' }
 */
export function ticketProblems(d: TicketDraft, instrument: Traded): Partial<Record<TicketField, string>> {
	const problems: Partial<Record<TicketField, string>> = {};
	for (const field of sentFields(d)) {
		const value = d[field];
		if (value === null) continue;
		const problem =
			field === 'quantity' ? quantityProblem(value, instrument) : priceProblem(value, instrument);
		if (problem !== null) problems[field] = problem;
	}
	return problems;
}

/**
 * The first problem of the ticket as a trader reads it, or null when every price and the
 * quantity it sends are ones the instrument trades at.
 */
export function ticketProblem(d: TicketDraft, instrument: Traded): string | null {
	const problems = ticketProblems(d, instrument);
	for (const field of sentFields(d)) if (problems[field]) return problems[field];
	return null;
}
