/**
 * Executions in (group, time) order, in linear time: bucketed by group with the columns the
 * grouping reads (so that walking a group in time order stays in a few kilobytes), then each
 * bucket sorted by time with counting passes (a bucket already in order, as a file's usually
 * is, costs one scan). The scratch space (about 50 bytes per execution) is kept for the next
 * grouping, so regrouping allocates little more than its result.
 */
import type { ExecutionTable } from './types';

/** Quantities are compared on a 1e-8 grid so that 0.1 + 0.2 - 0.3 is flat. */
export const QTY_SCALE = 1e8;
/** Widest radix digit: 2^16 counts stay in cache. */
const MAX_DIGIT_BITS = 16;
/** Runs up to this long are sorted by insertion. */
const SHORT_RUN = 32;

/**
 * Scratch space, kept from one grouping to the next (a worker regroups after every change):
 * the bucketed executions, their time order, and room to sort one bucket. Reallocated when too
 * small, or far too big.
 */
const scratch = {
	rows: new Float64Array(0),
	order: new Uint32Array(0),
	keys: new Float64Array(0),
	keysB: new Float64Array(0),
	atB: new Uint32Array(0),
	counts: new Uint32Array(0)
};

/** `array` if it holds n and is not far bigger, else a new one. */
function room<T extends Float64Array | Uint32Array>(array: T, n: number): T {
	if (array.length >= n && array.length <= 4 * n + 65536) return array;
	return new (array.constructor as new (size: number) => T)(n);
}

/** Bits needed to write x (a non-negative integer). */
function bitsOf(x: number): number {
	let bits = 0;
	for (; x >= 2 ** 32; x = Math.floor(x / 2 ** 32)) bits += 32;
	return bits + 32 - Math.clz32(x);
}

/**
 * Slots of a bucketed execution (a row of `Buckets.width` numbers): its index in the table and
 * time key; with the grouping's columns also its quantity in 1e-8 units (+ buy, − sell), price,
 * costs (0 where none) and, when the table has them, broker P/L.
 */
export const AT_INDEX = 0;
/** Whole ms since the earliest execution (NaN times count as the earliest). */
export const AT_KEY = 1;
export const AT_UNITS = 2;
export const AT_PRICE = 3;
export const AT_COMMISSION = 4;
export const AT_FEES = 5;
export const AT_BROKER = 6;

/**
 * The executions bucketed by group, each bucket in input order, as rows in `scratch.rows`:
 * group g's are rows `start[g]` to `start[g + 1]`. One row per execution keeps the copy to
 * one write stream per group, and a group's rows together.
 */
export interface Buckets {
	start: Uint32Array;
	rows: Float64Array;
	width: number;
	/** Some execution's time is not a number (its trade cannot be placed in time). */
	badTimes: boolean;
}

/**
 * Buckets the table's executions by group, in input order within a bucket: with `columns`, each
 * row carries the columns the grouping reads (width 6, or 7 with broker P/L); else only the
 * index and time key (width 2), enough to order them.
 */
export function bucketByGroup(table: ExecutionTable, columns: boolean): Buckets {
	const n = table.count;
	const start = new Uint32Array(Math.max(table.groups.length, largest(table.group, n) + 1) + 1);
	const min = countByGroup(table.group, table.time, n, start);
	for (let g = 1; g < start.length; g++) start[g]! += start[g - 1]!;
	const width = !columns ? 2 : table.brokerPnl ? 7 : 6;
	const rows = (scratch.rows = room(scratch.rows, n * width));
	const next = start.slice(0, start.length - 1);
	if (!columns) fillKeys(table, next, rows, min);
	else fillRows(table, next, rows, width, min);
	return { start, rows, width, badTimes: columns && !allTimes(table.time, n) };
}

// The loops over every execution are functions of their own with nothing after the loop: V8
// optimises a long loop while it runs, and code after it, not yet run then, would undo that.

function largest(values: Uint32Array, n: number): number {
	let max = 0;
	for (let i = 0; i < n; i++) if (values[i]! > max) max = values[i]!;
	return max;
}

/** Furthest instant from 1970 a Date can hold (ms): beyond it there is no day to show. */
export const MAX_TIME = 8.64e15;

/** Whether every value is a time (a number a Date can hold). */
function allTimes(values: Float64Array, n: number): boolean {
	for (let i = 0; i < n; i++) if (!(Math.abs(values[i]!) <= MAX_TIME)) return false;
	return true;
}

