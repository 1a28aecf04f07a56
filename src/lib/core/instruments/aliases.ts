/**
 * One name per instrument. Brokers and charting sites write the same instrument many ways:
 * share classes (`BRK.B`, `BRK B`, `BRK/B`, `BRK-B`), exchange prefixes (`NASDAQ:AAPL`), renamed
 * tickers (`FB`, now `META`), futures contracts (`ESZ5`, `/ES`, `ES1!`, `ES DEC 25`), crypto pairs
 * (`XBTUSD`, `btc/usd`) and option symbols. {@link resolveSymbol} reduces each to the catalogue's
 * canonical symbol, keeping what the spelling said beyond it (a contract month, the exchange).
 */
import { canonicalCryptoPair } from './crypto';
import { formatOcc, parseOptionSymbol } from './options';
import type { FuturesContract, OptionTerms } from './types';

/**
 * The root of a futures symbol: `ESZ5` -> `ES`, `/MESU4` -> `MES`, `ES DEC 25` -> `ES`, and
 * TradingView's continuous and dated contracts: `MNQ1!` -> `MNQ`, `ESZ2025` -> `ES`. Anything
 * else comes back upper case without a leading `/` (it is taken to be a root already).
 */
export function futuresRoot(symbol: string): string {
	const s = symbol.replace(/^\//, '').trim().toUpperCase();
	const spaced = /^([A-Z0-9]{1,4})\s/.exec(s);
	if (spaced) return spaced[1]!;
	const continuous = /^([A-Z0-9]{1,4}?)\d!$/.exec(s);
	if (continuous) return continuous[1]!;
	const coded = /^([A-Z0-9]{1,4}?)[FGHJKMNQUVXZ](\d{1,2}|\d{4})$/.exec(s);
	return coded ? coded[1]! : s;
}

/** Futures month codes, January (F) to December (Z). */
const MONTH_CODES = 'FGHJKMNQUVXZ';
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

function contract(root: string, month: number | null, year: string | null, continuous: number | null) {
	const value: FuturesContract = {
		root,
		month,
		year: year === null || year.length === 1 ? null : year.length === 2 ? 2000 + Number(year) : Number(year),
		yearDigit: year !== null && year.length === 1 ? Number(year) : null,
		continuous
	};
	return value;
}

/**
 * A futures contract from a symbol that can only be one: `/ES` or `/ESZ5` (the slash), `ES1!`
 * (continuous), `ESZ5` / `ESZ25` / `ESZ2025` (a month code and a year), `ES DEC 25`. A bare
 * `ES` is not one: it is a stock ticker (Eversource) unless the caller knows better.
 * @example parseFuturesSymbol('ESZ5') // { root: 'ES', month: 12, year: null, yearDigit: 5, continuous: null }
 * @example parseFuturesSymbol('MNQ1!') // { root: 'MNQ', month: null, year: null, yearDigit: null, continuous: 1 }
 * @example parseFuturesSymbol('ES') // null
 */
export function parseFuturesSymbol(symbol: string): FuturesContract | null {
	const raw = symbol.trim().toUpperCase();
	const slashed = raw.startsWith('/');
	const s = slashed ? raw.slice(1) : raw;
	const spaced = /^([A-Z0-9]{1,4})\s+([A-Z]{3})\s*'?(\d{2}|\d{4})$/.exec(s);
	if (spaced) {
		const month = MONTH_NAMES.indexOf(spaced[2]!) + 1;
		return month > 0 ? contract(spaced[1]!, month, spaced[3]!, null) : null;
	}
	const continuous = /^([A-Z0-9]{1,4}?)(\d)!$/.exec(s);
	if (continuous) return contract(continuous[1]!, null, null, Number(continuous[2]));
	const coded = /^([A-Z0-9]{1,4}?)([FGHJKMNQUVXZ])(\d{1,2}|\d{4})$/.exec(s);
	if (coded) return contract(coded[1]!, MONTH_CODES.indexOf(coded[2]!) + 1, coded[3]!, null);
	if (slashed && /^[A-Z0-9]{1,4}$/.test(s)) return contract(s, null, null, null);
	return null;
}

/** A ticker that changed: executions before `on` under `from` are the instrument now called `to`. */
export interface Rename {
	from: string;
	to: string;
	/** The first day of trading under the new ticker, `YYYY-MM-DD`. */
	on: string;
	/** Who. */
	note: string;
}

/**
 * Ticker changes applied to old executions. Small on purpose: a rename is only safe to apply
 * when the old ticker cannot mean someone else, so each is applied to executions before its date
 * (or of unknown date) only; after it the old ticker may be reused.
 */
export const RENAMES: readonly Rename[] = Object.freeze([
	{ from: 'FB', to: 'META', on: '2022-06-09', note: 'Meta Platforms (Nasdaq)' },
	{ from: 'ANTM', to: 'ELV', on: '2022-06-28', note: 'Elevance Health (NYSE)' },
	{ from: 'SQ', to: 'XYZ', on: '2025-01-21', note: 'Block (NYSE)' }
]);

/** What a symbol's spelling says, beside its canonical symbol. */
export interface ResolvedSymbol {
	/** The catalogue's canonical symbol (see `Instrument.symbol` in types.ts). */
	symbol: string;
	/** What the spelling shows the instrument to be; `plain` is a stock, an ETF or anything else. */
	kind: 'option' | 'future' | 'crypto' | 'plain';
	/** The exchange a prefix named (`NASDAQ` in `NASDAQ:AAPL`), else null. */
	exchange: string | null;
	/** A futures symbol's root and month, else null. */
	future: FuturesContract | null;
	/** An option symbol's terms, else null. */
	option: OptionTerms | null;
	/** The old ticker when a rename was applied (`FB` for `META`), else null. */
	renamedFrom: string | null;
}

/** `BRK.B`, `BRK B`, `BRK/B`, `BRK-B`: a share class letter after a 1–5 letter ticker. */
const SHARE_CLASS = /^([A-Z]{1,5})[.\s/-]([A-Z])$/;

/**
 * A symbol's canonical form and what its spelling says. `at` (`YYYY-MM-DD`, the execution's
 * date) limits renames to executions before the rename; without it every rename applies.
 * @example resolveSymbol('NASDAQ:AAPL') // { symbol: 'AAPL', kind: 'plain', exchange: 'NASDAQ', … }
 * @example resolveSymbol('ESZ5').future // { root: 'ES', month: 12, … }; symbol 'ES'
 * @example resolveSymbol('FB', { at: '2021-05-03' }).symbol // 'META'
 */
export function resolveSymbol(raw: string, { at }: { at?: string } = {}): ResolvedSymbol {
	const upper = raw.trim().toUpperCase().replace(/\s+/g, ' ');
	const base: ResolvedSymbol = {
		symbol: upper,
		kind: 'plain',
		exchange: null,
		future: null,
		option: null,
		renamedFrom: null
	};
	const option = parseOptionSymbol(upper);
	if (option.ok)
		return {
			...base,
			symbol: formatOcc(option.value, { padded: false }),
			kind: 'option',
			option: option.value
		};
	const prefixed = /^([A-Z][A-Z0-9_]*):(.+)$/.exec(upper);
	const exchange = prefixed ? prefixed[1]! : null;
	const s = prefixed ? prefixed[2]!.trim() : upper;
	const pair = canonicalCryptoPair(s);
	if (pair) return { ...base, symbol: pair, kind: 'crypto', exchange };
	const future = parseFuturesSymbol(s);
	if (future) return { ...base, symbol: future.root, kind: 'future', exchange, future };
	const share = SHARE_CLASS.exec(s);
	const ticker = share ? `${share[1]}.${share[2]}` : s;
	const rename = RENAMES.find((r) => r.from === ticker && (at === undefined || at < r.on));
	return { ...base, symbol: rename ? rename.to : ticker, exchange, renamedFrom: rename ? ticker : null };
}

/**
 * The catalogue's canonical symbol for a spelling (see {@link resolveSymbol}).
 * @example canonicalSymbol('BRK/B') // 'BRK.B'
 * @example canonicalSymbol('/ES') // 'ES'
 * @example canonicalSymbol('AAPL  250321C00150000') // 'AAPL250321C00150000'
 */
export function canonicalSymbol(raw: string, options?: { at?: string }): string {
	return resolveSymbol(raw, options).symbol;
}
