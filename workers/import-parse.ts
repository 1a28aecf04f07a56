/**
 * Parsing a file for import into pieces the engine plans as they come: execution records packed
 * into column batches (whose buffers cross between workers without a copy) and the other records
 * (journal trades, bars) as they are. Runs in its own worker (import-parse.worker.ts) so that reading and
 * parsing go on while the engine plans the pieces before; where workers cannot start workers
 * (Node, in tests) the engine runs it in its own thread, with the same pieces in the same order.
 */
import type { ImportRequest, Progress } from './contract';
import { mappedFormat } from '$lib/core/formats/mapped';
import { formatById, type FormatDef } from '$lib/core/formats';
import type { TextEncoding } from '$lib/core/formats/text';
import type { ParseOptions, RowError, SkippedRow } from '$lib/core/formats/types';
import {
	EXECUTIONS_PER_CHUNK,
	ExecutionBatchBuilder,
	type ExecutionBatch
} from '$lib/core/model/execution-codec';
import type { BarRecord, ImportRecord, JournalTradeRecord } from '$lib/core/model/records';
import { parseFile } from './import-read';

/** The format a request names: a built-in one, a saved preset, or a one-off mapping. */
export function resolveFormat(request: ImportRequest): FormatDef | undefined {
	if (request.preset && request.formatId === `preset:${request.preset.id}`)
		return mappedFormat(request.preset.mapping, request.preset);
	if (request.formatId === 'mapped' && request.mapping) return mappedFormat(request.mapping);
	return formatById(request.formatId);
}

/** Consecutive records of one kind, in file order. */
export type ParsedPiece =
	| { kind: 'executions'; batch: ExecutionBatch }
	| { kind: 'other'; records: (JournalTradeRecord | BarRecord)[] };

export interface ParseSummary {
	/** Lines read (blank lines excluded), the header included (see parsedCounts). */
	rows: number;
	/** Lines that are not data (headers, totals), the header included. */
	skipped: number;
	/** 1 when the first line was the header, else 0. */
	header: number;
	/** Skipped rows (not the header) with their reasons. */
	skippedRows: SkippedRow[];
	/** Rows that could not be read, with their cells. */
	errors: (RowError & { cells: string[] })[];
	/** What the header lacks that the format could have read. */
	warnings: RowError[];
	/** The encoding the file was read in. */
	encoding: TextEncoding;
}

/** Other records per piece. */
const OTHER_RECORDS_PER_PIECE = 5_000;

/**
 * Parses `file` as `request` says, handing `onPiece` the records in file order: executions in
 * batches of up to EXECUTIONS_PER_CHUNK, other records in lists. Each call waits for the piece
 * before the last to be taken (so at most two are ever waiting), which keeps a fast reader from
 * piling up a whole file ahead of a slower planner.
 * @throws ImportCancelled when `cancelled()` turns true.
 */
export async function parseInPieces(
	file: File,
	request: ImportRequest,
	options: ParseOptions,
	onPiece: (piece: ParsedPiece) => Promise<void> | void,
	onProgress: (p: Progress) => void,
	cancelled: () => boolean
): Promise<ParseSummary> {
	const format = resolveFormat(request);
	if (!format) throw new Error(`Unknown format "${request.formatId}".`);
	let executions: ExecutionBatchBuilder | null = null;
	let others: (JournalTradeRecord | BarRecord)[] = [];
	let waiting: Promise<void> = Promise.resolve();
	let previous: Promise<void> = Promise.resolve();
	const hand = (piece: ParsedPiece) => {
		const taken = Promise.resolve(onPiece(piece));
		taken.catch(() => undefined);
		// Wait (below, between reads) for the piece before this one.
		waiting = previous;
		previous = taken;
	};
	const flushExecutions = () => {
		if (executions !== null && executions.count > 0) hand({ kind: 'executions', batch: executions.finish() });
		executions = null;
	};
	const flushOthers = () => {
		if (others.length > 0) hand({ kind: 'other', records: others });
		others = [];
	};
	const parsed = await parseFile(
		file,
		format,
		options,
		onProgress,
		cancelled,
		(record: ImportRecord) => {
			if (record.kind === 'execution') {
				flushOthers();
				executions ??= new ExecutionBatchBuilder(EXECUTIONS_PER_CHUNK, 4096);
				executions.push(record);
				if (executions.full) flushExecutions();
			} else {
				flushExecutions();
				others.push(record);
				if (others.length >= OTHER_RECORDS_PER_PIECE) flushOthers();
			}
		},
		() => waiting
	);
	flushExecutions();
	flushOthers();
	await previous;
	await waiting;
	return {
		rows: parsed.rows,
		skipped: parsed.skipped,
		header: parsed.header,
		skippedRows: parsed.skippedRows,
		errors: parsed.errors,
		warnings: parsed.warnings,
		encoding: parsed.encoding
	};
}
