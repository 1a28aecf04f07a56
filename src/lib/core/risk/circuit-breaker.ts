/**
 * The circuit breaker. It is armed at a reference equity (the equity when it is first updated,
 * and again each time a halt ends). When equity falls more than `limit` percent below the
 * reference, it trips: new orders are halted for `haltMs` (default 24 h) from that instant.
 * The halt covers [tripped, tripped + haltMs): at exactly `haltMs` later it has ended, and the
 * breaker re-arms with the equity at that moment as its new reference. The reference does not
 * follow equity up between halts (that is what the drawdown rule is for). Switching the breaker
 * off, or raising its limit above the fall that tripped it, ends a halt and re-arms it. Its state
 * is plain JSON for the caller to persist.
 */
import type { CircuitBreakerState, RiskConfig } from './types';

/** A breaker that has not seen any equity yet. */
export const INITIAL_CIRCUIT_BREAKER: CircuitBreakerState = {
	referenceEquity: null,
	haltedUntil: null,
	trippedAtPercent: null
};

/**
 * Percent that `equity` is below `reference` (negative when above), to 6 decimals.
 * @example percentBelow(100_000, 94_999.99) // 5.00001
 */
export function percentBelow(reference: number, equity: number): number {
	if (reference <= 0) return 0;
	return Math.round((((reference - equity) * 100) / reference) * 1e6) / 1e6;
}

/**
 * The breaker's state after seeing `equity` at `now`. Call it on every equity change (the
 * order check calls it too, so a check always sees a current breaker). A disabled breaker
 * keeps no halt and re-arms at the current equity, so switching it on starts fresh.
 * @example
 * updateCircuitBreaker(config, { referenceEquity: 100_000, haltedUntil: null, trippedAtPercent: null }, 94_000, now)
 * // { referenceEquity: 100_000, haltedUntil: now + 86_400_000, trippedAtPercent: 6 }  (limit 5 %)
 */
export function updateCircuitBreaker(
	config: Pick<RiskConfig, 'circuitBreaker'>,
	state: CircuitBreakerState,
	equity: number,
	now: number
): CircuitBreakerState {
	const rule = config.circuitBreaker;
	if (!rule.enabled) return armed(state, equity);
	if (state.haltedUntil !== null) {
		// Raising the limit above the fall that tripped the breaker lifts the halt, as switching
		// it off does: a halt is only ever reported for a fall beyond the limit in force.
		const stillBeyond = state.trippedAtPercent === null || state.trippedAtPercent > Math.abs(rule.limit);
		if (now < state.haltedUntil && stillBeyond) return state;
		return { referenceEquity: equity, haltedUntil: null, trippedAtPercent: null };
	}
	if (state.referenceEquity === null) return armed(state, equity);
	const below = percentBelow(state.referenceEquity, equity);
	if (below > Math.abs(rule.limit))
		return {
			referenceEquity: state.referenceEquity,
			haltedUntil: now + rule.haltMs,
			trippedAtPercent: below
		};
	return state;
}

/** A breaker armed at `equity`: `state` itself when it already is (a session updates it every bar). */
function armed(state: CircuitBreakerState, equity: number): CircuitBreakerState {
	return Object.is(state.referenceEquity, equity) &&
		state.haltedUntil === null &&
		state.trippedAtPercent === null
		? state
		: { referenceEquity: equity, haltedUntil: null, trippedAtPercent: null };
}

/**
 * Whether the breaker halts new orders at `now` (the halt ends at exactly `haltedUntil`).
 * @example isHalted({ referenceEquity: 1e5, haltedUntil: 2_000, trippedAtPercent: 6 }, 2_000) // false
 */
export function isHalted(state: CircuitBreakerState, now: number): boolean {
	return state.haltedUntil !== null && now < state.haltedUntil;
}
