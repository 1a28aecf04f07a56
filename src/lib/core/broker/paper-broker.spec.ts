import { describe, expect, it } from 'vitest';
import { PaperBroker } from './paper-broker';
import type { Bar, BrokerConfig, Order, OrderRequest } from './types';

/** 09:30 New York on Monday 2024-03-04 (EST, UTC−5). */
const OPEN = Date.UTC(2024, 2, 4, 14, 30);
const MIN = 60_000;
const DAY = 86_400_000;

/** Bar i minutes after the open of day `day` (0 = 2024-03-04). */
function bar(
	i: number,
	open: number,
	high: number,
	low: number,
	close: number,
	{
		volume = 1_000_000,
		symbol = 'AAPL',
		day = 0
	}: { volume?: number | null; symbol?: string; day?: number } = {}
): Bar {
	return { symbol, time: OPEN + day * DAY + i * MIN, open, high, low, close, volume };
}

const flat = (i: number, price: number, options?: Parameters<typeof bar>[5]) =>
	bar(i, price, price, price, price, options);

function broker(config: Partial<BrokerConfig> = {}): PaperBroker {
	return new PaperBroker({ startingCash: 100_000, ...config });
}

const statuses = (o: Order | null) => o?.history.map((e) => e.status);

/** A broker that has seen bar 0 at 100 and holds `quantity` AAPL bought at 100 on bar 1's open. */
function holding(quantity: number, config: Partial<BrokerConfig> = {}): PaperBroker {
	const b = broker(config);
	b.onBar(flat(0, 100));
	b.submit({ symbol: 'AAPL', side: 'buy', quantity, type: 'market' }, OPEN);
	b.onBar(flat(1, 100));
	expect(b.position('AAPL').quantity).toBe(quantity);
	return b;
}

const buy = (quantity: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({
	symbol: 'AAPL',
	side: 'buy',
	quantity,
	type: 'market',
	...extra
});
const sell = (quantity: number, extra: Partial<OrderRequest> = {}): OrderRequest => ({
	...buy(quantity, extra),
	side: 'sell'
});

describe('market orders', () => {
	it("execute at the next bar's open, at that bar's time", () => {
		const b = broker();
		b.onBar(bar(0, 100, 101, 99, 100.8));
		const [o] = b.submit(buy(10), OPEN);
		expect(o!.status).toBe('accepted');
		const executions = b.onBar(bar(1, 100.5, 102, 100, 101));
		expect(executions).toEqual([
			{
				id: 'e1',
				orderId: 'o1',
				symbol: 'AAPL',
				side: 'buy',
				quantity: 10,
				price: 100.5,
				time: OPEN + MIN,
				valueCents: 100_500,
				commissionCents: 0,
				effect: 'open',
				realisedPnlCents: 0
			}
		]);
		expect(statuses(b.order('o1'))).toEqual(['new', 'accepted', 'filled']);
		expect(b.order('o1')!.averagePrice).toBe(100.5);
	});

	it('only act on bars strictly after the submission time, and only of their symbol', () => {
		const b = broker();
		b.onBar(flat(0, 50, { symbol: 'MSFT' }));
		b.onBar(flat(0, 100));
		b.submit(buy(1), OPEN + MIN);
		expect(b.onBar(flat(1, 101))).toEqual([]); // same time as the submission
		expect(b.onBar(flat(2, 51, { symbol: 'MSFT' }))).toEqual([]);
		expect(b.onBar(flat(2, 102)).map((e) => e.price)).toEqual([102]);
	});

	it('are rejected when no price is known to check buying power', () => {
		const [o] = broker().submit(buy(1), OPEN);
		expect(o!.status).toBe('rejected');
		expect(o!.reason).toMatch(/no price known for AAPL/);
	});
});

describe('limit orders', () => {
	it('execute at the limit when exactly touched, at the open when it gaps through', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(10, { type: 'limit', limitPrice: 99 }), OPEN);
		b.submit(buy(10, { type: 'limit', limitPrice: 99.5 }), OPEN);
		expect(b.onBar(bar(1, 100, 100.5, 99.01, 99.2)).map((e) => [e.orderId, e.price])).toEqual([['o2', 99.5]]);
		expect(b.onBar(bar(2, 98.7, 99.1, 98.5, 99)).map((e) => [e.orderId, e.price])).toEqual([['o1', 98.7]]);
	});

	it('sell at the limit when the high exactly touches it, never worse even with slippage', () => {
		const b = holding(10, { slippage: { kind: 'fixed', amount: 0.05 } });
		b.submit(sell(10, { type: 'limit', limitPrice: 101 }), OPEN + MIN);
		expect(b.onBar(bar(2, 100, 100.99, 99.5, 100))).toEqual([]);
		expect(b.onBar(bar(3, 100, 101, 99.5, 100)).map((e) => e.price)).toEqual([101]);
	});
});

