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
