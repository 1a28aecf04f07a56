/** The risk rules as the Risk tab lists them: in order, with their names and the unit of each limit. */
import type { RuleId } from '$lib/core/risk';

export { RULE_LABELS, RULE_ORDER } from '$lib/core/risk';

/** The unit a rule's limit is typed in (the drawdown rule's depends on its setting). */
export const RULE_UNITS: Partial<Record<RuleId, string>> = {
	positionShares: 'shares',
	positionValue: '$',
	totalExposure: '$',
	openPositions: 'positions',
	orderValue: '$',
	dailyLoss: '$ (a loss, e.g. −2000)',
	circuitBreaker: '% below the reference equity',
	ordersPerMinute: 'orders / min',
	symbolOrdersPerMinute: 'orders / min per symbol',
	dayTrades: 'day trades in 5 business days'
};
