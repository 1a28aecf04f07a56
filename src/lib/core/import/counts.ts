/**
 * An import's row counts as the user reads them, and their sum over several imports (the
 * "Import all" summary). See RowCounts for what each count is.
 */
import type { RowCounts, RowError } from '../formats/types';

export const NO_COUNTS: Readonly<RowCounts> = Object.freeze({
	rows: 0,
	imported: 0,
	duplicates: 0,
	rejected: 0,
	skipped: 0
});

const n = (x: number) => x.toLocaleString('en-US');

/**
 * The counts in one line.
 * @example describeCounts({ rows: 197, imported: 190, duplicates: 3, rejected: 2, skipped: 2 })
 * // '197 rows read: 190 imported, 3 already stored, 2 rejected, 2 skipped'
 */
export function describeCounts(c: RowCounts): string {
	return `${n(c.rows)} row${c.rows === 1 ? '' : 's'} read: ${n(c.imported)} imported, ${n(c.duplicates)} already stored, ${n(c.rejected)} rejected, ${n(c.skipped)} skipped`;
}

/** The sum of several imports' counts. */
export function addCounts(all: readonly RowCounts[]): RowCounts {
	const total = { ...NO_COUNTS };
	for (const c of all) {
		total.rows += c.rows;
		total.imported += c.imported;
		total.duplicates += c.duplicates;
		total.rejected += c.rejected;
		total.skipped += c.skipped;
	}
	return total;
}

/**
 * Rejected rows one per line, in line order, a line's problems joined: a row with two problems
 * is one rejected row.
 * @example rejectedByLine([{ line: 4, column: 'Qty', reason: 'is empty' }, { line: 4, column: null, reason: 'x' }])
 * // [{ line: 4, reason: 'Qty is empty; x' }]
 */
export function rejectedByLine(errors: readonly RowError[]): { line: number; reason: string }[] {
	const byLine = new Map<number, string[]>();
	for (const e of errors) {
		let reasons = byLine.get(e.line);
		if (!reasons) byLine.set(e.line, (reasons = []));
		reasons.push(e.column ? `${e.column} ${e.reason}` : e.reason);
	}
	return [...byLine]
		.sort(([a], [b]) => a - b)
		.map(([line, reasons]) => ({ line, reason: reasons.join('; ') }));
}
