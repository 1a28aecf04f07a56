/**
 * Executions -> trades. A trade runs per account and symbol from flat to flat: scale-ins and
 * scale-outs stay in it, an execution that crosses zero closes it and opens the opposite trade
 * with the rest of its quantity, and a position still open at the end is an open trade.
 *
 * Built for a million executions in about the time of one sort of their times: executions are
 * bucketed by group with the columns the grouping reads (so that walking a group in time order
 * stays in a few kilobytes), each bucket is sorted by time with counting passes, cash flows are
 * summed as plain integers where that is exact, and the result is columns with one small view
 * object per trade; a trade's legs become objects only when read. The scratch space (about 50
 * bytes per execution) is kept for the next grouping, so regrouping allocates little more than
 * its result.
 */
import { roundCents } from '../model/money';
import { ExactSum } from './decimal';

/** Executions as columns, in any order. */
export interface ExecutionTable {
	count: number;
	/** Stable execution ids (identity.ts). */
	id: readonly string[];
	/** Epoch ms, UTC. */
	time: Float64Array;
	/** Units, > 0. */
	quantity: Float64Array;
	price: Float64Array;
	/** 0 = buy, 1 = sell. */
	side: Uint8Array;
	/** Costs; NaN where the file had none. */
	commission: Float64Array;
	fees: Float64Array;
	/** Realised P/L the broker's file gives per execution; NaN where none (optional column). */
	brokerPnl?: Float64Array;
	/** Index into `groups` (one per account and symbol). */
	group: Uint32Array;
	groups: readonly ExecutionGroup[];
}

/** The executions of one account in one symbol. */
export interface ExecutionGroup {
	accountId: string;
	symbol: string;
	/** Units × price × multiplier = money (options 100, futures their point value). */
	multiplier: number;
	/** The broker's P/L on these executions is after commissions (FormatDef.brokerPnlAfterCommissions). */
	brokerPnlAfterCommissions?: boolean;
}

/**
 * Why a trade's figures cannot be computed. `execution` is the index into the table of the
 * execution at fault, where one is.
 */
export type TradeProblem =
	| { kind: 'multiplier' }
	| { kind: 'price' | 'quantity' | 'time' | 'commission' | 'fees'; execution: number }
	| { kind: 'range'; execution: number | null };

/** One execution's part in a trade: index into the table, quantity of it that belongs to the trade, position after it. */
export interface Leg {
	execution: number;
	quantity: number;
	position: number;
}

/** One trade. Money in the instrument's currency; P&L already × multiplier. */
export interface Trade {
	/** The first execution's id; a trade opened by a reversing execution adds `~r`. */
	id: string;
	accountId: string;
	symbol: string;
	direction: 'long' | 'short';
	open: boolean;
	openTime: number;
	/** Null while open. */
	closeTime: number | null;
	/** Largest absolute position reached. */
	quantity: number;
	entryQuantity: number;
	exitQuantity: number;
	/** Volume-weighted average prices; null when there is no exit yet. */
	entryPrice: number;
	exitPrice: number | null;
	multiplier: number;
	/**
	 * Realised P&L before costs: the cash flow (Σ sell value − Σ buy value) × multiplier, exact
	 * until one rounding to the cent at the end. Whatever a broker's file reports, this is it.
	 */
	grossPnl: number;
	commission: number;
	fees: number;
	netPnl: number;
	/** The same figure as grossPnl (kept for callers that name the computed figure). */
	computedPnl: number;
	/**
	 * The sum of the realised P/L the broker's file gives on the trade's closing executions (DAS
	 * `P / L`, IBKR FifoPnlRealized with its commissions added back…), before costs; null unless
	 * the file gives it for every closing execution. A reconciliation only: the broker rounds each
	 * execution's P/L to the cent, so its sum may drift from the cash flow by a few cents.
	 */
	brokerPnl: number | null;
	/**
	 * True when the broker's figure and the cash flow differ by more than the broker's rounding of
	 * each closing execution to the cent (½ cent each) can explain: worth a look (a corrected
	 * fill, a fee booked as P/L, a different cost basis).
	 */
	pnlMismatch: boolean;
	/**
	 * Why the trade's figures cannot be computed (a missing price, no multiplier…), null when they
	 * can. Such a trade is still listed, with its reason, but counts in no sum.
	 */
	problem: TradeProblem | null;
	/** Gross P&L as a percentage of the entry value (entry VWAP × quantity entered × multiplier). */
	returnPct: number;
	/** How many executions make up the trade (= legs.length: an execution is in a trade once at most). */
	executionCount: number;
	/**
	 * The executions that make up the trade, in time order. Built on first read (and kept) from
	 * the grouping's shared leg arrays: listing trades never pays for them.
	 */
	readonly legs: readonly Leg[];
}