/** Counts executions per group into counts[g + 1]; returns the earliest time. */
function countByGroup(group: Uint32Array, time: Float64Array, n: number, counts: Uint32Array): number {
	let min = Infinity;
	for (let i = 0; i < n; i++) {
		counts[group[i]! + 1]!++;
		const t = time[i]!;
		if (t < min) min = t;
	}
	return min;
}

function fillKeys(table: ExecutionTable, next: Uint32Array, rows: Float64Array, min: number): void {
	const { count, group, time } = table;
	for (let i = 0; i < count; i++) {
		const at = next[group[i]!]!++ * 2;
		rows[at + AT_INDEX] = i;
		rows[at + AT_KEY] = Math.round(time[i]! - min) || 0;
	}
}

function fillRows(
	table: ExecutionTable,
	next: Uint32Array,
	rows: Float64Array,
	width: number,
	min: number
): void {
	const { count, group, time, quantity, side, price, commission, fees } = table;
	const broker = table.brokerPnl ?? price;
	for (let i = 0; i < count; i++) {
		const at = next[group[i]!]!++ * width;
		rows[at + AT_INDEX] = i;
		rows[at + AT_KEY] = Math.round(time[i]! - min) || 0;
		const u = Math.round(quantity[i]! * QTY_SCALE);
		rows[at + AT_UNITS] = side[i] === 0 ? u : -u;
		rows[at + AT_PRICE] = price[i]!;
		const c = commission[i]!;
		rows[at + AT_COMMISSION] = c !== c ? 0 : c;
		const f = fees[i]!;
		rows[at + AT_FEES] = f !== f ? 0 : f;
		if (width > AT_BROKER) rows[at + AT_BROKER] = broker[i]!;
	}
}

/**
 * The rows of one bucket (rows s to s + len) in time order, input order among equal times (in
 * `scratch.order`, from 0). A bucket already in time order, as a file's executions usually are,
 * costs one scan; others are sorted by `sortRun`. Reading the bucket's keys also brings its rows
 * into cache for the caller.
 */
export function bucketOrder(b: Buckets, s: number, len: number): Uint32Array {
	const { rows, width } = b;
	const order = (scratch.order = room(scratch.order, len));
	const keys = (scratch.keys = room(scratch.keys, len));
	let lo = Infinity;
	let hi = -Infinity;
	let sorted = true;
	let previous = -Infinity;
	for (let r = 0; r < len; r++) {
		const key = rows[(s + r) * width + AT_KEY]!;
		keys[r] = key;
		order[r] = s + r;
		if (key < previous) sorted = false;
		previous = key;
		if (key < lo) lo = key;
		if (key > hi) hi = key;
	}
	if (!sorted) sortRun(order, len, lo, hi);
	return order;
}

/**
 * Sorts order[0, len) by scratch.keys[0, len) (keys from lo to hi), stably: a short run by
 * insertion, spread-out keys by `spreadSort`, clustered ones by an LSD radix sort (digits sized
 * to the run, passes that change nothing skipped).
 */
