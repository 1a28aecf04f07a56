/**
 * Default limits, sized for a $100,000 paper account: every rule on except the day-trade rule.
 */
import { US_MARKET_HOLIDAYS } from './calendar';
import type { RiskConfig, RuleId } from './types';

/** 24 hours in ms, the circuit breaker's default halt. */
export const DAY_MS = 86_400_000;

/**
 * The defaults. Positions up to 5,000 shares and $25,000 a symbol, $200,000 exposure (2× a
 * $100k account, Reg T overnight margin), 10 open symbols, $25,000 an order, −$2,000 a day (2 %),
 * 10 % drawdown, a 5 % circuit breaker halting 24 h, 30 orders a minute and 10 a symbol.
 */
export const DEFAULT_RISK_CONFIG: RiskConfig = {
	positionShares: { enabled: true, limit: 5_000 },
	positionValue: { enabled: true, limit: 25_000 },
	totalExposure: { enabled: true, limit: 200_000 },
	openPositions: { enabled: true, limit: 10 },
	orderValue: { enabled: true, limit: 25_000 },
	dailyLoss: { enabled: true, limit: -2_000 },
	drawdown: { enabled: true, limit: 10, unit: 'percent' },
	circuitBreaker: { enabled: true, limit: 5, haltMs: DAY_MS },
	ordersPerMinute: { enabled: true, limit: 30 },
	symbolOrdersPerMinute: { enabled: true, limit: 10 },
	dayTrades: { enabled: false, limit: 3, minEquity: 25_000, businessDays: 5, holidays: US_MARKET_HOLIDAYS }
};

/** The rules in the order their violations are reported: halts, losses, day trades, rates, sizes. */
export const RULE_ORDER: readonly RuleId[] = [
	'circuitBreaker',
	'dailyLoss',
	'drawdown',
	'dayTrades',
	'ordersPerMinute',
	'symbolOrdersPerMinute',
	'orderValue',
	'positionShares',
	'positionValue',
	'totalExposure',
	'openPositions'
];

/** Short names for messages and the risk page. */
export const RULE_LABELS: Record<RuleId, string> = {
	positionShares: 'Position size',
	positionValue: 'Position value',
	totalExposure: 'Total exposure',
	openPositions: 'Open positions',
	orderValue: 'Order value',
	dailyLoss: 'Daily loss limit',
	drawdown: 'Drawdown',
	circuitBreaker: 'Circuit breaker',
	ordersPerMinute: 'Orders per minute',
	symbolOrdersPerMinute: 'Orders per symbol per minute',
	dayTrades: 'Day trades'
};

/**
 * A copy of a config (the defaults unless given) with every rule switched off.
 * @example evaluateOrder(allRulesOff(), context, order).ok // always true
 */
export function allRulesOff(config: RiskConfig = DEFAULT_RISK_CONFIG): RiskConfig {
	// Every key of RiskConfig is a rule with `enabled`, so the mapped object has the same shape.
	return Object.fromEntries(
		Object.entries(config).map(([id, rule]) => [id, { ...(rule as object), enabled: false }])
	) as unknown as RiskConfig;
}
