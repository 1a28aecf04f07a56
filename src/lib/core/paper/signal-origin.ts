/**
 * The signal a trader took: "Take this signal" on the Signals page fills the desk's ticket from a
 * signal, and the order the ticket sends carries it, so the signal can later tell what became of it
 * (see core/strategy/lineage.ts `signalOutcome`). Stored with the submit action in the session's log,
 * in the spirit of a strategy's origin: plain data, checked before it enters the log.
 */
import type { Lineage } from '../signals';

/** The signal a submission was taken from (absent: the ticket was not filled from one). */
export interface SignalOrigin {
	symbol: string;
	/** The bars the signal was read on, as the Signals page names them: `1m`, `5m`, `1D`. */
	timeframeLabel: string;
	/** The signal bar's open time; epoch ms, UTC. */
	time: number;
	decision: 'BUY' | 'SELL';
	/** 0..1, as the generator gave it. */
	confidence: number;
	/**
	 * The ticket as the signal filled it, on the symbol's tick: its entry (a limit), stop and first
	 * target (null without one). A submission with other prices was edited before it was sent.
	 */
	prices: { entry: number; stop: number; target: number | null };
	/** The generator's lineage at the bar: the bars read, values, votes, rule, levels, parameters. */
	lineage: Lineage;
}

/** The signal a lineage query asks about: its symbol, bars, bar and decision. */
export type SignalKey = Pick<SignalOrigin, 'symbol' | 'timeframeLabel' | 'time' | 'decision'>;

/**
 * What is wrong with a stored or sent signal origin, or null (absent is fine: most orders have none).
 * @example signalOriginProblem({ symbol: '' } as SignalOrigin) // 'the signal origin names no symbol'
 */
export function signalOriginProblem(origin: SignalOrigin | undefined): string | null {
	if (origin === undefined) return null;
	const o = origin as Partial<SignalOrigin> | null;
	if (typeof o !== 'object' || o === null) return 'the signal origin is not one';
	if (typeof o.symbol !== 'string' || o.symbol === '') return 'the signal origin names no symbol';
	if (typeof o.timeframeLabel !== 'string' || o.timeframeLabel === '')
		return 'the signal origin names no timeframe';
	if (!Number.isFinite(o.time)) return 'the signal origin has no bar time';
	if (o.decision !== 'BUY' && o.decision !== 'SELL')
		return `the signal origin's decision must be BUY or SELL, not ${String(o.decision)}`;
	const p = o.prices as Partial<SignalOrigin['prices']> | null | undefined;
	if (typeof p !== 'object' || p === null) return 'the signal origin has no prices';
	for (const key of ['entry', 'stop'] as const)
		if (!positive(p[key])) return `the signal origin's ${key} must be a number > 0`;
	if (p.target !== null && !positive(p.target))
		return `the signal origin's target must be a number > 0 or none`;
	if (typeof o.lineage !== 'object' || o.lineage === null) return 'the signal origin has no lineage';
	return null;
}

/**
 * Whether a submission came from the signal `key` names.
 * @example sameSignal(origin, { symbol: 'RIVN', timeframeLabel: '1m', time, decision: 'BUY' }) // true
 */
export function sameSignal(origin: SignalKey, key: SignalKey): boolean {
	return (
		origin.symbol === key.symbol &&
		origin.timeframeLabel === key.timeframeLabel &&
		origin.time === key.time &&
		origin.decision === key.decision
	);
}

const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;
