import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderRequest } from '$lib/core/broker';
import type { PaperAction } from '$lib/core/paper/session';
import { dbName } from '$lib/db/schema';
import type { PaperDesk } from '$workers/contract';
import { strategySession } from '../../../tests/support/paper-strategy';
import { isChange, markOf, mergeDesk, NOTHING_HELD } from './desk-view';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

/** What the desk shows of a desk (its bars are held apart, in DeskBars). */
const shown = (d: PaperDesk) => ({
	session: d.session,
	view: d.view,
	strategy: d.strategy,
	revision: d.revision
});

type Command =
	| { kind: 'step'; count: number }
	| { kind: 'order'; side: 'buy' | 'sell'; type: OrderRequest['type']; away: number; quantity: number }
	| { kind: 'cancel'; which: number };

const command: fc.Arbitrary<Command> = fc.oneof(
	fc.record({ kind: fc.constant('step' as const), count: fc.integer({ min: 1, max: 25 }) }),
	fc.record({
		kind: fc.constant('order' as const),
		side: fc.constantFrom('buy' as const, 'sell' as const),
		type: fc.constantFrom('market' as const, 'limit' as const, 'stop' as const, 'trailing_stop' as const),
		away: fc.integer({ min: -20, max: 20 }),
		quantity: fc.integer({ min: 1, max: 300 })
	}),
	fc.record({ kind: fc.constant('cancel' as const), which: fc.nat(5) })
);

/** The action a command makes on a desk (null: nothing to do, such as no order to cancel). */
function actionOf(c: Exclude<Command, { kind: 'step' }>, full: PaperDesk): PaperAction | null {
	if (c.kind === 'cancel') {
		const working = full.view.orders.filter((o) => o.status === 'accepted' || o.status === 'new');
		const order = working[c.which % Math.max(1, working.length)];
		return order ? { kind: 'cancel', at: 0, orderId: order.id } : null;
	}
	const close = full.bars.close;
	const last = close[close.length - 1];
	if (last === undefined) return null;
	const price = Math.max(0.01, Math.round((last + c.away * 0.05) * 100) / 100);
	const order: OrderRequest = {
		symbol: 'RIVN',
		side: c.side,
		quantity: c.quantity,
		type: c.type,
		timeInForce: 'gtc',
		...(c.type === 'limit' ? { limitPrice: price } : {}),
		...(c.type === 'stop' ? { stopPrice: price } : {}),
		...(c.type === 'trailing_stop' ? { trail: { by: 'amount' as const, value: 0.1 } } : {})
	};
	return { kind: 'submit', at: 0, submission: { orderClass: 'single', order } };
}

describe('the desk fed changes', () => {
	it('shows what a desk fed the full view shows, after any steps, orders and cancels (a strategy trading too)', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 14 }), async (commands) => {
				await Dexie.delete(dbName('paper'));
				const { engine, id } = await strategySession();
				// Some bars first, so the strategy has read a few and orders have a price.
				let held = await engine.paperStep('paper', id, 20);
				for (const c of commands) {
					const since = markOf(held);
					if (c.kind === 'step') {
						const update = await engine.paperStep('paper', id, c.count, since);
						// The desk is current: changes, never the whole view.
						expect(isChange(update)).toBe(true);
						held = mergeDesk(held, update)!;
					} else {
						const action = actionOf(c, await engine.paperOpen('paper', id));
						if (!action) continue;
						const { desk } = await engine.paperAct('paper', id, action, since);
						expect(isChange(desk)).toBe(true);
						held = mergeDesk(held, desk)!;
					}
					expect(held).not.toBeNull();
					expect(shown(held)).toEqual(shown(await engine.paperOpen('paper', id)));
				}
			}),
			{ numRuns: 30 }
		);
	}, 120_000);

	it('is whole for a desk behind (another tab stepped), and after going back; changes not since what is held are refused', async () => {
		const { engine, id } = await strategySession();
		const opened = await engine.paperOpen('paper', id);
		const behind = markOf(opened);
		await engine.paperStep('paper', id, 30);
		// The desk's mark is of an older revision: the whole desk.
		const whole = await engine.paperStep('paper', id, 5, behind);
		expect(isChange(whole)).toBe(false);
		expect(isChange(await engine.paperStep('paper', id, 1, NOTHING_HELD))).toBe(false);
		const current = await engine.paperOpen('paper', id);
		const change = await engine.paperStep('paper', id, 3, markOf(current));
		expect(isChange(change)).toBe(true);
		// Merged into a desk that is not the one the changes are since: refused (the desk opens again).
		expect(mergeDesk(opened, change)).toBeNull();
		expect(mergeDesk(null, change)).toBeNull();
		const back = await engine.paperRewind('paper', id, 10);
		expect(isChange(back)).toBe(false);
	}, 60_000);
});
