/**
 * Lineage from a fill back to its signal: for a paper order a strategy placed, the chain the
 * trade page shows — the signal (the bar, its close, the indicator values, the rule in words),
 * the risk check, the orders of the submission and each of their executions.
 */
import type { Order, PaperExecution } from '../broker/types';
import type { PaperSession } from '../paper/session';
import type { RiskViolation } from '../risk';
import { loggedSubmissions } from './driver';
import type { Intent } from './signals';

export interface StrategyLineage {
	strategy: { id: string; name: string; version: number };
	/** The signal: its lineage holds the bar's time and close, the values and the rule. */
	intent: Intent;
	/** Passed (the orders were placed), or the risk manager's rejection: its rule, limit and value. */
	risk: { ok: true } | ({ ok: false } & RiskViolation);
	/** The orders the submission placed (an entry with its stop and target, or an exit), as they are now. */
	orders: Order[];
	/** Their executions, in the order they happened. */
	executions: PaperExecution[];
}

/**
 * The lineage of each strategy submission that placed one of `orderIds` (the session's own order
 * ids), in the order they were submitted; orders no strategy placed give none.
 * @example strategyLineage(session, 60_000, ['o1'])[0]?.intent.lineage.rule
 * // 'SMA(2) crossed above SMA(3): 10.5 > 10.3333 (was 10 ≤ 10)'
 */
export function strategyLineage(
	session: PaperSession,
	timeframeMs: number,
	orderIds: readonly string[]
): StrategyLineage[] {
	const wanted = new Set(orderIds);
	const placed = loggedSubmissions(session, timeframeMs).filter(
		(s) => s.outcome.ok && s.outcome.orders.some((o) => wanted.has(o.id))
	);
	if (!placed.length) return [];
	const view = session.view();
	return placed.map(({ origin, outcome }) => {
		const ids = new Set(outcome.ok ? outcome.orders.map((o) => o.id) : []);
		return {
			strategy: { id: origin.strategyId, name: origin.name, version: origin.version },
			intent: origin.intent,
			risk: { ok: true },
			orders: view.orders.filter((o) => ids.has(o.id)),
			executions: view.executions.filter((e) => ids.has(e.orderId))
		};
	});
}
