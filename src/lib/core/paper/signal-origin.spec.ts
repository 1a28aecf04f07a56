import { describe, expect, it } from 'vitest';
import { MIN, OPEN, paperFacts, rowBars } from '../../../../tests/support/paper-facts';
import { signalOrigin } from '../../../../tests/support/signal-origin';
import type { OrderSubmission } from '../broker';
import { actionProblem, PaperSession, type PaperAction } from './session';
import { sameSignal, signalOriginProblem, type SignalOrigin } from './signal-origin';

const BARS = rowBars([
	[100, 100.5, 99.5, 100],
	[100.2, 100.8, 100, 100.6],
	[100.6, 101.2, 100.4, 101],
	[101, 102.3, 100.9, 102.1],
	[102, 102.2, 101, 101.2]
]);

const BRACKET: OrderSubmission = {
	orderClass: 'bracket',
	entry: { symbol: 'SPY', side: 'buy', quantity: 10, type: 'limit', limitPrice: 100.6 },
	stopLoss: { stopPrice: 99.6 },
	takeProfit: { limitPrice: 102.1 }
};

const take = (signal: unknown): PaperAction =>
	({ kind: 'submit', at: 0, submission: BRACKET, signal }) as PaperAction;

describe('signal origin of a submission', () => {
	it('a submission taken from a signal is checked, logged with its signal and replayed to the same view', () => {
		const session = new PaperSession(paperFacts(), BARS, MIN);
		session.step();
		session.step();
		expect(session.act(take(signalOrigin()))).toMatchObject({ ok: true });
		session.step();
		session.step();
		const logged = session.facts.actions[0];
		expect(logged).toEqual({ kind: 'submit', at: 2, submission: BRACKET, signal: signalOrigin() });
		const again = new PaperSession(structuredClone(session.facts), BARS, MIN);
		expect(again.view()).toEqual(session.view());
		expect(again.facts.actions).toEqual(session.facts.actions);
		expect(again.view().executions.map((e) => [e.orderId, e.price, e.quantity])).toEqual([
			['o1', 100.6, 10],
			['o3', 102.1, 10]
		]);
	});

	it('facts stored before signals could be taken (no signal field) replay as they did', () => {
		const old = paperFacts({
			cursor: 3,
			actions: [{ kind: 'submit', at: 1, submission: BRACKET }]
		});
		const session = new PaperSession(old, BARS, MIN);
		expect(session.view().skipped).toEqual([]);
		expect(session.facts.actions).toEqual(old.actions);
		expect('signal' in session.facts.actions[0]!).toBe(false);
	});

	it('a malformed signal origin is refused with the reason, and never logged', () => {
		const cases: [unknown, string][] = [
			[null, 'the signal origin is not one'],
			[signalOrigin({ symbol: '' }), 'the signal origin names no symbol'],
			[signalOrigin({ timeframeLabel: '' }), 'the signal origin names no timeframe'],
			[signalOrigin({ time: Number.NaN }), 'the signal origin has no bar time'],
			[
				signalOrigin({ decision: 'HOLD' as SignalOrigin['decision'] }),
				"the signal origin's decision must be BUY or SELL, not HOLD"
			],
			[
				signalOrigin({ prices: { entry: 0, stop: 99.6, target: null } }),
				"the signal origin's entry must be a number > 0"
			],
			[
				signalOrigin({ prices: { entry: 100.6, stop: 99.6, target: -1 } }),
				"the signal origin's target must be a number > 0 or none"
			],
			[{ ...signalOrigin(), lineage: null }, 'the signal origin has no lineage']
		];
		for (const [signal, reason] of cases) expect(actionProblem(take(signal))).toBe(reason);
		expect(signalOriginProblem(undefined)).toBeNull();
		const session = new PaperSession(paperFacts(), BARS, MIN);
		session.step();
		expect(session.act(take(signalOrigin({ symbol: '' })))).toEqual({
			ok: false,
			reason: 'Refused: the signal origin names no symbol',
			rejection: null
		});
		expect(session.facts.actions).toEqual([]);
	});

	it('a stored take with a malformed signal origin is skipped on replay with the reason', () => {
		const stored = paperFacts({ cursor: 2, actions: [take({ ...signalOrigin(), decision: 'HOLD' })] });
		stored.actions[0]!.at = 1;
		const session = new PaperSession(stored, BARS, MIN);
		expect(session.view().skipped).toEqual([
			{
				index: 0,
				kind: 'submit',
				reason: "Refused: the signal origin's decision must be BUY or SELL, not HOLD"
			}
		]);
	});

	it('a signal is the same signal only on its symbol, bars, bar time and decision', () => {
		const key = { symbol: 'SPY', timeframeLabel: '1m', time: OPEN + MIN, decision: 'BUY' as const };
		expect(sameSignal(signalOrigin(), key)).toBe(true);
		expect(sameSignal(signalOrigin(), { ...key, symbol: 'QQQ' })).toBe(false);
		expect(sameSignal(signalOrigin(), { ...key, timeframeLabel: '5m' })).toBe(false);
		expect(sameSignal(signalOrigin(), { ...key, time: OPEN })).toBe(false);
		expect(sameSignal(signalOrigin(), { ...key, decision: 'SELL' })).toBe(false);
	});
});
