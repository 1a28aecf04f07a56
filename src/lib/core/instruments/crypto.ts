/**
 * Which symbols are crypto pairs, and their base and quote. The one rule for it (market-session
 * and the catalogue both ask here), from the symbol alone: an exchange prefix `BINANCE:` and a
 * perpetual's `.P` are ignored, case does not matter, and
 * - quoted in a stablecoin (`USDT`, `USDC`, `BUSD`, `FDUSD`, `TUSD`, `DAI`): any base, with or
 *   without a separator (`SOLUSDT`, `PEPE-USDC`; `DAI` only after one: `HYUNDAI` is no pair);
 * - else a known coin as the base, quoted in a fiat currency or a coin, with or without a
 *   separator `-` or `/` (`BTC-USD`, `BTCUSD`, `ETH/EUR`, `ETHBTC`, `XBTUSD`).
 */

/** Stablecoins a pair may be quoted in. */
export const STABLECOINS: readonly string[] = ['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'DAI'];

/** Coins recognised as a pair's base without a stablecoin quote. */
export const COINS: ReadonlySet<string> = new Set([
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

/** Currencies a pair of a known coin may be quoted in. */
export const CRYPTO_QUOTES: readonly string[] = [
	'USD',
	'EUR',
	'GBP',
	'JPY',
	'AUD',
	'CAD',
	'CHF',
	'BTC',
	'ETH',
	...STABLECOINS
];

/** Kraken's and BitMEX's names for coins that others call otherwise. */
const COIN_NAMES: Readonly<Record<string, string>> = { XBT: 'BTC' };

/** The symbol without an exchange prefix or a perpetual's suffix, upper case. */
export function bareSymbol(symbol: string): string {
	const s = symbol.trim().toUpperCase();
	const name = s.includes(':') ? s.slice(s.lastIndexOf(':') + 1) : s;
	return name.endsWith('.P') ? name.slice(0, -2) : name;
}

/**
 * A crypto pair's base and quote as the symbol writes them (`XBT` stays `XBT`), or null when the
 * symbol is not a crypto pair by the rule above.
 * @example cryptoPairOf('BINANCE:solusdt.p') // { base: 'SOL', quote: 'USDT' }
 * @example cryptoPairOf('AAPL') // null
 */
export function cryptoPairOf(symbol: string): { base: string; quote: string } | null {
	const s = bareSymbol(symbol);
	const parts = s.split(/[-/]/);
	if (parts.length === 2) {
		const [base, quote] = parts as [string, string];
		if (!base || !quote) return null;
		return STABLECOINS.includes(quote) || (COINS.has(base) && CRYPTO_QUOTES.includes(quote))
			? { base, quote }
			: null;
	}
	if (parts.length !== 1) return null;
	for (const quote of CRYPTO_QUOTES) {
		if (!s.endsWith(quote) || s.length === quote.length) continue;
		const base = s.slice(0, -quote.length);
		// DAI only after a separator: too many names end in it (HYUNDAI).
		if ((STABLECOINS.includes(quote) && quote !== 'DAI') || COINS.has(base)) return { base, quote };
	}
	return null;
}

/**
 * Whether a symbol is a crypto pair (see the rule above).
 * @example isCryptoSymbol('BTC-USD') // true
 * @example isCryptoSymbol('BINANCE:solusdt.p') // true
 * @example isCryptoSymbol('AAPL') // false
 */
export function isCryptoSymbol(symbol: string): boolean {
	return cryptoPairOf(symbol) !== null;
}

/**
 * A crypto pair's canonical symbol: `BASE-QUOTE`, Kraken's `XBT` as `BTC`, or null when the
 * symbol is not a crypto pair.
 * @example canonicalCryptoPair('XBTUSD') // 'BTC-USD'
 * @example canonicalCryptoPair('eth/btc') // 'ETH-BTC'
 */
export function canonicalCryptoPair(symbol: string): string | null {
	const pair = cryptoPairOf(symbol);
	if (!pair) return null;
	return `${COIN_NAMES[pair.base] ?? pair.base}-${COIN_NAMES[pair.quote] ?? pair.quote}`;
}
