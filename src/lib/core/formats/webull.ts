/**
 * Webull — Orders export (`Webull_Orders_Records.csv`). One row per order: `Filled` is the
 * quantity executed and `Avg Price` its price (`Price` is the order's limit, written `@5.00`).
 * Times carry their zone as an abbreviation (`06/10/2026 09:30:05 EDT`), so no zone is asked.
 * Options are OCC symbols without padding (`SPY260903C00766000`); a multi-leg order is a summary
 * row (`SPXW Vertical`, no symbol) followed by one row per leg, and only the legs are executions.
 * There are no commission, fee, account or order-id columns.
 */
import {
	headerScore,
	isBlank,
	normalizeSymbol,
	parseDateTime,
	parseNumber,
	parseSide,
	type Parsed
} from './cells';
import type { Columns } from './cells';
import { layout, rowErrors, TableParser, tableFormat } from './table';
import { accept, execution, skip, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	name: ['Name'],
	symbol: ['Symbol'],
	side: ['Side'],
	status: ['Status'],
	filled: ['Filled', 'Filled Qty'],
	totalQty: ['Total Qty'],
	avgPrice: ['Avg Price', 'Average Price'],
	placedTime: ['Placed Time'],
	filledTime: ['Filled Time']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['symbol', 'side', 'status', 'filled', 'avgPrice', 'filledTime']);

/** UTC offsets of the abbreviations Webull writes (US zones, and UTC for some accounts). */
const ZONE_OFFSETS: Record<string, string> = {
	EDT: '-04:00',
	EST: '-05:00',
	CDT: '-05:00',
	CST: '-06:00',
	MDT: '-06:00',
	MST: '-07:00',
	PDT: '-07:00',
	PST: '-08:00',
	UTC: 'Z',
	GMT: 'Z'
};

/** Statuses of orders that executed in full or in part: the `Filled` quantity is what executed. */
const FILLED = new Set(['filled', 'partially filled', 'partial filled']);
/** Statuses of orders that ended or wait; they executed only what `Filled` says (usually nothing). */
const ENDED = new Set([
	'cancelled',
	'canceled',
	'partially cancelled',
	'failed',
	'rejected',
	'expired',
	'pending',
	'working',
	'submitted'
]);

/** The summary row of a multi-leg order names its strategy and has no symbol. */
const COMBO =
	/\b(vertical|straddle|strangle|condor|butterfly|calendar|diagonal|spread|collar|covered|ratio|custom|combo)\b/i;

/**
 * A Webull time with its zone abbreviation as an instant (epoch ms, UTC).
 * @example parseWebullTime('06/10/2026 09:30:05 EDT') // { ok: true, value: Date.UTC(2026, 5, 10, 13, 30, 5) }
 */
export function parseWebullTime(cell: string): Parsed<number> {
	const t = cell.trim();
	if (isBlank(t)) return { ok: false, reason: 'is empty' };
	const m = /^(.*\S)\s+([A-Za-z]{2,5})$/.exec(t);
	if (!m || /^[ap]m$/i.test(m[2]!))
		return { ok: false, reason: `"${t}" has no time zone (Webull writes e.g. "06/10/2026 09:30:05 EDT")` };
	const offset = ZONE_OFFSETS[m[2]!.toUpperCase()];
	if (offset === undefined)
		return { ok: false, reason: `"${m[2]}" in "${t}" is not a time zone Fillbook knows` };
	// The explicit offset wins over the zone argument, which is therefore irrelevant here.
	const withOffset = `${m[1]}${offset}`;
	const instant = parseDateTime(withOffset, 'UTC');
	return instant.ok ? instant : { ok: false, reason: instant.reason.replace(withOffset, t) };
}

/**
 * An OCC option symbol as stored, root padded to six characters: `SPY260903C00766000` -> `SPY   260903C00766000`.
 * Null when the text is not an OCC symbol.
 */
export function padOccSymbol(symbol: string): string | null {
	const m = /^([A-Z][A-Z0-9.]{0,5})\s*(\d{6}[CP]\d{8})$/.exec(symbol);
	return m ? `${m[1]!.padEnd(6, ' ')}${m[2]}` : null;
}

export const webull: FormatDef = tableFormat({
	id: 'webull',
	label: 'Webull — Orders',
	// Every time carries its zone.
	defaultZone: null,
	layout: LAYOUT,
	score: (header) =>
		0.8 + 0.15 * headerScore(header, [ALIASES.totalQty, ALIASES.placedTime, ['Time-in-Force'], ALIASES.name]),
	parser: (options) => new WebullParser(LAYOUT, options)
});

class WebullParser extends TableParser<Field> {
	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const { errors, fail, check, positive, rejected } = rowErrors(c, line);

		const statusCell = c.get(cells, 'status').trim();
		const status = statusCell.toLowerCase().replace(/\s+/g, ' ');
		const filledCell = c.get(cells, 'filled');
		const filled = isBlank(filledCell) ? null : parseNumber(filledCell);
		if (filled && !filled.ok) fail('filled', filled.reason);
		else if (filled && filled.value < 0) fail('filled', `must not be negative, is ${filled.value}`);
		if (FILLED.has(status)) {
			if (filled === null) fail('filled', 'is empty');
			else if (filled.ok && filled.value === 0) fail('filled', `is 0 on a ${statusCell} order`);
		} else if (ENDED.has(status)) {
			// A cancelled order may have filled in part before it ended: that part did execute.
			if (filled === null || (filled.ok && filled.value === 0))
				return skip(`a ${statusCell} order that filled nothing`);
		} else {
			fail('status', status === '' ? 'is empty' : `"${statusCell}" is not an order status`);
		}
		if (errors.length > 0 || filled === null || !filled.ok) return rejected();

		const rawSymbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (rawSymbol === '') {
			// The legs of a multi-leg order follow as their own rows; the summary row is not an execution.
			if (COMBO.test(c.get(cells, 'name'))) return skip('the summary of a multi-leg order (its legs follow)');
			fail('symbol', 'is empty');
		}
		const occ = padOccSymbol(rawSymbol);
		const side = check('side', parseSide(c.get(cells, 'side')));
		const price = positive('avgPrice', parseNumber(c.get(cells, 'avgPrice'), { at: true }));
		const time = check('filledTime', parseWebullTime(c.get(cells, 'filledTime')));
		if (errors.length > 0 || !side.ok || !price.ok || !time.ok) return rejected();

		return accept(
			execution({
				symbol: occ ?? rawSymbol,
				assetClass: occ ? 'option' : 'stock',
				side: side.value.side,
				shortSale: side.value.shortSale,
				quantity: filled.value,
				price: price.value,
				time: time.value,
				multiplier: occ ? 100 : null,
				line
			})
		);
	}
}
