/**
 * Executions as columns: a parsing worker's batch, the chunks IndexedDB stores, and the codec
 * between them and `Execution` objects (model/execution.ts). Strings are packed (`PackedText`)
 * or coded through a dictionary; ids are kept as two 32-bit halves.
 */
import { idHex, idLanes } from '../identity';
import type { Execution } from './execution';
import type { AssetClass, ExecutionRecord } from './records';

/**
 * The strings of one column packed into one string. IndexedDB (and postMessage) clone one long
 * string as one copy, but 50,000 short ones as 50,000 allocations: for the high-cardinality
 * columns (order ids, broker execution ids) that was most of the cost of storing a chunk.
 */
export interface PackedText {
	/** Every value, one after another. */
	text: string;
	/** End offset in `text` of value i (its start is value i-1's end, or 0). */
	end: Uint32Array;
	/** 1 where value i is a string, 0 where it is null (then its text is empty). */
	present: Uint8Array;
}

/** Value `i` of a packed column. */
export function textAt(column: PackedText, i: number): string | null {
	if (column.present[i] === 0) return null;
	return column.text.substring(i === 0 ? 0 : column.end[i - 1]!, column.end[i]);
}

/**
 * The columns an execution import batch and a stored chunk share. Low-cardinality strings
 * (symbols, venues…) are codes into `dict`, whose entry 0 stands for null; `NaN` stands for
 * null in numeric columns that may be empty.
 */
export interface ExecutionColumns {
	count: number;
	dict: string[];
	time: Float64Array;
	price: Float64Array;
	quantity: Float64Array;
	commission: Float64Array;
	fees: Float64Array;
	brokerPnl: Float64Array;
	multiplier: Float64Array;
	line: Uint32Array;
	/** 0 = buy, 1 = sell. */
	side: Uint8Array;
	shortSale: Uint8Array;
	/** 0 = not stated, 1 = open, 2 = close. */
	positionEffect: Uint8Array;
	symbol: Uint32Array;
	assetClass: Uint32Array;
	currency: Uint32Array;
	venue: Uint32Array;
	orderId: PackedText;
	brokerExecutionId: PackedText;
}

/**
 * Execution records as a file gave them, column by column, before they have ids and accounts:
 * what a parsing worker hands the engine (its buffers transfer without a copy).
 */
export interface ExecutionBatch extends ExecutionColumns {
	/** Account numbers as the file writes them; entry 0 stands for "the file names none". */
	accountNumbers: string[];
	/** Code into `accountNumbers` per execution. */
	accountNumber: Uint32Array;
}

/**
 * Executions stored column by column: IndexedDB writes about 1M rows a second as a few dozen
 * chunks of typed arrays, against 5-11k a second as one record per execution.
 */
export interface ExecutionChunk extends ExecutionColumns {
	importId: string;
	/** Smallest and largest `time` in the chunk (epoch ms, UTC), for range reads. */
	firstTime: number;
	lastTime: number;
	/** Execution ids as two 32-bit halves each (high, low): id i is idHex(id[2i], id[2i+1]). */
	id: Uint32Array;
	accountId: Uint32Array;
}

/** Executions per stored chunk: large enough for fast writes, small enough to read in pieces. */
export const EXECUTIONS_PER_CHUNK = 50_000;

/** Index 0 of every dictionary is null. */
const NULL_ENTRY = 0;
const NULL_TEXT = '\u0000null';

/** A dictionary under construction: one code per distinct string, 0 for null. */
class Dictionary {
	readonly entries: string[] = [NULL_TEXT];
	readonly #codes = new Map<string, number>();

	code(value: string | null): number {
		if (value === null) return NULL_ENTRY;
		let at = this.#codes.get(value);
		if (at === undefined) {
			at = this.entries.length;
			this.entries.push(value);
			this.#codes.set(value, at);
		}
		return at;
	}
}

/** A packed text column under construction. */
class PackedTextBuilder {
	readonly #parts: string[] = [];
	#length = 0;
	end: Uint32Array;
	present: Uint8Array;

	constructor(capacity: number) {
		this.end = new Uint32Array(capacity);
		this.present = new Uint8Array(capacity);
	}

	set(i: number, value: string | null): void {
		if (value !== null) {
			this.#parts.push(value);
			this.#length += value.length;
			this.present[i] = 1;
		}
		this.end[i] = this.#length;
	}

	grow(capacity: number): void {
		this.end = grown(this.end, capacity);
		this.present = grown(this.present, capacity);
	}

