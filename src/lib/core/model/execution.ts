import type { ExecutionRecord } from './records';

/**
 * A stored execution: the record as imported, with its stable id (see identity.ts), the id of
 * the account it belongs to and the import that brought it.
 */
export interface Execution extends Omit<ExecutionRecord, 'kind' | 'accountNumber'> {
	id: string;
	accountId: string;
	importId: string;
}

/**
 * Executions stored column by column: IndexedDB writes about 1M rows a second as a few dozen
 * chunks of typed arrays, against 5-11k a second as one record per execution. Low-cardinality
 * strings (symbols, accounts, venues…) are dictionary-encoded; `NaN` stands for null in numeric
 * columns that may be empty.
 */
export interface ExecutionChunk {
	importId: string;
	count: number;
	/** Smallest and largest `time` in the chunk (epoch ms, UTC), for range reads. */
	firstTime: number;
	lastTime: number;
	id: string[];
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
	dict: string[];
	symbol: Uint32Array;
	accountId: Uint32Array;
	assetClass: Uint32Array;
	currency: Uint32Array;
	venue: Uint32Array;
	orderId: (string | null)[];
	brokerExecutionId: (string | null)[];
}

/** Index 0 of every dictionary is null. */
const NULL_ENTRY = 0;

/** Packs executions into one chunk. */
export function encodeExecutions(importId: string, executions: readonly Execution[]): ExecutionChunk {
	const n = executions.length;
	const dict: string[] = ['\u0000null'];
	const lookup = new Map<string, number>();
	const code = (value: string | null): number => {
		if (value === null) return NULL_ENTRY;
		let at = lookup.get(value);
		if (at === undefined) {
			at = dict.length;
			dict.push(value);
			lookup.set(value, at);
		}
		return at;
	};
	const chunk: ExecutionChunk = {
		importId,
		count: n,
		firstTime: Infinity,
		lastTime: -Infinity,
		id: new Array<string>(n),
		time: new Float64Array(n),
		price: new Float64Array(n),
		quantity: new Float64Array(n),
		commission: new Float64Array(n),
		fees: new Float64Array(n),
		brokerPnl: new Float64Array(n),
		multiplier: new Float64Array(n),
		line: new Uint32Array(n),
		side: new Uint8Array(n),
		shortSale: new Uint8Array(n),
		positionEffect: new Uint8Array(n),
		dict,
		symbol: new Uint32Array(n),
		accountId: new Uint32Array(n),
		assetClass: new Uint32Array(n),
		currency: new Uint32Array(n),
		venue: new Uint32Array(n),
		orderId: new Array<string | null>(n),
		brokerExecutionId: new Array<string | null>(n)
	};
	for (let i = 0; i < n; i++) {
		const e = executions[i]!;
		chunk.id[i] = e.id;
		chunk.time[i] = e.time;
		if (e.time < chunk.firstTime) chunk.firstTime = e.time;
		if (e.time > chunk.lastTime) chunk.lastTime = e.time;
		chunk.price[i] = e.price;
		chunk.quantity[i] = e.quantity;
		chunk.commission[i] = e.commission ?? NaN;
		chunk.fees[i] = e.fees ?? NaN;
		chunk.brokerPnl[i] = e.brokerPnl ?? NaN;
		chunk.multiplier[i] = e.multiplier ?? NaN;
		chunk.line[i] = e.line;
		chunk.side[i] = e.side === 'buy' ? 0 : 1;
		chunk.shortSale[i] = e.shortSale ? 1 : 0;
		chunk.positionEffect[i] = e.positionEffect === null ? 0 : e.positionEffect === 'open' ? 1 : 2;
		chunk.symbol[i] = code(e.symbol);
		chunk.accountId[i] = code(e.accountId);
		chunk.assetClass[i] = code(e.assetClass);
		chunk.currency[i] = code(e.currency);
		chunk.venue[i] = code(e.venue);
		chunk.orderId[i] = e.orderId;
		chunk.brokerExecutionId[i] = e.brokerExecutionId;
	}
	return chunk;
}

const orNull = (x: number): number | null => (Number.isNaN(x) ? null : x);

/** Unpacks a chunk into execution objects (for small reads: previews, a trade's executions, tests). */
export function decodeExecutions(chunk: ExecutionChunk): Execution[] {
	const out: Execution[] = new Array<Execution>(chunk.count);
	const str = (i: number): string | null => (i === NULL_ENTRY ? null : (chunk.dict[i] ?? null));
	for (let i = 0; i < chunk.count; i++) {
		const effect = chunk.positionEffect[i];
		out[i] = {
			id: chunk.id[i]!,
			importId: chunk.importId,
			accountId: str(chunk.accountId[i]!) ?? '',
			brokerExecutionId: chunk.brokerExecutionId[i] ?? null,
			symbol: str(chunk.symbol[i]!) ?? '',
			assetClass: (str(chunk.assetClass[i]!) ?? 'stock') as Execution['assetClass'],
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
			orderId: chunk.orderId[i] ?? null,
			venue: str(chunk.venue[i]!),
			brokerPnl: orNull(chunk.brokerPnl[i]!),
			line: chunk.line[i]!
		};
	}
	return out;
}