describe('stop orders', () => {
	it('execute at the open when a gap goes through the stop', () => {
		const b = holding(10);
		b.submit(sell(10, { type: 'stop', stopPrice: 98 }), OPEN + MIN);
		expect(b.onBar(bar(2, 95, 96, 94, 95.5)).map((e) => e.price)).toEqual([95]);
	});

	it('execute at the stop when touched inside the bar', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(10, { type: 'stop', stopPrice: 101 }), OPEN);
		expect(b.onBar(bar(1, 100, 100.9, 99, 100))).toEqual([]);
		expect(b.onBar(bar(2, 100.2, 101.5, 100, 101.2)).map((e) => e.price)).toEqual([101]);
	});

	it('get slippage against the trader, clamped into the bar', () => {
		const b = broker({ slippage: { kind: 'fixed', amount: 0.25 } });
		b.onBar(flat(0, 100));
		b.submit(buy(1, { type: 'stop', stopPrice: 101 }), OPEN);
		b.submit(buy(1), OPEN);
		// Market at open 100.9 + 0.25 → 101.15; stop 101 + 0.25 → 101.25 but the high is 101.2.
		expect(b.onBar(bar(1, 100.9, 101.2, 100.8, 101)).map((e) => [e.orderId, e.price])).toEqual([
			['o1', 101.2],
			['o2', 101.15]
		]);
	});
});

describe('stop-limit orders', () => {
	it('execute at the stop on the trigger bar when within the limit', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(5, { type: 'stop_limit', stopPrice: 101, limitPrice: 101.5 }), OPEN);
		expect(b.onBar(bar(1, 100.5, 102, 100.4, 101.8)).map((e) => e.price)).toEqual([101]);
	});

	it('wait as a limit after triggering when the limit is below the stop', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(5, { type: 'stop_limit', stopPrice: 101, limitPrice: 100.5 }), OPEN);
		expect(b.onBar(bar(1, 100.8, 101.2, 100.2, 101))).toEqual([]);
		expect(b.order('o1')!.triggered).toBe(true);
		expect(b.onBar(bar(2, 101, 101.1, 100.4, 100.6)).map((e) => e.price)).toEqual([100.5]);
	});
});

describe('trailing stops', () => {
	it('ratchet by an amount with the highs and execute at the carried level', () => {
		const b = holding(10);
		b.submit(sell(10, { type: 'trailing_stop', trail: { by: 'amount', value: 2 } }), OPEN + MIN);
		expect(b.order('o2')!.stopPrice).toBe(98); // last close 100 − 2
		b.onBar(bar(2, 100, 103, 99, 102.5));
		expect(b.order('o2')!.stopPrice).toBe(101);
		b.onBar(bar(3, 102.5, 104, 102, 103.5));
		expect(b.order('o2')!.stopPrice).toBe(102);
		// A new high of 105 and a drop to 102.5 in one bar: the carried level 102 holds; then ratchets to 103.
		expect(b.onBar(bar(4, 103.5, 105, 102.5, 103))).toEqual([]);
		expect(b.order('o2')!.stopPrice).toBe(103);
		expect(b.onBar(bar(5, 103.2, 103.4, 102, 102.2)).map((e) => e.price)).toEqual([103]);
		expect(b.position('AAPL').quantity).toBe(0);
	});

	it('ratchet by a percent with the lows for a buy', () => {
		const b = holding(10, { allowShort: true });
		b.submit(sell(20), OPEN + MIN); // now short 10
		b.onBar(flat(2, 100));
		b.submit(buy(10, { type: 'trailing_stop', trail: { by: 'percent', value: 5 } }), OPEN + 2 * MIN);
		expect(b.order('o3')!.stopPrice).toBe(105);
		b.onBar(bar(3, 99, 99.5, 90, 91));
		expect(b.order('o3')!.stopPrice).toBe(94.5);
		expect(b.onBar(bar(4, 95, 96, 94, 95)).map((e) => e.price)).toEqual([95]); // gapped above 94.5
		expect(b.position('AAPL').quantity).toBe(0);
	});
});