	finish(count: number): PackedText {
		return { text: this.#parts.join(''), end: fit(this.end, count), present: fit(this.present, count) };
	}
}

/** A copy of `a` with room for `capacity` values. */
function grown<T extends Float64Array | Uint32Array | Uint8Array>(a: T, capacity: number): T {
	const out = new (a.constructor as new (n: number) => T)(capacity);
	out.set(a);
	return out;
}

/** `a` cut to `count` values, as a copy when shorter (a view would keep, and clone, the whole buffer). */
function fit<T extends Float64Array | Uint32Array | Uint8Array>(a: T, count: number): T {
	return (count === a.length ? a : a.slice(0, count)) as T;
}

/** The typed-array columns of a batch, by type. */
const BATCH_COLUMNS = {
	time: Float64Array,
	price: Float64Array,
	quantity: Float64Array,
	commission: Float64Array,
	fees: Float64Array,
	brokerPnl: Float64Array,
	multiplier: Float64Array,
	line: Uint32Array,
	side: Uint8Array,
	shortSale: Uint8Array,
	positionEffect: Uint8Array,
	symbol: Uint32Array,
	assetClass: Uint32Array,
	currency: Uint32Array,
	venue: Uint32Array,
	accountNumber: Uint32Array
} as const;
type BatchColumns = { [K in keyof typeof BATCH_COLUMNS]: InstanceType<(typeof BATCH_COLUMNS)[K]> };

/** Empty batch columns with room for `capacity` values, holding `from`'s values when given. */
function batchColumns(capacity: number, from?: BatchColumns): BatchColumns {
	const out: Partial<Record<keyof BatchColumns, Float64Array | Uint32Array | Uint8Array>> = {};
	for (const [name, Type] of Object.entries(BATCH_COLUMNS) as [
		keyof BatchColumns,
		(typeof BATCH_COLUMNS)[keyof BatchColumns]
	][]) {
		const column = new Type(capacity);
		if (from) column.set(from[name]);
		out[name] = column;
	}
	return out as BatchColumns;
}

/**
 * Packs execution records into an ExecutionBatch, record by record, up to `capacity` records;
 * its columns start with room for `initial` records and grow as needed.
 * @example const b = new ExecutionBatchBuilder(2); b.push(record); b.finish().count // 1
 */
export class ExecutionBatchBuilder {
	readonly capacity: number;
	count = 0;
	readonly #dict = new Dictionary();
	readonly #accounts = new Dictionary();
	#columns: BatchColumns;
	readonly #orderId: PackedTextBuilder;
	readonly #brokerExecutionId: PackedTextBuilder;

	constructor(capacity: number, initial = capacity) {
		this.capacity = capacity;
		initial = Math.max(1, Math.min(initial, capacity));
		this.#columns = batchColumns(initial);
		this.#orderId = new PackedTextBuilder(initial);
		this.#brokerExecutionId = new PackedTextBuilder(initial);
	}

	get full(): boolean {
		return this.count >= this.capacity;
	}

