/**
 * Cell-level parsing shared by every format: header matching by name, numbers in the many ways
 * brokers write them, and dates. Every function either returns a value or says why not; nothing
 * is defaulted.
 */
import { wallTimeAsUtc, wallTimeToInstant, type InstantResult, type WallTime } from '../time/zone';
import type { RowError, RowOutcome } from './types';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Header text compared case-, space- and punctuation-insensitively: `P / L` = `p/l` = `P/L`. */
export function normalizeHeader(header: string): string {
	return header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s_./\\-]+/g, '');
}

/** Whether a cell means "no value": blank, `--`, `—`, `N/A`. */
export function isBlank(cell: string | undefined): boolean {
	if (cell === undefined) return true;
	const t = cell.trim();
	return (
		t === '' ||
		t === '--' ||
		t === '—' ||
		t === '–' ||
		((t.length === 2 || t.length === 3) && /^n\/?a$/i.test(t))
	);
}

/**
 * Finds columns by name. `aliases` maps a field to header names it may have; the first header
 * that matches any alias wins.
 */
export class Columns<F extends string> {
	readonly index: Record<F, number>;
	readonly headers: string[];

	readonly #aliases: Record<F, readonly string[]>;

	constructor(headers: string[], aliases: Record<F, readonly string[]>) {
		this.#aliases = aliases;
		this.headers = headers.map((h) => h.replace(/^\uFEFF/, '').trim());
		const normalized = this.headers.map(normalizeHeader);
		const index = {} as Record<F, number>;
		for (const field of Object.keys(aliases) as F[]) {
			index[field] = -1;
			for (const alias of aliases[field]) {
				const at = normalized.indexOf(normalizeHeader(alias));
				if (at >= 0) {
					index[field] = at;
					break;
				}
			}
		}
		this.index = index;
	}

	has(field: F): boolean {
		return this.index[field] >= 0;
	}

	/** The fields of `required` that the header lacks. */
	missing(required: readonly F[]): F[] {
		return required.filter((f) => !this.has(f));
	}

	/**
	 * The error for a row whose cell count is not the header's: its values would sit under the
	 * wrong headers. One trailing empty column is allowed either way (DAS ends every line, header
	 * included, with a comma; some exports add one to data rows only), but not on both.
	 * @example new Columns(['A', 'B', 'C'], {}).widthError(['1', '2'], 4)?.reason // '2 cells where the header has 3'
	 */
	widthError(cells: readonly string[], line: number, headerLine?: number): RowError | null {
		const n = cells.length;
		const h = this.headers.length;
		if (n === h) return null;
		// One trailing empty column, on the header or on the row, never both.
		const headerTrails = this.headers[h - 1] === '';
		if (!headerTrails && n === h + 1 && cells[n - 1]!.trim() === '') return null;
		if (headerTrails && n === h - 1) return null;
		const header = headerLine === undefined ? 'the header' : `the header on line ${headerLine}`;
		return { line, column: null, reason: `${n} cells where ${header} has ${h}` };
	}

	/** widthError as a row's outcome: the row refused for it, or null when its width is right. */
	widthRejection(cells: readonly string[], line: number, headerLine?: number): RowOutcome | null {
		const error = this.widthError(cells, line, headerLine);
		return error === null ? null : { records: [], errors: [error], skipped: 0 };
	}

	/**
	 * The warning naming the `optional` fields the header lacks (by their first alias): a misspelt
	 * or damaged header name would otherwise drop the column without a word. Null when all are there.
	 */
	absentWarning(optional: readonly F[], line: number): RowError | null {
		const absent = this.missing(optional);
		if (absent.length === 0) return null;
		return {
			line,
			column: null,
			reason: `expected columns not found (their values are not read): ${absent.map((f) => this.#aliases[f][0]).join(', ')}`
		};
	}

