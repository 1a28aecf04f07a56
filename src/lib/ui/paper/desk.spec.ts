import { describe, expect, it } from 'vitest';
import type { Order, Position } from '$lib/core/broker';
import { orderLevels, orderLine, orderTerms } from './desk';

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
