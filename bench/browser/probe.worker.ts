/**
 * The benchmark's own worker, beside the real engine worker: reads stored executions back
 * (through Fillbook's Dexie database and through bare IndexedDB) and times the import's stages
 * one by one, in this one thread, by calling the same functions a real import calls in the parse
 * worker (parse, pack) and in the engine (hash, plan, commit), where they overlap. Changes
 * nothing in src/ or workers/.
 */
import type { ImportRequest } from '$workers/contract';
import { expose } from 'comlink';
import Dexie from 'dexie';
import {
	decodeExecutions,
	ExecutionBatchBuilder,
	type ExecutionBatch,
	type ExecutionChunk
} from '$lib/core/model/execution-codec';
import type { ExecutionRecord } from '$lib/core/model/records';
import { BROKER_OF, formatById } from '$lib/core/formats';
import { parseNumber, parseOptionalNumber, parseTimeOfDay } from '$lib/core/formats/cells';
import { LineNumberer } from '$lib/core/formats/run';
import type { ParseOptions } from '$lib/core/formats/types';
import { ImportPlanner } from '$lib/core/import/plan';
import { wallTimeToInstant } from '$lib/core/time/zone';
import { CHUNK_SIZE, commitImport, loadStored } from '$lib/db/imports';
import { dbName, FillbookDb, type ImportRow } from '$lib/db/schema';
import { parseFile } from '$workers/import-read';
import { buildTable } from '$workers/trade-table';
import { groupTrades } from '$lib/core/trades/group';
import { streamCsv } from '$workers/csv-stream';

export interface Stage {
	name: string;
	ms: number;
	/** Stages nested in the one before (not added to the total). */
	part?: boolean;
	/** Where a real import does this stage: the parse worker and the engine work at the same time. */
	thread?: 'parse worker' | 'engine';
}

export interface ReadTiming {
	ms: number;
	executions: number;
	chunks: number;
	/** Sum of every execution's time, so the reads cannot be optimised away (and must agree). */
	checksum: number;
}

const MODE = 'paper';

/** Touches every typed-array value and string id of the chunks, as any real reader would. */
function touch(chunks: readonly ExecutionChunk[]): Omit<ReadTiming, 'ms'> {
	let executions = 0;
	let checksum = 0;
	for (const chunk of chunks) {
		executions += chunk.count;
		const time = chunk.time;
		for (let i = 0; i < time.length; i++) checksum += time[i]! / 1e6 + chunk.price[i]! + chunk.quantity[i]!;
		checksum += chunk.id.length;
	}
	return { executions, chunks: chunks.length, checksum };
}

function openRaw(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.open(dbName(MODE));
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('open failed'));
	});
}

const now = () => performance.now();

async function timed<T>(
	stages: Stage[],
	name: string,
	fn: () => T | Promise<T>,
	part = false,
	thread?: Stage['thread']
): Promise<T> {
	const start = now();
	const value = await fn();
	stages.push({ name, ms: now() - start, part, thread });
	return value;
}

function parseOptions(file: File, request: ImportRequest): ParseOptions {
	return { fileName: file.name, zone: request.zone, tradeDate: request.tradeDate, symbol: null };
}

/** Grouping the stored executions into trades, as the engine does, against a sort in this worker. */
export interface GroupTiming {
	buildMs: number;
	groupMs: number[];
	sortMs: number[];
	executions: number;
	trades: number;
}

