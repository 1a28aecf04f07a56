import { describe, expect, it } from 'vitest';
import type { Order, Position } from '$lib/core/broker';
import type { PaperDesk } from '$workers/contract';
import { instrumentFor, US_EQUITY_TICKS } from '$lib/core/instruments';
import {
	executionMarkers,
	orderLevels,
	orderLine,
	orderTerms,
	priceStepper,
	quantityPresets,
	quantityStepper,
	valueText
} from './desk';

const order = (id: string, patch: Partial<Order>): Order =>
	({
		id,
		symbol: 'SYN',
		side: 'sell',
		type: 'limit',
		timeInForce: 'day',
		quantity: 100,
		filledQuantity: 0,
		averagePrice: null,
		limitPrice: null,
		stopPrice: null,
		trail: null,
		status: 'working',
		role: 'entry',
		parentId: null,
		...patch
	}) as Order;

describe('orderLevels', () => {
	it('draws a trailing stop at its stop as it stands, not draggable', () => {
		const trailing = order('o1', {
			type: 'trailing_stop',
			stopPrice: 49.47,
			trail: { by: 'amount', value: 0.5 }
		});
		expect(orderLevels([trailing], null)).toEqual([
			{ price: 49.47, label: 'o1 sell 100 trailing stop', tone: 'loss', orders: 1 }
		]);
	});

	it('counts the orders sharing one price on one line', () => {
		const lines = orderLevels(
			[
				order('o1', { limitPrice: 49.5 }),
				order('o2', { limitPrice: 49.5 }),
				order('o3', { limitPrice: 49.5 })
			],
			null
		);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({
			price: 49.5,
			orders: 3,
			movable: true,
			ref: 'o1:limitPrice o2:limitPrice o3:limitPrice'
		});
	});

	it('marks the position’s average as where a drag proposes the bracket, by side', () => {
		const long = { symbol: 'SYN', quantity: 100, averagePrice: 49.2 } as Position;
		const short = { symbol: 'SYN', quantity: -50, averagePrice: 49.2 } as Position;
		expect(orderLevels([], long)[0]).toMatchObject({ bracket: 'long', orders: 0 });
		expect(orderLevels([], short)[0]).toMatchObject({ bracket: 'short' });
	});
});

describe('orderTerms', () => {
	it('writes prices on the tick', () => {
		expect(orderTerms(order('o1', { type: 'stop', stopPrice: 49.598361 }))).toBe('stop 49.60');
		expect(orderTerms(order('o1', { type: 'stop_limit', stopPrice: 49.3, limitPrice: 49.25 }))).toBe(
			'stop 49.30 limit 49.25'
		);
	});
});

describe('orderLine', () => {
	it('names the order, its side, quantity, terms, role and status in words', () => {
		const exit = order('o2', { type: 'stop', stopPrice: 343.45, role: 'stop_loss', status: 'cancelled' });
		expect(orderLine(exit)).toBe('o2 sell 100 stop 343.45 (stop loss) · cancelled');
	});
});

describe('the ticket’s steps per instrument', () => {
	const ES = instrumentFor('ESZ5');
	const BTC = instrumentFor('BTC-USD');

	it('steps a price by the tick, starting an empty field at the last price on the tick', () => {
		const step = priceStepper(ES.tick, 5012.3);
		expect([step(null, 1), step(5012.25, 1), step(5012.25, -1), step(5012.3, 1)]).toEqual([
			5012.25, 5012.5, 5012, 5012.5
		]);
		expect(priceStepper(US_EQUITY_TICKS, null)(null, 1)).toBeNull();
		expect(priceStepper(US_EQUITY_TICKS, 1.2)(1, -1)).toBe(0.9999);
	});

	it('steps a quantity by the lot step and offers presets in whole lots', () => {
		expect(quantityStepper(BTC)(0.0001, 1)).toBe(0.00010001);
		expect(quantityStepper(instrumentFor('AAPL'))(null, 1)).toBe(1);
		expect(quantityPresets(instrumentFor('AAPL'))).toEqual([1, 10, 100, 500]);
		expect(quantityPresets(BTC)).toEqual([0.001, 0.01, 0.1, 1]);
		expect(quantityPresets({ lotStep: 0.01 })).toEqual([0.01, 0.1, 1]);
	});

	it('says an order’s value in the quote currency', () => {
		expect([
			valueText(12345.678, 'USD'),
			valueText(375922.5, 'USD'),
			valueText(0.000512345678, 'BTC'),
			valueText(null, 'USD')
		]).toEqual(['$12,345.68', '$375,922.50', '0.00051235 BTC', '—']);
	});

	it('labels an execution with the price the broker filled at, with the tick’s decimals, unrounded', () => {
		const desk = {
			view: {
				executions: [
					{ time: 1, price: 5012.5, side: 'buy', effect: 'open', symbol: 'ESZ5', quantity: 1, orderId: 'o1' },
					{
						time: 2,
						price: 13.296821,
						side: 'sell',
						effect: 'close',
						symbol: 'RIVN',
						quantity: 10,
						orderId: 'o2'
					}
				]
			}
		} as unknown as PaperDesk;
		expect(executionMarkers(desk, 'ESZ5', ES.tick).map((m) => m.label)).toEqual(['Bought 1 @ 5012.50 (o1)']);
		expect(executionMarkers(desk, 'RIVN').map((m) => m.label)).toEqual(['Sold 10 @ 13.296821 (o2)']);
	});
});
