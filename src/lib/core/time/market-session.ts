/**
 * When an instrument trades: the one place that says which symbols are crypto (24/7, days and
 * hours on UTC) and which keep the US equity session (New York time, the regular session opening
 * at 09:30). Bars are grouped into hours and days on it (core/indicators/resample.ts), the paper
 * broker ends DAY orders on it, and the paper session counts its trading day on it.
 *
 * The rule for crypto, from the symbol alone (an exchange prefix `BINANCE:` and a perpetual's
 * `.P` are ignored, case does not matter):
 * - quoted in a stablecoin (`USDT`, `USDC`, `BUSD`, `FDUSD`, `TUSD`, `DAI`): any base, with or
 *   without a separator (`SOLUSDT`, `PEPE-USDC`; `DAI` only after one: `HYUNDAI` is no pair);
 * - else a known coin as the base, quoted in a fiat currency or a coin, with or without a
 *   separator `-` or `/` (`BTC-USD`, `BTCUSD`, `ETH/EUR`, `ETHBTC`, `XBTUSD`).
 * Everything else is treated as a US equity (stocks, ETFs; futures and forex have no session of
 * their own here yet, so they keep New York's).
 *
 * Why UTC for crypto: crypto venues (Coinbase, Binance, Kraken) cut their daily candles and
 * daily statistics at 00:00 UTC, so a crypto "day" — a DAY order's life, a daily bar — is the UTC
 * date, not New York's.
 */

/** Where an instrument's day and hours start. */
export interface MarketSession {
	/** The IANA zone whose wall clock the session keeps. */
	zone: string;
	/** Minutes after local midnight the regular session opens: hourly buckets start there (09:30 → 570). */
	openMinute: number;
	/** Trades around the clock, every day (crypto). */
	continuous: boolean;
	/** The session in a few words, for the UI. */
	label: string;
}

/** The US equity session: New York time, regular hours from 09:30. */
export const US_EQUITY_SESSION: MarketSession = Object.freeze({
	zone: 'America/New_York',
	openMinute: 9 * 60 + 30,
	continuous: false,
	label: 'US equities: New York time, hours from the 09:30 open (09:30, 10:30 …), days from New York midnight'
});

/** Crypto: 24/7, on UTC hours and UTC days. */
export const CRYPTO_SESSION: MarketSession = Object.freeze({
	zone: 'UTC',
	openMinute: 0,
	continuous: true,
	label: 'Crypto: 24/7, on UTC hours (00:00, 01:00 …) and UTC days'
});

const STABLECOINS = ['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'DAI'];
const COINS = new Set([
	'BTC',
	'XBT',
	'ETH',
	'SOL',
	'XRP',
	'ADA',
	'DOGE',
	'LTC',
	'BCH',
	'DOT',
	'AVAX',
	'LINK',
	'MATIC',
	'POL',
	'BNB',
	'SHIB',
	'TRX',
	'ATOM',
	'UNI',
	'XLM',
	'ETC',
	'FIL',
	'NEAR',
	'APT',
	'ARB',
	'OP',
	'SUI',
	'TON',
	'PEPE',
	'AAVE'
]);
const QUOTES = ['USD', 'EUR', 'GBP', 'JPY', 'AUD', 'CAD', 'CHF', 'BTC', 'ETH', ...STABLECOINS];

/** The symbol without an exchange prefix or a perpetual's suffix, upper case. */
function bare(symbol: string): string {
	const s = symbol.trim().toUpperCase();
	const name = s.includes(':') ? s.slice(s.lastIndexOf(':') + 1) : s;
	return name.endsWith('.P') ? name.slice(0, -2) : name;
}

/**
 * Whether a symbol is a crypto pair (see the rule above).
 * @example isCryptoSymbol('BTC-USD') // true
 * @example isCryptoSymbol('BINANCE:solusdt.p') // true
 * @example isCryptoSymbol('AAPL') // false
 */
export function isCryptoSymbol(symbol: string): boolean {
	const s = bare(symbol);
	const parts = s.split(/[-/]/);
	if (parts.length === 2) {
		const [base, quote] = parts as [string, string];
		if (!base || !quote) return false;
		return STABLECOINS.includes(quote) || (COINS.has(base) && QUOTES.includes(quote));
	}
	if (parts.length !== 1) return false;
	for (const quote of QUOTES) {
		if (!s.endsWith(quote) || s.length === quote.length) continue;
		const base = s.slice(0, -quote.length);
		// DAI only after a separator: too many names end in it (HYUNDAI).
		if ((STABLECOINS.includes(quote) && quote !== 'DAI') || COINS.has(base)) return true;
	}
	return false;
}

/**
 * The session a symbol trades on.
 * @example marketSession('ETH/USD').zone // 'UTC'
 * @example marketSession('SPY').openMinute // 570 (09:30 New York)
 */
export function marketSession(symbol: string): MarketSession {
	return isCryptoSymbol(symbol) ? CRYPTO_SESSION : US_EQUITY_SESSION;
}
