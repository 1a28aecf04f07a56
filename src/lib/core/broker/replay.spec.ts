import { describe, expect, it } from 'vitest';
import { PaperBroker } from './paper-broker';
import { replayActions } from './replay';
import type { BrokerEvent } from './types';

const T0 = Date.UTC(2024, 2, 4, 14, 30);
const MIN = 60_000;
const bar = (i: number, open: number, high: number, low: number, close: number): BrokerEvent => ({
	kind: 'bar',
	bar: { symbol: 'SPY', time: T0 + i * MIN, open, high, low, close, volume: 10_000 }
});

/** A day of actions as the UI would log them: every action at the time of the last bar seen. */
const log: BrokerEvent[] = [
	bar(0, 500, 501, 499, 500.5),
	{
		kind: 'submit',
		time: T0,
		request: {
			symbol: 'SPY',
			side: 'buy',
			quantity: 10,
			type: 'limit',
			limitPrice: 499.5,
			timeInForce: 'gtc'
		}
	},
	{ kind: 'submit', time: T0, request: { symbol: 'SPY', side: 'buy', quantity: 5, type: 'market' } },
	bar(1, 500.25, 500.75, 499.75, 500),
	{ kind: 'modify', time: T0 + MIN, orderId: 'o1', changes: { limitPrice: 499.8 } },
	{ kind: 'cancel', time: T0 + MIN, orderId: 'o7' },
	bar(2, 500, 500.1, 499.6, 499.9),
	{ kind: 'flatten_all', time: T0 + 2 * MIN },
	bar(3, 501, 501.5, 500.5, 501.2)
];

describe('replayActions', () => {
	it('rebuilds the state a live broker reached from the same actions', () => {
		const live = new PaperBroker({ commission: { kind: 'per_order', amount: 1 } });
		live.onBar({ symbol: 'SPY', time: T0, open: 500, high: 501, low: 499, close: 500.5, volume: 10_000 });
		live.submit(
			{ symbol: 'SPY', side: 'buy', quantity: 10, type: 'limit', limitPrice: 499.5, timeInForce: 'gtc' },
			T0
		);
		live.submit({ symbol: 'SPY', side: 'buy', quantity: 5, type: 'market' }, T0);
		live.onBar({
			symbol: 'SPY',
			time: T0 + MIN,
			open: 500.25,
			high: 500.75,
			low: 499.75,
			close: 500,
			volume: 10_000
		});
		live.modify('o1', { limitPrice: 499.8 }, T0 + MIN);
		expect(live.cancel('o7', T0 + MIN)).toEqual({ ok: false, reason: 'no order o7', order: null });
		live.onBar({
			symbol: 'SPY',
			time: T0 + 2 * MIN,
			open: 500,
			high: 500.1,
			low: 499.6,
			close: 499.9,
			volume: 10_000
		});
		live.flattenAll(T0 + 2 * MIN);
		live.onBar({
			symbol: 'SPY',
			time: T0 + 3 * MIN,
			open: 501,
			high: 501.5,
			low: 500.5,
			close: 501.2,
			volume: 10_000
		});

		const replayed = replayActions({ commission: { kind: 'per_order', amount: 1 } }, log);
		expect(replayed).toEqual(live.snapshot());
	});

	it('gives the expected executions and account for the log', () => {
		const { executions, account, orders } = replayActions(
			{ commission: { kind: 'per_order', amount: 1 } },
			log
		);
		expect(executions.map((e) => [e.id, e.orderId, e.side, e.quantity, e.price, e.commissionCents])).toEqual([
			['e1', 'o2', 'buy', 5, 500.25, 100],
			['e2', 'o1', 'buy', 10, 499.8, 100],
			['e3', 'o3', 'sell', 15, 501, 100]
		]);
		// Bought 2501.25 + 4998.00, sold 7515.00: +15.75 realised, 3.00 commissions.
		expect(account).toMatchObject({
			realisedPnlCents: 15_75,
			commissionsCents: 300,
			cashCents: 100_000_00 + 15_75 - 300,
			equityCents: 100_000_00 + 15_75 - 300
		});
		expect(orders.map((o) => [o.id, o.status])).toEqual([
			['o1', 'filled'],
			['o2', 'filled'],
			['o3', 'filled']
		]);
	});

	it('is plain JSON: a stored log replays to the same snapshot', () => {
		const stored = JSON.parse(JSON.stringify(log)) as BrokerEvent[];
		const snapshot = replayActions({}, stored);
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
		expect(replayActions({}, stored)).toEqual(snapshot);
	});
});

describe('configuration', () => {
	it('refuses impossible settings', () => {
		expect(() => new PaperBroker({ marginMultiplier: 0.5 })).toThrow(/marginMultiplier/);
		expect(() => new PaperBroker({ volumeShare: 0 })).toThrow(/volumeShare/);
		expect(() => new PaperBroker({ timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
		expect(() => new PaperBroker({ startingCash: -1 })).toThrow(/startingCash/);
	});

	it('takes session dates in the configured zone (the session-date rule)', () => {
		// 2024-03-04 23:30 UTC is still the 4th in New York but already the 5th in Tokyo.
		const late = Date.UTC(2024, 2, 4, 23, 30);
		for (const [timeZone, status] of [
			['America/New_York', 'accepted'],
			['Asia/Tokyo', 'expired']
		] as const) {
			const b = new PaperBroker({ timeZone, dayOrderRule: 'session-date' });
			b.onBar({ symbol: 'X', time: T0, open: 10, high: 10, low: 10, close: 10, volume: null });
			b.submit({ symbol: 'X', side: 'buy', quantity: 1, type: 'limit', limitPrice: 5 }, T0);
			b.onBar({ symbol: 'X', time: late, open: 10, high: 10, low: 10, close: 10, volume: null });
			expect(b.order('o1')!.status).toBe(status);
		}
	});
});
