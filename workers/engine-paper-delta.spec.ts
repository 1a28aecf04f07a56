import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { PaperView } from '$lib/core/paper/session';
import type { StrategyDefinition } from '$lib/core/strategy';
import { dbName } from '$lib/db/schema';
import { SMA_2_3, strategySession } from '../tests/support/paper-strategy';
import type { DeskMark, PaperDesk, PaperDeskChange } from './contract';
import { viewChanges } from './engine-paper-delta';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

/** SMA 2/3 with an ATR stop and a 2R target: brackets, whose legs work and change. */
const BRACKETED: StrategyDefinition = {
	...SMA_2_3,
	exits: { stop: { atrMultiple: 1 }, target: { unit: 'r', value: 2 }, atrPeriod: 14, flatAtSessionEnd: false }
};

const FINAL = ['filled', 'cancelled', 'rejected', 'expired'];

/** What a desk showing `desk` holds. */
function mark(desk: PaperDesk): DeskMark {
	const { view } = desk;
	return {
		revision: desk.revision,
		orders: view.orders.length,
		open: view.orders.flatMap((o, i) => (FINAL.includes(o.status) ? [] : [i])),
		executions: view.executions.length,
		equity: view.equity.length,
		rejections: view.rejections.length
	};
}

/** The orders of `after` changed since `before` (by index), new ones included. */
function changedOrders(before: PaperView, after: PaperView): number[] {
	return after.orders.flatMap((o, i) => (JSON.stringify(o) === JSON.stringify(before.orders[i]) ? [] : [i]));
}

describe('engine paper desk: the changes since a desk’s mark', () => {
	it('are the difference of the full views before and after: every order that changed, and only what was added', async () => {
		const { engine, id } = await strategySession(BRACKETED);
		let steps = 0;
		let ordersChanged = 0;
		for (const count of [1, 3, 20, 1, 1, 7, 40, 2, 2, 60, 5, 100]) {
			const before = await engine.paperOpen('paper', id);
			const answer = (await engine.paperStep('paper', id, count, mark(before))) as PaperDeskChange;
			const after = await engine.paperOpen('paper', id);
			expect(answer.base).toBe(before.revision);
			expect(answer.revision).toBe(after.revision);
			// The engine's answer is the changes between the two full views.
			expect(answer.changes).toEqual(viewChanges(after.view, mark(before)));
			// Every order that changed is carried (the open ones at the mark and the new ones).
			const carried = answer.changes.orders.map((c) => c.index);
			const changed = changedOrders(before.view, after.view);
			expect(carried).toEqual(expect.arrayContaining(changed));
			for (const { index, order } of answer.changes.orders) expect(order).toEqual(after.view.orders[index]);
			expect(answer.changes.executions).toEqual(after.view.executions.slice(before.view.executions.length));
			expect(answer.changes.equity).toEqual(after.view.equity.slice(before.view.equity.length));
			expect(answer.changes.rejections).toEqual(after.view.rejections.slice(before.view.rejections.length));
			const { orders: _o, executions: _e, equity: _q, rejections: _r, ...small } = after.view;
			expect(answer.changes).toMatchObject(small);
			// The strategy's ids are those among the orders carried, and the desk's union gives the full list.
			const ids = new Set([...(before.strategy?.orderIds ?? []), ...(answer.strategy?.orderIds ?? [])]);
			expect([...ids]).toEqual(after.strategy?.orderIds);
			steps += count;
			ordersChanged += changed.length;
		}
		expect(steps).toBe(242);
		// The day traded: orders were placed and changed along the way.
		expect(ordersChanged).toBeGreaterThan(5);
	}, 60_000);
});
