/**
 * The property every format's spec checks: a parser fed a corrupted file never throws, and every
 * row it reads ends as records, errors or a skip, each on its own line. Here are the ways the
 * specs corrupt a file (characters, cells, or parsed rows) and the checks they make.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type { FormatDef, ParseOptions } from '../../src/lib/core/formats/types';
import type { ImportRecord } from '../../src/lib/core/model/records';
import { importText, sampleOf, splitCsv } from './formats-testing';

/** Pieces every character-level corruption may put in. */
const PIECES = [',', ';', '"', '\n', '\r\n', '', '-', '/', ':', '.', 'x', '9', '0', ' ', '\t'];

/** The text with a few runs of up to 3 characters replaced by pieces (PIECES and `extra`), or removed. */
export function corruptions(text: string, extra: readonly string[]): fc.Arbitrary<string> {
	const piece = fc.constantFrom(...PIECES, ...extra);
	return fc
		.array(fc.record({ at: fc.nat({ max: text.length }), cut: fc.nat({ max: 3 }), put: piece }), {
			maxLength: 12
		})
		.map((edits) => edits.reduce((t, e) => t.slice(0, e.at) + e.put + t.slice(e.at + e.cut), text));
}

/** The text with 1 to 12 single characters each replaced by one of `pieces` (or put at the end). */
export function splices(text: string, pieces: readonly string[]): fc.Arbitrary<string> {
	return fc
		.array(fc.tuple(fc.nat(), fc.constantFrom(...pieces)), { minLength: 1, maxLength: 12 })
		.map((edits) =>
			edits.reduce((t, [at, piece]) => {
				const i = at % (t.length + 1);
				return t.slice(0, i) + piece + t.slice(i + 1);
			}, text)
		);
}

/**
 * The lines (split at commas) with up to 8 cells replaced by any string or one of `values`, joined
 * again with `join`.
 */
export function cellEdits(
	lines: readonly string[],
	values: readonly string[],
	join = '\n'
): fc.Arbitrary<string> {
	const value = fc.oneof(fc.string(), fc.constantFrom(...values));
	return fc.array(fc.record({ line: fc.nat(), cell: fc.nat(), value }), { maxLength: 8 }).map((edits) => {
		const rows = lines.map((l) => l.split(','));
		for (const e of edits) {
			const row = rows[e.line % rows.length]!;
			row[e.cell % row.length] = e.value;
		}
		return rows.map((r) => r.join(',')).join(join);
	});
}

/** Parsed rows with up to 25 cells replaced by one of `values`, or rows cut short. */
export function rowMutations(
	rows: readonly [string[], number][],
	values: fc.Arbitrary<string>
): fc.Arbitrary<[string[], number][]> {
	const mutation = fc.record({ row: fc.nat(), cell: fc.nat(), value: values, truncate: fc.boolean() });
	return fc.array(mutation, { maxLength: 25 }).map((mutations) => {
		const mutated = rows.map(([cells, line]): [string[], number] => [[...cells], line]);
		for (const m of mutations) {
			const target = mutated[m.row % mutated.length]![0];
			if (m.truncate) target.length = m.cell % (target.length + 1);
			else target[m.cell % Math.max(1, target.length)] = m.value;
		}
		return mutated;
	});
}

/**
 * Imports a text as the import does and checks that every row read ends as records, errors or
 * skipped, exactly one of them, and that records and errors name lines of the file.
 */
export function expectEveryRowAccounted(
	format: FormatDef,
	text: string,
	options: Partial<ParseOptions> = {}
): void {
	const result = importText(format, text, options);
	const fileLines = new Set(splitCsv(text).map(([, line]) => line));
	const accounted = new Set([...result.records, ...result.errors].map((o) => o.line));
	expect([...accounted].every((l) => fileLines.has(l))).toBe(true);
	expect(accounted.size + result.skipped).toBe(result.rows);
}

/**
 * Feeds rows to a format's parser one by one (detection first, on the text when given) and checks
 * that each row gives records, errors or a skip, all on its own line, that every record passes
 * `check`, and that the end of the file adds nothing.
 */
export function expectEachRowAnswered(
	format: FormatDef,
	rows: Iterable<[string[], number]>,
	options: Partial<ParseOptions> = {},
	check: (record: ImportRecord) => void = () => {}
): void {
	const parser = format.parser({
		fileName: options.fileName ?? 'x.csv',
		zone: options.zone ?? 'America/New_York',
		tradeDate: options.tradeDate ?? null,
		symbol: options.symbol ?? null
	});
	for (const [cells, line] of rows) {
		const out = parser.row(cells, line);
		expect(out.records.length + out.errors.length + out.skipped).toBeGreaterThan(0);
		for (const e of out.errors) expect(e.line).toBe(line);
		for (const r of out.records) {
			expect(r.line).toBe(line);
			check(r);
		}
	}
	expect(parser.end()).toEqual({ records: [], errors: [], skipped: 0 });
}

/** expectEachRowAnswered on a text, after checking that detecting its format does not throw. */
export function expectTextAnswered(
	format: FormatDef,
	text: string,
	options: Partial<ParseOptions> = {},
	check?: (record: ImportRecord) => void
): void {
	expect(() => format.detect(sampleOf(text), 'x.csv')).not.toThrow();
	expectEachRowAnswered(format, splitCsv(text), options, check);
}

/** A record check for expectEachRowAnswered: an execution of a positive quantity at a finite price and time. */
export function expectSaneExecution(r: ImportRecord): void {
	if (r.kind !== 'execution') throw new Error('not an execution');
	expect(r.quantity).toBeGreaterThan(0);
	expect(Number.isFinite(r.price) && Number.isFinite(r.time)).toBe(true);
}

/** Checks, on every text `texts` gives (`runs` of them), that importing it accounts for every row (expectEveryRowAccounted). */
export function expectAlwaysAccounted(
	format: FormatDef,
	texts: fc.Arbitrary<string>,
	options: Partial<ParseOptions> = {},
	runs?: number
): void {
	fc.assert(
		fc.property(texts, (text) => expectEveryRowAccounted(format, text, options)),
		runs === undefined ? undefined : { numRuns: runs }
	);
}

/** Checks, on every text `texts` gives (`runs` of them), that detection and each row answer (expectTextAnswered). */
export function expectAlwaysAnswered(format: FormatDef, texts: fc.Arbitrary<string>, runs: number): void {
	fc.assert(
		fc.property(texts, (text) => expectTextAnswered(format, text)),
		{ numRuns: runs }
	);
}
