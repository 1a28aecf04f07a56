import { describe, expect, it } from 'vitest';
import { signalOrigin } from '../../../../tests/support/signal-origin';
import { buildOrder, DEFAULT_TICKET, orderWords, readTicket, type TicketDraft } from './ticket';

const market = { symbol: 'SYN', last: 49.4, atr: 0.3, equity: 100_000 };
const ticket = (patch: Partial<TicketDraft>): TicketDraft => ({ ...DEFAULT_TICKET, ...patch });

describe('orderWords', () => {
	it('names the order type once, with its prices on the tick, and the trail', () => {
		const base = { symbol: 'SYN', side: 'sell', quantity: 100 } as const;
		expect(orderWords({ ...base, type: 'stop', stopPrice: 49.47 })).toBe('Sell 100 SYN stop 49.47');
		expect(orderWords({ ...base, type: 'stop_limit', stopPrice: 49.47, limitPrice: 49.4 })).toBe(
			'Sell 100 SYN stop 49.47 limit 49.40'
		);
		expect(orderWords({ ...base, type: 'trailing_stop', trail: { by: 'amount', value: 0.5 } })).toBe(
			'Sell 100 SYN trailing stop, trail 0.50'
		);
		expect(orderWords({ ...base, type: 'trailing_stop', trail: { by: 'percent', value: 1 } })).toBe(
			'Sell 100 SYN trailing stop, trail 1%'
		);
		expect(orderWords({ ...base, quantity: 1500, type: 'limit', limitPrice: 0.5 })).toBe(
			'Sell 1,500 SYN limit 0.5000'
		);
	});
});

