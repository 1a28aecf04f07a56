/**
 * The changes of a paper session's view since what a desk holds (its mark): the engine answers a
 * step with these instead of the whole view, so what crosses to the main thread, and what the
 * desk merges, does not grow with the session (see PaperDeskChange in contract/paper.ts).
 */
import type { DeskMark, PaperViewChanges } from './contract';
import type { PaperView } from '$lib/core/paper/session';

/**
 * The view's changes since `since`: the orders open at the mark and the new ones (at their index),
 * the executions, equity points and rejections added, the small parts whole.
 * @example viewChanges(view, { revision: 3, orders: 2, open: [1], executions: 1, equity: 10, rejections: 0 })
 */
export function viewChanges(view: PaperView, since: DeskMark): PaperViewChanges {
	const { orders, executions, equity, rejections, ...small } = view;
	const changed: PaperViewChanges['orders'] = [];
	for (const index of since.open)
		if (index < since.orders && index < orders.length) changed.push({ index, order: orders[index]! });
	for (let index = since.orders; index < orders.length; index++)
		changed.push({ index, order: orders[index]! });
	return {
		...small,
		orders: changed,
		executions: executions.slice(since.executions),
		equity: equity.slice(since.equity),
		rejections: rejections.slice(since.rejections)
	};
}

/** Whether a mark can be answered with changes: the desk holds the revision the session stood at. */
export function markHolds(since: DeskMark | undefined, revision: number): since is DeskMark {
	return (
		since !== undefined &&
		since.revision === revision &&
		[since.orders, since.executions, since.equity, since.rejections].every(
			(n) => Number.isInteger(n) && n >= 0
		) &&
		Array.isArray(since.open)
	);
}
