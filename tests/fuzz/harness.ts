/**
 * The import fuzz harness: mutants of every format's fixtures (tests/fixtures/formats/<format>/)
 * read as the import reads them, and the rules every read must keep:
 * - nothing throws;
 * - every row read is accounted for exactly once: rows read = accepted + refused + skipped
 *   (a row both accepted and refused, or neither, is a violation);
 * - no accepted row has a cell count other than its header's, a control character in its
 *   symbol or account, or a value outside bounds (or not finite);
 * - every refusal names a line where a row starts, and a reason;
 * - the streaming import (parseFile) gives exactly what a whole-text read gives, and the same
 *   file under other line endings (and in UTF-16) gives the same lines and reasons.
 */
import { readdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { formatById, type FormatDef } from '$lib/core/formats';
import { GuardedParser, recordProblems } from '$lib/core/formats/guard';
import { LineNumberer } from '$lib/core/formats/run';
import type { ParseOptions, RowError, RowOutcome } from '$lib/core/formats/types';
import type { ImportRecord } from '$lib/core/model/records';
import { guessDialect } from '$workers/csv-stream';
import { parseFile } from '$workers/import-read';
import { mutate, random, utf16, withLineBreaks } from './mutate';

export const FIXTURES = 'tests/fixtures/formats';

export interface FuzzFigures {
	format: string;
	mutants: number;
	rowsRead: number;
	accepted: number;
	refused: number;
	skipped: number;
	/** Descriptions of the first violations (all are counted). */
	violations: string[];
	violationCount: number;
	ms: number;
}

/** The fixture files of a format directory, as texts. */
export function fixturesOf(formatDir: string): { name: string; text: string }[] {
	return readdirSync(`${FIXTURES}/${formatDir}`)
		.filter((f) => f.endsWith('.csv'))
		.sort()
		.map((name) => ({ name, text: readFileSync(`${FIXTURES}/${formatDir}/${name}`, 'utf8') }));
}

export function formatDirs(): string[] {
	return readdirSync(FIXTURES).sort();
}

function optionsFor(format: FormatDef, fileName: string): ParseOptions {
	return {
		fileName,
		zone: format.defaultZone ?? 'UTC',
		tradeDate: format.needsTradeDate ? (/\d{4}-\d{2}-\d{2}/.exec(fileName)?.[0] ?? '2025-10-13') : null,
		symbol: format.needsSymbol ? (format.symbolFromFileName?.(fileName) ?? 'SPY') : null
	};
}

/** Rows of a text as a whole-text read splits them (line breaks made `\n`, the file's dialect). */
function rowsOf(text: string): { rows: [string[], number][]; decimal: '.' | ',' } {
	const normal = text.replace(/\r\n?/g, '\n');
	const dialect = guessDialect(normal.slice(0, 64 * 1024));
	const data = Papa.parse<string[]>(normal, { delimiter: dialect.delimiter, newline: '\n' }).data;
	return { rows: new LineNumberer().number(data), decimal: dialect.decimal };
}

const blank = (cell: string | undefined) => cell === undefined || cell.trim() === '';
const norm = (cell: string | undefined) => (cell ?? '').trim().toLowerCase();

/** The header row a data row of a format is read against (sections have their own). */
function headerOf(formatId: string, rows: [string[], number][], index: number): string[] | null {
	const row = rows[index]![0];
	const back = (test: (cells: string[]) => boolean): string[] | null => {
		for (let i = index - 1; i >= 0; i--) if (test(rows[i]![0])) return rows[i]![0];
		return null;
	};
	switch (formatId) {
		case 'ibkr-activity':
			return back((c) => c[0] === row[0] && norm(c[1]) === 'header');
		case 'ibkr-flex':
			return row[0] === 'DATA'
				? back((c) => c[0] === 'HEADER' && c[1] === row[1])
				: back((c) => c.some((h) => norm(h) === 'symbol'));
		case 'thinkorswim':
			return back((c) => c.some((h) => norm(h) === 'exec time'));
		default:
			return rows[0]?.[0] ?? null;
	}
}

/** Whether a row's width fits its header: equal, or one trailing empty column on one side. */
function widthFits(formatId: string, cells: string[], header: string[]): boolean {
	const h = header.length;
	// IBKR activity statements may split an unquoted `2026-03-05, 10:00:00` into two cells.
	const split =
		formatId === 'ibkr-activity' &&
		cells.length > h &&
		cells.some(
			(c, i) => /^\s*\d{4}-\d{2}-\d{2}\s*$/.test(c) && /^\s*\d{1,2}:\d{2}:\d{2}\s*$/.test(cells[i + 1] ?? '')
		);
	const n = cells.length - (split ? 1 : 0);
	if (n === h) return true;
	if (blank(header[h - 1])) return n === h - 1;
	return n === h + 1 && blank(cells[cells.length - 1]);
}

const NUMERIC_FIELDS: Record<ImportRecord['kind'], string[]> = {
	execution: ['quantity', 'price', 'time', 'commission', 'fees', 'multiplier', 'brokerPnl'],
	journal: [
		'openTime',
		'closeTime',
		'volume',
		'executionCount',
		'entryPrice',
		'exitPrice',
		'grossPnl',
		'netPnl',
		'commissions',
		'fees',
		'initialRisk',
		'pnlR'
	],
	bar: ['time', 'open', 'high', 'low', 'close', 'volume']
};

interface Read {
	records: ImportRecord[];
	errors: RowError[];
	rows: number;
	skipped: number;
}

/** A whole-text read, row by row, checking that each row is accounted for once. */
function readByRows(
	format: FormatDef,
	text: string,
	options: ParseOptions,
	violation: (what: string) => void
): Read & { rowList: [string[], number][] } {
	const { rows, decimal } = rowsOf(text);
	const parser = new GuardedParser(format.parser(options));
	parser.decimal = decimal;
	const read: Read = { records: [], errors: [], rows: 0, skipped: 0 };
	const accepted = new Set<number>();
	const refused = new Set<number>();
	const pending = new Set<number>();
	const take = (o: RowOutcome) => {
		read.records.push(...o.records);
		read.errors.push(...o.errors);
		read.skipped += o.skipped;
		for (const r of o.records) accepted.add(r.line);
		for (const e of o.errors) refused.add(e.line);
	};
	for (const [cells, line] of rows) {
		read.rows++;
		const o = parser.row(cells, line);
		const parts = (o.records.length > 0 ? 1 : 0) + (o.errors.length > 0 ? 1 : 0) + o.skipped;
		if (parts === 0) pending.add(line);
		else if (o.skipped > 1 || (o.skipped === 1 && parts > 1))
			violation(`line ${line}: skipped and also accepted or refused`);
		take(o);
	}
	take(parser.end());
	for (const line of accepted) if (refused.has(line)) violation(`line ${line}: both accepted and refused`);
	for (const line of pending)
		if (!accepted.has(line) && !refused.has(line))
			violation(`line ${line}: read but neither accepted, refused nor skipped`);
	const lines = new Set(rows.map(([, line]) => line));
	const counted = new Set([...accepted, ...refused]);
	if (read.rows !== counted.size + read.skipped)
		violation(
			`rows read ${read.rows} ≠ accepted ${accepted.size} + refused ${refused.size} + skipped ${read.skipped}`
		);
	for (const e of read.errors) {
		if (!lines.has(e.line)) violation(`refusal on line ${e.line}, where no row starts: ${e.reason}`);
		if (typeof e.reason !== 'string' || e.reason.trim() === '')
			violation(`refusal on line ${e.line} gives no reason`);
	}
	for (const r of read.records)
		if (!lines.has(r.line)) violation(`record on line ${r.line}, where no row starts`);
	return { ...read, rowList: rows };
}

/** The lines and reasons of a read, for comparing two reads. */
function digest(read: Pick<Read, 'records' | 'errors'>): string {
	return JSON.stringify([
		read.records.map((r) => [r.line, r.kind, r.symbol]),
		read.errors.map((e) => [e.line, e.column, e.reason])
	]);
}

async function readStreaming(
	format: FormatDef,
	bytes: Uint8Array<ArrayBuffer> | string,
	options: ParseOptions
) {
	return parseFile(
		new File([bytes], options.fileName),
		format,
		options,
		() => undefined,
		() => false
	);
}

/** Runs `mutants` mutants of the format's fixtures (round robin) from `seed`. */
export async function fuzzFormat(formatDir: string, mutants: number, seed = 1): Promise<FuzzFigures> {
	const format = formatById(formatDir);
	if (!format) throw new Error(`no format "${formatDir}" for ${FIXTURES}/${formatDir}`);
	const fixtures = fixturesOf(formatDir);
	const started = performance.now();
	const figures: FuzzFigures = {
		format: formatDir,
		mutants: 0,
		rowsRead: 0,
		accepted: 0,
		refused: 0,
		skipped: 0,
		violations: [],
		violationCount: 0,
		ms: 0
	};
	for (let m = 0; m < mutants; m++) {
		const fixture = fixtures[m % fixtures.length]!;
		const rand = random(seed * 1_000_003 + m);
		const mutant = mutate(fixture.text, rand);
		const options = optionsFor(format, fixture.name);
		const violation = (what: string) => {
			figures.violationCount++;
			if (figures.violations.length < 20)
				figures.violations.push(`${fixture.name} #${m} [${mutant.applied.join('; ')}]: ${what}`);
		};
		figures.mutants++;
		try {
			const whole = readByRows(format, mutant.text, options, violation);
			figures.rowsRead += whole.rows;
			figures.skipped += whole.skipped;
			figures.accepted += new Set(whole.records.map((r) => r.line)).size;
			figures.refused += new Set(whole.errors.map((e) => e.line)).size;
			const byLine = new Map(whole.rowList.map(([, line], i) => [line, i]));
			for (const record of whole.records) {
				for (const problem of recordProblems(record)) violation(`line ${record.line} accepted: ${problem}`);
				const fields = record as unknown as Record<string, unknown>;
				for (const field of NUMERIC_FIELDS[record.kind]) {
					const value = fields[field];
					if (value !== null && !(typeof value === 'number' && Number.isFinite(value)))
						violation(`line ${record.line} accepted with ${field} ${JSON.stringify(value)}`);
				}
				const at = byLine.get(record.line);
				if (at === undefined) continue;
				const cells = whole.rowList[at]![0];
				const header = headerOf(formatDir, whole.rowList, at);
				if (header && !widthFits(formatDir, cells, header))
					violation(
						`line ${record.line} accepted with ${cells.length} cells where its header has ${header.length}`
					);
			}
			// The import's streaming read gives exactly the whole-text read.
			const streamed = await readStreaming(format, mutant.text, options);
			if (
				streamed.rows !== whole.rows ||
				streamed.skipped !== whole.skipped ||
				digest(streamed) !== digest(whole)
			)
				violation(`the streaming import differs from the whole-text read`);
			// Other line endings, and UTF-16, give the same lines and reasons (every 4th mutant).
			if (m % 4 === 0) {
				const style = (['\n', '\r\n', '\r'] as const)[m % 3]!;
				const other = await readStreaming(format, withLineBreaks(mutant.text, style), options);
				if (digest(other) !== digest(streamed))
					violation(`line endings ${JSON.stringify(style)} change what is read`);
				const wide = await readStreaming(format, utf16(mutant.text, m % 8 === 0 ? 'le' : 'be'), options);
				if (digest(wide) !== digest(streamed)) violation(`UTF-16 changes what is read`);
			}
		} catch (error) {
			violation(`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		}
	}
	figures.ms = Math.round(performance.now() - started);
	return figures;
}

/** A table of figures, one format a line. */
export function figuresTable(all: FuzzFigures[]): string {
	const head = ['format', 'mutants', 'rows read', 'accepted', 'refused', 'skipped', 'violations', 'ms'];
	const lines = all.map((f) => [
		f.format,
		f.mutants,
		f.rowsRead,
		f.accepted,
		f.refused,
		f.skipped,
		f.violationCount,
		f.ms
	]);
	const total = all.reduce(
		(t, f) => [
			'all',
			(t[1] as number) + f.mutants,
			(t[2] as number) + f.rowsRead,
			(t[3] as number) + f.accepted,
			(t[4] as number) + f.refused,
			(t[5] as number) + f.skipped,
			(t[6] as number) + f.violationCount,
			(t[7] as number) + f.ms
		],
		['all', 0, 0, 0, 0, 0, 0, 0] as (string | number)[]
	);
	return [head, ...lines, total]
		.map(
			(row) =>
				'| ' + row.map((c) => (typeof c === 'number' ? c.toLocaleString('en-US') : c)).join(' | ') + ' |'
		)
		.join('\n')
		.replace(/\n/, '\n|' + head.map(() => ' --- |').join('') + '\n');
}

/**
 * The engine level: `mutants` mutants imported by the engine (into a fake IndexedDB), each
 * import's counts adding up (rows read = imported + already stored + refused + skipped) and its
 * record naming the encoding. Returns the violations and how many mutants were imported (the
 * others were refused as a whole, storing nothing).
 */
export async function fuzzEngine(
	formatDir: string,
	mutants: number,
	seed = 1
): Promise<{ violations: string[]; imported: number }> {
	const { default: Dexie } = await import('dexie');
	const { dbName } = await import('$lib/db/schema');
	const { createEngineApi } = await import('$workers/engine-api');
	const format = formatById(formatDir)!;
	const fixtures = fixturesOf(formatDir);
	const violations: string[] = [];
	let imported = 0;
	for (let m = 0; m < mutants; m++) {
		const fixture = fixtures[m % fixtures.length]!;
		const mutant = mutate(fixture.text, random(seed * 1_000_003 + m));
		const options = optionsFor(format, fixture.name);
		const where = `${fixture.name} #${m} [${mutant.applied.join('; ')}]`;
		await Dexie.delete(dbName('paper'));
		const engine = createEngineApi();
		try {
			const outcome = await engine.importFile(
				'paper',
				`fuzz-${m}`,
				new File([mutant.text], fixture.name),
				{
					formatId: formatDir,
					zone: options.zone,
					tradeDate: options.tradeDate,
					symbol: options.symbol,
					accountId: null,
					newAccountCurrency: 'USD'
				},
				() => undefined
			);
			if (!outcome.ok) continue; // refused as a whole (e.g. an account is needed): nothing stored
			imported++;
			const { rows, imported: stored, duplicates, rejected, skipped } = outcome.counts;
			if (stored + duplicates + rejected + skipped !== rows)
				violations.push(
					`${where}: rows read ${rows} ≠ imported ${stored} + already stored ${duplicates} + rejected ${rejected} + skipped ${skipped}`
				);
			const [record] = await engine.listImports('paper');
			if (!record?.encoding) violations.push(`${where}: the import record names no encoding`);
			for (const r of record?.rejectedRows ?? [])
				if (!(r.line >= 1) || r.reason.trim() === '')
					violations.push(`${where}: a rejection without line or reason`);
		} catch (error) {
			violations.push(`${where}: threw ${error instanceof Error ? error.message : String(error)}`);
		} finally {
			await engine.close();
		}
	}
	await Dexie.delete(dbName('paper'));
	return { violations, imported };
}
