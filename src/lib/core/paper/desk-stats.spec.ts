import { describe, expect, it } from 'vitest';
import type { AccountState, Order, PaperExecution } from '../broker/types';
import { deskStats, roundTrips } from './desk-stats';

let n = 0;
function execution(
	side: 'buy' | 'sell',
	quantity: number,
	price: number,
	time: number,
	extra: Partial<PaperExecution> = {}
): PaperExecution {
	return {
		id: `e${++n}`,
		orderId: `o${n}`,
		symbol: 'SYN',
		side,
		quantity,
		price,
		time,
		valueCents: Math.round(quantity * price * 100),
		commissionCents: 100,
		effect: 'open',
		realisedPnlCents: 0,
		...extra
	};
}

const account = (patch: Partial<AccountState> = {}): AccountState =>
	({
		realisedPnlCents: 0,
		unrealisedPnlCents: 0,
		commissionsCents: 0,
		positions: [],
		...patch
	}) as AccountState;

const noBars = { time: [], high: [], low: [] };

describe('roundTrips', () => {
	it('splits flat to flat, a reversal closing one trade and opening the next', () => {
		const trips = roundTrips([
			execution('buy', 100, 10, 1),
			execution('buy', 50, 10.2, 2),
			execution('sell', 200, 10.5, 3, { effect: 'reverse', realisedPnlCents: 6500 }),
			execution('buy', 50, 10.4, 4, { effect: 'close', realisedPnlCents: 500 })
		]);
		expect(trips.map((t) => [t.direction, t.openedQuantity, t.netCents, t.closeTime])).toEqual([
			[1, 150, 6500 - 300, 3],
			[-1, 50, 400, 4]
		]);
	});
});

describe('deskStats', () => {
	it('counts wins among closed trades and averages R where a stop is known', () => {
		const executions = [
			execution('buy', 100, 10, 1, { orderId: 'o1' }),
			execution('sell', 100, 10.4, 2, { orderId: 'o2', effect: 'close', realisedPnlCents: 4000 }),
			execution('buy', 100, 10, 3, { orderId: 'o3' }),
			execution('sell', 100, 9.9, 4, { orderId: 'o4', effect: 'close', realisedPnlCents: -1000 })
		];
		const orders = [
			{
				id: 'o9',
				symbol: 'SYN',
				role: 'stop_loss',
				parentId: 'o1',
				side: 'sell',
				type: 'stop',
				stopPrice: 9.8,
				submittedAt: 1
			},
			{
				id: 'o10',
				symbol: 'SYN',
				role: 'single',
				parentId: null,
				side: 'sell',
				type: 'stop',
				stopPrice: 9.9,
				submittedAt: 3
			}
		] as Order[];
		const stats = deskStats(
			executions,
			orders,
			account({ realisedPnlCents: 3000, commissionsCents: 400 }),
			noBars,
			'SYN'
		);
		// +40 − 2 commissions = 38 on a $20 risk: 1.9R; −10 − 2 = −12 on $10: −1.2R.
		expect(stats).toEqual({
			pnlCents: 2600,
			closedTrades: 2,
			wins: 1,
			winRate: 0.5,
			averageR: (1.9 - 1.2) / 2,
			tradesWithR: 2,
			maeCents: null,
			maePrice: null
		});
	});

	it('measures the open position’s worst excursion from the bar it opened on', () => {
		const stats = deskStats(
			[execution('sell', 100, 10, 2)],
			[],
			account({
				positions: [{ symbol: 'SYN', quantity: -100, averagePrice: 10 }] as AccountState['positions']
			}),
			{ time: [1, 2, 3, 4], high: [12, 10.3, 10.1, 10.05], low: [9, 9.8, 9.7, 9.9] },
			'SYN'
		);
		expect([stats.maeCents, stats.maePrice, stats.winRate, stats.averageR]).toEqual([
			-3000,
			10.3,
			null,
			null
		]);
	});
});
