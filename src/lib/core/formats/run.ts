import type { ImportRecord } from '../model/records';
import type { FormatDef, ParseOptions, RowError } from './types';

/** Everything a parser made of a whole file. */
export interface RunResult {
	records: ImportRecord[];
	errors: RowError[];
	/** Rows read (data rows and others, blank lines excluded). */
	rows: number;
	skipped: number;
}

/**
 * Feeds rows (already split into cells, 1-based lines) through a format's parser. The import
 * worker does the same chunk by chunk while streaming; this whole-file form serves previews and tests.
 */
export function runFormat(
	format: FormatDef,
	rows: Iterable<[cells: string[], line: number]>,
	options: ParseOptions
): RunResult {
	const parser = format.parser(options);
	const result: RunResult = { records: [], errors: [], rows: 0, skipped: 0 };
	const add = (o: { records: ImportRecord[]; errors: RowError[]; skipped: number }) => {
		for (const r of o.records) result.records.push(r);
		for (const e of o.errors) result.errors.push(e);
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

	/** Numbers a batch of rows; returns only the non-blank ones with their lines. */
	number(rows: string[][]): [string[], number][] {
		const out: [string[], number][] = [];
		for (const cells of rows) {
			if (this.#first) {
				this.#first = false;
				if (cells[0]?.startsWith('\uFEFF')) cells[0] = cells[0].slice(1);
			}
			const line = this.#next;
			let breaks = 0;
			for (const cell of cells)
				if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r\n|\n|\r/g)?.length ?? 0;
			this.#next += 1 + breaks;
			if (!(cells.length === 1 && cells[0]?.trim() === '') && cells.length > 0) out.push([cells, line]);
		}
		return out;
	}
}
