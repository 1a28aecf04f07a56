/**
 * When an instrument trades, from its symbol alone: crypto pairs (24/7, days and hours on UTC)
 * and the US equity session (New York time, the regular session opening at 09:30) for
 * everything else. Bars are grouped into hours and days on it (core/indicators/resample.ts),
 * the paper broker ends DAY orders on it, and the paper session counts its trading day on it.
 *
 * The sessions and the crypto rule live in the instrument catalogue (core/instruments/
 * sessions.ts and crypto.ts); this module keeps the symbol-only answer its callers use. Futures
 * and forex have sessions of their own in the catalogue, but here they keep New York's equity
 * session, as before.
 */
import { isCryptoSymbol } from '../instruments/crypto';
import { CRYPTO_SESSION, US_EQUITY_SESSION, type MarketSession } from '../instruments/sessions';

export { CRYPTO_SESSION, isCryptoSymbol, US_EQUITY_SESSION, type MarketSession };

/**
 * The session a symbol trades on.
 * @example marketSession('ETH/USD').zone // 'UTC'
 * @example marketSession('SPY').openMinute // 570 (09:30 New York)
 */
export function marketSession(symbol: string): MarketSession {
	return isCryptoSymbol(symbol) ? CRYPTO_SESSION : US_EQUITY_SESSION;
}
