/**
 * When an instrument trades, from its symbol (and its asset class when the caller knows it): the
 * instrument's session from the catalogue (core/instruments/sessions.ts). Bars are grouped into
 * hours and days on it (core/indicators/resample.ts), the paper broker ends DAY orders on it,
 * and the paper session counts its trading day on it.
 *
 * - Futures contracts (`ESZ5`, `/ES`, `MNQ1!`, `CL DEC 25`; a bare root such as `ES` only with the
 *   asset class `future`, since alone it is a stock ticker): their root's session in the starter
 *   list (CME Globex; CBOT grains for ZC, ZS, ZW), Globex for a root nobody has named.
 * - Forex pairs (`EURUSD`, `EUR/USD`, `EUR.USD`; two of the currencies in FX_CURRENCIES): the FX
 *   session, 17:00 to 17:00 New York.
 * - Crypto pairs (the rule in core/instruments/crypto.ts): 24/7 on UTC days.
 * - Everything else: the US equity session (New York, 09:30–16:00, the NYSE calendar).
 */
import type { AssetClass } from '../model/records';
import { instrumentFor, type Catalogue } from '../instruments/catalogue';
import { isCryptoSymbol } from '../instruments/crypto';
import {
	CME_GLOBEX_SESSION,
	CRYPTO_SESSION,
	FX_SESSION,
	SESSIONS,
	tradingDayOf,
	US_EQUITY_SESSION,
	type MarketSession,
	type TradingSession
} from '../instruments/sessions';

export { CRYPTO_SESSION, isCryptoSymbol, US_EQUITY_SESSION, type MarketSession, type TradingSession };

/** ISO 4217 codes of the currencies traded as spot forex pairs (the majors and the common crosses' legs). */
export const FX_CURRENCIES: ReadonlySet<string> = new Set([
	'USD',
	'EUR',
	'JPY',
	'GBP',
	'CHF',
	'AUD',
	'NZD',
	'CAD',
	'SEK',
	'NOK',
	'DKK',
	'HKD',
	'SGD',
	'MXN',
	'ZAR',
	'CNH',
	'TRY',
	'PLN',
	'HUF',
	'CZK',
	'ILS',
	'INR',
	'KRW'
]);

/**
 * Whether a symbol is a spot forex pair: two different currencies of FX_CURRENCIES, joined
 * directly or by `/`, `.` (IBKR) or `-`, with an optional `VENUE:` prefix.
 * @example isForexSymbol('EURUSD') // true
 * @example isForexSymbol('EUR.USD') // true
 * @example isForexSymbol('USDUSD') // false
 */
export function isForexSymbol(symbol: string): boolean {
	const m = /^(?:[A-Z][A-Z0-9_]*:)?([A-Z]{3})[/.-]?([A-Z]{3})$/.exec(symbol.trim().toUpperCase());
	return m !== null && m[1] !== m[2] && FX_CURRENCIES.has(m[1]!) && FX_CURRENCIES.has(m[2]!);
}

/** What the caller knows beyond the symbol. */
export interface SessionHint {
	/** The execution's or bar file's asset class: settles `ES` the future against `ES` the stock. */
	assetClass?: AssetClass;
	/** The stored catalogue (the user's records win over the starter list). */
	catalogue?: Catalogue;
}

/**
 * The session a symbol trades on.
 * @example marketSession('ETH/USD').zone // 'UTC'
 * @example marketSession('SPY').openMinute // 570 (09:30 New York)
 * @example marketSession('ESZ5').id // 'cme-globex'
 * @example marketSession('ES', { assetClass: 'future' }).id // 'cme-globex'
 * @example marketSession('EURUSD').id // 'fx'
 */
export function marketSession(symbol: string, hint: SessionHint = {}): TradingSession {
	const { assetClass, catalogue } = hint;
	// Asked once a bar by strategies and charts: the answers without a catalogue are remembered.
	if (catalogue) return sessionOf(symbol, assetClass, catalogue);
	const key = `${assetClass ?? ''}|${symbol}`;
	let session = remembered.get(key);
	if (!session) {
		if (remembered.size > 10_000) remembered.clear();
		remembered.set(key, (session = sessionOf(symbol, assetClass, undefined)));
	}
	return session;
}

const remembered = new Map<string, TradingSession>();

function sessionOf(
	symbol: string,
	assetClass: AssetClass | undefined,
	catalogue: Catalogue | undefined
): TradingSession {
	if (assetClass === 'forex' || (assetClass === undefined && isForexSymbol(symbol))) return FX_SESSION;
	if (assetClass === undefined || assetClass === 'crypto') if (isCryptoSymbol(symbol)) return CRYPTO_SESSION;
	const instrument = instrumentFor(symbol, assetClass, catalogue);
	if (instrument.assetClass === 'future' && instrument.session === 'us-equity') return CME_GLOBEX_SESSION;
	return SESSIONS[instrument.session] ?? US_EQUITY_SESSION;
}

/**
 * The trading day a trade closed (or opened) at `instant` belongs to when days are shown in
 * `zone`, where it differs from `zone`'s date: a futures or forex trade, whose session's days
 * open the evening before, shown in that session's own zone (New York) belongs to the session's
 * trading day — a trade closed Sunday at 19:00 New York is Monday's. Null when the plain date in
 * `zone` is the answer (equities, crypto, or a display zone other than the session's, where
 * "the evening before" means nothing): callers keep their own date then.
 * @example sessionTradeDay(Date.parse('2025-03-09T23:00:00Z'), 'America/New_York', 'ESZ5') // '2025-03-10'
 * @example sessionTradeDay(Date.parse('2025-03-09T23:00:00Z'), 'Europe/Paris', 'ESZ5') // null
 * @example sessionTradeDay(Date.parse('2025-03-09T23:00:00Z'), 'America/New_York', 'AAPL') // null
 */
export function sessionTradeDay(
	instant: number,
	zone: string,
	symbol: string,
	hint?: SessionHint
): string | null {
	const session = marketSession(symbol, hint);
	if (session.dayStartMinute === 0 || session.zone !== zone) return null;
	return tradingDayOf(session, instant);
}
