import { describe, expect, it } from 'vitest';
import { MIN, OPEN, paperFacts } from '../../../../tests/support/paper-facts';
import { signalOrigin } from '../../../../tests/support/signal-origin';
import { CROSS_BARS, STRATEGY_BROKER, strategy } from '../../../../tests/support/strategy';
import { PaperSession } from '../paper/session';
import type { OrderSubmission } from '../broker';
import { allRulesOff } from '../risk';
import { only } from '../../../../tests/support/risk-builders';
import { StrategyDriver } from './driver';
import { fillLineage, signalOutcome, strategyLineage, ticketEdits } from './lineage';

const DEF = strategy(
	{ kind: 'sma-cross', fast: 2, slow: 3 },
	{
		exits: {
			stop: { atrMultiple: 3 },
			target: { unit: 'r', value: 3 },
			atrPeriod: 2,
			flatAtSessionEnd: false
		}
	}
);

function replayed(): PaperSession {
	const session = new PaperSession(
		{
			id: 's1',
			symbol: 'SPY',
			from: OPEN,
			to: OPEN + CROSS_BARS.length * MIN,
			broker: STRATEGY_BROKER,
			risk: allRulesOff(),
			cursor: 0,
			actions: [],
			status: 'running',
			createdAt: 0
		},
		CROSS_BARS,
		MIN
	);
	const driver = new StrategyDriver(session, DEF, MIN);
	for (let i = 0; i < 5; i++) {
		session.step();
		driver.advance();
	}
	session.act({
		kind: 'submit',
		at: 0,
		submission: {
			orderClass: 'single',
			order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 1 }
		}
	});
	return session;
}

describe('strategyLineage', () => {
	it('an order of a bracket leads to its signal, the passed risk check, the three orders and the entry’s fill', () => {
		const [l, ...rest] = strategyLineage(replayed(), MIN, ['o3']);
		expect(rest).toEqual([]);
		expect(l!.strategy).toEqual({ id: 'st1', name: 'Test', version: 1 });
		expect(l!.risk).toEqual({ ok: true });
		expect(l!.intent.lineage).toMatchObject({
			barIndex: 3,
			close: 11,
			rule: 'SMA(2) crossed above SMA(3): 10.5 > 10.3333 (was 10 ≤ 10)'
		});
		expect(l!.orders.map((o) => [o.id, o.role, o.status])).toEqual([
			['o1', 'entry', 'filled'],
			['o2', 'stop_loss', 'accepted'],
			['o3', 'take_profit', 'accepted']
		]);
		expect(l!.executions.map((e) => [e.orderId, e.side, e.quantity, e.price])).toEqual([
			['o1', 'buy', 10, 11.04]
		]);
	});

	it('the trader’s own orders, and orders that do not exist, have none', () => {
		expect(strategyLineage(replayed(), MIN, ['o4', 'o99'])).toEqual([]);
	});
});

/** The signal of `signalOrigin()`: SPY's BUY on the one-minute bar at 09:31. */
const KEY = { symbol: 'SPY', timeframeLabel: '1m', time: OPEN + MIN, decision: 'BUY' as const };

const bracket = (limitPrice: number, stopPrice: number, target: number, quantity = 10): OrderSubmission => ({
	orderClass: 'bracket',
	entry: { symbol: 'SPY', side: 'buy', quantity, type: 'limit', limitPrice },
	stopLoss: { stopPrice },
	takeProfit: { limitPrice: target }
});

