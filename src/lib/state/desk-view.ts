/**
 * The paper desk's view kept on this side of the worker: a step's answer carries only the changes
 * since what the desk holds (its mark; see PaperDeskChange), merged here into the view held, so a
 * step costs the main thread the same at the end of a long day as at its start.
 */
import type { DeskMark, PaperDesk, PaperDeskChange, PaperDeskUpdate } from '$workers/contract';
import type { Order } from '$lib/core/broker';
import type { PaperView } from '$lib/core/paper/session';

/** The mark of a desk holding nothing yet: the answer is whole. */
export const NOTHING_HELD: DeskMark = {
	revision: -1,
	orders: 0,
	open: [],
	executions: 0,
	equity: 0,
	rejections: 0
};

/** Final orders never change again; the others may (a fill, a cancel, a trail, a leg released). */
const FINAL = new Set<Order['status']>(['filled', 'cancelled', 'rejected', 'expired']);

/**
 * What a desk holds, for the engine to answer with the changes since. After changes merged, the
 * orders that may still change are among those the changes carried: only they are looked at.
 */
export function markOf(desk: PaperDesk, after?: PaperDeskChange): DeskMark {
	const { view } = desk;
	const open: number[] = [];
	const orders = after ? after.changes.orders : view.orders.map((order, index) => ({ index, order }));
	for (const { index, order } of orders) if (!FINAL.has(order.status)) open.push(index);
	return {
		revision: desk.revision,
		orders: view.orders.length,
		open,
		executions: view.executions.length,
		equity: view.equity.length,
		rejections: view.rejections.length
	};
}

export function isChange(update: PaperDeskUpdate): update is PaperDeskChange {
	return 'changes' in update;
}

/**
 * The desk after an answer: a full one as it is, changes merged into the desk held; null when the
 * changes are not since what is held (the desk must open the session again).
 */
export function mergeDesk(held: PaperDesk | null, update: PaperDeskUpdate): PaperDesk | null {
	if (!isChange(update)) return update;
	if (!held || held.session.id !== update.session.id || held.revision !== update.base) return null;
	const { base: _base, changes, ...rest } = update;
	const view: PaperView = {
		...changes,
		orders: mergeOrders(held.view.orders, changes.orders),
		executions: append(held.view.executions, changes.executions),
		equity: append(held.view.equity, changes.equity),
		rejections: append(held.view.rejections, changes.rejections)
	};
	const strategy = rest.strategy && {
		...rest.strategy,
		orderIds: union(held.strategy?.orderIds ?? [], rest.strategy.orderIds)
	};
	return { ...rest, view, ...(rest.strategy !== undefined ? { strategy } : {}) };
}

function mergeOrders(held: readonly Order[], changed: PaperDeskChange['changes']['orders']): Order[] {
	if (!changed.length) return held as Order[];
	const orders = held.slice();
	for (const { index, order } of changed) orders[index] = order;
	return orders;
}

/** `held` with `more` after it (the same list when nothing is added, so nothing redraws). */
function append<T>(held: readonly T[], more: readonly T[]): T[] {
	return (more.length ? held.concat(more) : held) as T[];
}

function union(held: readonly string[], more: readonly string[]): string[] {
	const seen = new Set(held);
	const added = more.filter((id) => !seen.has(id));
	return added.length ? [...held, ...added] : (held as string[]);
}