describe('brackets', () => {
	function bracketed(config: Partial<BrokerConfig> = {}) {
		const b = broker(config);
		b.onBar(flat(0, 100));
		const orders = b.submit(
			{
				orderClass: 'bracket',
				entry: buy(100),
				stopLoss: { stopPrice: 98 },
				takeProfit: { limitPrice: 103 }
			},
			OPEN
		);
		return { b, orders };
	}

	it('hold the exits until the entry fills, then size them to it', () => {
		const { b, orders } = bracketed();
		expect(orders.map((o) => [o.id, o.role, o.status, o.quantity])).toEqual([
			['o1', 'entry', 'accepted', 100],
			['o2', 'stop_loss', 'new', 0],
			['o3', 'take_profit', 'new', 0]
		]);
		// The entry fills at bar 1's open; the exits can only act from bar 2, so bar 1's low is ignored.
		expect(b.onBar(bar(1, 100, 100.5, 97, 99)).map((e) => e.orderId)).toEqual(['o1']);
		expect(b.order('o2')).toMatchObject({ status: 'accepted', quantity: 100, activeFrom: OPEN + MIN });
		expect(b.onBar(bar(2, 99, 103.5, 98.5, 103)).map((e) => [e.orderId, e.price])).toEqual([['o3', 103]]);
		expect(b.order('o2')).toMatchObject({ status: 'cancelled', reason: 'OCO: o3 executed' });
		expect(b.account().realisedPnlCents).toBe(300_00);
	});

	it.each([
		['worse', 'o2', 98],
		['better', 'o3', 103],
		['nearest_open', 'o3', 103]
	] as const)('resolve a bar touching stop and target by the %s rule', (rule, id, price) => {
		const { b } = bracketed({ bothTouched: rule });
		b.onBar(flat(1, 100));
		const executions = b.onBar(bar(2, 102, 104, 97, 100));
		expect(executions.map((e) => [e.orderId, e.price])).toEqual([[id, price]]);
		expect(b.orders().filter((o) => o.status === 'cancelled')).toHaveLength(1);
		expect(b.position('AAPL').quantity).toBe(0);
	});

	it('take the stop by proximity when the open is nearer it', () => {
		const { b } = bracketed({ bothTouched: 'nearest_open' });
		b.onBar(flat(1, 100));
		expect(b.onBar(bar(2, 98.5, 104, 97, 100)).map((e) => e.orderId)).toEqual(['o2']);
	});

	it('size the exits to a partial entry and keep them after the entry expires', () => {
		const { b } = bracketed({ volumeShare: 0.1 });
		b.onBar(flat(1, 100, { volume: 400 }));
		expect(b.order('o1')).toMatchObject({ status: 'partially_filled', filledQuantity: 40 });
		expect(b.order('o3')!.quantity).toBe(40);
		b.onBar(flat(2, 100, { volume: 300 }));
		expect(b.order('o3')!.quantity).toBe(70);
		// Next session: the DAY entry expires with 70 filled; its DAY exits (of the same session) expire too.
		b.onBar(flat(0, 100, { day: 1 }));
		expect(b.orders().map((o) => [o.status, o.quantity])).toEqual([
			['expired', 100],
			['expired', 70],
			['expired', 70]
		]);
		expect(b.position('AAPL').quantity).toBe(70);
	});

	it('keep GTC exits across sessions', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(
			{
				orderClass: 'bracket',
				entry: buy(10),
				stopLoss: { stopPrice: 98 },
				takeProfit: { limitPrice: 103 },
				exitTimeInForce: 'gtc'
			},
			OPEN
		);
		b.onBar(flat(1, 100));
		b.onBar(flat(0, 101, { day: 1 }));
		expect(b.onBar(bar(1, 101, 101, 97.5, 98, { day: 1 })).map((e) => [e.orderId, e.price])).toEqual([
			['o2', 98]
		]);
	});

	it('cancel the rest of a partly filled entry once an exit has closed the position', () => {
		const b = broker({ volumeShare: 0.5 });
		b.onBar(flat(0, 101));
		b.submit(
			{
				orderClass: 'bracket',
				entry: buy(100, { type: 'limit', limitPrice: 100, timeInForce: 'gtc' }),
				stopLoss: { stopPrice: 98 },
				takeProfit: { limitPrice: 103 }
			},
			OPEN
		);
		b.onBar(bar(1, 101, 101, 100, 100.5, { volume: 100 }));
		expect(b.order('o1')).toMatchObject({ status: 'partially_filled', filledQuantity: 50 });
		expect(b.onBar(bar(2, 101, 103.5, 100.5, 103)).map((e) => [e.orderId, e.quantity])).toEqual([['o3', 50]]);
		expect(b.orders().map((o) => [o.id, o.status, o.reason])).toEqual([
			['o1', 'cancelled', 'bracket exit o3 closed the position'],
			['o2', 'cancelled', 'OCO: o3 executed'],
			['o3', 'filled', null]
		]);
		expect(b.position('AAPL').quantity).toBe(0);
	});

	it('use a stop-limit stop-loss when given a limit', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		const [, stop] = b.submit(
			{
				orderClass: 'bracket',
				entry: buy(10),
				stopLoss: { stopPrice: 98, limitPrice: 97.5 },
				takeProfit: { limitPrice: 103 }
			},
			OPEN
		);
		expect(stop).toMatchObject({ type: 'stop_limit', stopPrice: 98, limitPrice: 97.5, side: 'sell' });
		b.onBar(flat(1, 100));
		// Gaps to 97 (below the limit) and never trades back up to 97.5: no execution, the stop-limit waits.
		expect(b.onBar(bar(2, 97, 97.4, 96, 96.5))).toEqual([]);
		expect(b.order('o2')).toMatchObject({ status: 'accepted', triggered: true });
	});

	it('are cancelled with the entry when it never filled', () => {
		const { b } = bracketed();
		expect(b.cancel('o1', OPEN).ok).toBe(true);
		expect(b.orders().map((o) => o.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
		expect(b.order('o2')!.reason).toBe('bracket entry o1 cancelled without filling');
	});

	it('are rejected whole when the stop is on the wrong side of the target', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		const orders = b.submit(
			{ orderClass: 'bracket', entry: buy(1), stopLoss: { stopPrice: 104 }, takeProfit: { limitPrice: 103 } },
			OPEN
		);
		expect(orders.map((o) => o.status)).toEqual(['rejected', 'rejected', 'rejected']);
		expect(orders[0]!.reason).toBe('a buy bracket needs its stop-loss below its take-profit');
	});
});

