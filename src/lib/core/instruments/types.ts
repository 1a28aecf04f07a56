/**
 * The instrument catalogue's record: what Fillbook knows about one tradable thing, so that
 * grouping, P&L, charts and the paper desk read one fact table instead of guessing "×100", "$"
 * or "09:30" in many places. A record comes from the bundled starter list, from what an import
 * revealed, or from the user's own edit in Settings (which always wins).
 */
import type { AssetClass } from '../model/records';

/**
 * What kind of instrument a record is. Wider than an execution's {@link AssetClass}: an ETF and
 * a CFD trade like a stock as far as executions go, but the catalogue keeps them apart.
 */
export type InstrumentClass =
	'stock' | 'etf' | 'future' | 'option' | 'future_option' | 'crypto' | 'forex' | 'cfd';

/** One price band: from `from` (absolute price, inclusive) upwards, prices move in `tick`. */
export interface TickBand {
	from: number;
	tick: number;
}

/**
 * How an instrument's price moves: one tick at every price (a future, an option), or a tick
 * that depends on the price (US equities: 0.01 from $1 up, 0.0001 below). Ticks are written as
 * the decimals they are (`0.25`, `0.0001`) or as binary fractions (`1 / 32`, which is the exact
 * decimal 0.03125); bands are sorted by `from`, the first starting at 0, and each band's `from`
 * lies on its own tick so that a price on a band edge is on both bands' ticks.
 */
export type TickRule = { kind: 'fixed'; tick: number } | { kind: 'bands'; bands: readonly TickBand[] };

/** Where a session is defined: {@link SESSIONS} in sessions.ts. */
export type SessionId = 'us-equity' | 'crypto' | 'cme-globex' | 'cbot-grains' | 'fx';

/** An option's terms, parsed from its symbol (see options.ts). */
export interface OptionTerms {
	/** The underlying's symbol (`SPX` for the `SPXW` weekly root). */
	underlying: string;
	/** The root as the symbol writes it (`SPXW`, `AAPL`; an adjusted option's `AAPL1`). */
	root: string;
	/** Expiry date, `YYYY-MM-DD`. */
	expiry: string;
	/** Strike price, in the underlying's price unit (at most 3 decimals, as OCC writes it). */
	strike: number;
	right: 'call' | 'put';
}

/** A futures contract as its symbol names it: the root and, where given, the month. */
export interface FuturesContract {
	/** The root (`ES` for `ESZ5`, `/ES`, `ES1!`, `ES DEC 25`). */
	root: string;
	/** Contract month 1–12, or null for a root or a continuous contract. */
	month: number | null;
	/** Contract year: 4 digits when the symbol gives 2 or 4 (`Z25`, `Z2025`), else null (`Z5`: which decade is unsaid). */
	year: number | null;
	/** The year digit of a one-digit code (`5` in `ESZ5`), else null. */
	yearDigit: number | null;
	/** TradingView's continuous contract number (`1` in `ES1!`: the front month), else null. */
	continuous: number | null;
}

/**
 * Where a record came from: the bundled starter list, what an import revealed, the user's edit
 * in Settings (which always wins), or — never stored — the rules that describe a symbol nobody
 * recorded (a US stock, a crypto pair, an OCC option).
 */
export type InstrumentSource = 'starter' | 'import' | 'user' | 'rule';

/** One instrument. */
export interface Instrument {
	/**
	 * The canonical symbol (see aliases.ts): share classes with a dot (`BRK.B`), renamed tickers
	 * under their new name (`META`), a futures contract under its root (`ES`), a crypto pair as
	 * `BASE-QUOTE` (`BTC-USD`), a forex pair as `BASE/QUOTE` (`EUR/USD`), an option in compact
	 * OCC form (`AAPL250321C00150000`).
	 */
	symbol: string;
	assetClass: InstrumentClass;
	/** A short description (`E-mini S&P 500`), or null. */
	name: string | null;
	/** The listing exchange (`CME`, `NASDAQ`), or null when unknown. */
	exchange: string | null;
	/** The currency prices and P&L are in: ISO 4217 (`USD`) or a coin's code for pairs quoted in one (`USDT`, `BTC`). */
	currency: string;
	/** For crypto and forex pairs: the base and quote currencies (`BTC`, `USD`); null otherwise. */
	pair: { base: string; quote: string } | null;
	/**
	 * Money per 1.0 of price per unit of quantity: 1 for stocks, crypto and forex, 100 for equity
	 * options, the point value for futures (`ES` 50). Null when unknown (a futures root nobody
	 * has named): its P&L cannot be computed and says so rather than guessing.
	 */
	multiplier: number | null;
	tick: TickRule;
	/** The smallest quantity step: 1 share, 1 contract, 0.00000001 BTC. A positive power of ten or a binary fraction. */
	lotStep: number;
	session: SessionId;
	/** Other spellings that name this instrument (`BRK B`, `BRK/B`, `FB`, `XBTUSD`), upper case. */
	aliases: readonly string[];
	/** For options: the parsed terms; null otherwise. */
	option: OptionTerms | null;
	source: InstrumentSource;
}

/** What an imported execution says about its instrument, for {@link mergeRevealed}. */
export interface RevealedFacts {
	/** The symbol as the file wrote it. */
	symbol: string;
	assetClass: AssetClass;
	/** The currency the file states, or null when it does not say. */
	currency?: string | null;
	/** The multiplier the file states, or null when it does not say. */
	multiplier?: number | null;
	/** A quantity traded: a fractional one tells the lot step is finer than a whole unit. */
	quantity?: number | null;
	/** The exchange the file names, or null. */
	exchange?: string | null;
}
