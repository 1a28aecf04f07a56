/**
 * Strategies: stored, versioned definitions of built-in rules (SMA/EMA cross, RSI mean reversion,
 * breakout of an N-bar range with an ATR stop) with sizing and exits (types.ts); a stepper that
 * reads one bar at a time through the incremental indicator streams and says what the rule wants,
 * with lineage (signals.ts); a driver that attaches it to a paper session and acts on its intents
 * (driver.ts); and a backtest that turns those intents into orders through a paper
 * session, so the broker, the risk manager and the fill conventions are the replay's (backtest.ts).
 */
export {
	backtest,
	Backtest,
	type BacktestResult,
	type BacktestSummary,
	type DeclinedIntent,
	type StrategyOrder
} from './backtest';
export {
	loggedSubmissions,
	StrategyDriver,
	type DriverOptions,
	type LoggedSubmission,
	type StrategyAttachment
} from './driver';
export {
	ChannelStream,
	isLateInSession,
	StrategyStepper,
	strategyIntents,
	type Intent,
	type IntentLineage
} from './signals';
export {
	checkStrategy,
	hasStop,
	ruleProblem,
	STRATEGY_KINDS,
	strategyKindLabel,
	strategyProblem,
	type Exits,
	type Sizing,
	type StrategyDefinition,
	type StrategyKind,
	type StrategyRule
} from './types';
export { backtestMetrics, type BacktestMetrics, type BacktestTrade } from './metrics';
export { STRATEGY_TEMPLATES } from './templates';
