/**
 * The instrument catalogue: one record per instrument (asset class, exchange, currency,
 * multiplier, tick, lot step, session, aliases, option terms), with exact tick and lot rounding,
 * trading sessions, canonical symbols and option symbol parsing. See docs/instruments.md.
 */
export type {
	FuturesContract,
	Instrument,
	InstrumentClass,
	InstrumentSource,
	OptionTerms,
	RevealedFacts,
	SessionId,
	TickBand,
	TickRule
} from './types';
export {
	CRYPTO_DEFAULT_TICKS,
	fixedTick,
	isOnLot,
	isOnStep,
	isOnTick,
	roundToLot,
	roundToStep,
	roundToTick,
	tickOf,
	tickRuleProblem,
	US_EQUITY_TICKS,
	type Rounding,
	type TickSource
} from './ticks';
export {
	CBOT_GRAINS_SESSION,
	CME_GLOBEX_SESSION,
	CRYPTO_SESSION,
	FX_SESSION,
	isOpen,
	sessionEnd,
	sessionStart,
	sessionWindows,
	SESSIONS,
	tradingDayOf,
	US_EQUITY_SESSION,
	type MarketSession,
	type SessionHours,
	type SessionWindow,
	type TradingSession
} from './sessions';
export {
	canonicalSymbol,
	futuresRoot,
	parseFuturesSymbol,
	RENAMES,
	resolveSymbol,
	type Rename,
	type ResolvedSymbol
} from './aliases';
export { canonicalCryptoPair, cryptoPairOf, isCryptoSymbol } from './crypto';
export { formatOcc, parseOcc, parseOptionSymbol, type OptionParse } from './options';
export { STARTER_INSTRUMENTS } from './starter';
export {
	instrumentFor,
	instrumentProblem,
	mergeRevealed,
	type Catalogue,
	type MergeResult
} from './catalogue';
export {
	axisIncrements,
	lotText,
	priceDecimals,
	priceProblem,
	priceText,
	quantityProblem,
	quantityUnit,
	stepPrice,
	stepQuantity,
	stepText,
	type Traded
} from './price-input';