function sortRun(order: Uint32Array, len: number, lo: number, hi: number): void {
	const keys = scratch.keys;
	if (len <= SHORT_RUN) {
		insertionSort(keys, order, keys, order, len);
		return;
	}
	const span = hi - lo;
	if (!Number.isFinite(span)) {
		// Infinite times: compare.
		const byKey = Array.from({ length: len }, (_, r) => r).sort((x, y) => keys[x]! - keys[y]! || x - y);
		const at = order.slice(0, len);
		for (let r = 0; r < len; r++) order[r] = at[byKey[r]!]!;
		return;
	}
	const bits = bitsOf(span);
	if (bits === 0) return;
	if (spreadSort(order, len, lo, bits)) return;
	// Clustered keys: LSD radix sort, with as little work over the run and its digit counts as
	// can be.
	let passes = Math.ceil(bits / MAX_DIGIT_BITS);
	let best = Infinity;
	for (let p = passes; p <= bits; p++) {
		const cost = p * (4 * len + 2 ** Math.ceil(bits / p));
		if (cost < best) {
			best = cost;
			passes = p;
		}
	}
	const width = Math.ceil(bits / passes);
	const radix = 2 ** width;
	const mask = radix - 1;
	const step = 2 ** -width;
	// Every pass's counts in one scan: digit p of the key above lo. The scale is a power of two,
	// so the product is exact, and `>>> 0` keeps the low 32 bits of its whole part.
	const counts = (scratch.counts = room(scratch.counts, passes * radix));
	counts.fill(0, 0, passes * radix);
	for (let r = 0; r < len; r++) {
		const above = keys[r]! - lo;
		for (let p = 0, scale = 1; p < passes; p++, scale *= step)
			counts[p * radix + (((above * scale) >>> 0) & mask)]!++;
	}
	let from = keys;
	let to = (scratch.keysB = room(scratch.keysB, len));
	let fromAt: Uint32Array = order;
	let toAt: Uint32Array = (scratch.atB = room(scratch.atB, len));
	for (let p = 0, scale = 1; p < passes; p++, scale *= step) {
		// Counts to offsets; a digit all keys share changes nothing.
		const base = p * radix;
		let sum = 0;
		let useful = true;
		for (let d = base; d < base + radix; d++) {
			const c = counts[d]!;
			if (c === len) useful = false;
			counts[d] = sum;
			sum += c;
		}
		if (!useful) continue;
		for (let r = 0; r < len; r++) {
			const key = from[r]!;
			const at = counts[base + ((((key - lo) * scale) >>> 0) & mask)]!++;
			to[at] = key;
			toAt[at] = fromAt[r]!;
		}
		[from, to] = [to, from];
		[fromAt, toAt] = [toAt, fromAt];
	}
	if (fromAt !== order) order.set(fromAt.subarray(0, len));
}

/** Most keys one top digit may hold for `spreadSort` to finish by insertion. */
const SPREAD_LIMIT = 8;

/**
 * Sorts order[0, len) by scratch.keys (from lo, below 2^bits above it) when the keys are spread
 * out, as times of executions over days are: one stable counting pass on the top digit (about
 * two digits per key), then insertion, which only moves keys within a digit. False, having done
 * nothing, when some digit holds too many keys.
 */
function spreadSort(order: Uint32Array, len: number, lo: number, bits: number): boolean {
	const keys = scratch.keys;
	const width = Math.min(bits, bitsOf(len) + 1);
	const radix = 2 ** width;
	const scale = 2 ** (width - bits);
	const counts = (scratch.counts = room(scratch.counts, radix));
	counts.fill(0, 0, radix);
	for (let r = 0; r < len; r++) counts[((keys[r]! - lo) * scale) >>> 0]!++;
	let sum = 0;
	for (let d = 0; d < radix; d++) {
		const c = counts[d]!;
		if (c > SPREAD_LIMIT) return false;
		counts[d] = sum;
		sum += c;
	}
	const to = (scratch.keysB = room(scratch.keysB, len));
	const toAt = (scratch.atB = room(scratch.atB, len));
	for (let r = 0; r < len; r++) {
		const key = keys[r]!;
		const at = counts[((key - lo) * scale) >>> 0]!++;
		to[at] = key;
		toAt[at] = order[r]!;
	}
	insertionSort(to, toAt, keys, order, len);
	return true;
}

/**
 * Inserts keys fromKeys[0, len) (with their rows, fromAt) one by one into keys and order[0, len),
 * which end sorted by key, stably. In place when `fromKeys` is `keys` and `fromAt` is `order`:
 * a key is read before its slot is written.
 */
function insertionSort(
	fromKeys: Float64Array,
	fromAt: Uint32Array,
	keys: Float64Array,
	order: Uint32Array,
	len: number
): void {
	for (let a = 0; a < len; a++) {
		const key = fromKeys[a]!;
		const at = fromAt[a]!;
		let j = a;
		for (; j > 0 && keys[j - 1]! > key; j--) {
			keys[j] = keys[j - 1]!;
			order[j] = order[j - 1]!;
		}
		keys[j] = key;
		order[j] = at;
	}
}

/**
 * Orders execution indices by (group, time, input order), times compared in whole ms since the
 * earliest: bucketed by group, then each bucket sorted by time. Linear.
 */
export function executionOrder(table: ExecutionTable): Uint32Array {
	const buckets = bucketByGroup(table, false);
	const { start, rows } = buckets;
	const result = new Uint32Array(table.count);
	for (let g = 0; g + 1 < start.length; g++) {
		const s = start[g]!;
		const len = start[g + 1]! - s;
		const order = bucketOrder(buckets, s, len);
		for (let k = 0; k < len; k++) result[s + k] = rows[order[k]! * 2 + AT_INDEX]!;
	}
	return result;
}