describe('buildOrder', () => {
	it('sends a single order with its prices rounded to the tick', () => {
		const built = buildOrder(ticket({ type: 'limit', limitPrice: 49.598361 }), 'buy', market);
		expect(built).toMatchObject({
			ok: true,
			words: 'Buy 100 SYN limit 49.60',
			submission: { orderClass: 'single', order: { type: 'limit', limitPrice: 49.6, quantity: 100 } }
		});
	});

	it('sizes a bracket from the dollars at risk: risk $50 with the stop at 49.20 → 250 shares from 49.40', () => {
		const built = buildOrder(
			ticket({
				orderClass: 'bracket',
				sizing: 'amount',
				risk: 50,
				stopLoss: 49.2,
				targetUnit: 'r',
				takeProfit: 2
			}),
			'buy',
			market
		);
		expect(built).toMatchObject({
			ok: true,
			quantity: 250,
			stopLoss: 49.2,
			takeProfit: 49.8,
			words: 'Buy 250 SYN market, stop 49.20, target 49.80'
		});
	});

	it('sizes from a percent of equity and takes exits in ticks and ATR', () => {
		const built = buildOrder(
			ticket({
				orderClass: 'bracket',
				sizing: 'percent',
				risk: 0.05,
				stopUnit: 'ticks',
				stopLoss: 20,
				targetUnit: 'atr',
				takeProfit: 2
			}),
			'sell',
			market
		);
		// 0.05 % of $100,000 = $50; a short's stop 20 ticks above 49.40, target 2 × 0.30 below.
		expect(built).toMatchObject({ ok: true, quantity: 250, stopLoss: 49.6, takeProfit: 48.8 });
	});

	it('sends OCO and OTO pairs', () => {
		const oco = buildOrder(
			ticket({
				orderClass: 'oco',
				type: 'limit',
				limitPrice: 50,
				otherSide: 'same',
				otherType: 'stop',
				otherPrice: 49
			}),
			'sell',
			market
		);
		expect(oco).toMatchObject({
			ok: true,
			words: 'OCO: Sell 100 SYN limit 50.00 / Sell 100 SYN stop 49.00',
			submission: {
				orderClass: 'oco',
				legs: [
					{ type: 'limit', side: 'sell' },
					{ type: 'stop', side: 'sell' }
				]
			}
		});
		const oto = buildOrder(
			ticket({
				orderClass: 'oto',
				type: 'limit',
				limitPrice: 49.3,
				otherType: 'stop',
				otherPrice: 49.1,
				sizing: 'amount',
				risk: 20
			}),
			'buy',
			market
		);
		expect(oto).toMatchObject({
			ok: true,
			quantity: 100,
			words: 'Buy 100 SYN limit 49.30, then Sell 100 SYN stop 49.10',
			submission: { orderClass: 'oto', secondary: { side: 'sell', stopPrice: 49.1, quantity: 100 } }
		});
	});

	it('resolves a price picked on the chart: a limit when better than the last, else a stop', () => {
		const picked = (p: number) => ticket({ type: 'at_price', pickedPrice: p });
		expect(buildOrder(picked(49.2), 'buy', market)).toMatchObject({ words: 'Buy 100 SYN limit 49.20' });
		expect(buildOrder(picked(49.6), 'buy', market)).toMatchObject({ words: 'Buy 100 SYN stop 49.60' });
		expect(buildOrder(picked(49.6), 'sell', market)).toMatchObject({ words: 'Sell 100 SYN limit 49.60' });
		expect(buildOrder(picked(49.2), 'sell', market)).toMatchObject({ words: 'Sell 100 SYN stop 49.20' });
	});

	it('says what is missing', () => {
		expect(buildOrder(ticket({ quantity: null }), 'buy', market)).toEqual({
			ok: false,
			reason: 'Enter a quantity above 0 to place an order'
		});
		expect(buildOrder(ticket({ orderClass: 'bracket', stopLoss: 49 }), 'buy', market)).toEqual({
			ok: false,
			reason: 'A bracket needs both its stop-loss and its take-profit'
		});
		const unsized = buildOrder(ticket({ sizing: 'amount', risk: 50 }), 'buy', market);
		expect(unsized.ok ? '' : unsized.reason).toMatch(/^Sizing by risk needs a stop-loss/);
		const bracket = ticket({ orderClass: 'bracket', stopLoss: 49.2, takeProfit: 49.8 });
		expect(buildOrder(bracket, 'sell', market)).toEqual({
			ok: false,
			reason: 'A short’s stop-loss must be above its entry (49.40)'
		});
		expect(buildOrder({ ...bracket, takeProfit: 49.3 }, 'buy', market)).toEqual({
			ok: false,
			reason: 'A long’s take-profit must be above its entry (49.40)'
		});
		expect(buildOrder(ticket({ orderClass: 'oco', otherPrice: null }), 'buy', market)).toEqual({
			ok: false,
			reason: 'Enter the second order’s price'
		});
	});
});

describe('readTicket', () => {
	it('keeps what a ticket can show and replaces the rest with the fresh ticket’s', () => {
		expect(readTicket('{"quantity":10,"type":"limit","limitPrice":13.1}')).toEqual(
			ticket({ quantity: 10, type: 'limit', limitPrice: 13.1 })
		);
		expect(readTicket('{"quantity":"ten","type":"bogus","orderClass":"oco"}')).toEqual(
			ticket({ orderClass: 'oco' })
		);
		expect(readTicket('not json')).toEqual(DEFAULT_TICKET);
		expect(readTicket(null, ticket({ quantity: 7 }))).toEqual(ticket({ quantity: 7 }));
	});

	it('keeps the signal a ticket was filled from across a reload; a malformed one is dropped', () => {
		const signal = signalOrigin();
		expect(readTicket(JSON.stringify(ticket({ limitPrice: 100.6, signal }))).signal).toEqual(signal);
		expect(
			readTicket(JSON.stringify({ ...ticket({}), signal: { ...signal, decision: 'HOLD' } })).signal
		).toBeNull();
		expect(readTicket('{"quantity":5}').signal).toBeNull();
	});
});
