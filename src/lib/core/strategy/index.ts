/**
 * Strategies: stored, versioned definitions of built-in rules (SMA/EMA cross, RSI mean reversion,
 * breakout of an N-bar range with an ATR stop, the signal generator's vote in generator-rule.ts)
 * or of conditions on the indicator catalogue at any timeframe (conditions.ts) with sizing and
 * exits (types.ts); a stepper that
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
	hasOwnStop,
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
export { backtestMetrics, backtestTrades, type BacktestMetrics, type BacktestTrade } from './metrics';
export { STRATEGY_TEMPLATES } from './templates';
export {
	CONDITION_TIMEFRAMES,
	ComposedStream,
	composedProblem,
	conditionLabel,
	MAX_CONDITIONS,
	operandLabel,
	type ComposedRule,
	type Comparison,
	type Condition,
	type Operand,
	type PriceField
} from './conditions';
export { signalParamsOf, SignalsStream, type SignalsRule } from './generator-rule';
export {
	MIN_LIVE_TRADES,
	promotionColumn,
	promotionNotes,
	promotionTrades,
	type PromotionColumn,
	type PromotionTrade
} from './promotion';
export {
	axisValues,
	bestCell,
	MAX_SWEEP_CELLS,
	metricValue,
	planSweep,
	sweep,
	SWEEP_METRIC_KEYS,
	SWEEP_METRICS,
	sweepParameters,
	withParameter,
	type RunConfig,
	type SweepAxis,
	type SweepCell,
	type SweepGrid,
	type SweepMetric,
	type SweepParameter
} from './sweep';
export {
	OVERFIT_RULE,
	planWalkForward,
	walkForward,
	walkForwardWindows,
	type WalkForwardReport,
	type WalkForwardRow,
	type WalkForwardSpec,
	type WalkForwardWindow
} from './walk-forward';