	/** A header row's outcome: skipped (it is not data), with absentWarning's warning if any. */
	headerOutcome(optional: readonly F[], line: number): RowOutcome {
		const warning = this.absentWarning(optional, line);
		return warning === null
			? { records: [], errors: [], skipped: 1 }
			: { records: [], errors: [], skipped: 1, warnings: [warning] };
	}

	/** The cell of a field in a row ('' when the column is absent or the row is short). */
	get(row: string[], field: F): string {
		const at = this.index[field];
		return at >= 0 ? (row[at] ?? '') : '';
	}

	/** The header name of a field, for messages. */
	name(field: F): string {
		const at = this.index[field];
		return at >= 0 ? (this.headers[at] ?? field) : field;
	}
}

/** True when every alias group has a match in the header row: a cheap detection score. */
export function headerScore(header: string[], required: readonly (readonly string[])[]): number {
	const normalized = new Set(header.map(normalizeHeader));
	let hits = 0;
	for (const group of required) if (group.some((alias) => normalized.has(normalizeHeader(alias)))) hits++;
	return required.length === 0 ? 0 : hits / required.length;
}

/**
 * The decorations a column's numbers may carry beyond the plain ones every number may have
 * (`$`/`€`/`£`/`¥`/`₹`, thousands separators, `(123.45)` and signs, exponents): each only where
 * the column's meaning allows it, so `100%` is never read as a price of 100.
 */
export interface NumberStyle {
	/** `@5.00`: a price as Webull writes it. */
	at?: boolean;
	/** `2.75R`: an R multiple. */
	r?: boolean;
	/** `12.5%`: a percentage (the number before the sign). */
	percent?: boolean;
	/** `"87,209.38 USD"`: an amount followed by its currency code (TradingView). */
	currencyCode?: boolean;
}

const PLAIN: NumberStyle = Object.freeze({});

/**
 * Parses a number as brokers write it: `$1,234.50`, `(123.45)` and `-123.45` for negatives,
 * `1.2e-5`, and the decorations `style` allows (`@5.00`, `2.75R`, `12.5%`, `87,209.38 USD`).
 * Blank-like cells are an error here; callers that accept a missing value check isBlank first.
 * @example parseNumber('($1,500.00)') // { ok: true, value: -1500 }
 * @example parseNumber('100%').ok // false
 */
export function parseNumber(cell: string, style: NumberStyle = PLAIN): Parsed<number> {
	// Fast path: a plain decimal (`-12.5`, `400`) is what most cells hold; Number() reads it
	// exactly as the general path below would. Anything else (or a non-finite result) goes there.
	if (isPlainDecimal(cell)) {
		const value = Number(cell);
		if (Number.isFinite(value)) return { ok: true, value };
	}
	return parseNumberGeneral(cell, style);
}

/**
 * Whether `text` is `-?\d+(\.\d+)?` (same as that regular expression, without running one).
 */
export function isPlainDecimal(text: string): boolean {
	const n = text.length;
	let i = text.charCodeAt(0) === 45 ? 1 : 0; // '-'
	const start = i;
	while (i < n) {
		const ch = text.charCodeAt(i);
		if (ch < 48 || ch > 57) break;
		i++;
	}
	if (i === start) return false;
	if (i === n) return true;
	if (text.charCodeAt(i) !== 46) return false; // '.'
	const fraction = ++i;
	while (i < n) {
		const ch = text.charCodeAt(i);
		if (ch < 48 || ch > 57) return false;
		i++;
	}
	return i > fraction;
}

/** The decorations parseNumberGeneral strips, each with the style flag that allows it. */
const DECORATIONS: readonly { flag: keyof NumberStyle; pattern: RegExp; what: string }[] = [
	{ flag: 'at', pattern: /^@\s*/, what: 'an "@"' },
	{ flag: 'currencyCode', pattern: /\s+[A-Z]{3,4}$/, what: 'a currency code' },
	{ flag: 'r', pattern: /\s*R$/i, what: 'an "R"' },
	{ flag: 'percent', pattern: /\s*%$/, what: 'a "%"' }
];