describe('OCO and OTO', () => {
	it('OCO: one leg executing cancels the other; cancelling one cancels both', () => {
		const b = holding(10);
		const legs = b.submit(
			{
				orderClass: 'oco',
				legs: [
					sell(10, { type: 'limit', limitPrice: 102, timeInForce: 'gtc' }),
					sell(10, { type: 'stop', stopPrice: 99 })
				]
			},
			OPEN + MIN
		);
		expect(legs.map((o) => o.ocoId)).toEqual(['o3', 'o2']);
		expect(b.onBar(bar(2, 100, 102.5, 100, 102)).map((e) => e.orderId)).toEqual(['o2']);
		expect(b.order('o3')).toMatchObject({ status: 'cancelled', reason: 'OCO: o2 executed' });

		const c = holding(10);
		c.submit(
			{
				orderClass: 'oco',
				legs: [sell(5, { type: 'limit', limitPrice: 102 }), sell(5, { type: 'stop', stopPrice: 99 })]
			},
			OPEN + MIN
		);
		c.cancel('o3', OPEN + MIN);
		expect(c.order('o2')).toMatchObject({ status: 'cancelled', reason: 'OCO: o3 was cancelled' });
	});

	it('OCO: a partial execution of one leg shrinks the other by as much', () => {
		const b = broker({ volumeShare: 0.1, allowShort: true, marginMultiplier: 2 });
		b.onBar(flat(0, 100));
		b.submit(
			{
				orderClass: 'oco',
				legs: [
					buy(100, { type: 'stop', stopPrice: 101, timeInForce: 'gtc' }),
					sell(100, { type: 'stop', stopPrice: 99, timeInForce: 'gtc' })
				]
			},
			OPEN
		);
		expect(
			b.onBar(bar(1, 100.5, 101.5, 100.4, 101, { volume: 300 })).map((e) => [e.orderId, e.quantity])
		).toEqual([['o1', 30]]);
		expect(b.order('o2')).toMatchObject({ status: 'accepted', quantity: 70 });
		b.onBar(bar(2, 101, 102, 100.9, 101.5, { volume: 10_000 }));
		expect(b.order('o1')).toMatchObject({ status: 'filled', filledQuantity: 100 });
		expect(b.order('o2')).toMatchObject({ status: 'cancelled', quantity: 0, reason: 'OCO: o1 executed' });
	});

	it('OTO: the secondary works only once the primary has filled', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		const [primary, secondary] = b.submit(
			{
				orderClass: 'oto',
				primary: buy(10, { type: 'limit', limitPrice: 99 }),
				secondary: sell(10, { type: 'limit', limitPrice: 101 })
			},
			OPEN
		);
		expect([primary!.status, secondary!.status]).toEqual(['accepted', 'new']);
		expect(b.onBar(bar(1, 100, 102, 99.5, 101))).toEqual([]); // reaches 101, but the secondary is held
		expect(b.onBar(bar(2, 100, 100, 98, 99)).map((e) => e.orderId)).toEqual(['o1']);
		expect(b.order('o2')!.status).toBe('accepted');
		expect(b.onBar(bar(3, 100, 101, 99.5, 100.5)).map((e) => [e.orderId, e.price])).toEqual([['o2', 101]]);
	});

	it('OTO: the secondary is cancelled when the primary ends unfilled', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(
			{
				orderClass: 'oto',
				primary: buy(10, { type: 'limit', limitPrice: 90 }),
				secondary: sell(10, { type: 'limit', limitPrice: 110 })
			},
			OPEN
		);
		b.endSession(OPEN + 6 * 60 * MIN);
		expect(b.orders().map((o) => o.status)).toEqual(['expired', 'cancelled']);
	});
});

