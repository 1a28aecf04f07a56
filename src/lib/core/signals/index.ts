/**
 * Trading signals from indicator votes: trend (SuperTrend, moving-average alignment), momentum
 * (MACD, RSI), strength (ADX) and volume (OBV) vote; a confirmation rule (default 3 of 4 groups)
 * turns the votes into BUY, SELL or HOLD with a confidence; BUY and SELL get an entry, an ATR stop,
 * targets and their R-multiples. Every parameter is in one typed object (params.ts) and every
 * signal carries its lineage.
 */
export {
	computeSignalIndicators,
	evaluateBar,
	generateSignals,
	levelsFor,
	type Levels,
	type Lineage,
	type Signal,
	type SignalIndicators
} from './generate';
export {
	DEFAULT_SIGNAL_PARAMS,
	resolveSignalParams,
	type SignalParams,
	type SignalParamsInput
} from './params';
export {
	combine,
	confirm,
	momentumVote,
	strengthVote,
	trendVote,
	volumeVote,
	votes,
	type Decision,
	type Direction,
	type Group,
	type IndicatorValues,
	type PartVote,
	type RuleResult,
	type Vote
} from './votes';
