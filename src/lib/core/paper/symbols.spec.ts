import { describe, expect, it } from 'vitest';
import { MIN, OPEN, paperFacts } from '../../../../tests/support/paper-facts';
import { DEFAULT_BROKER_CONFIG, type Bar } from '../broker';
import { allRulesOff, DEFAULT_RISK_CONFIG } from '../risk';
import { PaperSession, type PaperAction, type PaperSessionFacts } from './session';
import { closedTrades } from './stats';

const bar = (symbol: string, i: number, price: number, spread = 0.5): Bar => ({
	symbol,
	time: OPEN + i * MIN,
	open: price,
	high: price + spread,
	low: price - spread,
	close: price,
	volume: 10_000
});

const order = (symbol: string, side: 'buy' | 'sell', quantity: number): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: { orderClass: 'single', order: { symbol, side, quantity, type: 'market' } }
});

// QQQ has no bar at minute 2; SPY none at minute 4.
const TWO = [
	bar('QQQ', 0, 400),
	bar('SPY', 0, 500),
	bar('SPY', 1, 501),
	bar('QQQ', 1, 401),
	bar('SPY', 2, 502),
	bar('QQQ', 3, 403),
	bar('SPY', 3, 503),
	bar('QQQ', 4, 404)
];

const facts = (overrides: Partial<PaperSessionFacts> = {}) =>
	paperFacts({ broker: { ...DEFAULT_BROKER_CONFIG, allowShort: true }, ...overrides });

describe('several symbols on one clock', () => {
	it('one step reveals each symbol’s bar at the next time; a symbol without one reveals none', () => {
		const session = new PaperSession(facts({ symbols: ['SPY', 'QQQ'] }), TWO, MIN);
		expect(session.symbols).toEqual(['SPY', 'QQQ']);
		expect(session.length).toBe(5);
		session.step();
		expect(session.revealed.map((b) => `${b.symbol}@${(b.time - OPEN) / MIN}`)).toEqual(['SPY@0', 'QQQ@0']);
		session.step();
		session.step();
		expect(session.now).toBe(OPEN + 2 * MIN);
		expect(session.revealedCount('SPY')).toBe(3);
		expect(session.revealedCount('QQQ')).toBe(2);
		expect(session.revealedCount('QQQ', 1)).toBe(1);
		session.step();
		session.step();
		expect(session.finished).toBe(true);
		expect([session.revealedCount('SPY'), session.revealedCount('QQQ')]).toEqual([4, 4]);
		expect(session.barsOf('QQQ').map((b) => b.close)).toEqual([400, 401, 403, 404]);
	});

	it('orders on any symbol, one account: each fills on its own symbol’s next bar', () => {
		const session = new PaperSession(facts({ symbols: ['SPY', 'QQQ'] }), TWO, MIN);
		session.step();
		session.step();
		// At minute 1: QQQ's next bar is at minute 3 (none at 2); SPY's at 2.
		expect(session.act(order('QQQ', 'buy', 10)).ok).toBe(true);
		expect(session.act(order('SPY', 'sell', 5)).ok).toBe(true);
		session.step();
		expect(session.view().executions.map((e) => [e.symbol, e.price])).toEqual([['SPY', 502]]);
		session.step();
		const view = session.view();
		expect(view.executions.map((e) => [e.symbol, e.side, e.price])).toEqual([
			['SPY', 'sell', 502],
			['QQQ', 'buy', 403]
		]);
		expect(view.account.positions.map((p) => [p.symbol, p.quantity])).toEqual([
			['QQQ', 10],
			['SPY', -5]
		]);
		expect(view.equity).toHaveLength(4);
		// The facts replay to the same view.
		expect(new PaperSession(structuredClone(session.facts), TWO, MIN).view()).toEqual(view);
	});

	it('a single-symbol session (no `symbols` stored) steps bar by bar as before', () => {
		const spy = TWO.filter((b) => b.symbol === 'SPY');
		const session = new PaperSession(facts(), spy, MIN);
		expect(session.symbols).toEqual(['SPY']);
		expect(session.length).toBe(4);
		session.step();
		session.step();
		expect(session.revealed).toEqual(spy.slice(0, 2));
		expect(session.revealedCount('SPY')).toBe(2);
	});
});