/** parseNumber without its fast path: every layout parseNumber accepts, the slow way. */
export function parseNumberGeneral(cell: string, style: NumberStyle = PLAIN): Parsed<number> {
	let t = cell.trim();
	if (isBlank(t)) return { ok: false, reason: 'is empty' };
	let negative = false;
	if (t.startsWith('(') && t.endsWith(')')) {
		negative = true;
		t = t.slice(1, -1).trim();
	}
	let refused: string | null = null;
	for (const d of DECORATIONS) {
		if (!d.pattern.test(t)) continue;
		if (!style[d.flag]) refused ??= d.what;
		t = t.replace(d.pattern, '');
	}
	if (t.startsWith('-')) {
		negative = !negative;
		t = t.slice(1).trim();
	} else if (t.startsWith('+')) {
		t = t.slice(1).trim();
	}
	t = t.replace(/^[$€£¥₹]\s*/, '');
	if (t.startsWith('-')) {
		negative = !negative;
		t = t.slice(1);
	}
	if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replace(/,/g, '');
	if (!/^(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(t))
		return { ok: false, reason: `"${cell.trim()}" is not a number` };
	if (refused !== null)
		return { ok: false, reason: `"${cell.trim()}" is not a number this column takes (it has ${refused})` };
	const value = Number(t);
	if (!Number.isFinite(value)) return { ok: false, reason: `"${cell.trim()}" is not a finite number` };
	return { ok: true, value: negative ? -value : value };
}

/** parseNumber for optional cells: blank gives null. */
export function parseOptionalNumber(cell: string, style: NumberStyle = PLAIN): Parsed<number | null> {
	if (cell === '') return { ok: true, value: null };
	if (isPlainDecimal(cell)) {
		const value = Number(cell);
		if (Number.isFinite(value)) return { ok: true, value };
	}
	return isBlank(cell) ? { ok: true, value: null } : parseNumberGeneral(cell, style);
}

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/**
 * Parses a date cell: `2025-10-13`, `2025/10/13`, `20251013`, `10/13/2025`, `10-13-2025`,
 * `10/13/25` (`order` decides between month-first and day-first for slashed dates; US brokers
 * write month first).
 */
export function parseDate(
	cell: string,
	order: DateOrder = 'mdy'
): Parsed<{ year: number; month: number; day: number }> {
	const t = cell.trim();
	let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
	if (m) return checkDate(Number(m[1]), Number(m[2]), Number(m[3]), cell);
	m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(t);
	if (m) {
		const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
		const [month, day] = order === 'dmy' ? [Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2])];
		return checkDate(year, month, day, cell);
	}
	return { ok: false, reason: `"${t}" is not a date` };
}

function checkDate(
	year: number,
	month: number,
	day: number,
	cell: string
): Parsed<{ year: number; month: number; day: number }> {
	const d = new Date(Date.UTC(year, month - 1, day));
	if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
		return { ok: false, reason: `"${cell.trim()}" is not a valid date` };
	return { ok: true, value: { year, month, day } };
}

/**
 * Parses a time of day: `09:30`, `9:30:05`, `09:30:05.123`, `2:05:00 PM`.
 */
export function parseTimeOfDay(
	cell: string
): Parsed<{ hour: number; minute: number; second: number; millisecond: number }> {
	const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6}))?)?\s*([AaPp][Mm])?$/.exec(cell.trim());
	if (!m) return { ok: false, reason: `"${cell.trim()}" is not a time of day` };
	let hour = Number(m[1]);
	const minute = Number(m[2]);
	const second = m[3] ? Number(m[3]) : 0;
	const millisecond = m[4] ? Math.floor(Number(`0.${m[4]}`) * 1000) : 0;
	const meridiem = m[5]?.toLowerCase();
	if (meridiem) {
		if (hour < 1 || hour > 12) return { ok: false, reason: `"${cell.trim()}" is not a valid 12-hour time` };
		if (meridiem === 'am' && hour === 12) hour = 0;
		else if (meridiem === 'pm' && hour !== 12) hour += 12;
	}
	if (hour > 23 || minute > 59 || second > 59)
		return { ok: false, reason: `"${cell.trim()}" is not a valid time` };
	return { ok: true, value: { hour, minute, second, millisecond } };
}

