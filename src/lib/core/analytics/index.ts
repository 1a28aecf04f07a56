/**
 * Analytics of trades for the dashboard and the reports: pure functions of the filtered trade
 * rows (TradeRow), run in the engine worker. Large results are columns of typed arrays, ready to
 * transfer and to hand to uPlot; small ones are plain objects.
 *
 * Every function takes a unit: '$' (money, summed as integer cents so totals are exact to the
 * cent) or 'R' (R multiples; closed trades without one are left out and counted in `excluded`).
 * Open trades are never in a figure; they are counted in `open`. Trades are ordered by close time,
 * ties by trade id.
 */
export type { Stats, Unit } from './closed';
export {
	breakdown,
	breakdownCsv,
	isTimeKey,
	BREAKDOWN_KEYS,
	NONE,
	type Breakdown,
	type BreakdownBucket,
	type BreakdownKey,
	type VenueMap
} from './breakdown';
export { dailyPnl, tradesOn, type DailyPnl } from './daily';
export { m4Indices, pick } from './decimate';
export { dashboard, rValues, type Dashboard } from './dashboard';
export { histogram, type Histogram, type HistogramOptions } from './histogram';
export {
	BAND_PERCENTILES,
	monteCarlo,
	ruinProbability,
	type MonteCarlo,
	type MonteCarloOptions
} from './monte-carlo';
export { seededRandom } from './random';
export { FORMULAS, riskAdjusted, type RiskAdjusted } from './risk-adjusted';
export {
	equityCurve,
	summary,
	withStartingEquity,
	type Drawdown,
	type EquityCurve,
	type Summary
} from './summary';
