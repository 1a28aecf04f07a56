import { describe, expect, it } from 'vitest';
import { DEFAULT_TICKET } from '../paper/ticket';
import { instrumentFor } from './catalogue';
import { ticketProblem, ticketProblems } from './ticket-check';

const ES = instrumentFor('ESZ5');

describe('ticketProblems', () => {
	it('checks only the prices the ticket sends: a market order’s stale limit price is not one', () => {
		const draft = { ...DEFAULT_TICKET, quantity: 1, limitPrice: 5012.3 };
		expect(ticketProblems(draft, ES)).toEqual({});
		expect(ticketProblems({ ...draft, type: 'limit' }, ES)).toEqual({
			limitPrice: 'ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50'
		});
	});

	it('checks a bracket’s exits given as prices, not as ticks, and the second leg of an OCO', () => {
		const bracket = {
			...DEFAULT_TICKET,
			quantity: 2,
			orderClass: 'bracket' as const,
			stopLoss: 5000.1,
			takeProfit: 3,
			targetUnit: 'ticks' as const
		};
		expect(ticketProblems(bracket, ES)).toEqual({
			stopLoss: 'ES trades in 0.25: 5000.10 is not a price; 5000.00 or 5000.25'
		});
		const oco = { ...DEFAULT_TICKET, quantity: 1, orderClass: 'oco' as const, otherPrice: 5020.05 };
		expect(ticketProblem(oco, ES)).toBe('ES trades in 0.25: 5020.05 is not a price; 5020.00 or 5020.25');
	});

	it('reads the quantity first, and not when the ticket sizes by risk', () => {
		const draft = { ...DEFAULT_TICKET, quantity: 0.5, type: 'stop' as const, stopPrice: 5012.1 };
		expect(ticketProblem(draft, ES)).toBe('ES trades in whole contracts: 0.5 is not a quantity; 1');
		expect(ticketProblem({ ...draft, sizing: 'amount' }, ES)).toBe(
			'ES trades in 0.25: 5012.10 is not a price; 5012.00 or 5012.25'
		);
	});

	it('takes a fractional BTC quantity and a picked price on its tick', () => {
		const btc = instrumentFor('BTC-USD');
		const draft = { ...DEFAULT_TICKET, quantity: 0.0001, type: 'at_price' as const, pickedPrice: 64123.45 };
		expect(ticketProblem(draft, btc)).toBeNull();
	});
});