/**
 * Parses a date-and-time cell in a zone: `2025-10-13 09:30:05`, `2025-10-13T09:30`,
 * `10/13/2025 9:30:05 AM`, `20251013;093005` (IBKR), `"2026-01-05, 09:30:00"`. An explicit
 * offset or `Z` (`2024-09-10T15:32:26+0200`) wins over the zone. A date with no time is an
 * error (an execution's time is never invented) unless `allowDateOnly`, for daily bars, where
 * it means the start of that day in the zone.
 */
export function parseDateTime(
	cell: string,
	zone: string,
	order: DateOrder = 'mdy',
	allowDateOnly = false
): InstantResult {
	const t = cell.trim();
	if (isBlank(t)) return { ok: false, reason: 'is empty' };
	const ibkr = /^(\d{8})[;,\s]\s*(\d{2})(\d{2})(\d{2})$/.exec(t);
	if (ibkr) {
		const date = parseDate(ibkr[1]!);
		if (!date.ok) return date;
		return wallTimeToInstant(
			{
				...date.value,
				hour: Number(ibkr[2]),
				minute: Number(ibkr[3]),
				second: Number(ibkr[4]),
				millisecond: 0
			},
			zone
		);
	}
	const m =
		/^(\S+?)(?:,?\s+|T)(\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,6})?)?(?:\s*[AaPp][Mm])?)\s*(Z|[+-]\d{2}:?\d{2})?$/.exec(
			t
		);
	if (!m) {
		const dateOnly = parseDate(t, order);
		if (!dateOnly.ok)
			return /^\d/.test(t) && /[-/.]/.test(t)
				? dateOnly
				: { ok: false, reason: `"${t}" is not a date and time` };
		if (!allowDateOnly) return { ok: false, reason: `"${t}" has a date but no time of day` };
		return wallTimeToInstant({ ...dateOnly.value, hour: 0, minute: 0, second: 0, millisecond: 0 }, zone);
	}
	const date = parseDate(m[1]!, order);
	if (!date.ok) return date;
	const time = parseTimeOfDay(m[2]!);
	if (!time.ok) return time;
	const wall: WallTime = { ...date.value, ...time.value };
	const offset = m[3];
	if (offset) {
		const asUtc = wallTimeAsUtc(wall);
		if (offset === 'Z') return { ok: true, value: asUtc };
		const o = /^([+-])(\d{2}):?(\d{2})$/.exec(offset)!;
		const minutes = (Number(o[2]) * 60 + Number(o[3])) * (o[1] === '-' ? -1 : 1);
		return { ok: true, value: asUtc - minutes * 60_000 };
	}
	return wallTimeToInstant(wall, zone);
}

/**
 * The trade date in a DAS-style file name: `Trades_2025-10-10.csv`, `trades 10-10-2025.csv`,
 * `Trades20251010.csv`, `trades_10.10.25.csv`. Null when the name holds no unambiguous date.
 * @example tradeDateFromFileName('Trades_2025-10-15.csv') // '2025-10-15'
 */
export function tradeDateFromFileName(fileName: string): string | null {
	const base = fileName.replace(/\.[^.]+$/, '');
	const candidates = [
		/(?<!\d)(\d{4})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)/,
		/(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{4})(?!\d)/,
		/(?<!\d)(\d{4})(\d{2})(\d{2})(?!\d)/,
		/(?<!\d)(\d{1,2})[-_.](\d{1,2})[-_.](\d{2})(?!\d)/
	];
	for (const [i, pattern] of candidates.entries()) {
		const m = pattern.exec(base);
		if (!m) continue;
		const [year, month, day] =
			i === 0 || i === 2
				? [Number(m[1]), Number(m[2]), Number(m[3])]
				: [i === 3 ? 2000 + Number(m[3]) : Number(m[3]), Number(m[1]), Number(m[2])];
		const checked = checkDate(year, month, day, m[0]);
		if (checked.ok) return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
	}
	return null;
}

