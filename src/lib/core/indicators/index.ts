/**
 * Technical indicators: columnar, pure, and equal to TA-Lib's (default compatibility, unstable
 * period 0, computed from bar 0) within 1e-8 relative; SuperTrend as TradingView defines it.
 *
 * Every batch function takes Float64Arrays or number arrays and returns Float64Arrays of the
 * input's length with NaN before the first value (where TA-Lib's lookback puts it). A bar with a
 * non-finite input gives NaN and the indicator starts again after it (series.ts). Each indicator
 * also has an incremental form, `new XStream(params).push(bar)`, that gives the same value for
 * the bar in O(1). Periods are integers ≥ 1; where TA-Lib's own minimum is 2, period 1 follows
 * the general formula (an SMA, EMA or WMA of 1 is the input).
 */
export { adx, AdxStream, type Adx, type AdxValue } from './adx';
export { bollinger, BollingerStream, type Bands, type BandsValue } from './bollinger';
export { macd, MacdStream, type Macd, type MacdValue } from './macd';
export { ema, EmaStream, sma, SmaStream, wma, WmaStream } from './moving-average';
export { obv, ObvStream } from './obv';
export { atr, AtrStream, trueRange, TrueRangeStream } from './range';
export {
	alignToLower,
	barEnd,
	resample,
	resampleRevealed,
	type BarColumns,
	type BucketClock,
	type Timeframe
} from './resample';
export { rsi, RsiStream } from './rsi';
export type { Column } from './series';
export { stochastic, StochasticStream, type Stochastic, type StochasticValue } from './stochastic';
export { supertrend, SupertrendStream, type Supertrend, type SupertrendValue } from './supertrend';
