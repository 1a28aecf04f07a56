/**
 * Prices from several sources with a confidence: `validatePrice` compares what bar files, alert
 * payloads and manual marks say for a symbol at a time (agreement, staleness, a jump against the
 * previous bar, an outlier) and gives one price, high/medium/low, with the reasons. `levelPrice`
 * and `crossed` turn take-profit, stop-loss and price-cross alerts (in price, %, R or ATR from
 * entry) into trigger prices and decide when a price move triggers them.
 */
export {
	CONFIDENCE_RANK,
	DEFAULT_PRICE_SETTINGS,
	pricesAgree,
	validatePrice,
	type PriceConfidence,
	type PriceQuestion,
	type PriceSettings,
	type Quote,
	type QuoteKind,
	type ValidatedPrice
} from './validate';
export {
	crossed,
	crossedBar,
	levelDirection,
	levelPrice,
	type Level,
	type LevelKind,
	type LevelReference,
	type LevelSpec,
	type LevelUnit
} from './levels';
export {
	firstAfter,
	watchLevel,
	type BarSource,
	type Crossing,
	type WatchAnswer,
	type WatchQuestion
} from './watch';
