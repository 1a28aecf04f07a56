/**
 * Option symbols: the terms (underlying, expiry, strike, right) read from the ways brokers write
 * them, and the OCC symbol written back.
 *
 * - OCC (also tastytrade, Schwab's API, Alpaca): root padded to 6 characters, YYMMDD, C or P,
 *   strike × 1000 in 8 digits: `AAPL  250321C00150000`; also without padding, `AAPL250321C00150000`.
 * - thinkorswim: a dot, the root, YYMMDD, C or P, the strike as written: `.AAPL250321C150`.
 * - IBKR's description: `AAPL 21MAR25 150 C` (right as `C`, `P`, `CALL` or `PUT`).
 * - A dated description (Webull, Schwab's statements): `AAPL 03/21/2025 150.00 C`.
 *
 * Options on futures (`./ESZ25C5000`) are not parsed here.
 */
import type { OptionTerms } from './types';

/** A parse: the terms and the form the symbol was in, or why the text is not an option symbol. */
export type OptionParse =
	| { ok: true; value: OptionTerms; format: 'occ' | 'thinkorswim' | 'ibkr' | 'dated' }
	| { ok: false; reason: string };

/** Weekly and PM-settled index roots whose underlying has another symbol. */
const ROOT_UNDERLYINGS: Readonly<Record<string, string>> = {
	SPXW: 'SPX',
	NDXP: 'NDX',
	RUTW: 'RUT',
	VIXW: 'VIX'
};

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

const ROOT = '[A-Z][A-Z0-9]{0,5}';
const STRIKE = '\\d+(?:\\.\\d+)?';
const OCC = new RegExp(`^(${ROOT})( *)(\\d{2})(\\d{2})(\\d{2})([CP])(\\d{8})$`);
const TOS = new RegExp(`^\\.(${ROOT})(\\d{2})(\\d{2})(\\d{2})([CP])(${STRIKE})$`);
const IBKR = new RegExp(`^(${ROOT})\\s+(\\d{1,2})([A-Z]{3})(\\d{2})\\s+(${STRIKE})\\s+(C|P|CALL|PUT)$`);
const DATED = new RegExp(`^(${ROOT})\\s+(\\d{2})/(\\d{2})/(\\d{4})\\s+(${STRIKE})\\s+(C|P|CALL|PUT)$`);

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD`, or null when the parts are no calendar date. */
function expiryOf(year: number, month: number, day: number): string | null {
	const t = Date.UTC(year, month - 1, day);
	const d = new Date(t);
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
	return `${year}-${pad2(month)}-${pad2(day)}`;
}

function terms(
	text: string,
	root: string,
	year: number,
	month: number,
	day: number,
	strike: number,
	right: string
): { ok: true; value: OptionTerms } | { ok: false; reason: string } {
	const expiry = expiryOf(year, month, day);
	if (expiry === null)
		return { ok: false, reason: `"${text}": expiry ${year}-${pad2(month)}-${pad2(day)} is not a date` };
	if (!(strike > 0) || !Number.isFinite(strike))
		return { ok: false, reason: `"${text}": the strike must be above 0, not ${strike}` };
	if (Math.round(strike * 1000) / 1000 !== strike)
		return {
			ok: false,
			reason: `"${text}": strike ${strike} has more than 3 decimals (OCC writes thousandths)`
		};
	if (strike * 1000 > 99_999_999)
		return { ok: false, reason: `"${text}": strike ${strike} is above OCC's largest (99999.999)` };
	return {
		ok: true,
		value: {
			underlying: ROOT_UNDERLYINGS[root] ?? root,
			root,
			expiry,
			strike,
			right: right.startsWith('C') ? 'call' : 'put'
		}
	};
}

/**
 * Reads an option symbol in any of the forms above (case and surrounding spaces do not matter).
 * @example parseOptionSymbol('AAPL  250321C00150000') // { ok: true, format: 'occ', value: { underlying: 'AAPL', root: 'AAPL', expiry: '2025-03-21', strike: 150, right: 'call' } }
 * @example parseOptionSymbol('.SPXW250321P5000').value // { underlying: 'SPX', root: 'SPXW', expiry: '2025-03-21', strike: 5000, right: 'put' }
 * @example parseOptionSymbol('AAPL') // { ok: false, reason: '"AAPL" is not an option symbol: …' }
 */
export function parseOptionSymbol(text: string): OptionParse {
	const s = text.trim().toUpperCase();
	let m = OCC.exec(s);
	if (m) {
		const r = terms(s, m[1]!, 2000 + Number(m[3]), Number(m[4]), Number(m[5]), Number(m[7]) / 1000, m[6]!);
		return r.ok ? { ...r, format: 'occ' } : r;
	}
	m = TOS.exec(s);
	if (m) {
		const r = terms(s, m[1]!, 2000 + Number(m[2]), Number(m[3]), Number(m[4]), Number(m[6]), m[5]!);
		return r.ok ? { ...r, format: 'thinkorswim' } : r;
	}
	m = IBKR.exec(s);
	if (m) {
		const month = MONTHS.indexOf(m[3]!) + 1;
		if (month === 0) return { ok: false, reason: `"${s}": ${m[3]} is not a month (JAN … DEC)` };
		const r = terms(s, m[1]!, 2000 + Number(m[4]), month, Number(m[2]), Number(m[5]), m[6]!);
		return r.ok ? { ...r, format: 'ibkr' } : r;
	}
	m = DATED.exec(s);
	if (m) {
		const r = terms(s, m[1]!, Number(m[4]), Number(m[2]), Number(m[3]), Number(m[5]), m[6]!);
		return r.ok ? { ...r, format: 'dated' } : r;
	}
	return {
		ok: false,
		reason:
			`"${s}" is not an option symbol: expected OCC (AAPL  250321C00150000), thinkorswim ` +
			`(.AAPL250321C150), IBKR (AAPL 21MAR25 150 C) or a dated description (AAPL 03/21/2025 150 C)`
	};
}

/**
 * Reads an OCC symbol (padded or not); throws a RangeError saying why for anything else.
 * @example parseOcc('AAPL  250321C00007500').strike // 7.5
 */
export function parseOcc(text: string): OptionTerms {
	const parsed = parseOptionSymbol(text);
	if (!parsed.ok) throw new RangeError(parsed.reason);
	if (parsed.format !== 'occ') throw new RangeError(`"${text.trim()}" is a ${parsed.format} symbol, not OCC`);
	return parsed.value;
}

/**
 * The OCC symbol of an option: root padded to 6 characters (or not, `padded: false`), YYMMDD,
 * C or P, strike × 1000 in 8 digits.
 * @example formatOcc({ underlying: 'AAPL', root: 'AAPL', expiry: '2025-03-21', strike: 7.5, right: 'put' }) // 'AAPL  250321P00007500'
 * @example formatOcc(parseOcc('AAPL  250321C00150000'), { padded: false }) // 'AAPL250321C00150000'
 */
export function formatOcc(option: OptionTerms, { padded = true }: { padded?: boolean } = {}): string {
	const [year, month, day] = option.expiry.split('-');
	const strike = String(Math.round(option.strike * 1000)).padStart(8, '0');
	const root = padded ? option.root.padEnd(6, ' ') : option.root;
	return `${root}${year!.slice(2)}${month}${day}${option.right === 'call' ? 'C' : 'P'}${strike}`;
}