describe('time in force', () => {
	it('IOC executes what the first bar allows and cancels the rest', () => {
		const b = broker({ volumeShare: 0.25 });
		b.onBar(flat(0, 100));
		b.submit(buy(100, { timeInForce: 'ioc' }), OPEN);
		expect(b.onBar(flat(1, 100, { volume: 200 })).map((e) => e.quantity)).toEqual([50]);
		expect(b.order('o1')).toMatchObject({
			status: 'cancelled',
			filledQuantity: 50,
			reason: 'IOC: 50 of 100 not filled on the first bar'
		});
		expect(statuses(b.order('o1'))).toEqual(['new', 'accepted', 'partially_filled', 'cancelled']);
		expect(b.onBar(flat(2, 100))).toEqual([]);
	});

	it('IOC limit not reached on the first bar is cancelled without executing', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(1, { type: 'limit', limitPrice: 99, timeInForce: 'ioc' }), OPEN);
		b.onBar(bar(1, 100, 100, 99.5, 100));
		expect(b.order('o1')).toMatchObject({ status: 'cancelled', reason: 'IOC: not filled on the first bar' });
	});

	it('FOK fills all or is cancelled with a reason', () => {
		const b = broker({ volumeShare: 0.25 });
		b.onBar(flat(0, 100));
		b.submit(buy(100, { timeInForce: 'fok' }), OPEN);
		b.submit(buy(50, { timeInForce: 'fok' }), OPEN);
		expect(b.onBar(flat(1, 100, { volume: 200 })).map((e) => [e.orderId, e.quantity])).toEqual([['o2', 50]]);
		expect(b.order('o1')).toMatchObject({
			status: 'cancelled',
			filledQuantity: 0,
			reason: 'FOK: could not fill all 100 on the first bar'
		});
	});

	it('DAY orders expire at the first bar of a later session date in New York (the session-date rule)', () => {
		const b = broker({ dayOrderRule: 'session-date' });
		b.onBar(flat(0, 100));
		b.submit(buy(1, { type: 'limit', limitPrice: 95 }), OPEN);
		b.submit(buy(1, { type: 'limit', limitPrice: 95, timeInForce: 'gtc' }), OPEN);
		// 23:59 New York is 04:59 UTC the next day: still the same session.
		b.onBar({ ...flat(0, 100), time: Date.UTC(2024, 2, 5, 4, 59) });
		expect(b.order('o1')!.status).toBe('accepted');
		// The next session's first bar reaches 95, but the DAY order has expired before it; the GTC one fills.
		expect(b.onBar(bar(0, 96, 96, 94, 95, { day: 1 })).map((e) => e.orderId)).toEqual(['o2']);
		expect(b.order('o1')).toMatchObject({ status: 'expired', reason: 'DAY order: session 2024-03-04 ended' });
	});

	it('a crypto pair’s DAY orders expire at UTC midnight, not New York’s; a stock’s in the same account at New York’s (the session-date rule)', () => {
		const b = broker({ dayOrderRule: 'session-date' });
		const btc = (time: number, price: number): Bar => ({
			symbol: 'BTC-USD',
			time,
			open: price,
			high: price,
			low: price,
			close: price,
			volume: 100
		});
		// 2024-03-04 23:00 UTC is 18:00 in New York.
		const evening = Date.UTC(2024, 2, 4, 23);
		b.onBar(btc(evening, 60_000));
		b.onBar({ ...flat(0, 100), time: evening });
		b.submit({ symbol: 'BTC-USD', side: 'buy', quantity: 1, type: 'limit', limitPrice: 50_000 }, evening);
		b.submit(buy(1, { type: 'limit', limitPrice: 95 }), evening);
		expect(b.order('o1')!.sessionDate).toBe('2024-03-04');
		// 00:30 UTC on the 5th: a new UTC day (19:30 in New York, still the 4th there).
		b.onBar(btc(Date.UTC(2024, 2, 5, 0, 30), 60_000));
		expect(b.order('o1')).toMatchObject({ status: 'expired', reason: 'DAY order: session 2024-03-04 ended' });
		expect(b.order('o2')!.status).toBe('accepted');
		// Sessions stored before the rule keep New York's dates for every symbol.
		const old = broker({ instrumentSessions: false });
		old.onBar(btc(evening, 60_000));
		old.submit({ symbol: 'BTC-USD', side: 'buy', quantity: 1, type: 'limit', limitPrice: 50_000 }, evening);
		old.onBar(btc(Date.UTC(2024, 2, 5, 0, 30), 60_000));
		expect(old.order('o1')!.status).toBe('accepted');
	});

	it('DAY orders end at their session’s close: an equity at 16:00 New York (13:00 on a half day), a future at 17:00', () => {
		const b = broker();
		const at = (iso: string) => Date.parse(iso);
		const px = (symbol: string, time: number, price = 100): Bar => ({
			symbol,
			time,
			open: price,
			high: price,
			low: price,
			close: price,
			volume: 100
		});
		b.onBar(px('SPY', at('2025-03-10T14:00:00Z')));
		b.onBar(px('ESZ5', at('2025-03-10T14:00:00Z')));
		b.submit(
			{ symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 },
			at('2025-03-10T14:00:00Z')
		);
		b.submit(
			{ symbol: 'ESZ5', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 },
			at('2025-03-10T14:00:00Z')
		);
		// 15:59 New York: both working.
		b.onBar(px('SPY', at('2025-03-10T19:59:00Z')));
		expect([b.order('o1')!.status, b.order('o2')!.status]).toEqual(['accepted', 'accepted']);
		// 16:00 New York (an after-hours bar): the equity's session has closed; Globex trades to 17:00.
		b.onBar(px('SPY', at('2025-03-10T20:00:00Z')));
		expect(b.order('o1')).toMatchObject({ status: 'expired', reason: 'DAY order: session 2025-03-10 ended' });
		b.onBar(px('ESZ5', at('2025-03-10T20:59:00Z')));
		expect(b.order('o2')!.status).toBe('accepted');
		b.onBar(px('ESZ5', at('2025-03-10T22:00:00Z')));
		expect(b.order('o2')).toMatchObject({ status: 'expired', reason: 'DAY order: session 2025-03-10 ended' });
		// A futures DAY order placed Sunday 19:00 New York works Monday's session.
		b.submit(
			{ symbol: 'ESZ5', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 },
			at('2025-03-10T22:00:00Z')
		);
		expect(b.order('o3')!.sessionDate).toBe('2025-03-11');
		// The day after Thanksgiving closes at 13:00 New York.
		b.onBar(px('SPY', at('2025-11-28T15:00:00Z')));
		b.submit(
			{ symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 90 },
			at('2025-11-28T15:00:00Z')
		);
		b.onBar(px('SPY', at('2025-11-28T17:59:00Z')));
		expect(b.order('o4')!.status).toBe('accepted');
		b.onBar(px('SPY', at('2025-11-28T18:00:00Z')));
		expect(b.order('o4')).toMatchObject({ status: 'expired', reason: 'DAY order: session 2025-11-28 ended' });
	});

	it('a crypto DAY order lives 24 hours from when it starts working: placed 23:00 UTC, working at 22:59 the next day, expired from 23:00', () => {
		const b = broker();
		const btc = (iso: string, price = 60_000): Bar => ({
			symbol: 'BTC-USD',
			time: Date.parse(iso),
			open: price,
			high: price,
			low: price,
			close: price,
			volume: 100
		});
		b.onBar(btc('2025-03-09T23:00:00Z'));
		b.submit(
			{ symbol: 'BTC-USD', side: 'buy', quantity: 0.5, type: 'limit', limitPrice: 50_000 },
			Date.parse('2025-03-09T23:00:00Z')
		);
		b.onBar(btc('2025-03-10T00:30:00Z')); // a new UTC date: still working
		b.onBar(btc('2025-03-10T22:59:00Z'));
		expect(b.order('o1')!.status).toBe('accepted');
		b.onBar(btc('2025-03-10T23:00:00Z', 49_000)); // would fill, but its 24 h are over
		expect(b.order('o1')).toMatchObject({
			status: 'expired',
			filledQuantity: 0,
			reason:
				'DAY order: 24 h since it started working (2025-03-09 23:00:00 UTC) ended; BTC-USD trades 24/7 with no session close'
		});
		// endSession ends a crypto DAY order that is working at the time given.
		b.submit(
			{ symbol: 'BTC-USD', side: 'buy', quantity: 0.5, type: 'limit', limitPrice: 40_000 },
			Date.parse('2025-03-10T23:00:00Z')
		);
		expect(b.endSession(Date.parse('2025-03-10T23:30:00Z')).map((o) => o.id)).toEqual(['o2']);
	});

	it('endSession expires DAY orders but not GTC ones, which survive several sessions', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(1, { type: 'limit', limitPrice: 90 }), OPEN);
		b.submit(buy(1, { type: 'limit', limitPrice: 90, timeInForce: 'gtc' }), OPEN);
		expect(b.endSession(OPEN + 390 * MIN).map((o) => o.id)).toEqual(['o1']);
		b.onBar(flat(0, 95, { day: 1 }));
		b.endSession(OPEN + DAY + 390 * MIN);
		b.onBar(bar(0, 92, 92, 89, 91, { day: 2 }));
		expect(b.order('o2')).toMatchObject({ status: 'filled', averagePrice: 90 });
	});
});

