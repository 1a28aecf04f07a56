/**
 * Going back in a replay. A session is its facts replayed, so going back is replaying less of
 * them: rewinding to a cursor keeps the actions stamped at or before it and drops the rest, and
 * the session replayed from what is kept is exactly one that was only ever stepped that far.
 * Undo takes back the last order action before the next bar.
 */
import type { PaperAction, PaperSessionFacts } from './session';

/** The facts to replay instead, or why not. */
export type Rewound = { ok: true; facts: PaperSessionFacts } | { ok: false; reason: string };

/**
 * The facts of a session rewound to `cursor` steps: actions stamped after it are dropped.
 * Refuses a cursor that is not a whole number from 0 to the session's cursor, and a stopped
 * session (its trades are in the journal as they ended).
 * @example rewindFacts(factsAtBar40, 39) // { ok: true, facts: { cursor: 39, actions: those stamped at ≤ 39 } }
 */
export function rewindFacts(facts: PaperSessionFacts, cursor: number): Rewound {
	if (facts.status !== 'running') return { ok: false, reason: 'The session is stopped: it cannot go back' };
	if (!Number.isInteger(cursor) || cursor < 0)
		return {
			ok: false,
			reason: `Cannot go back to bar ${String(cursor)}: give a whole number of bars from 0`
		};
	if (cursor > facts.cursor)
		return {
			ok: false,
			reason: `Cannot go back to bar ${cursor}: the session stands at bar ${facts.cursor} (step forward instead)`
		};
	return {
		ok: true,
		facts: { ...facts, cursor, actions: facts.actions.filter((a) => a.at <= cursor) }
	};
}

const ORDER_ACTIONS: ReadonlySet<PaperAction['kind']> = new Set(['submit', 'modify', 'cancel']);

const NAMES: Record<PaperAction['kind'], string> = {
	submit: 'an order',
	modify: 'an order change',
	cancel: 'a cancel',
	flatten: 'a flatten',
	risk: 'a change of the risk limits'
};

/**
 * The facts without the last action, when it is an order (a submit, a change or a cancel) taken
 * at the current bar: undo works until the next bar reveals what the order did. Refuses clearly
 * otherwise.
 * @example undoFacts(facts) // { ok: false, reason: 'Nothing to undo: no order was placed, changed or cancelled at this bar' }
 */
export function undoFacts(facts: PaperSessionFacts): Rewound {
	if (facts.status !== 'running')
		return { ok: false, reason: 'The session is stopped: nothing can be undone' };
	const last = facts.actions[facts.actions.length - 1];
	if (!last || last.at !== facts.cursor)
		return { ok: false, reason: 'Nothing to undo: no order was placed, changed or cancelled at this bar' };
	if (!ORDER_ACTIONS.has(last.kind))
		return {
			ok: false,
			reason: `Cannot undo ${NAMES[last.kind] ?? 'that action'}: only the last order, change or cancel at this bar can be undone`
		};
	return { ok: true, facts: { ...facts, actions: facts.actions.slice(0, -1) } };
}
