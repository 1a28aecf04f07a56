/**
 * Lineage from a fill back to its signal, and from a signal on to its fills. For a paper order a
 * strategy placed, the chain the trade page shows — the signal (the bar, its close, the indicator
 * values, the rule in words), the risk check, the orders of the submission and each of their
 * executions. For a signal of the Signals page, what became of it in a session: every submission
 * that came from it (the trader took it, or a generator strategy acted on its bar), each with the
 * same chain.
 */
import type { Order, OrderSubmission, PaperExecution } from '../broker/types';
import { leadOrder, type ActionOutcome, type PaperSession, type PaperView } from '../paper/session';
import { sameSignal, type SignalKey, type SignalOrigin } from '../paper/signal-origin';
import { tickText } from '../paper/ticket';
import type { RiskViolation } from '../risk';
import { spacingLabel } from '../studies/bars';
import { replayedSubmissions, type SubmitAction } from './driver';
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
	return fillLineage(session, timeframeMs, orderIds).filter((l): l is StrategyLineage => !('taken' in l));
}

/** A submission the trader took from a signal of the Signals page, with the same chain. */
export interface TakenLineage extends Omit<StrategyLineage, 'strategy' | 'intent'> {
	/** The signal: its bar, decision, the prices it put on the ticket and the generator's lineage. */
	taken: SignalOrigin;
	/** What the trader changed on the ticket before sending it, in words (none: sent as filled). */
	edits: string[];
}

/** The chain behind a paper fill: a strategy's order, or one the trader took from a signal. */
export type FillLineage = StrategyLineage | TakenLineage;

/**
 * The lineage of each submission that placed one of `orderIds` and came from a strategy or from a
 * signal the trader took, in the order they were submitted; other orders give none.
 * @example fillLineage(session, 60_000, ['o1']).map((l) => ('taken' in l ? 'taken' : l.strategy.name))
 */
export function fillLineage(
	session: PaperSession,
	timeframeMs: number,
	orderIds: readonly string[]
): FillLineage[] {
	const wanted = new Set(orderIds);
	const placed = replayedSubmissions(
		session,
		timeframeMs,
		(a) => a.origin !== undefined || a.signal !== undefined
	).filter((s) => s.outcome.ok && s.outcome.orders.some((o) => wanted.has(o.id)));
	if (!placed.length) return [];
	const view = session.view();
	return placed.map(({ action, outcome }): FillLineage => {
		const chain = chainOf(view, outcome);
		if (action.origin)
			return {
				strategy: { id: action.origin.strategyId, name: action.origin.name, version: action.origin.version },
				intent: action.origin.intent,
				...chain
			};
		return { taken: action.signal!, edits: ticketEdits(action.signal!, action.submission), ...chain };
	});
}

/** The risk check of a submission, the orders it placed (as they are now) and their executions. */
function chainOf(view: PaperView, outcome: ActionOutcome): Omit<StrategyLineage, 'strategy' | 'intent'> {
	const ids = new Set(outcome.ok ? outcome.orders.map((o) => o.id) : []);
	return {
		risk: !outcome.ok && outcome.rejection ? { ok: false, ...outcome.rejection.violation } : { ok: true },
		orders: view.orders.filter((o) => ids.has(o.id)),
		executions: view.executions.filter((e) => ids.has(e.orderId))
	};
}

/** One submission that came from a signal, and what it came to. */
export interface SignalSubmission extends Omit<StrategyLineage, 'strategy' | 'intent'> {
	/**
	 * Taken by the trader from the Signals page (with what they changed on the ticket before sending,
	 * in words: `limit 13.30 (the signal's 13.25)`), or placed by a generator strategy on its bar.
	 */
	source:
		| { kind: 'taken'; edits: string[] }
		| { kind: 'strategy'; strategy: StrategyLineage['strategy']; intent: Intent };
	/** When it was sent: the open time of the latest bar then; epoch ms, UTC (null when the broker refused it). */
	time: number | null;
	/** Why it placed no order although the risk check passed (the broker refused it), else null. */
	refused: string | null;
}

/**
 * Every submission of the session that came from the signal `key` names, in the order sent: the
 * trader's takes of it (their signal origin is that signal) and the orders of a signal-generator
 * strategy (`isGenerator` says which strategy ids are) whose intent is on the signal's bar of its
 * symbol — an entry for a BUY, an exit for a SELL — when the session's bars are the signal's.
 * @example signalOutcome(session, 60_000, { symbol: 'RIVN', timeframeLabel: '1m', time, decision: 'BUY' }, () => false)[0]?.orders
 */
export function signalOutcome(
	session: PaperSession,
	timeframeMs: number,
	key: SignalKey,
	isGenerator: (strategyId: string) => boolean
): SignalSubmission[] {
	const sameBars = spacingLabel(timeframeMs) === key.timeframeLabel;
	const fromSignal = (a: SubmitAction) =>
		a.signal !== undefined
			? sameSignal(a.signal, key)
			: a.origin !== undefined &&
				sameBars &&
				a.origin.intent.symbol === key.symbol &&
				a.origin.intent.time === key.time &&
				a.origin.intent.kind === (key.decision === 'BUY' ? 'entry' : 'exit') &&
				isGenerator(a.origin.strategyId);
	if (!session.facts.actions.some((a) => a.kind === 'submit' && fromSignal(a))) return [];
	const found = replayedSubmissions(session, timeframeMs, fromSignal);
	const view = session.view();
	return found.map(({ action, outcome }) => {
		const { signal, origin } = action;
		return {
			source: signal
				? { kind: 'taken', edits: ticketEdits(signal, action.submission) }
				: {
						kind: 'strategy',
						strategy: { id: origin!.strategyId, name: origin!.name, version: origin!.version },
						intent: origin!.intent
					},
			time: outcome.ok ? (outcome.orders[0]?.submittedAt ?? null) : (outcome.rejection?.time ?? null),
			refused: !outcome.ok && !outcome.rejection ? outcome.reason : null,
			...chainOf(view, outcome)
		};
	});
}

/**
 * What the trader changed on a ticket the signal filled before sending it, in words; none when it
 * went as filled. The entry is the lead order's limit, the stop and target the bracket's (or the
 * OTO's second order's stop).
 * @example ticketEdits(signal, bracketAt13_30) // ["limit 13.30 (the signal's 13.25)"]
 */
export function ticketEdits(signal: SignalOrigin, submission: OrderSubmission): string[] {
	const { symbol, prices, decision } = signal;
	const price = (p: number) => tickText(p, symbol);
	const lead = leadOrder(submission);
	const edits: string[] = [];
	const said = decision === 'BUY' ? 'buy' : 'sell';
	if (lead.side !== said) edits.push(`${lead.side} (the signal said ${decision})`);
	if (lead.type !== 'limit')
		edits.push(`${lead.type.replace('_', ' ')} (the signal's limit ${price(prices.entry)})`);
	else if (lead.limitPrice !== prices.entry)
		edits.push(`limit ${price(lead.limitPrice!)} (the signal's ${price(prices.entry)})`);
	const stop =
		submission.orderClass === 'bracket'
			? submission.stopLoss.stopPrice
			: submission.orderClass === 'oto'
				? submission.secondary.stopPrice
				: undefined;
	if (stop !== undefined && stop !== prices.stop)
		edits.push(`stop ${price(stop)} (the signal's ${price(prices.stop)})`);
	const target = submission.orderClass === 'bracket' ? submission.takeProfit.limitPrice : undefined;
	if (target !== undefined && prices.target !== null && target !== prices.target)
		edits.push(`target ${price(target)} (the signal's ${price(prices.target)})`);
	return edits;
}