describe('modify and cancel', () => {
	it('change a working order and keep the history with times', () => {
		const b = broker();
		b.onBar(flat(0, 100));
		b.submit(buy(10, { type: 'limit', limitPrice: 98 }), OPEN);
		b.onBar(bar(1, 100, 100, 98.5, 99));
		const result = b.modify('o1', { limitPrice: 99, quantity: 20 }, OPEN + MIN);
		expect(result.ok).toBe(true);
		expect(b.onBar(bar(2, 99.5, 99.8, 98.8, 99)).map((e) => [e.price, e.quantity])).toEqual([[99, 20]]);
		expect(b.order('o1')!.history).toEqual([
			{ time: OPEN, status: 'new', note: null },
			{ time: OPEN, status: 'accepted', note: null },
			{ time: OPEN + MIN, status: 'accepted', note: 'modified: quantity 10 → 20, limit 98 → 99' },
			{ time: OPEN + 2 * MIN, status: 'filled', note: '20 @ 99' }
		]);
	});

	it('refuse changes to final orders, impossible changes and unknown ids', () => {
		const b = broker({ volumeShare: 0.5 });
		b.onBar(flat(0, 100));
		b.submit(buy(100, { type: 'limit', limitPrice: 100 }), OPEN);
		b.onBar(flat(1, 100, { volume: 100 }));
		expect(b.modify('o1', { quantity: 50 }, OPEN + MIN)).toMatchObject({
			ok: false,
			reason: 'quantity must be more than the 50 already filled'
		});
		expect(b.modify('o1', { stopPrice: 3 }, OPEN + MIN)).toMatchObject({ ok: false });
		expect(b.modify('o9', { limitPrice: 3 }, OPEN + MIN)).toEqual({
			ok: false,
			reason: 'no order o9',
			order: null
		});
		expect(b.cancel('o1', OPEN + MIN).ok).toBe(true);
		expect(statuses(b.order('o1'))).toEqual(['new', 'accepted', 'partially_filled', 'cancelled']);
		expect(b.cancel('o1', OPEN + MIN)).toMatchObject({ ok: false, reason: 'o1 is already cancelled' });
		expect(b.modify('o1', { limitPrice: 101 }, OPEN + MIN)).toMatchObject({
			ok: false,
			reason: 'o1 is already cancelled'
		});
		expect(b.position('AAPL').quantity).toBe(50);
	});

	it('re-check buying power when a modification grows an order', () => {
		const b = broker({ startingCash: 1_000 });
		b.onBar(flat(0, 100));
		b.submit(buy(5, { type: 'limit', limitPrice: 99 }), OPEN);
		expect(b.modify('o1', { quantity: 10 }, OPEN).ok).toBe(true); // $990 of $1,000: its own reservation is freed
		expect(b.modify('o1', { quantity: 11 }, OPEN)).toMatchObject({
			ok: false,
			reason: 'insufficient buying power: the order needs $1,089.00, $1,000.00 is available'
		});
	});
});