/** Quantities are compared on a 1e-8 grid so that 0.1 + 0.2 - 0.3 is flat. */
const QTY_SCALE = 1e8;
/** Cash flows of whole quantities at prices with up to 4 decimals are summed in 1e-4 units. */
const PRICE_SCALE = 1e4;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;
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
const AT_INDEX = 0;
/** Whole ms since the earliest execution (NaN times count as the earliest). */
const AT_KEY = 1;
const AT_UNITS = 2;
const AT_PRICE = 3;
const AT_COMMISSION = 4;
const AT_FEES = 5;
const AT_BROKER = 6;

/**
 * The executions bucketed by group, each bucket in input order, as rows in `scratch.rows`:
 * group g's are rows `start[g]` to `start[g + 1]`. One row per execution keeps the copy to
 * one write stream per group, and a group's rows together.
 */
interface Buckets {
	start: Uint32Array;
	rows: Float64Array;
	width: number;
	/** Some execution's time is not a number (its trade cannot be placed in time). */
	badTimes: boolean;
}

function bucketByGroup(table: ExecutionTable, columns: boolean): Buckets {
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
const MAX_TIME = 8.64e15;

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
function bucketOrder(b: Buckets, s: number, len: number): Uint32Array {
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
		for (let a = 1; a < len; a++) {
			const key = keys[a]!;
			const at = order[a]!;
			let j = a;
			for (; j > 0 && keys[j - 1]! > key; j--) {
				keys[j] = keys[j - 1]!;
				order[j] = order[j - 1]!;
			}
			keys[j] = key;
			order[j] = at;
		}
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
	for (let a = 0; a < len; a++) {
		const key = to[a]!;
		const at = toAt[a]!;
		let j = a;
		for (; j > 0 && keys[j - 1]! > key; j--) {
			keys[j] = keys[j - 1]!;
			order[j] = order[j - 1]!;
		}
		keys[j] = key;
		order[j] = at;
	}
	return true;
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

/** Trades per chunk of the per-trade columns. */
const CHUNK = 8192;
/** Slots of a trade's row; BROKER only when the table has broker P/L. */
const MAX_UNITS = 0;
const ENTRY_UNITS = 1;
const ENTRY_VALUE = 2;
const EXIT_VALUE = 3;
const COMMISSION = 4;
const FEES = 5;
const COMPUTED = 6;
/** Where the trade's legs end (and the next trade's start). */
const LEG_END = 7;
const FLAGS = 8;
const BROKER = 9;
/** Bits of a trade's flags. */
const LONG = 1;
const OPEN = 2;
const MISMATCH = 4;
const HAS_BROKER = 8;
const REVERSED = 16;
/** Exit units differ from entry units: open, or quantities too big to sum exactly. */
const UNEVEN = 32;
/** The trade's figures cannot be computed: its reason is in `problems`. */
const PROBLEM = 64;

/**
 * A grouping's result as columns. Per trade, a row of `stride` numbers, in chunks of `CHUNK`
 * rows (so that nothing is copied as they come). A closed trade exits what it entered; the exit
 * of an open one (the last of its group at most) is in `exits`. Per leg: the execution; its part
 * in the trade is the whole execution except for the legs in `splitLeg` (those of an execution
 * that crossed zero), whose signed units are in `splitUnits`. Id, times, account and symbol
 * come from the table through the first and last leg.
 *
 * The row chunks are plain arrays of doubles, not typed arrays: a result lives as long as its
 * caller wants, and V8 starts a full collection whenever external (typed array) memory has grown
 * by 64 MB, which regrouping a million executions would reach every other time.
 */
interface Store {
	table: ExecutionTable;
	stride: number;
	rows: number[][];
	exits: Map<number, number>;
	legExecution: Uint32Array;
	legCount: number;
	tradeCount: number;
	splitLeg: number[];
	splitUnits: number[];
	/** Legs built so far, by trade. */
	legs: Map<number, Leg[]>;
	/** Why a trade's figures cannot be computed, for the few trades flagged PROBLEM. */
	problems: Map<number, TradeProblem>;
	/** Some execution's time is not a finite number. */
	badTimes: boolean;
}

/** A chunk of rows to copy from: an array of doubles (made on first use). */
let blankChunk: number[] = [];

function newChunk(stride: number): number[] {
	if (blankChunk.length < CHUNK * (BROKER + 1)) {
		blankChunk = [];
		// Not 0: a whole number would make an array of small integers, reshaped on the first double.
		for (let i = 0; i < CHUNK * (BROKER + 1); i++) blankChunk.push(0.5);
	}
	return blankChunk.slice(0, CHUNK * stride);
}

/** The running totals of the trade being built; one instance is reused for all trades. */
class Building {
	reversed = false;
	direction = 1;
	maxUnits = 0;
	entryUnits = 0;
	exitUnits = 0;
	/** Entry and exit value (Σ quantity × price), for the VWAPs. */
	entryValue = 0;
	exitValue = 0;
	/**
	 * Cash flow: + sells, − buys (Σ ±quantity × price), exact. Closed: × multiplier = gross P&L.
	 * In 1e-4 units as a safe integer while every leg is a whole quantity at a price with at most
	 * 4 decimals; from the first leg that is not (or would overflow), in `exactCash`.
	 */
	cash = 0;
	exactCash: ExactSum | null = null;
	commission = 0;
	fees = 0;
	/** Closing executions, those with a broker-reported P/L, and its sum in cents. */
	closingLegs = 0;
	brokerLegs = 0;
	brokerCents = 0;
	/** The first reason found why the trade's figures cannot be computed. */
	problem: TradeProblem | null = null;

	start(reversed: boolean, direction: number): void {
		this.reversed = reversed;
		this.direction = direction;
		this.exactCash = null;
		this.closingLegs = 0;
		this.brokerLegs = 0;
		this.brokerCents = 0;
		this.problem = null;
	}

	/**
	 * Adds ±q × p to the exact cash flow (`cash` so far on the integer path). A price that is not
	 * a finite number, or a product too large to hold, makes the trade one that cannot be
	 * computed instead of throwing.
	 */
	addExact(cash: number, q: number, p: number, execution: number): void {
		if (this.problem !== null) return;
		if (!Number.isFinite(p)) {
			this.problem = { kind: 'price', execution };
			return;
		}
		try {
			this.exact(cash).add(q, p);
		} catch {
			this.problem = { kind: 'range', execution };
		}
	}

	/** Takes the running totals kept in locals while the trade grew. */
	totals(
		maxUnits: number,
		entryUnits: number,
		exitUnits: number,
		entryValue: number,
		exitValue: number,
		cash: number,
		commission: number,
		fees: number
	): void {
		this.maxUnits = maxUnits;
		this.entryUnits = entryUnits;
		this.exitUnits = exitUnits;
		this.entryValue = entryValue;
		this.exitValue = exitValue;
		this.cash = cash;
		this.commission = commission;
		this.fees = fees;
	}

	/** The cash flow so far (`cash` while on the integer path) as an ExactSum, from now on. */
	exact(cash: number): ExactSum {
		if (this.exactCash === null) {
			this.exactCash = new ExactSum();
			if (cash !== 0) this.exactCash.add(cash, 1 / PRICE_SCALE);
		}
		return this.exactCash;
	}
}

/**
 * Groups executions into trades, ordered by account, symbol and open time. The trades read
 * ids, times, accounts and symbols from the table: leave it unchanged while they are in use.
 */
export function groupTrades(table: ExecutionTable): Trade[] {
	const n = table.count;
	const buckets = bucketByGroup(table, true);
	const hasBroker = table.brokerPnl !== undefined;
	const store: Store = {
		table,
		stride: hasBroker ? BROKER + 1 : BROKER,
		rows: [],
		exits: new Map(),
		// An execution makes one leg, two when it crosses zero.
		legExecution: new Uint32Array(n + (n >>> 4) + 16),
		legCount: 0,
		tradeCount: 0,
		splitLeg: [],
		splitUnits: [],
		legs: new Map(),
		problems: new Map(),
		badTimes: buckets.badTimes
	};
	const b = new Building();
	const start = buckets.start;
	for (let g = 0; g + 1 < start.length; g++) {
		const len = start[g + 1]! - start[g]!;
		if (len === 0) continue;
		const order = bucketOrder(buckets, start[g]!, len);
		const group = table.groups[g];
		groupBucket(
			store,
			b,
			buckets.rows,
			buckets.width,
			order,
			len,
			group?.multiplier ?? NaN,
			group?.brokerPnlAfterCommissions === true
		);
	}
	return tradeViews(store);
}

/** Groups one group's executions (rows in time order) into trades, appended to the store. */
function groupBucket(
	store: Store,
	b: Building,
	rows: Float64Array,
	width: number,
	order: Uint32Array,
	len: number,
	multiplier: number,
	brokerAfterCommissions: boolean
): void {
	const hasBroker = store.stride > BROKER;
	let legExecution = store.legExecution;
	let legCount = store.legCount;
	let building = false;
	let position = 0;
	// The trade being built: its running totals (see Building) live here while it grows.
	let direction = 1;
	let onIntegers = true;
	let maxUnits = 0;
	let entryUnits = 0;
	let exitUnits = 0;
	let entryValue = 0;
	let exitValue = 0;
	let cash = 0;
	let commissions = 0;
	let feeTotal = 0;
	for (let k = 0; k < len; k++) {
		const at = order[k]! * width;
		const signed = rows[at + AT_UNITS]!;
		// Nothing to trade.
		if (signed === 0) continue;
		if (!Number.isFinite(signed)) {
			// A quantity that is not a number moves the position by an unknown amount: the execution
			// joins the trade it falls in (or makes one of its own), whose figures cannot be computed.
			if (!building) {
				direction = 1;
				onIntegers = true;
				b.start(false, direction);
				maxUnits = entryUnits = exitUnits = entryValue = exitValue = cash = commissions = feeTotal = 0;
				building = true;
			}
			b.problem ??= { kind: 'quantity', execution: rows[at + AT_INDEX]! };
			if (legCount === legExecution.length) store.legExecution = legExecution = grown(legExecution);
			legExecution[legCount++] = rows[at + AT_INDEX]!;
			if (position === 0) {
				b.totals(maxUnits, entryUnits, exitUnits, entryValue, exitValue, cash, commissions, feeTotal);
				finish(store, b, multiplier, legCount, false, brokerAfterCommissions);
				building = false;
			}
			continue;
		}
		const size = Math.abs(signed);
		const p = rows[at + AT_PRICE]!;
		const p4 = Math.round(p * PRICE_SCALE);
		const fastPrice = p4 / PRICE_SCALE === p;
		let remaining = signed;
		while (remaining !== 0) {
			if (!building) {
				direction = remaining > 0 ? 1 : -1;
				onIntegers = true;
				b.start(remaining !== signed, direction);
				maxUnits = entryUnits = exitUnits = entryValue = exitValue = cash = commissions = feeTotal = 0;
				building = true;
			}
			// The part of this execution that belongs to the current trade: all of it, unless it
			// crosses zero, when only what closes the position does.
			const part =
				position !== 0 && remaining > 0 !== position > 0 && Math.abs(remaining) > Math.abs(position)
					? -position
					: remaining;
			const absPart = Math.abs(part);
			const q = absPart / QTY_SCALE;
			if (part > 0 === direction > 0) {
				entryUnits += absPart;
				entryValue += q * p;
			} else {
				exitUnits += absPart;
				exitValue += q * p;
				// A broker reports realised P/L on the execution that closes: all of it belongs to
				// the closing part, also when the execution goes on to open the opposite trade.
				b.closingLegs++;
				if (hasBroker) {
					const reported = rows[at + AT_BROKER]!;
					if (reported === reported) {
						b.brokerLegs++;
						b.brokerCents += Math.round(reported * 100);
					}
				}
			}
			// Exact cash flow: whole quantities at prices of up to 4 decimals sum as integers.
			if (onIntegers && fastPrice && Math.floor(q) === q) {
				const flow = q * p4;
				const next = part > 0 ? cash - flow : cash + flow;
				if (Math.abs(flow) <= MAX_SAFE && Math.abs(next) <= MAX_SAFE) cash = next;
				else onIntegers = false;
			} else onIntegers = false;
			if (!onIntegers) b.addExact(cash, part > 0 ? -q : q, p, rows[at + AT_INDEX]!);
			if (part === signed) {
				commissions += rows[at + AT_COMMISSION]!;
				feeTotal += rows[at + AT_FEES]!;
			} else {
				const share = absPart / size;
				commissions += rows[at + AT_COMMISSION]! * share;
				feeTotal += rows[at + AT_FEES]! * share;
			}
			position += part;
			const held = Math.abs(position);
			if (held > maxUnits) maxUnits = held;
			if (legCount === legExecution.length) store.legExecution = legExecution = grown(legExecution);
			if (part !== signed) {
				store.splitLeg.push(legCount);
				store.splitUnits.push(part);
			}
			legExecution[legCount++] = rows[at + AT_INDEX]!;
			remaining -= part;
			if (position === 0) {
				b.totals(maxUnits, entryUnits, exitUnits, entryValue, exitValue, cash, commissions, feeTotal);
				finish(store, b, multiplier, legCount, false, brokerAfterCommissions);
				building = false;
			}
		}
	}
	if (building) {
		b.totals(maxUnits, entryUnits, exitUnits, entryValue, exitValue, cash, commissions, feeTotal);
		finish(store, b, multiplier, legCount, true, brokerAfterCommissions);
	}
	store.legCount = legCount;
}

function tradeViews(store: Store): Trade[] {
	const trades: Trade[] = new Array<Trade>(store.tradeCount);
	for (let t = 0; t < trades.length; t++) trades[t] = new GroupedTrade(store, t);
	return trades;
}

/** A copy of `array` with twice the room. */
function grown(array: Uint32Array): Uint32Array {
	const next = new Uint32Array(array.length * 2);
	next.set(array);
	return next;
}

/**
 * Appends the finished trade `b`, whose legs end at legEnd, to the store. The broker's P/L is kept
 * before costs: where the broker's is after commissions, they are added back (for trades that
 * closed all they opened; a partly closed one's commissions are not split by lot, so it shows its
 * own figure only).
 */
function finish(
	store: Store,
	b: Building,
	m: number,
	legEnd: number,
	open: boolean,
	brokerAfterCommissions: boolean
): void {
	const t = store.tradeCount++;
	if (t % CHUNK === 0) store.rows.push(newChunk(store.stride));
	let hasBroker = b.closingLegs > 0 && b.brokerLegs === b.closingLegs;
	let brokerPnl = b.brokerCents / 100;
	if (hasBroker && brokerAfterCommissions) {
		if (b.exitUnits !== b.entryUnits) hasBroker = false;
		else brokerPnl = roundCents(brokerPnl + b.commission);
	}
	let problem = b.problem ?? inputProblem(store, t, legEnd, b, m);
	// Closed: the cash flow × multiplier, exact until one rounding to the cent. Still open: the
	// realised part, at the average entry price.
	let computed = NaN;
	// Unrounded, for comparing with the broker's per-execution roundings.
	let exact = NaN;
	if (problem === null) {
		const scaled = b.cash * m;
		if (b.exitUnits !== b.entryUnits) {
			computed =
				b.exitUnits === 0
					? 0
					: roundCents((b.exitValue - (b.entryValue * b.exitUnits) / b.entryUnits) * b.direction * m);
			exact = computed;
		} else if (b.exactCash === null && Number.isInteger(m) && Math.abs(scaled) <= MAX_SAFE) {
			computed = roundScaled(scaled);
			exact = scaled / PRICE_SCALE;
		} else {
			try {
				const sum = b.exact(b.cash).times(m);
				computed = sum.round(2);
				exact = hasBroker ? sum.toNumber() : computed;
			} catch {
				// A multiplier or sum beyond what BigInt arithmetic here can take.
				computed = NaN;
			}
		}
		// Too large for a number (or a sum that could not be made).
		if (!Number.isFinite(computed) || !Number.isFinite(b.entryValue + b.exitValue))
			problem = { kind: 'range', execution: null };
	}
	if (problem !== null) {
		computed = NaN;
		store.problems.set(t, problem);
	}
	const mismatch =
		problem === null && hasBroker && Math.abs(brokerPnl - exact) > 0.005 * b.closingLegs + 1e-9;
	const row = store.rows[store.rows.length - 1]!;
	const at = (t % CHUNK) * store.stride;
	row[at + MAX_UNITS] = b.maxUnits;
	row[at + ENTRY_UNITS] = b.entryUnits;
	row[at + ENTRY_VALUE] = b.entryValue;
	row[at + EXIT_VALUE] = b.exitValue;
	row[at + COMMISSION] = roundCents(b.commission);
	row[at + FEES] = roundCents(b.fees);
	row[at + COMPUTED] = computed;
	row[at + LEG_END] = legEnd;
	row[at + FLAGS] =
		(b.direction === 1 ? LONG : 0) |
		(open ? OPEN : 0) |
		(mismatch ? MISMATCH : 0) |
		(hasBroker ? HAS_BROKER : 0) |
		(b.reversed ? REVERSED : 0) |
		(b.exitUnits !== b.entryUnits ? UNEVEN : 0) |
		(problem !== null ? PROBLEM : 0);
	if (store.stride > BROKER) row[at + BROKER] = brokerPnl;
	if (b.exitUnits !== b.entryUnits) store.exits.set(t, b.exitUnits);
}

/**
 * What in a finished trade's executions keeps its figures from being computed (the checks that
 * are not made per execution while grouping): no multiplier, a time, commission or fee that is
 * not a finite number. Null when there is nothing.
 */
function inputProblem(store: Store, t: number, legEnd: number, b: Building, m: number): TradeProblem | null {
	if (!(m > 0 && m < Infinity)) return { kind: 'multiplier' };
	const { table } = store;
	if (store.badTimes) {
		const execution = firstLeg(store, t, legEnd, (i) => !(Math.abs(table.time[i]!) <= MAX_TIME));
		if (execution !== null) return { kind: 'time', execution };
	}
	// NaN costs count as none (0): a total that is not finite has an infinite one in it.
	const infinite = (x: number) => x === Infinity || x === -Infinity;
	if (!Number.isFinite(b.commission)) {
		const execution = firstLeg(store, t, legEnd, (i) => infinite(table.commission[i]!));
		return { kind: 'commission', execution: execution ?? 0 };
	}
	if (!Number.isFinite(b.fees)) {
		const execution = firstLeg(store, t, legEnd, (i) => infinite(table.fees[i]!));
		return { kind: 'fees', execution: execution ?? 0 };
	}
	return null;
}

/** The first execution among trade t's legs (ending at legEnd) that is `bad`; null when none. */
function firstLeg(
	store: Store,
	t: number,
	legEnd: number,
	bad: (execution: number) => boolean
): number | null {
	const start =
		t === 0 ? 0 : store.rows[Math.floor((t - 1) / CHUNK)]![((t - 1) % CHUNK) * store.stride + LEG_END]!;
	for (let l = start; l < legEnd; l++) {
		const i = store.legExecution[l]!;
		if (bad(i)) return i;
	}
	return null;
}

/**
 * A trade from `groupTrades`: a read-only view on the grouping's columns, so that a million
 * executions make a few hundred thousand small objects and no per-trade numbers on the heap.
 */
class GroupedTrade implements Trade {
	#store: Store;
	#t: number;

	constructor(store: Store, t: number) {
		this.#store = store;
		this.#t = t;
	}

	#get(slot: number, t = this.#t): number {
		return this.#store.rows[Math.floor(t / CHUNK)]![(t % CHUNK) * this.#store.stride + slot]!;
	}

	#has(flag: number): boolean {
		return (this.#get(FLAGS) & flag) !== 0;
	}

	/** Where trade t's legs end (and trade t + 1's start). */
	#legEnd(t: number): number {
		return t < 0 ? 0 : this.#get(LEG_END, t);
	}

	/** The table index of the trade's first or last execution. */
	#execution(last: boolean): number {
		return this.#store.legExecution[last ? this.#legEnd(this.#t) - 1 : this.#legEnd(this.#t - 1)]!;
	}

	#group() {
		const table = this.#store.table;
		return table.groups[table.group[this.#execution(false)]!]!;
	}

	get id(): string {
		const id = this.#store.table.id[this.#execution(false)]!;
		return this.#has(REVERSED) ? `${id}~r` : id;
	}
	get accountId(): string {
		return this.#group().accountId;
	}
	get symbol(): string {
		return this.#group().symbol;
	}
	get direction(): 'long' | 'short' {
		return this.#has(LONG) ? 'long' : 'short';
	}
	get open(): boolean {
		return this.#has(OPEN);
	}
	get openTime(): number {
		return this.#store.table.time[this.#execution(false)]!;
	}
	get closeTime(): number | null {
		return this.#has(OPEN) ? null : this.#store.table.time[this.#execution(true)]!;
	}
	get quantity(): number {
		return this.#get(MAX_UNITS) / QTY_SCALE;
	}
	get entryQuantity(): number {
		return this.#get(ENTRY_UNITS) / QTY_SCALE;
	}
	get exitQuantity(): number {
		const units = this.#has(UNEVEN) ? this.#store.exits.get(this.#t)! : this.#get(ENTRY_UNITS);
		return units / QTY_SCALE;
	}
	get entryPrice(): number {
		return this.#get(ENTRY_VALUE) / this.entryQuantity;
	}
	get exitPrice(): number | null {
		const exitQuantity = this.exitQuantity;
		return exitQuantity > 0 ? this.#get(EXIT_VALUE) / exitQuantity : null;
	}
	get multiplier(): number {
		return this.#group().multiplier;
	}
	get grossPnl(): number {
		return this.#get(COMPUTED);
	}
	get commission(): number {
		return this.#get(COMMISSION);
	}
	get fees(): number {
		return this.#get(FEES);
	}
	get netPnl(): number {
		return roundCents(this.grossPnl - this.commission - this.fees);
	}
	get computedPnl(): number {
		return this.#get(COMPUTED);
	}
	get brokerPnl(): number | null {
		return this.#has(HAS_BROKER) ? this.#get(BROKER) : null;
	}
	get pnlMismatch(): boolean {
		return this.#has(MISMATCH);
	}
	get problem(): TradeProblem | null {
		return this.#has(PROBLEM) ? this.#store.problems.get(this.#t)! : null;
	}
	get returnPct(): number {
		const entryNotional = this.#get(ENTRY_VALUE);
		return entryNotional > 0 ? (this.grossPnl / (entryNotional * this.multiplier)) * 100 : 0;
	}
	get executionCount(): number {
		return this.#legEnd(this.#t) - this.#legEnd(this.#t - 1);
	}

	get legs(): readonly Leg[] {
		const store = this.#store;
		let legs = store.legs.get(this.#t);
		if (legs === undefined) {
			const { legExecution, splitLeg, splitUnits, table } = store;
			const first = this.#legEnd(this.#t - 1);
			const end = this.#legEnd(this.#t);
			// The trade's first split leg, if any: splitLeg is in leg order.
			let split = 0;
			for (let high = splitLeg.length; split < high;) {
				const mid = (split + high) >>> 1;
				if (splitLeg[mid]! < first) split = mid + 1;
				else high = mid;
			}
			legs = [];
			let position = 0;
			for (let l = first; l < end; l++) {
				const i = legExecution[l]!;
				let part: number;
				if (splitLeg[split] === l) part = splitUnits[split++]!;
				else {
					const units = Math.round(table.quantity[i]! * QTY_SCALE);
					// A quantity that is not a number was left out of the position (see groupBucket).
					part = !Number.isFinite(units) ? 0 : table.side[i] === 0 ? units : -units;
				}
				position += part;
				legs.push({ execution: i, quantity: Math.abs(part) / QTY_SCALE, position: position / QTY_SCALE });
			}
			store.legs.set(this.#t, legs);
		}
		return legs;
	}

	/** The trade as a plain object (JSON, logs, structured clone). */
	toJSON(): Omit<Trade, 'legs'> & { legs: Leg[] } {
		return {
			id: this.id,
			accountId: this.accountId,
			symbol: this.symbol,
			direction: this.direction,
			open: this.open,
			openTime: this.openTime,
			closeTime: this.closeTime,
			quantity: this.quantity,
			entryQuantity: this.entryQuantity,
			exitQuantity: this.exitQuantity,
			entryPrice: this.entryPrice,
			exitPrice: this.exitPrice,
			multiplier: this.multiplier,
			grossPnl: this.grossPnl,
			commission: this.commission,
			fees: this.fees,
			netPnl: this.netPnl,
			computedPnl: this.computedPnl,
			brokerPnl: this.brokerPnl,
			pnlMismatch: this.pnlMismatch,
			problem: this.problem,
			returnPct: this.returnPct,
			executionCount: this.executionCount,
			legs: [...this.legs]
		};
	}
}

/** A whole number of 1e-4 units rounded to the cent, half away from zero, exactly. */
function roundScaled(x: number): number {
	const abs = Math.abs(x);
	// abs / 100 may round up to the next whole number near 2^53: correct the quotient.
	let whole = Math.floor(abs / 100);
	let rest = abs - whole * 100;
	if (rest < 0) {
		whole--;
		rest += 100;
	}
	const cents = whole + (rest >= 50 ? 1 : 0);
	const value = cents / 100;
	return x < 0 && value !== 0 ? -value : value;
}