/** Side from text that starts with B or S (`Buy`, `BOT`, `B`, `Sell`, `SLD`, `S`, `SS`, `Short`, `BC`). */
export function parseSide(cell: string): Parsed<{ side: 'buy' | 'sell'; shortSale: boolean }> {
	const t = cell.trim().toUpperCase();
	if (t === 'SS' || t === 'SHORT' || t === 'SELL SHORT' || t === 'SHRT')
		return { ok: true, value: { side: 'sell', shortSale: true } };
	if (t.startsWith('B')) return { ok: true, value: { side: 'buy', shortSale: false } };
	if (t.startsWith('S')) return { ok: true, value: { side: 'sell', shortSale: false } };
	return { ok: false, reason: `"${cell.trim()}" is not a side (buy or sell)` };
}

/** Which way a row went, and whether a sell opened a short. */
export type Direction = { side: 'buy' | 'sell'; shortSale: boolean };

/**
 * The direction of a row from its Side cell (`sideCell`; null when the file has no Side column)
 * or, without one, from the quantity's sign: negative quantities are sells. Some files sign sells
 * as well, so a negative buy contradicts itself. Errors go to `fail`; `blankSide` is the reason
 * for an empty Side cell (undefined: parseSide's). Null when the row does not tell.
 */
export function sideOrSign(
	sideCell: string | null,
	quantity: Parsed<number>,
	fail: (field: 'side' | 'quantity', reason: string) => void,
	reasons: { blankSide?: string; negativeBuy: (quantity: number) => string }
): Direction | null {
	if (sideCell === null)
		return quantity.ok && quantity.value !== 0
			? { side: quantity.value < 0 ? 'sell' : 'buy', shortSale: false }
			: null;
	const side = parseSide(sideCell);
	if (!side.ok) fail('side', isBlank(sideCell) && reasons.blankSide ? reasons.blankSide : side.reason);
	else if (quantity.ok && quantity.value < 0 && side.value.side === 'buy')
		fail('quantity', reasons.negativeBuy(quantity.value));
	return side.ok ? side.value : null;
}

/** Symbol as stored: trimmed, upper case, inner runs of blanks kept (OCC symbols pad with spaces). */
export function normalizeSymbol(cell: string): string {
	return cell.trim().toUpperCase();
}

/**
 * OCC option symbol: root padded to 6, `YYMMDD`, `C`/`P`, strike × 1000 in 8 digits. Null when
 * the parts do not fit the OCC layout (root over 6 characters, strike with sub-0.001 digits).
 * @example occSymbol('AAPL', { year: 2026, month: 1, day: 16 }, 'C', 190) // 'AAPL  260116C00190000'
 */
export function occSymbol(
	root: string,
	expiry: { year: number; month: number; day: number },
	right: 'C' | 'P',
	strike: number
): string | null {
	const r = root.trim().toUpperCase();
	const thousandths = Math.round(strike * 1000);
	if (r === '' || r.length > 6 || /\s/.test(r)) return null;
	if (!(strike > 0) || Math.abs(thousandths - strike * 1000) > 1e-6 || thousandths >= 1e8) return null;
	if (expiry.year < 2000 || expiry.year > 2099) return null;
	const yymmdd = [expiry.year % 100, expiry.month, expiry.day]
		.map((n) => String(n).padStart(2, '0'))
		.join('');
	return `${r.padEnd(6)}${yymmdd}${right}${String(thousandths).padStart(8, '0')}`;
}
