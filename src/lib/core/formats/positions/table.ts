/**
 * What every positions parser shares: the header found by name (the first row that is neither
 * blank nor a control line), every other row read by the format, and the snapshot's day.
 */
import type { AssetClass } from '../../model/records';
import { parseOptionSymbol } from '../../instruments';
import { Columns, isBlank, parseDate, parseNumber, type Parsed } from '../cells';
import type { RowError } from '../types';
import type { PositionParse, PositionRecord } from './types';

/** Collects one file's records, errors and skipped rows. */
export class Collected {
	readonly records: PositionRecord[] = [];
	readonly errors: RowError[] = [];
	readonly skipped: { line: number; reason: string }[] = [];

	/** The parse, with the snapshot's day (an error when there is none). */
	result(date: string | null, headerLine: number): PositionParse {
		if (date === null)
			this.errors.push({
				line: headerLine,
				column: null,
				reason: 'the date of the positions is not set (the file has none): enter the day they are of'
			});
		return { records: this.records, errors: this.errors, skipped: this.skipped, date };
	}

	/** The parse on the day the user gave (dayOf's answer): a day that is not one is the header line's error. */
	resultOn(given: Parsed<string | null>, headerLine: number): PositionParse {
		if (given.ok) return this.result(given.value, headerLine);
		this.errors.push({ line: headerLine, column: null, reason: `the date ${given.reason}` });
		return { records: this.records, errors: this.errors, skipped: this.skipped, date: null };
	}
}

/** How a format reads its table. */
export interface TableReader<F extends string> {
	aliases: Record<F, readonly string[]>;
	required: readonly NoInfer<F>[];
	/** Rows that are not the table (IBKR's `"MSG"`, `BOF` … `EOF` lines); skipped with this reason. */
	control?: (cells: string[]) => string | null;
	/** Reads one data row (its width already checked). */
	row: (c: Columns<F>, cells: string[], line: number, out: Collected) => void;
}

/**
 * Reads a one-table file: returns the line of its header (0 when there is none) after feeding
 * each data row to `reader.row`. A header lacking a required column is the file's one error.
 */
export function readTable<F extends string>(
	rows: string[][],
	reader: TableReader<F>,
	out: Collected
): number {
	let columns: Columns<F> | null = null;
	let headerLine = 0;
	for (const [i, cells] of rows.entries()) {
		const line = i + 1;
		if (cells.every(isBlank)) continue;
		const control = reader.control?.(cells) ?? null;
		if (control !== null) {
			out.skipped.push({ line, reason: control });
			continue;
		}
		if (columns === null) {
			columns = new Columns(cells, reader.aliases);
			headerLine = line;
			const missing = columns.missing(reader.required).map((f) => reader.aliases[f][0] ?? f);
			if (missing.length > 0) {
				out.errors.push({ line, column: null, reason: `missing columns: ${missing.join(', ')}` });
				return headerLine;
			}
			continue;
		}
		const wrong = columns.widthError(cells, line);
		if (wrong !== null) out.errors.push(wrong);
		else reader.row(columns, cells, line, out);
	}
	if (columns === null) out.errors.push({ line: 1, column: null, reason: 'the file has no header row' });
	return headerLine;
}

/**
 * The day a snapshot is of from a `YYYY-MM-DD` (or other parseDate layout) text; null when absent.
 * @example dayOf('2025-03-04') // { ok: true, value: '2025-03-04' }
 */
export function dayOf(text: string | null): Parsed<string | null> {
	if (text === null || isBlank(text)) return { ok: true, value: null };
	const d = parseDate(text, 'ymd');
	if (!d.ok) return d;
	const { year, month, day } = d.value;
	return { ok: true, value: `${year}-${pad(month)}-${pad(day)}` };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A signed quantity cell: any number (fractional too); 0 is a flat position the broker lists.
 * @example quantityOf('-1,200') // { ok: true, value: -1200 }
 */
export function quantityOf(cell: string): Parsed<number> {
	return parseNumber(cell.trim());
}

/**
 * An average cost cell: blank gives null; otherwise a price above zero (a flat row's cost is
 * not read: it holds nothing).
 */
export function avgCostOf(cell: string, quantity: number): Parsed<number | null> {
	if (quantity === 0 || isBlank(cell)) return { ok: true, value: null };
	const n = parseNumber(cell.trim());
	if (!n.ok) return n;
	if (!(n.value > 0)) return { ok: false, reason: `must be above zero, is ${n.value}` };
	return n;
}

/** A stock unless the symbol reads as an option symbol (OCC and the brokers' forms). */
export function stockOrOption(symbol: string): AssetClass {
	return parseOptionSymbol(symbol).ok ? 'option' : 'stock';
}
