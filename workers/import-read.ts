/**
 * Reading a file for import, inside the engine worker: sniffing (format detection and a preview)
 * and the full streaming parse with progress and cancellation. Nothing here writes; the engine
 * commits the result in one transaction.
 */
import type { PreviewRow, Progress, Sniff } from './contract';
import Papa from 'papaparse';
import { detectFormats, formatById, type FormatDef } from '$lib/core/formats';
import { tradeDateFromFileName } from '$lib/core/formats/cells';
import type { DecimalSeparator } from '$lib/core/formats/decimal';
import { GuardedParser } from '$lib/core/formats/guard';
import { LineNumberer, RowTally } from '$lib/core/formats/run';
import { sampleText, type TextEncoding } from '$lib/core/formats/text';
import type { ParseOptions, RowError, RowOutcome, SkippedRow } from '$lib/core/formats/types';
import type { ImportRecord } from '$lib/core/model/records';
import { formatInstant } from '$lib/core/time/zone';
import { guessDialect, streamCsv, type CsvReading } from './csv-stream';

const SAMPLE_BYTES = 64 * 1024;

export class ImportCancelled extends Error {
	constructor() {
		super('The import was cancelled; nothing was stored.');
		this.name = 'ImportCancelled';
	}
}

/**
 * The start of a file split into numbered rows exactly as the import reads it: the same decoding,
 * line breaks and dialect (the last, maybe cut, line dropped unless the whole file fit).
 */
async function readStart(file: File): Promise<{ rows: [string[], number][]; reading: CsvReading }> {
	const bytes = new Uint8Array(await file.slice(0, SAMPLE_BYTES).arrayBuffer());
	const { text, encoding } = sampleText(bytes, file.size <= SAMPLE_BYTES);
	const dialect = guessDialect(text);
	const data = Papa.parse<string[]>(text, {
		delimiter: dialect.delimiter,
		newline: '\n',
		skipEmptyLines: false
	}).data;
	return { rows: new LineNumberer().number(data), reading: { ...dialect, linebreak: '\n', encoding } };
}

/** Reads the start of a file and says which formats it may be. */
export async function sniff(file: File, extra: readonly FormatDef[] = []): Promise<Sniff> {
	const { rows, reading } = await readStart(file);
	const sample = rows.slice(0, 50).map(([cells]) => cells);
	const detected = detectFormats(sample, file.name, extra);
	const best = detected[0]?.format;
	return {
		fileName: file.name,
		size: file.size,
		candidates: detected.map((d) => ({ id: d.format.id, label: d.format.label, score: d.score })),
		sample: sample.slice(0, 12),
		tradeDateFromName: tradeDateFromFileName(file.name),
		symbolFromName: best?.symbolFromFileName?.(file.name) ?? null,
		encoding: reading.encoding,
		decimal: reading.decimal
	};
}

/** The first records of a file as the chosen format and options read them. */
export async function preview(
	file: File,
	format: FormatDef,
	options: ParseOptions,
	limit = 8
): Promise<{
	rows: PreviewRow[];
	errors: RowError[];
	warnings: RowError[];
	encoding: TextEncoding;
	decimal: DecimalSeparator;
}> {
	const { rows: lines, reading } = await readStart(file);
	const parser = new GuardedParser(format.parser(options));
	parser.decimal = reading.decimal;
	const rows: PreviewRow[] = [];
	const errors: RowError[] = [];
	const warnings: RowError[] = [];
	for (const [cells, line] of lines) {
		const outcome = parser.row(cells, line);
		errors.push(...outcome.errors);
		if (outcome.warnings) warnings.push(...outcome.warnings);
		for (const record of outcome.records)
			if (rows.length < limit) rows.push({ line: record.line, cells: describe(record, options.zone) });
		if (rows.length >= limit && errors.length >= limit) break;
	}
	return {
		rows,
		errors: errors.slice(0, limit),
		warnings,
		encoding: reading.encoding,
		decimal: reading.decimal
	};
}

const money = (x: number | null) =>
	x === null ? '—' : x.toLocaleString('en-US', { maximumFractionDigits: 6 });

