import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN, paperFacts } from '../../../../tests/support/paper-facts';
import { DEFAULT_BROKER_CONFIG, type Bar } from '../broker';
import { DEFAULT_RISK_CONFIG } from '../risk';
import { rewindFacts, undoFacts } from './rewind';
import { PaperSession, type PaperAction, type PaperSessionFacts } from './session';

const BARS: Bar[] = Array.from({ length: 12 }, (_, i) => {
	const mid = 100 + Math.sin(i) * 2;
	return {
		symbol: 'SPY',
		time: OPEN + i * MIN,
		open: mid,
		high: mid + 1,
		low: mid - 1,
		close: mid + 0.3,
		volume: 1000
	};
});

const market = (side: 'buy' | 'sell', quantity: number): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: { orderClass: 'single', order: { symbol: 'SPY', side, quantity, type: 'market' } }
});
const limit = (side: 'buy' | 'sell', quantity: number, price: number): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: {
		orderClass: 'single',
		order: { symbol: 'SPY', side, quantity, type: 'limit', limitPrice: price }
	}
});

/** One thing a trader does: a step or an action. */
type Move = { step: true } | { step: false; action: PaperAction };

const moveArb: fc.Arbitrary<Move> = fc.oneof(
	{ weight: 3, arbitrary: fc.constant<Move>({ step: true }) },
	fc.record({
		step: fc.constant(false as const),
		action: fc.oneof(
			fc
				.tuple(fc.constantFrom('buy', 'sell'), fc.integer({ min: 1, max: 50 }))
				.map(([s, q]) => market(s as 'buy', q)),
			fc
				.tuple(
					fc.constantFrom('buy', 'sell'),
					fc.integer({ min: 1, max: 50 }),
					fc.integer({ min: 97, max: 103 })
				)
				.map(([s, q, p]) => limit(s as 'buy', q, p)),
			fc.integer({ min: 1, max: 6 }).map((n): PaperAction => ({ kind: 'cancel', at: 0, orderId: `o${n}` })),
			fc
				.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 97, max: 103 }))
				.map(([n, p]): PaperAction => ({
					kind: 'modify',
					at: 0,
					orderId: `o${n}`,
					changes: { limitPrice: p }
				})),
			fc.constant<PaperAction>({ kind: 'flatten', at: 0 }),
			fc.constant<PaperAction>({ kind: 'risk', at: 0, risk: DEFAULT_RISK_CONFIG })
		)
	})
);

/** A session that was only ever driven by `moves`, stopping before the step beyond `upTo` bars. */
function drive(moves: readonly Move[], upTo = Infinity): PaperSession {
	const session = new PaperSession(facts(), BARS, MIN);
	for (const move of moves) {
		if (move.step) {
			if (session.facts.cursor >= upTo) break;
			session.step();
		} else session.act(move.action);
	}
	return session;
}

const facts = (overrides: Partial<PaperSessionFacts> = {}) =>
	paperFacts({ broker: { ...DEFAULT_BROKER_CONFIG, allowShort: true }, ...overrides });

describe('rewind', () => {
	it('rewinding to any bar gives the view of a session only ever stepped to it with the actions taken by then', () => {
		fc.assert(
			fc.property(fc.array(moveArb, { maxLength: 40 }), fc.nat(12), (moves, back) => {
				const full = drive(moves);
				const k = Math.max(0, full.facts.cursor - back);
				const rewound = rewindFacts(structuredClone(full.facts), k);
				if (!rewound.ok) throw new Error(rewound.reason);
				const replayed = new PaperSession(rewound.facts, BARS, MIN);
				const only = drive(moves, k);
				expect(replayed.facts.cursor).toBe(k);
				expect(replayed.view()).toEqual(only.view());
				expect(replayed.facts.actions).toEqual(only.facts.actions);
			}),
			{ numRuns: 150 }
		);
	});

	it('a step back takes back the bar, its fills and the orders placed at it', () => {
		const session = new PaperSession(facts(), BARS, MIN);
		session.step();
		session.act(market('buy', 10));
		session.step();
		expect(session.view().account.positions[0]!.quantity).toBe(10);
		session.act(limit('sell', 10, 110));
		const back = rewindFacts(session.facts, 1);
		expect(back.ok).toBe(true);
		const view = new PaperSession(back.ok ? back.facts : facts(), BARS, MIN).view();
		expect(view.cursor).toBe(1);
		expect(view.executions).toEqual([]);
		expect(view.orders.map((o) => [o.id, o.status])).toEqual([['o1', 'accepted']]);
	});

	it('refuses going forward, a fraction, a negative bar and a stopped session, saying why', () => {
		const at3 = facts({ cursor: 3 });
		expect(rewindFacts(at3, 4)).toEqual({
			ok: false,
			reason: 'Cannot go back to bar 4: the session stands at bar 3 (step forward instead)'
		});
		expect(rewindFacts(at3, 1.5)).toEqual({
			ok: false,
			reason: 'Cannot go back to bar 1.5: give a whole number of bars from 0'
		});
		expect(rewindFacts(at3, -1).ok).toBe(false);
		expect(rewindFacts(facts({ cursor: 3, status: 'stopped' }), 1)).toEqual({
			ok: false,
			reason: 'The session is stopped: it cannot go back'
		});
		expect(rewindFacts(at3, 3)).toEqual({ ok: true, facts: at3 });
	});
});

describe('undo last order', () => {
	it('takes back the last order, change or cancel at this bar; the session is as if it never was', () => {
		const session = new PaperSession(facts(), BARS, MIN);
		session.step();
		session.act(limit('buy', 10, 95));
		const before = session.view();
		session.act({ kind: 'modify', at: 0, orderId: 'o1', changes: { limitPrice: 96 } });
		const once = undoFacts(session.facts);
		if (!once.ok) throw new Error(once.reason);
		expect(new PaperSession(once.facts, BARS, MIN).view()).toEqual(before);
		const twice = undoFacts(once.facts);
		if (!twice.ok) throw new Error(twice.reason);
		const view = new PaperSession(twice.facts, BARS, MIN).view();
		expect(view.orders).toEqual([]);
		expect(view.cursor).toBe(1);
	});

	it('refuses after the next bar, with nothing logged, and for a flatten or risk change', () => {
		const session = new PaperSession(facts(), BARS, MIN);
		session.step();
		expect(undoFacts(session.facts)).toEqual({
			ok: false,
			reason: 'Nothing to undo: no order was placed, changed or cancelled at this bar'
		});
		session.act(market('buy', 5));
		session.step();
		expect(undoFacts(session.facts)).toEqual({
			ok: false,
			reason: 'Nothing to undo: no order was placed, changed or cancelled at this bar'
		});
		session.act({ kind: 'flatten', at: 0 });
		expect(undoFacts(session.facts)).toEqual({
			ok: false,
			reason: 'Cannot undo a flatten: only the last order, change or cancel at this bar can be undone'
		});
		session.act({ kind: 'risk', at: 0, risk: DEFAULT_RISK_CONFIG });
		expect(undoFacts(session.facts)).toEqual({
			ok: false,
			reason:
				'Cannot undo a change of the risk limits: only the last order, change or cancel at this bar can be undone'
		});
		session.stop();
		expect(undoFacts(session.facts)).toEqual({
			ok: false,
			reason: 'The session is stopped: nothing can be undone'
		});
	});
});
