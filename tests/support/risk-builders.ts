/**
 * Builders for the risk tests: a $100k account at a fixed instant, and a config with only the
 * named rules on so one rule's boundary is tested without the others in the way.
 */
import { allRulesOff, DEFAULT_RISK_CONFIG } from '../../src/lib/core/risk/config';
import type { RiskConfig, RiskContext, RiskOrder, RuleId } from '../../src/lib/core/risk/types';

/** Wednesday 18 November 2026, 10:00 in New York (15:00 UTC). */
export const NOW = Date.UTC(2026, 10, 18, 15);

export function context(overrides: Partial<RiskContext> = {}): RiskContext {
	return {
		equity: 100_000,
		cash: 100_000,
		startOfDayEquity: 100_000,
		peakEquity: 100_000,
		marginAccount: true,
		positions: [],
		submissions: [],
		executions: [],
		circuitBreaker: { referenceEquity: 100_000, haltedUntil: null, trippedAtPercent: null },
		...overrides
	};
}

export function order(overrides: Partial<RiskOrder> = {}): RiskOrder {
	return { symbol: 'AAPL', side: 'buy', quantity: 10, price: 100, time: NOW, ...overrides };
}

/** The defaults with only `ids` enabled, and any limits overridden. */
export function only(ids: RuleId[], limits: Partial<Record<RuleId, number>> = {}): RiskConfig {
	const config = allRulesOff(DEFAULT_RISK_CONFIG);
	for (const id of ids) config[id].enabled = true;
	for (const [id, limit] of Object.entries(limits) as [RuleId, number][]) config[id].limit = limit;
	return config;
}

/** A context whose recent order submissions are these symbols, each sent `msAgo` before NOW. */
export function submitted(...sent: [symbol: string, msAgo: number][]): RiskContext {
	return context({ submissions: sent.map(([symbol, msAgo]) => ({ symbol, time: NOW - msAgo })) });
}