/** A record as the preview table shows it. */
export function describe(record: ImportRecord, zone: string): Record<string, string> {
	switch (record.kind) {
		case 'execution':
			return {
				Time: formatInstant(record.time, zone),
				Account: record.accountNumber ?? '(chosen)',
				Symbol: record.symbol,
				Side: record.shortSale ? 'sell short' : record.side,
				Quantity: money(record.quantity),
				Price: money(record.price),
				Fees: money(
					record.commission === null && record.fees === null
						? null
						: (record.commission ?? 0) + (record.fees ?? 0)
				)
			};
		case 'journal':
			return {
				Open: formatInstant(record.openTime, zone),
				Close: record.closeTime === null ? 'open' : formatInstant(record.closeTime, zone),
				Symbol: record.symbol,
				Side: record.direction,
				Volume: money(record.volume),
				'Net P&L': money(record.netPnl),
				Risk: money(record.initialRisk),
				Tags: record.tags.join(', ')
			};
		case 'bar':
			return {
				Time: formatInstant(record.time, zone),
				Symbol: record.symbol,
				Open: money(record.open),
				High: money(record.high),
				Low: money(record.low),
				Close: money(record.close),
				Volume: money(record.volume)
			};
	}
}

export interface ParsedFile {
	records: ImportRecord[];
	errors: (RowError & { cells: string[] })[];
	/** Lines read, the header included (as RunResult; see parsedCounts). */
	rows: number;
	/** Lines not data, the header included. */
	skipped: number;
	/** 1 when the first line was the header, else 0. */
	header: number;
	/** Skipped rows (not the header) with their reasons, the first SKIPPED_ROWS_KEPT. */
	skippedRows: SkippedRow[];
	/** What the header lacks that the format could have read. */
	warnings: RowError[];
	/** The encoding the file was read in. */
	encoding: TextEncoding;
	decimal: DecimalSeparator;
}

/**
 * Parses a whole file, streaming, reporting progress after each read and stopping (rejecting
 * with ImportCancelled) as soon as `cancelled()` says so. With `onRecord`, records are handed
 * to it in file order as they are parsed and not collected (`records` stays empty); `pause`, when
 * given, is awaited before each read.
 */
export async function parseFile(
	file: File,
	format: FormatDef,
	options: ParseOptions,
	onProgress: (p: Progress) => void,
	cancelled: () => boolean,
	onRecord?: (record: ImportRecord) => void,
	pause?: () => Promise<void>
): Promise<ParsedFile> {
	const started = performance.now();
	const parser = new GuardedParser(format.parser(options));
	const numberer = new LineNumberer();
	const records: ImportRecord[] = [];
	const errors: ParsedFile['errors'] = [];
	const warnings: RowError[] = [];
	const reading: { encoding: TextEncoding; decimal: DecimalSeparator } = { encoding: 'utf-8', decimal: '.' };
	const tally = new RowTally();
	const take = onRecord ?? ((r: ImportRecord) => void records.push(r));
	const collect = (o: RowOutcome, cells: string[]) => {
		for (let i = 0; i < o.records.length; i++) take(o.records[i]!);
		for (let i = 0; i < o.errors.length; i++) errors.push({ ...o.errors[i]!, cells });
		if (o.warnings) warnings.push(...o.warnings);
	};
	const row = (cells: string[], line: number) => {
		const outcome = parser.row(cells, line);
		tally.count(outcome, line, cells);
		collect(outcome, cells);
	};
	let lastReport = 0;
	const outcome = await streamCsv(
		file,
		(rows, bytes, breakFree) => {
			numberer.each(rows, breakFree, row);
			const now = performance.now();
			if (now - lastReport > 100) {
				lastReport = now;
				onProgress({ bytes, total: file.size, rows: tally.lines - tally.header, elapsedMs: now - started });
			}
		},
		cancelled,
		pause,
		(read) => {
			parser.decimal = read.decimal;
			reading.encoding = read.encoding;
			reading.decimal = read.decimal;
		}
	);
	if (outcome === 'cancelled' || cancelled()) throw new ImportCancelled();
	collect(parser.end(), []);
	// The last report: everything read, every row counted.
	onProgress({
		bytes: file.size,
		total: file.size,
		rows: tally.lines - tally.header,
		elapsedMs: performance.now() - started
	});
	return { records, errors, warnings, ...reading, ...tally.result() };
}

export { formatById };