describe('fillLineage', () => {
	it('leads a fill of an order taken from a signal back to the signal, with what was edited', () => {
		const session = new PaperSession(paperFacts({ to: OPEN + CROSS_BARS.length * MIN }), CROSS_BARS, MIN);
		session.step();
		session.step();
		const origin = signalOrigin({ prices: { entry: 10.5, stop: 9.5, target: 12 } });
		session.act({ kind: 'submit', at: 0, submission: bracket(10.25, 9.5, 12), signal: origin });
		session.act({ kind: 'submit', at: 0, submission: bracket(10.5, 9.5, 12, 2) });
		for (let i = 0; i < 4; i++) session.step();
		const [taken, ...rest] = fillLineage(session, MIN, ['o1']);
		expect(rest).toEqual([]);
		if (!taken || !('taken' in taken)) throw new Error('expected a taken signal');
		expect(taken.taken).toEqual(origin);
		expect(taken.edits).toEqual(["limit 10.25 (the signal's 10.50)"]);
		expect(taken.orders.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
		// The trader's own order (o4) has no lineage; a strategy's keeps its own (strategyLineage).
		expect(fillLineage(session, MIN, ['o4'])).toEqual([]);
		expect(strategyLineage(session, MIN, ['o1'])).toEqual([]);
	});
});

describe('signalOutcome', () => {
	it('a take of the signal, sent as filled, leads to the passed risk check, its three orders, the entry’s and the target’s fills', () => {
		const session = new PaperSession(paperFacts({ to: OPEN + CROSS_BARS.length * MIN }), CROSS_BARS, MIN);
		session.step();
		session.step();
		const origin = signalOrigin({ prices: { entry: 10.5, stop: 9.5, target: 12 } });
		session.act({ kind: 'submit', at: 0, submission: bracket(10.5, 9.5, 12), signal: origin });
		// Another signal's take and the trader's own order are not this signal's.
		session.act({
			kind: 'submit',
			at: 0,
			submission: bracket(10.5, 9.5, 12, 1),
			signal: { ...origin, time: OPEN }
		});
		session.act({ kind: 'submit', at: 0, submission: bracket(10.5, 9.5, 12, 2) });
		for (let i = 0; i < 4; i++) session.step();
		const [taken, ...rest] = signalOutcome(session, MIN, KEY, () => false);
		expect(rest).toEqual([]);
		expect(taken!.source).toEqual({ kind: 'taken', edits: [] });
		expect(taken!.time).toBe(OPEN + MIN);
		expect(taken!.risk).toEqual({ ok: true });
		expect(taken!.refused).toBeNull();
		expect(taken!.orders.map((o) => [o.id, o.role, o.status])).toEqual([
			['o1', 'entry', 'filled'],
			['o2', 'stop_loss', 'cancelled'],
			['o3', 'take_profit', 'filled']
		]);
		expect(taken!.executions.map((e) => [e.orderId, e.side, e.quantity, e.price])).toEqual([
			// The limit at 10.50 fills at the next bar's open, 10.02, below it.
			['o1', 'buy', 10, 10.02],
			['o3', 'sell', 10, 12]
		]);
	});

	it('a take the trader edited says what they changed; one the risk manager refused names the rule and value', () => {
		const session = new PaperSession(
			paperFacts({ risk: only(['positionShares'], { positionShares: 5 }) }),
			CROSS_BARS,
			MIN
		);
		session.step();
		session.step();
		const origin = signalOrigin({ prices: { entry: 10.5, stop: 9.5, target: 12 } });
		session.act({ kind: 'submit', at: 0, submission: bracket(10.5, 9.5, 12, 10), signal: origin });
		session.act({ kind: 'submit', at: 0, submission: bracket(10.25, 9.5, 12.5, 5), signal: origin });
		const [refused, edited] = signalOutcome(session, MIN, KEY, () => false);
		expect(refused!.risk).toMatchObject({ ok: false, rule: 'positionShares', limit: 5, value: 10 });
		expect(refused!.orders).toEqual([]);
		expect(refused!.time).toBe(OPEN + MIN);
		expect(edited!.source).toEqual({
			kind: 'taken',
			edits: ["limit 10.25 (the signal's 10.50)", "target 12.50 (the signal's 12.00)"]
		});
		expect(edited!.risk).toEqual({ ok: true });
		expect(edited!.orders.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
	});

	it('a generator strategy’s entry on the signal’s bar is what became of a BUY; other strategies’ and other bars’ are not', () => {
		const session = replayed();
		const entryBar = { ...KEY, time: OPEN + 3 * MIN };
		const [placed, ...rest] = signalOutcome(session, MIN, entryBar, (id) => id === 'st1');
		expect(rest).toEqual([]);
		expect(placed!.source).toMatchObject({
			kind: 'strategy',
			strategy: { id: 'st1', name: 'Test', version: 1 },
			intent: { kind: 'entry', time: OPEN + 3 * MIN }
		});
		expect(placed!.orders.map((o) => o.id)).toEqual(['o1', 'o2', 'o3']);
		expect(placed!.executions.map((e) => [e.orderId, e.quantity, e.price])).toEqual([['o1', 10, 11.04]]);
		expect(signalOutcome(session, MIN, entryBar, () => false)).toEqual([]);
		expect(signalOutcome(session, MIN, { ...entryBar, decision: 'SELL' }, () => true)).toEqual([]);
		expect(signalOutcome(session, MIN, { ...entryBar, timeframeLabel: '5m' }, () => true)).toEqual([]);
		expect(signalOutcome(session, MIN, KEY, () => true)).toEqual([]);
	});
});

describe('ticketEdits', () => {
	const origin = signalOrigin({ prices: { entry: 10.5, stop: 9.5, target: 12 } });
	it('names a changed side, order type and stop', () => {
		const sold: OrderSubmission = {
			orderClass: 'oto',
			primary: { symbol: 'SPY', side: 'sell', quantity: 1, type: 'market' },
			secondary: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'stop', stopPrice: 9.75 }
		};
		expect(ticketEdits(origin, sold)).toEqual([
			'sell (the signal said BUY)',
			"market (the signal's limit 10.50)",
			"stop 9.75 (the signal's 9.50)"
		]);
	});
});
