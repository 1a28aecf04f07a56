/**
 * The importer robustness property every format spec states: a good file, corrupted at random,
 * never makes the parser throw, and every row read ends as records, errors or a skip.
 *
 * A spec picks how to corrupt its golden file (cell edits, character swaps or splices), runs
 * its format, and checks the outcome:
 *
 * ```ts
 * assertNeverThrows(cellEdits(fixture(NEW), { values: ['', '--', 'N/A'] }), (text) =>
 * 	expectEveryRowAccounted(importText(webull, text), fileLines(text))
 * );
 * ```
 *
 * Imports are relative (not `$lib`) so Playwright specs can use the same helpers.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { RunResult } from '../../src/lib/core/formats/run';
import type { FormatParser, RowOutcome } from '../../src/lib/core/formats/types';

/**
 * Runs `check` on inputs drawn from `inputs`; a throw anywhere (the parser or an `expect`)
 * fails the property and fast-check shrinks it to the smallest corrupted file.
 */
export function assertNeverThrows<T>(
	inputs: fc.Arbitrary<T>,
	check: (input: T) => void,
	numRuns = 100
): void {
	fc.assert(
		fc.property(inputs, (input) => {
			check(input);
		}),
		{ numRuns }
	);
}

/** How `cellEdits` splits and joins the file. */
export interface CellEditOptions {
	/** Line break of the file (`'\n'` unless given). */
	separator?: string;
	/** Values a cell may become besides an arbitrary string: the spellings that trip parsers. */
	values: readonly string[];
	/** At most this many cells are edited (8 unless given). */
	maxEdits?: number;
}

/**
 * The text with a few cells replaced, each by an arbitrary string or one of `values`. Cells
 * are split naively on commas, so a replacement may also add or remove columns and quotes.
 */
export function cellEdits(text: string, options: CellEditOptions): fc.Arbitrary<string> {
	const separator = options.separator ?? '\n';
	const lines = text.split(separator);
	const edit = fc.record({
		line: fc.nat(),
		cell: fc.nat(),
		value: fc.oneof(fc.string(), fc.constantFrom(...options.values))
	});
	return fc.array(edit, { maxLength: options.maxEdits ?? 8 }).map((edits) => {
		const rows = lines.map((l) => l.split(','));
		for (const e of edits) {
			const row = rows[e.line % rows.length]!;
			row[e.cell % row.length] = e.value;
		}
		return rows.map((r) => r.join(',')).join(separator);
	});
}

/**
 * The text with 1 to `maxEdits` single characters replaced by one of `pieces` (the empty piece
 * deletes a character; a piece at the very end appends).
 */
export function characterSwaps(text: string, pieces: readonly string[], maxEdits = 12): fc.Arbitrary<string> {
	return fc
		.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces)), { minLength: 1, maxLength: maxEdits })
		.map((edits) => {
			let out = text;
			for (const [at, piece] of edits) {
				const i = at % (out.length + 1);
				out = out.slice(0, i) + piece + out.slice(i + 1);
			}
			return out;
		});
}

/** Pieces that break CSV structure, numbers and dates in every format. */
export const CORRUPTION_PIECES: readonly string[] = [
	',',
	';',
	'"',
	'\n',
	'\r\n',
	'',
	'-',
	'/',
	':',
	'.',
	'x',
	'9',
	'0',
	' ',
	'\t'
];

/**
 * The text with up to 12 splices: at a random place, up to 3 characters cut and one piece put
 * (one of `CORRUPTION_PIECES` or `extraPieces`, the spellings a format is sensitive to).
 */
export function corruptions(text: string, extraPieces: readonly string[] = []): fc.Arbitrary<string> {
	const piece = fc.constantFrom(...CORRUPTION_PIECES, ...extraPieces);
	return fc
		.array(fc.record({ at: fc.nat({ max: text.length }), cut: fc.nat({ max: 3 }), put: piece }), {
			maxLength: 12
		})
		.map((edits) => edits.reduce((t, e) => t.slice(0, e.at) + e.put + t.slice(e.at + e.cut), text));
}

/**
 * Every row read ends as records, errors or skipped, exactly one of them, counted once per line.
 * With `fileLines` (the line numbers of the file's rows), every line an outcome names is one of
 * them.
 */
export function expectEveryRowAccounted(result: RunResult, fileLines?: readonly number[]): void {
	const accounted = new Set([...result.records, ...result.errors].map((o) => o.line));
	if (fileLines) {
		const lines = new Set(fileLines);
		expect([...accounted].every((l) => lines.has(l))).toBe(true);
	}
	expect(accounted.size + result.skipped).toBe(result.rows);
}

/**
 * Feeds `rows` (cells and line number) to `parser` row by row: each row gives at least one
 * outcome (a record, an error or a skip), and `end()` has no records left over. `each` may check
 * every outcome further.
 */
export function expectEveryRowAnswered(
	parser: FormatParser,
	rows: Iterable<readonly [string[], number]>,
	each?: (outcome: RowOutcome, line: number) => void
): void {
	for (const [cells, line] of rows) {
		const outcome = parser.row(cells, line);
		expect(outcome.records.length + outcome.errors.length + outcome.skipped).toBeGreaterThan(0);
		each?.(outcome, line);
	}
	expect(parser.end().records).toEqual([]);
}