const api = {
	/**
	 * The stored executions (the benchmark's import) read into one table as the engine reads
	 * them, then grouped into trades `reps` times, alternating with Float64Array.prototype.sort
	 * of as many keys (time + account/symbol group, as grouping orders them).
	 */
	async grouping(reps: number): Promise<GroupTiming> {
		const db = new FillbookDb(MODE);
		await db.open();
		try {
			const start = now();
			const table = await buildTable(db, {});
			const buildMs = now() - start;
			const keys = Float64Array.from(
				table.time.subarray(0, table.count),
				(t, i) => t + table.group[i]! * 1e13
			);
			const groupMs: number[] = [];
			const sortMs: number[] = [];
			let trades = groupTrades(table).length; // warm
			keys.slice().sort();
			for (let r = 0; r < reps; r++) {
				const a = now();
				trades = groupTrades(table).length;
				const b = now();
				keys.slice().sort();
				const c = now();
				groupMs.push(b - a);
				sortMs.push(c - b);
			}
			return { buildMs, groupMs, sortMs, executions: table.count, trades };
		} finally {
			db.close();
		}
	},

	/** All execution chunks through Fillbook's database class (Dexie), every value touched. */
	async readEngine(decode: boolean): Promise<ReadTiming & { decodeMs: number }> {
		const db = new FillbookDb(MODE);
		await db.open();
		try {
			const start = now();
			const chunks = await db.executionChunks.toArray();
			const result = { ms: 0, ...touch(chunks), decodeMs: 0 };
			result.ms = now() - start;
			if (decode) {
				const decodeStart = now();
				let n = 0;
				for (const chunk of chunks) n += decodeExecutions(chunk).length;
				result.decodeMs = now() - decodeStart;
				if (n !== result.executions) throw new Error('decodeExecutions lost executions');
			}
			return result;
		} finally {
			db.close();
		}
	},

	/** The same chunks through the bare IndexedDB API: one getAll() on the object store. */
	async readRaw(): Promise<ReadTiming> {
		const idb = await openRaw();
		try {
			const start = now();
			const chunks = await new Promise<ExecutionChunk[]>((resolve, reject) => {
				const request = idb
					.transaction('executionChunks', 'readonly')
					.objectStore('executionChunks')
					.getAll() as IDBRequest<ExecutionChunk[]>;
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error ?? new Error('getAll failed'));
			});
			const result = { ms: 0, ...touch(chunks) };
			result.ms = now() - start;
			return result;
		} finally {
			idb.close();
		}
	},

	/**
	 * Runs the import of `file` stage by stage, as engine-imports.ts importFile does, timing
	 * each (into a fresh database, which it leaves holding the import).
	 */
	async stages(file: File, request: ImportRequest): Promise<{ stages: Stage[]; imported: number }> {
		const stages: Stage[] = [];
		const format = formatById(request.formatId);
		if (!format) throw new Error(`unknown format ${request.formatId}`);
		const options = parseOptions(file, request);
		await Dexie.delete(dbName(MODE));
		const db = new FillbookDb(MODE);
		await db.open();
		try {
			let rows = 0;
			await timed(
				stages,
				'  of which read + decode + split (streamCsv alone: slices, TextDecoder, Papa.Parser; timed first, separately)',
				() =>
					streamCsv(
						file,
						(batch) => (rows += batch.length),
						() => false
					),
				true
			);
			const parsed = await timed(
				stages,
				'parseFile (streamCsv + LineNumberer + DAS rows -> records)',
				() =>
					parseFile(
						file,
						format,
						options,
						() => undefined,
						() => false
					),
				false,
				'parse worker'
			);
			if (parsed.errors.length > 0) throw new Error(`${parsed.errors.length} rows rejected`);
			const bytes = await timed(
				stages,
				'sha256: file.arrayBuffer()',
				() => file.arrayBuffer(),
				false,
				'engine'
			);
			await timed(
				stages,
				'sha256: crypto.subtle.digest',
				() => crypto.subtle.digest('SHA-256', bytes),
				false,
				'engine'
			);
			const stored = await timed(
				stages,
				'loadStored (empty database)',
				() => loadStored(db),
				false,
				'engine'
			);
			const importId = crypto.randomUUID();
			const broker = BROKER_OF[format.id] ?? format.label;
			const executions = parsed.records.filter((r): r is ExecutionRecord => r.kind === 'execution');
			const batches = await timed(
				stages,
				'pack records into column batches (ExecutionBatchBuilder)',
				() => {
					const out: ExecutionBatch[] = [];
					for (let s = 0; s < executions.length; s += CHUNK_SIZE) {
						const builder = new ExecutionBatchBuilder(CHUNK_SIZE);
						for (let i = s; i < Math.min(executions.length, s + CHUNK_SIZE); i++)
							builder.push(executions[i]!);
						out.push(builder.finish());
					}
					return out;
				},
				false,
				'parse worker'
			);
			await timed(
				stages,
				'  structuredClone of the batches (what the parse worker posts, if not transferred)',
				() => structuredClone(batches),
				true
			);
			const plan = await timed(
				stages,
				'plan the batches (ids, occurrences, dedupe, accounts, chunks)',
				() => {
					const planner = new ImportPlanner(
						{ importId, broker, accountId: request.accountId },
						stored,
						stored.accounts,
						executions.length
					);
					for (const batch of batches) planner.addBatch(batch);
					return planner.finish();
				},
				false,
				'engine'
			);
			await timed(
				stages,
				'  structuredClone of the chunks (what IndexedDB serialises)',
				() => structuredClone(plan.chunks),
				true
			);
			await timed(
				stages,
				'  of which the id columns alone (id, orderId, brokerExecutionId)',
				() => structuredClone(plan.chunks.map((c) => [c.id, c.orderId, c.brokerExecutionId])),
				true
			);
			const row: ImportRow = {
				id: importId,
				fileName: file.name,
				size: file.size,
				hash: '',
				formatId: format.id,
				formatLabel: format.label,
				produces: format.produces,
				zone: request.zone,
				accountId: request.accountId,
				tradeDate: request.tradeDate,
				symbol: null,
				counts: {
					rows: parsed.rows,
					imported: plan.executionCount,
					duplicates: 0,
					rejected: 0,
					skipped: 0
				},
				createdAccounts: plan.newAccounts.map((a) => a.id),
				rejectedRows: [],
				importedAt: Date.now()
			};
			const accounts = plan.newAccounts.map((a) => ({
				id: a.id,
				broker: a.broker,
				number: a.number,
				currency: a.currency ?? 'USD',
				label: '',
				createdAt: row.importedAt
			}));
			await timed(
				stages,
				'commitImport (one IndexedDB transaction)',
				() => commitImport(db, row, plan, accounts),
				false,
				'engine'
			);
			const storedCount = await db.executionChunks.toCollection().toArray();
			return { stages, imported: storedCount.reduce((n, c) => n + c.count, 0) };
		} finally {
			db.close();
		}
	},

	/**
	 * Per-call costs inside the DAS row parser, on the first `limit` rows of the file, scaled to
	 * the whole file (estimates: microbenchmarks of the same functions on the same cells).
	 */
	async rowParts(
		file: File,
		request: ImportRequest,
		limit: number,
		totalRows: number
	): Promise<{ stages: Stage[]; sampled: number }> {
		const format = formatById(request.formatId);
		if (!format) throw new Error(`unknown format ${request.formatId}`);
		const sample: string[][] = [];
		await streamCsv(
			file,
			(batch) => {
				for (const cells of batch) if (sample.length <= limit) sample.push(cells);
			},
			() => sample.length > limit
		);
		const n = sample.length - 1;
		const scale = totalRows / n;
		const stages: Stage[] = [];
		const run = async (name: string, fn: () => unknown) => {
			fn(); // warm
			const start = now();
			fn();
			stages.push({ name, ms: (now() - start) * scale, part: true });
			await Promise.resolve();
		};
		const rows = sample.slice(1);
		const header = sample[0]!;
		await run('LineNumberer.number', () => new LineNumberer().number(sample.map((c) => c)));
		await run('DasParser.row (whole row)', () => {
			const parser = format.parser(parseOptions(file, request));
			parser.row(header, 1);
			for (let i = 0; i < rows.length; i++) parser.row(rows[i]!, i + 2);
		});
		await run('  parseTimeOfDay (regex)', () => {
			for (const cells of rows) parseTimeOfDay(cells[0]!);
		});
		await run('  parseNumber x2 + parseOptionalNumber x2 (regexes)', () => {
			for (const cells of rows) {
				parseNumber(cells[3]!);
				parseNumber(cells[4]!);
				parseOptionalNumber(cells[11]!);
				parseOptionalNumber(cells[12]!);
			}
		});
		const wall = { year: 2025, month: 10, day: 13, hour: 0, minute: 0, second: 0, millisecond: 0 };
		await run('  wallTimeToInstant (per row: 3 offset-cache string keys)', () => {
			for (const cells of rows) {
				const t = parseTimeOfDay(cells[0]!);
				if (t.ok) wallTimeToInstant({ ...wall, ...t.value }, request.zone);
			}
		});
		return { stages, sampled: n };
	}
};

export type ProbeApi = typeof api;

expose(api);