describe('session stats', () => {
	it('counts closed trades and wins after commissions, and the realised P&L net of them', () => {
		const bars = [0, 1, 2, 3, 4, 5, 6].map((i) => bar('SPY', i, [100, 100, 102, 102, 99, 99, 99][i]!));
		const session = new PaperSession(
			facts({
				broker: { ...DEFAULT_BROKER_CONFIG, allowShort: true, commission: { kind: 'per_order', amount: 1 } }
			}),
			bars,
			MIN
		);
		session.step();
		session.act(order('SPY', 'buy', 10)); // fills at 100
		session.step();
		session.act(order('SPY', 'sell', 10)); // fills at 102: +$20 − $2
		session.step();
		session.act(order('SPY', 'sell', 10)); // short at 102
		session.step();
		session.act(order('SPY', 'buy', 10)); // covers at 99: +$30 − $2
		session.step();
		session.act(order('SPY', 'buy', 5)); // a loser: 99 → flat at 99, −$2 of commission
		session.step();
		session.act(order('SPY', 'sell', 5));
		session.step();
		expect(session.view().stats).toMatchObject({
			realisedPnlCents: 5000 - 600,
			trades: 3,
			wins: 2,
			open: []
		});
	});

	it('a reversal closes one trade and opens the next', () => {
		const e = (side: 'buy' | 'sell', quantity: number, realised: number) => ({
			id: '',
			orderId: '',
			symbol: 'X',
			side,
			quantity,
			price: 1,
			time: 0,
			valueCents: 0,
			commissionCents: 0,
			effect: 'open' as const,
			realisedPnlCents: realised
		});
		expect(closedTrades([e('buy', 10, 0), e('sell', 15, 300), e('buy', 5, -100)])).toEqual({
			trades: 2,
			wins: 1
		});
	});

	it('follows the open position’s worst unrealised P&L at bar lows since it opened', () => {
		const prices = [100, 100, 98, 101, 97.5, 103];
		const bars = prices.map((p, i) => bar('SPY', i, p, 0.5));
		const session = new PaperSession(facts(), bars, MIN);
		session.step();
		session.act(order('SPY', 'buy', 10)); // fills at 100 on bar 1
		session.step();
		expect(session.view().stats.open).toEqual([
			{ symbol: 'SPY', quantity: 10, openedAt: OPEN + MIN, maeCents: -500 }
		]);
		session.step(); // low 97.5
		session.step();
		session.step(); // low 97
		session.step();
		expect(session.view().stats.open[0]!.maeCents).toBe(-3000);
		session.act(order('SPY', 'sell', 10));
		expect(new PaperSession(structuredClone(session.facts), bars, MIN).view().stats).toEqual(
			session.view().stats
		);
	});
});

describe('crypto sessions', () => {
	it('a crypto round trip in a margin account under the minimum equity is no day trade', () => {
		const btc = [0, 1, 2, 3].map((i) => bar('BTC-USD', i, 60_000, 10));
		const risk = {
			...allRulesOff(),
			dayTrades: { ...DEFAULT_RISK_CONFIG.dayTrades, enabled: true, limit: 0 }
		};
		const session = new PaperSession(
			facts({
				symbol: 'BTC-USD',
				risk,
				broker: { ...DEFAULT_BROKER_CONFIG, startingCash: 20_000, marginMultiplier: 2 }
			}),
			btc,
			MIN
		);
		session.step();
		session.act(order('BTC-USD', 'buy', 0.1));
		session.step();
		expect(session.act(order('BTC-USD', 'sell', 0.1)).ok).toBe(true);
		session.step();
		expect(session.view().rules.find((r) => r.id === 'dayTrades')!.value).toBe(0);
	});
});