describe('account', () => {
	it('rejects a sell that would open a short when shorts are not allowed', () => {
		const b = holding(10);
		const [o] = b.submit(sell(15), OPEN + MIN);
		expect(o).toMatchObject({
			status: 'rejected',
			reason: 'short selling is not allowed: selling 15 AAPL with 10 held would leave -5'
		});
		expect(b.submit(sell(10), OPEN + MIN)[0]!.status).toBe('accepted');
	});

	it('caps racing sells at what is held when shorts are not allowed', () => {
		const b = holding(10);
		b.submit(sell(10), OPEN + MIN);
		b.submit(sell(10), OPEN + MIN);
		expect(b.onBar(flat(2, 100)).map((e) => e.orderId)).toEqual(['o2']);
		expect(b.order('o3')).toMatchObject({
			status: 'cancelled',
			reason: 'short selling is not allowed: no AAPL held to sell'
		});
		expect(b.position('AAPL').quantity).toBe(0);
	});

	it('shorts, covers and reverses with exact realised P&L when allowed', () => {
		const b = broker({ allowShort: true, marginMultiplier: 2 });
		b.onBar(flat(0, 50));
		b.submit(sell(30), OPEN);
		b.onBar(flat(1, 50.01));
		b.submit(buy(50), OPEN + MIN);
		const [e] = b.onBar(flat(2, 49.335));
		// Cover 30: sold 1500.30, bought back 1480.05 (1480.05 exactly); then 20 long at 49.335 = 986.70.
		expect(e).toMatchObject({ effect: 'reverse', valueCents: 246_675, realisedPnlCents: 20_25 });
		expect(b.position('AAPL')).toMatchObject({ quantity: 20, costBasisCents: 98_670 });
		expect(b.account()).toMatchObject({
			cashCents: 10_000_000 + 150_030 - 246_675,
			realisedPnlCents: 20_25,
			unrealisedPnlCents: 0,
			equityCents: 10_000_000 + 20_25
		});
	});

	it('records no negative zero for executions worth less than half a cent', () => {
		const b = broker({ allowShort: true });
		b.onBar(flat(0, 0.001));
		b.submit(sell(1), OPEN);
		b.onBar(flat(1, 0.001));
		b.submit(buy(1), OPEN + MIN);
		const [e] = b.onBar(flat(2, 0.001));
		expect(e).toMatchObject({ effect: 'close', valueCents: 0 });
		expect(Object.is(e!.realisedPnlCents, 0)).toBe(true);
		const snapshot = b.snapshot();
		expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
	});

	it('rejects orders beyond buying power, naming the amounts; margin multiplies it', () => {
		const cash = broker({ startingCash: 1_000 });
		cash.onBar(flat(0, 100));
		expect(cash.submit(buy(20), OPEN)[0]!.reason).toBe(
			'insufficient buying power: the order needs $2,000.00, $1,000.00 is available'
		);
		const margin = broker({ startingCash: 1_000, marginMultiplier: 2 });
		margin.onBar(flat(0, 100));
		expect(margin.submit(buy(20), OPEN)[0]!.status).toBe('accepted');
	});

	it('reserves buying power for working orders', () => {
		const b = broker({ startingCash: 1_000 });
		b.onBar(flat(0, 100));
		expect(b.submit(buy(6, { type: 'limit', limitPrice: 99 }), OPEN)[0]!.status).toBe('accepted');
		expect(b.account().buyingPowerCents).toBe(1_000_00 - 594_00);
		expect(b.submit(buy(6, { type: 'limit', limitPrice: 99 }), OPEN)[0]!.reason).toBe(
			'insufficient buying power: the order needs $594.00, $406.00 is available'
		);
	});

	it('charges a per-share commission with its minimum once per order across partial executions', () => {
		const b = broker({ commission: { kind: 'per_share', perShare: 0.005, minimum: 1 }, volumeShare: 0.25 });
		b.onBar(flat(0, 10));
		b.submit(buy(400, { timeInForce: 'gtc' }), OPEN);
		const executions = [1, 2, 3, 4].flatMap((i) => b.onBar(flat(i, 10, { volume: 400 })));
		expect(executions.map((e) => [e.quantity, e.commissionCents])).toEqual([
			[100, 100],
			[100, 0], // 200 × 0.005 = $1.00: still the minimum
			[100, 50],
			[100, 50] // 400 × 0.005 = $2.00 in all
		]);
		expect(b.account()).toMatchObject({ commissionsCents: 200, cashCents: 100_000_00 - 4_000_00 - 200 });
	});

	it('charges per order and percent commissions, rounded to the cent', () => {
		const perOrder = holding(10, { commission: { kind: 'per_order', amount: 4.95 } });
		expect(perOrder.executions()[0]!.commissionCents).toBe(495);
		const percent = broker({ commission: { kind: 'percent', percent: 0.1 } });
		percent.onBar(flat(0, 12.345));
		percent.submit(buy(10), OPEN);
		expect(percent.onBar(flat(1, 12.345))[0]!.commissionCents).toBe(12); // 0.12345 → 0.12
	});

	it('marks positions at the last close and keeps equity exact', () => {
		const b = holding(10, { commission: { kind: 'per_order', amount: 1 } });
		b.onBar(bar(2, 100, 103, 99, 102.555));
		expect(b.account()).toMatchObject({
			cashCents: 100_000_00 - 1_000_00 - 100,
			marketValueCents: 1_025_55,
			unrealisedPnlCents: 25_55,
			equityCents: 100_000_00 - 100 + 25_55
		});
		expect(b.position('AAPL')).toMatchObject({ lastPrice: 102.555, averagePrice: 100 });
	});

	it('estimates order value at the limit, stop or last price', () => {
		const b = broker();
		expect(b.estimateOrderValue(buy(10))).toBeNull();
		b.onBar(flat(0, 100.25));
		expect(b.estimateOrderValue(buy(10))).toEqual({ price: 100.25, valueCents: 100_250 });
		expect(b.estimateOrderValue(buy(10, { type: 'limit', limitPrice: 99 }))).toEqual({
			price: 99,
			valueCents: 99_000
		});
		expect(b.estimateOrderValue(buy(10, { type: 'stop', stopPrice: 101 }))).toEqual({
			price: 101,
			valueCents: 101_000
		});
	});

	it('flattenAll cancels open orders and closes every position at the next open', () => {
		const b = broker({ allowShort: true, marginMultiplier: 2 });
		b.onBar(flat(0, 100));
		b.onBar(flat(0, 50, { symbol: 'MSFT' }));
		b.submit(buy(10), OPEN);
		b.submit({ ...sell(20), symbol: 'MSFT' }, OPEN);
		b.onBar(flat(1, 100));
		b.onBar(flat(1, 50, { symbol: 'MSFT' }));
		b.submit(buy(1, { type: 'limit', limitPrice: 90 }), OPEN + MIN);
		const closing = b.flattenAll(OPEN + MIN);
		expect(closing.map((o) => [o.symbol, o.side, o.quantity])).toEqual([
			['AAPL', 'sell', 10],
			['MSFT', 'buy', 20]
		]);
		expect(b.order('o3')).toMatchObject({ status: 'cancelled', reason: 'flatten all' });
		b.onBar(flat(2, 101));
		b.onBar(flat(2, 49, { symbol: 'MSFT' }));
		expect(b.account().positions.map((p) => p.quantity)).toEqual([0, 0]);
		expect(b.account().realisedPnlCents).toBe(10_00 + 20_00);
	});
});

describe('bars', () => {
	it('must come in time order per symbol and be well formed', () => {
		const b = broker();
		b.onBar(flat(1, 100));
		expect(() => b.onBar(flat(1, 100))).toThrow(/not after the previous one/);
		expect(() => b.onBar(bar(2, 100, 99, 98, 99))).toThrow(/low\/high/);
		expect(() => b.onBar(flat(0, 100, { symbol: 'MSFT' }))).not.toThrow();
	});
});