	push(r: ExecutionRecord): void {
		if (this.full) throw new RangeError(`The batch holds ${this.capacity} executions.`);
		if (this.count === this.#columns.time.length) this.#grow();
		const c = this.#columns;
		const i = this.count++;
		c.time[i] = r.time;
		c.price[i] = r.price;
		c.quantity[i] = r.quantity;
		c.commission[i] = r.commission ?? NaN;
		c.fees[i] = r.fees ?? NaN;
		c.brokerPnl[i] = r.brokerPnl ?? NaN;
		c.multiplier[i] = r.multiplier ?? NaN;
		c.line[i] = r.line;
		c.side[i] = r.side === 'buy' ? 0 : 1;
		c.shortSale[i] = r.shortSale ? 1 : 0;
		c.positionEffect[i] = r.positionEffect === null ? 0 : r.positionEffect === 'open' ? 1 : 2;
		const dict = this.#dict;
		c.symbol[i] = dict.code(r.symbol);
		c.assetClass[i] = dict.code(r.assetClass);
		c.currency[i] = dict.code(r.currency);
		c.venue[i] = dict.code(r.venue);
		c.accountNumber[i] = this.#accounts.code(r.accountNumber);
		this.#orderId.set(i, r.orderId);
		this.#brokerExecutionId.set(i, r.brokerExecutionId);
	}

	#grow(): void {
		const capacity = Math.min(this.capacity, 2 * this.#columns.time.length);
		this.#columns = batchColumns(capacity, this.#columns);
		this.#orderId.grow(capacity);
		this.#brokerExecutionId.grow(capacity);
	}

	finish(): ExecutionBatch {
		const n = this.count;
		const c = this.#columns;
		return {
			count: n,
			dict: this.#dict.entries,
			accountNumbers: this.#accounts.entries,
			time: fit(c.time, n),
			price: fit(c.price, n),
			quantity: fit(c.quantity, n),
			commission: fit(c.commission, n),
			fees: fit(c.fees, n),
			brokerPnl: fit(c.brokerPnl, n),
			multiplier: fit(c.multiplier, n),
			line: fit(c.line, n),
			side: fit(c.side, n),
			shortSale: fit(c.shortSale, n),
			positionEffect: fit(c.positionEffect, n),
			symbol: fit(c.symbol, n),
			assetClass: fit(c.assetClass, n),
			currency: fit(c.currency, n),
			venue: fit(c.venue, n),
			accountNumber: fit(c.accountNumber, n),
			orderId: this.#orderId.finish(n),
			brokerExecutionId: this.#brokerExecutionId.finish(n)
		};
	}
}

/** The buffers of a batch, for postMessage's transfer list. */
export function batchBuffers(batch: ExecutionBatch): ArrayBuffer[] {
	const arrays = [
		batch.time,
		batch.price,
		batch.quantity,
		batch.commission,
		batch.fees,
		batch.brokerPnl,
		batch.multiplier,
		batch.line,
		batch.side,
		batch.shortSale,
		batch.positionEffect,
		batch.symbol,
		batch.assetClass,
		batch.currency,
		batch.venue,
		batch.accountNumber,
		batch.orderId.end,
		batch.orderId.present,
		batch.brokerExecutionId.end,
		batch.brokerExecutionId.present
	];
	return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * A stored chunk made of the batch's rows `rows[0..count)` (all of them, in order, when `rows` is
 * null), with their ids (two halves per row, in `id`) and account ids. `accountIds[k]` is the
 * account id of the batch's account-number code k. When every row is kept the batch's columns
 * become the chunk's without a copy.
 */
export function chunkFromBatch(
	importId: string,
	batch: ExecutionBatch,
	rows: Uint32Array | null,
	count: number,
	id: Uint32Array,
	accountIds: readonly (string | null)[]
): ExecutionChunk {
	// Account ids join the batch's dictionary (account numbers stay out of the chunk).
	const dict = batch.dict.slice();
	const accountCode = accountIds.map((a) => {
		if (a === null) return NULL_ENTRY;
		const at = dict.indexOf(a, 1);
		return at > 0 ? at : dict.push(a) - 1;
	});
	const take = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T =>
		rows === null ? fit(a, count) : gatherRows(a, rows, count);
	const accountId = new Uint32Array(count);
	for (let k = 0; k < count; k++) accountId[k] = accountCode[batch.accountNumber[rows ? rows[k]! : k]!]!;
	const time = take(batch.time);
	const [firstTime, lastTime] = timeSpan(time);
	return {
		importId,
		count,
		firstTime,
		lastTime,
		id: fit(id, 2 * count),
		dict,
		time,
		price: take(batch.price),
		quantity: take(batch.quantity),
		commission: take(batch.commission),
		fees: take(batch.fees),
		brokerPnl: take(batch.brokerPnl),
		multiplier: take(batch.multiplier),
		line: take(batch.line),
		side: take(batch.side),
		shortSale: take(batch.shortSale),
		positionEffect: take(batch.positionEffect),
		symbol: take(batch.symbol),
		accountId,
		assetClass: take(batch.assetClass),
		currency: take(batch.currency),
		venue: take(batch.venue),
		orderId: takeText(batch.orderId, rows, count),
		brokerExecutionId: takeText(batch.brokerExecutionId, rows, count)
	};
}

function takeText(column: PackedText, rows: Uint32Array | null, count: number): PackedText {
	if (rows === null)
		return { text: column.text, end: fit(column.end, count), present: fit(column.present, count) };
	return gatherText(column, rows, count);
}

/**
 * The values of a column at `rows[0..count)`, in order, as a new array of the column's type.
 * @example gatherRows(new Float64Array([5, 6, 7]), new Uint32Array([2, 0]), 2) // [7, 5]
 */
export function gatherRows<T extends Float64Array | Uint32Array | Uint8Array>(
	column: T,
	rows: Uint32Array,
	count: number
): T {
	const out = new (column.constructor as new (n: number) => T)(count);
	for (let k = 0; k < count; k++) out[k] = column[rows[k]!]!;
	return out;
}

/** The texts of a packed column at `rows[0..count)`, in order, packed anew. */
export function gatherText(column: PackedText, rows: Uint32Array, count: number): PackedText {
	const out = new PackedTextBuilder(count);
	for (let k = 0; k < count; k++) out.set(k, textAt(column, rows[k]!));
	return out.finish(count);
}

/**
 * A chunk's first and last time (the least and the greatest; NaN times are passed over), as
 * `firstTime` and `lastTime`: Infinity and −Infinity when there is none.
 * @example timeSpan(new Float64Array([30, 10, 20])) // [10, 30]
 */
export function timeSpan(time: Float64Array): [first: number, last: number] {
	let first = Infinity;
	let last = -Infinity;
	for (let k = 0; k < time.length; k++) {
		const t = time[k]!;
		if (t < first) first = t;
		if (t > last) last = t;
	}
	return [first, last];
}

/** Packs executions into one chunk. */
export function encodeExecutions(importId: string, executions: readonly Execution[]): ExecutionChunk {
	const n = executions.length;
	const batch = new ExecutionBatchBuilder(n);
	const id = new Uint32Array(2 * n);
	const accounts = new Dictionary();
	const accountCodes = new Uint32Array(n);
	for (let i = 0; i < n; i++) {
		const e = executions[i]!;
		batch.push({ ...e, kind: 'execution', accountNumber: null });
		const [hi, lo] = idLanes(e.id);
		id[2 * i] = hi;
		id[2 * i + 1] = lo;
		accountCodes[i] = accounts.code(e.accountId);
	}
	const columns = batch.finish();
	columns.accountNumber = accountCodes;
	return chunkFromBatch(
		importId,
		columns,
		null,
		n,
		id,
		accounts.entries.map((a, k) => (k === 0 ? null : a))
	);
}

/** The id of execution `i` of a chunk (16 hex digits). */
export function executionIdAt(chunk: ExecutionChunk, i: number): string {
	return idHex(chunk.id[2 * i]!, chunk.id[2 * i + 1]!);
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Unpacks a chunk into execution objects (for small reads: previews, a trade's executions, tests). */
export function decodeExecutions(chunk: ExecutionChunk): Execution[] {
	const out: Execution[] = new Array<Execution>(chunk.count);
	const str = (i: number): string | null => (i === NULL_ENTRY ? null : (chunk.dict[i] ?? null));
	for (let i = 0; i < chunk.count; i++) {
		const effect = chunk.positionEffect[i];
		out[i] = {
			id: executionIdAt(chunk, i),
			importId: chunk.importId,
			accountId: str(chunk.accountId[i]!) ?? '',
			brokerExecutionId: textAt(chunk.brokerExecutionId, i),
			symbol: str(chunk.symbol[i]!) ?? '',
			assetClass: (str(chunk.assetClass[i]!) ?? 'stock') as AssetClass,
			side: chunk.side[i] === 0 ? 'buy' : 'sell',
			positionEffect: effect === 1 ? 'open' : effect === 2 ? 'close' : null,
			shortSale: chunk.shortSale[i] === 1,
			quantity: chunk.quantity[i]!,
			price: chunk.price[i]!,
			time: chunk.time[i]!,
			commission: orNull(chunk.commission[i]!),
			fees: orNull(chunk.fees[i]!),
			currency: str(chunk.currency[i]!),
			multiplier: orNull(chunk.multiplier[i]!),
			orderId: textAt(chunk.orderId, i),
			venue: str(chunk.venue[i]!),
			brokerPnl: orNull(chunk.brokerPnl[i]!),
			line: chunk.line[i]!
		};
	}
	return out;
}

/** The parts of a chunk as schema 2 and 3 stored it (ids and the two id columns as string arrays). */
export interface ExecutionChunkV3 extends Omit<ExecutionChunk, 'id' | 'orderId' | 'brokerExecutionId'> {
	id: string[];
	orderId: (string | null)[];
	brokerExecutionId: (string | null)[];
}

/** Whether a stored (or backed-up) chunk still has schema 3's string columns. */
export function isChunkV3(chunk: ExecutionChunk | ExecutionChunkV3): chunk is ExecutionChunkV3 {
	return Array.isArray(chunk.id);
}

/** A schema-3 chunk in today's layout: the same executions, ids as halves, id columns packed. */
export function upgradeChunkV3(chunk: ExecutionChunkV3): ExecutionChunk {
	const n = chunk.count;
	const id = new Uint32Array(2 * n);
	for (let i = 0; i < n; i++) {
		const [hi, lo] = idLanes(chunk.id[i]!);
		id[2 * i] = hi;
		id[2 * i + 1] = lo;
	}
	const pack = (values: readonly (string | null)[]) => {
		const out = new PackedTextBuilder(n);
		for (let i = 0; i < n; i++) out.set(i, values[i] ?? null);
		return out.finish(n);
	};
	return { ...chunk, id, orderId: pack(chunk.orderId), brokerExecutionId: pack(chunk.brokerExecutionId) };
}
