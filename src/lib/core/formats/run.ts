import type { ImportRecord } from '../model/records';
import type { DecimalSeparator } from './decimal';
import { GuardedParser } from './guard';
import type { FormatDef, ParseOptions, RowError, RowOutcome, SkippedRow } from './types';

/** Everything a parser made of a whole file. */
export interface RunResult {
	records: ImportRecord[];
	errors: RowError[];
	/** Lines read (blank lines excluded), the header included; see parsedCounts for rows. */
	rows: number;
	/** Lines that are not data, the header included. */
	skipped: number;
	/** 1 when the first line was a header (skipped by the parser), else 0. Not a row (RowCounts). */
	header: number;
	/** The skipped rows (not the header) with their reasons, the first SKIPPED_ROWS_KEPT of them. */
	skippedRows: SkippedRow[];
	/** What the header lacks that the format could have read (a damaged optional column's name). */
	warnings: RowError[];
}

/** How many skipped rows an import keeps with their reasons (the count stays exact). */
export const SKIPPED_ROWS_KEPT = 1000;

/**
 * Counts a file's lines outcome by outcome, in file order, and keeps the skipped rows with their
 * reasons (the parser's, or one that says what the row is). The first line, when the parser
 * skipped it, is the header: counted in `lines` and `skipped` as parsers count it, and in
 * `header`, but not listed. (A line may give nothing yet: its record or error comes with a later
 * outcome, under its own line number.)
 */
export class RowTally {
	lines = 0;
	skipped = 0;
	header = 0;
	readonly skippedRows: SkippedRow[] = [];

	/** The counts as RunResult gives them. */
	result(): Pick<RunResult, 'rows' | 'skipped' | 'header' | 'skippedRows'> {
		return { rows: this.lines, skipped: this.skipped, header: this.header, skippedRows: this.skippedRows };
	}

	count(outcome: RowOutcome, line: number, cells: readonly string[]): void {
		this.lines++;
		if (outcome.skipped === 0) return;
		this.skipped += outcome.skipped;
		if (this.lines === 1) this.header = 1;
		else if (this.skippedRows.length < SKIPPED_ROWS_KEPT)
			this.skippedRows.push({ line, reason: outcome.skippedReason ?? skippedReason(cells) });
	}
}

/**
 * A parse's RowCounts before planning (header excluded): `rows = records + rejected + skipped`,
 * where records are the rows that gave a record (each row gives at most one). Planning splits
 * the records into imported, duplicates and rejected (a record with no account).
 */
export function parsedCounts(result: Pick<RunResult, 'rows' | 'skipped' | 'header' | 'errors'>): {
	rows: number;
	rejected: number;
	skipped: number;
} {
	return {
		rows: result.rows - result.header,
		rejected: new Set(result.errors.map((e) => e.line)).size,
		skipped: result.skipped - result.header
	};
}

/** What a skipped row is, when its parser did not say. */
function skippedReason(cells: readonly string[]): string {
	const shown = cells.map((c) => c.trim()).filter((c) => c !== '');
	if (shown.length === 0) return 'every cell is empty';
	const start = shown.slice(0, 3).join(', ');
	return `not a trade row (${start.length > 60 ? `${start.slice(0, 60)}…` : start}${shown.length > 3 ? ', …' : ''})`;
}

/**
 * Feeds rows (already split into cells, 1-based lines) through a format's parser. The import
 * worker does the same chunk by chunk while streaming; this whole-file form serves previews and tests.
 */
export function runFormat(
	format: FormatDef,
	rows: Iterable<[cells: string[], line: number]>,
	options: ParseOptions,
	decimal: DecimalSeparator = '.'
): RunResult {
	const parser = new GuardedParser(format.parser(options));
	parser.decimal = decimal;
	const tally = new RowTally();
	const records: ImportRecord[] = [];
	const errors: RowError[] = [];
	const warnings: RowError[] = [];
	const add = (o: RowOutcome) => {
		for (const r of o.records) records.push(r);
		for (const e of o.errors) errors.push(e);
		if (o.warnings) for (const w of o.warnings) warnings.push(w);
	};
	for (const [cells, line] of rows) {
		const outcome = parser.row(cells, line);
		tally.count(outcome, line, cells);
		add(outcome);
	}
	add(parser.end());
	return { records, errors, warnings, ...tally.result() };
}

/**
 * Gives each parsed CSV row its 1-based line number in the file and drops blank lines. Feed it
 * rows in file order, chunk after chunk; a quoted cell spanning lines advances the count.
 */
export class LineNumberer {
	#next = 1;
	#first = true;

	/**
	 * Numbers a batch of rows; returns only the non-blank ones with their lines. `breakFree` is a
	 * promise from the caller that no cell of the batch holds a line break (`\r` or `\n`), e.g.
	 * because the text the batch was split from has no quote character; the cells are then not
	 * scanned. Without it every cell is checked.
	 */
	number(rows: string[][], breakFree = false): [string[], number][] {
		const out: [string[], number][] = [];
		this.each(rows, breakFree, (cells, line) => {
			out.push([cells, line]);
		});
		return out;
	}

	/** number() without the pairs: calls `visit` with each non-blank row and its line, in order. */
	each(rows: string[][], breakFree: boolean, visit: (cells: string[], line: number) => void): void {
		for (let r = 0; r < rows.length; r++) {
			const cells = rows[r]!;
			if (this.#first) {
				this.#first = false;
				if (cells[0]?.startsWith('\uFEFF')) cells[0] = cells[0].slice(1);
			}
			const line = this.#next;
			this.#next += breakFree ? 1 : 1 + lineBreaks(cells);
			if (cells.length > 1 || (cells.length === 1 && cells[0]?.trim() !== '')) visit(cells, line);
		}
	}
}

/** Line breaks (`\r\n`, `\n` or `\r`, each one) inside the cells of a row. */
function lineBreaks(cells: readonly string[]): number {
	let breaks = 0;
	for (const cell of cells)
		if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\n|\r/g)?.length ?? 0;
	return breaks;
}

/**
 * Whether no cell split from `text` by a CSV parser (quote `"`, the given line break) can hold a
 * `\r` or `\n`: the text has no quote (so no cell spans lines) and no `\r` or `\n` other than
 * as part of its line breaks. Cheap (a few native scans); false whenever in doubt.
 */
export function cellsAreBreakFree(text: string, linebreak: string): boolean {
	if (text.includes('"')) return false;
	if (linebreak === '\n') return !text.includes('\r');
	if (linebreak === '\r') return !text.includes('\n');
	if (linebreak !== '\r\n') return false;
	// Every \n must follow a \r and every \r precede a \n.
	for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
		if (at === 0 || text.charCodeAt(at - 1) !== 13) return false;
	for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1))
		if (text.charCodeAt(at + 1) !== 10) return false;
	return true;
}
