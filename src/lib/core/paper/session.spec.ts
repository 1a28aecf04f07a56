import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN, paperFacts, rowBars as bars } from '../../../../tests/support/paper-facts';
import { DEFAULT_BROKER_CONFIG } from '../broker';
import { allRulesOff, DEFAULT_RISK_CONFIG } from '../risk';
import { actionProblem, PaperSession, type PaperAction, type PaperSessionFacts } from './session';

const BARS = bars([
	[100, 100.5, 99.5, 100],
	[100.2, 100.8, 100, 100.6],
	[100.6, 101.2, 100.4, 101],
	[101, 102.3, 100.9, 102.1],
	[102, 102.2, 101, 101.2]
]);

const facts = paperFacts;

describe('paper session', () => {
	it('fills a bracket from the next bar and exits at the target; the facts replay to the same view', () => {
		const session = new PaperSession(facts(), BARS, MIN);
		expect(
			session.act({
				kind: 'submit',
				at: 0,
				submission: {
					orderClass: 'single',
					order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'market' }
				}
			})
		).toMatchObject({
			ok: false,
			reason: 'Reveal the first bar before placing orders'
		});
		session.facts.actions.length = 0;
		session.step();
		const placed = session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'bracket',
				entry: { symbol: 'SPY', side: 'buy', quantity: 100, type: 'market' },
				stopLoss: { stopPrice: 99 },
				takeProfit: { limitPrice: 102 }
			}
		});
		expect(placed.ok).toBe(true);
		// The entry fills at the next bar's open (100.2); bar 4 trades through 102: the target fills there.
		for (let i = 0; i < 4; i++) session.step();
		const view = session.view();
		expect(view.executions.map((e) => [e.side, e.quantity, e.price, e.time])).toEqual([
			['buy', 100, 100.2, OPEN + MIN],
			['sell', 100, 102, OPEN + 3 * MIN]
		]);
		expect(view.account.realisedPnlCents).toBe(180_00);
		expect(view.account.equityCents).toBe(100_180_00);
		expect(view.orders.find((o) => o.role === 'stop_loss')!.status).toBe('cancelled');

		const again = new PaperSession(JSON.parse(JSON.stringify(session.facts)) as PaperSessionFacts, BARS, MIN);
		expect(again.view()).toEqual(view);
	});

	it('rejects an order beyond the daily loss limit, naming the rule, the limit and the value', () => {
		const risk = { ...allRulesOff(), dailyLoss: { enabled: true, limit: -100 } };
		const falling = bars([
			[100, 100, 99, 100],
			[100, 100, 99, 99.5],
			[99.5, 99.5, 99, 99.2],
			[99.2, 99.3, 99, 99.1]
		]);
		const losing = new PaperSession(facts({ risk }), falling, MIN);
		losing.step();
		losing.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'buy', quantity: 200, type: 'market' }
			}
		});
		losing.step(); // bought 200 at 100, marked at 99.5: −100.00, exactly at the limit
		const allowed = losing.act({
			kind: 'submit',
			at: 0,
			submission: { orderClass: 'single', order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'market' } }
		});
		expect(allowed.ok).toBe(true);
		losing.step(); // one more bought at 99.5; marked at 99.2: −160.30
		const refused = losing.act({
			kind: 'submit',
			at: 0,
			submission: { orderClass: 'single', order: { symbol: 'SPY', side: 'buy', quantity: 1, type: 'market' } }
		});
		expect(refused).toMatchObject({
			ok: false,
			rejection: { violation: { rule: 'dailyLoss', limit: -100, value: -160.3 } }
		});
		expect(refused.ok || refused.reason).toContain('Daily loss limit');
		// Closing is still allowed, and the view lists the rejection and the breached rule.
		expect(
			losing.act({
				kind: 'submit',
				at: 0,
				submission: {
					orderClass: 'single',
					order: { symbol: 'SPY', side: 'sell', quantity: 201, type: 'market' }
				}
			}).ok
		).toBe(true);
		const view = losing.view();
		expect(view.rejections).toHaveLength(1);
		expect(view.rules.find((r) => r.id === 'dailyLoss')!.status).toBe('breached');
		expect(new PaperSession(losing.facts, falling, MIN).view()).toEqual(view);
	});

	it('flattens: every working order cancelled, every position closed at the next open', () => {
		const session = new PaperSession(facts({ risk: DEFAULT_RISK_CONFIG }), BARS, MIN);
		session.step();
		session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'buy', quantity: 50, type: 'market' }
			}
		});
		session.act({
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'buy', quantity: 50, type: 'limit', limitPrice: 95, timeInForce: 'gtc' }
			}
		});
		session.step();
		expect(session.act({ kind: 'flatten', at: 0 }).ok).toBe(true);
		session.step();
		const view = session.view();
		expect(view.account.positions.find((p) => p.symbol === 'SPY')!.quantity).toBe(0);
		expect(view.orders.filter((o) => ['accepted', 'new', 'partially_filled'].includes(o.status))).toEqual([]);
		expect(view.executions.at(-1)).toMatchObject({ side: 'sell', quantity: 50, price: 100.6 });
	});

	it('refuses to act once stopped, and a stopped session replays as stopped', () => {
		const session = new PaperSession(facts(), BARS, MIN);
		session.step();
		session.stop();
		expect(session.act({ kind: 'flatten', at: 0 })).toMatchObject({
			ok: false,
			reason: 'The session is stopped'
		});
		expect(() => session.step()).toThrow('The session is stopped');
		expect(new PaperSession(session.facts, BARS, MIN).facts.status).toBe('stopped');
	});

	it('replaying any log of random orders and steps gives the same view as playing it live', () => {
		const order = fc.record({
			side: fc.constantFrom('buy' as const, 'sell' as const),
			quantity: fc.integer({ min: 1, max: 300 }),
			type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const),
			offset: fc.double({ min: -2, max: 2, noNaN: true })
		});
		fc.assert(
			fc.property(fc.array(fc.option(order, { nil: null }), { minLength: 1, maxLength: 12 }), (plan) => {
				const live = new PaperSession(
					facts({ risk: DEFAULT_RISK_CONFIG, broker: { ...DEFAULT_BROKER_CONFIG, allowShort: true } }),
					BARS,
					MIN
				);
				live.step();
				for (const o of plan) {
					if (o === null) {
						if (!live.finished) live.step();
						continue;
					}
					const price = Math.round((100 + o.offset) * 100) / 100;
					live.act({
						kind: 'submit',
						at: 0,
						submission: {
							orderClass: 'single',
							order: {
								symbol: 'SPY',
								side: o.side,
								quantity: o.quantity,
								type: o.type,
								limitPrice: o.type === 'limit' ? price : undefined,
								stopPrice: o.type === 'stop' ? price : undefined,
								timeInForce: 'gtc'
							}
						}
					});
				}
				const replayed = new PaperSession(
					JSON.parse(JSON.stringify(live.facts)) as PaperSessionFacts,
					BARS,
					MIN
				);
				expect(replayed.view()).toEqual(live.view());
			}),
			{ numRuns: 60 }
		);
	});

	describe('a log that cannot poison the session', () => {
		const buy = (quantity: number, at = 1): PaperAction => ({
			kind: 'submit',
			at,
			submission: { orderClass: 'single', order: { symbol: 'SPY', side: 'buy', quantity, type: 'market' } }
		});

		it('refuses an invalid action with the reason and never logs it; the next valid one replays after a reload', () => {
			const session = new PaperSession(facts(), BARS, MIN);
			session.step();
			expect(session.act(buy(-5))).toEqual({
				ok: false,
				reason: 'Refused: quantity must be a number > 0',
				rejection: null
			});
			// An empty quantity (the ticket's field cleared) is refused too.
			expect(session.act(buy(undefined as unknown as number)).ok).toBe(false);
			expect(session.act(buy(Number.NaN))).toMatchObject({
				reason: 'Refused: quantity must be a number > 0'
			});
			expect(session.facts.actions).toEqual([]);
			expect(session.act(buy(10)).ok).toBe(true);
			session.step();
			// What is stored is what a reload replays: exactly the same view, nothing skipped.
			const reloaded = new PaperSession(
				JSON.parse(JSON.stringify(session.facts)) as PaperSessionFacts,
				BARS,
				MIN
			);
			expect(reloaded.view()).toEqual(session.view());
			expect(reloaded.view().skipped).toEqual([]);
			expect(reloaded.view().executions.map((e) => [e.side, e.quantity, e.price])).toEqual([
				['buy', 10, 100.2]
			]);
		});

		it('names what is wrong with each kind of action', () => {
			const order = { symbol: 'SPY', side: 'buy', quantity: 1, type: 'limit', limitPrice: 0 } as const;
			expect(actionProblem({ kind: 'submit', at: 0, submission: { orderClass: 'single', order } })).toBe(
				'a limit order needs a limit price > 0'
			);
			expect(
				actionProblem({
					kind: 'submit',
					at: 0,
					submission: {
						orderClass: 'bracket',
						entry: { ...order, type: 'market' },
						stopLoss: { stopPrice: -1 },
						takeProfit: { limitPrice: 2 }
					}
				})
			).toBe('the stop-loss needs a stop price > 0');
			expect(actionProblem({ kind: 'modify', at: 0, orderId: 'o1', changes: { quantity: -5 } })).toBe(
				'quantity must be a number > 0'
			);
			expect(actionProblem({ kind: 'modify', at: 0, orderId: 'o1', changes: { stopPrice: Infinity } })).toBe(
				'stop price must be a number > 0'
			);
			expect(actionProblem({ kind: 'cancel', at: 0, orderId: '' })).toBe('no order named to cancel');
			expect(
				actionProblem({
					kind: 'risk',
					at: 0,
					risk: { ...DEFAULT_RISK_CONFIG, dailyLoss: { enabled: true, limit: Number.NaN } }
				})
			).toBe("the dailyLoss rule's limit must be a number");
			expect(actionProblem({ kind: 'flatten', at: 0 })).toBeNull();
			expect(actionProblem({ kind: 'explode', at: 0 } as unknown as PaperAction)).toBe(
				'unknown action explode'
			);
		});

		it('replays a stored log holding invalid actions, skipping and reporting each', () => {
			const stored = facts({
				cursor: 3,
				actions: [buy(-5, 1), buy(10, 1), { kind: 'cancel', at: 2, orderId: '' }, buy(5, 9)]
			});
			const session = new PaperSession(stored, BARS, MIN);
			const view = session.view();
			expect(view.skipped).toEqual([
				{ index: 0, kind: 'submit', reason: 'Refused: quantity must be a number > 0' },
				{ index: 2, kind: 'cancel', reason: 'Refused: no order named to cancel' },
				{ index: 3, kind: 'submit', reason: 'it is after the last revealed bar' }
			]);
			expect(view.readOnly).toBeNull();
			// The valid order replayed; the log to store is the clean one.
			expect(view.executions.map((e) => [e.quantity, e.price])).toEqual([[10, 100.2]]);
			expect(session.facts.actions).toEqual([buy(10, 1)]);
			expect(session.act(buy(1)).ok).toBe(true);
		});

		it('opens a session that cannot be replayed read-only, with the reason, refusing bars and actions', () => {
			const gone = new PaperSession(facts({ cursor: 9, actions: [buy(10, 1)] }), BARS, MIN);
			expect(gone.view().readOnly).toBe(
				'it revealed 9 bars, but only 5 of its bars are stored now (were they removed or imported again?)'
			);
			// What could be replayed is shown: every bar there is, and the order.
			expect(gone.view().cursor).toBe(5);
			expect(gone.view().executions).toHaveLength(1);
			expect(() => gone.step()).toThrow(`The session is read-only: ${gone.readOnly}`);
			expect(gone.act(buy(1))).toMatchObject({
				ok: false,
				reason: `The session is read-only: ${gone.readOnly}`
			});

			const broken = new PaperSession(
				facts({ cursor: 2, broker: { ...DEFAULT_BROKER_CONFIG, marginMultiplier: 0 } }),
				BARS,
				MIN
			);
			expect(broken.view()).toMatchObject({
				cursor: 0,
				readOnly: 'its broker settings cannot be used (marginMultiplier must be at least 1)'
			});

			const badBar = [...BARS.slice(0, 2), { ...BARS[2]!, low: 200 }, ...BARS.slice(3)];
			const failed = new PaperSession(facts({ cursor: 4 }), badBar, MIN);
			expect(failed.view()).toMatchObject({ cursor: 2 });
			expect(failed.readOnly).toMatch(
				/^replaying it failed at bar 3 \(bad bar for SPY at \d+: low\/high do not contain open\/close\)$/
			);
		});
	});
});
