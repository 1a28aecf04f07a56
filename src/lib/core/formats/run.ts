import type { ImportRecord } from '../model/records';
import type { DecimalSeparator } from './decimal';
import { GuardedParser } from './guard';
import type { FormatDef, ParseOptions, RowError, RowOutcome } from './types';

/** Everything a parser made of a whole file. */
export interface RunResult {
	records: ImportRecord[];
	errors: RowError[];
	/** Rows read (data rows and others, blank lines excluded). */
	rows: number;
	skipped: number;
	/** What the header lacks that the format could have read (a damaged optional column's name). */
	warnings: RowError[];
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
	const result: RunResult = { records: [], errors: [], rows: 0, skipped: 0, warnings: [] };
	const add = (o: RowOutcome) => {
		for (const r of o.records) result.records.push(r);
		for (const e of o.errors) result.errors.push(e);
		if (o.warnings) for (const w of o.warnings) result.warnings.push(w);
		result.skipped += o.skipped;
	};
	for (const [cells, line] of rows) {
		result.rows++;
		add(parser.row(cells, line));
	}
	add(parser.end());
	return result;
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
