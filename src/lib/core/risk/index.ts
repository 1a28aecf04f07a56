/**
 * The risk manager: every order passes `evaluateOrder` before it reaches a broker, and the risk
 * page reads `ruleStates`. Pure functions over plain data (`RiskConfig`, `RiskContext`,
 * `RiskOrder`), independent of any broker; the circuit breaker's state is plain JSON that the
 * caller persists (`updateCircuitBreaker`).
 *
 * Rules (each on/off with an inclusive limit; exactly at the limit passes): position size in
 * shares and in dollars per symbol, total exposure, open positions, order value, daily loss
 * (from start-of-day equity), drawdown (from peak, percent or dollars), the circuit breaker
 * (halt for 24 h when equity falls more than X % below its reference), orders per minute and
 * per symbol per minute (sliding 60 s), and the optional pattern-day-trader count (off by
 * default: FINRA's 2026 change to Rule 4210 replaced it with intraday margin at many brokers).
 *
 * Reducing orders skip every rule except the rate limits and the day-trade rule; a reducing
 * order marked `flatten` skips those too. A rejection lists every violation, the first as the
 * headline. Business days are New York weekdays minus a replaceable US market holiday list.
 */
export { businessDayWindow, isBusinessDay, MARKET_ZONE, tradingDate, US_MARKET_HOLIDAYS } from './calendar';
export { INITIAL_CIRCUIT_BREAKER, isHalted, percentBelow, updateCircuitBreaker } from './circuit-breaker';
export { allRulesOff, DAY_MS, DEFAULT_RISK_CONFIG, RULE_LABELS, RULE_ORDER } from './config';
export {
	countDayTrades,
	DayTradeBook,
	dayTradeLedger,
	wouldDayTrade,
	type DayTrade,
	type DayTradeLedger,
	type OpenedToday
} from './day-trades';
export { evaluateOrder, isBeyond, RATE_WINDOW_MS, ruleStates } from './evaluate';
export { formatPercent, formatQuantity, formatUsd } from './format';
export type {
	CircuitBreakerState,
	LimitRule,
	RiskConfig,
	RiskContext,
	RiskExecution,
	RiskOrder,
	RiskPosition,
	RiskResult,
	RiskSide,
	RiskSubmission,
	RiskViolation,
	RuleId,
	RuleState,
	RuleStatus
} from './types';
