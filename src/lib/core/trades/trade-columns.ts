/**
 * A grouping's result: per-trade rows of numbers in chunks, the legs' executions, and one small
 * read-only `Trade` view per trade over them. group.ts writes the rows; the views read them, and
 * build a trade's legs only when they are read.
 */
import * as money from '../model/money';
import * as buckets from './bucket-sort';
import type { ExecutionTable, Leg, Trade, TradeProblem } from './types';

// Bound once as module constants: a trade's getters use them on every read (see group.ts).
const { roundCents } = money;
const { QTY_SCALE } = buckets;

/** Trades per chunk of the per-trade columns. */
export const CHUNK = 8192;
/** Slots of a trade's row; BROKER only when the table has broker P/L. */
export const MAX_UNITS = 0;
export const ENTRY_UNITS = 1;
export const ENTRY_VALUE = 2;
export const EXIT_VALUE = 3;
export const COMMISSION = 4;
export const FEES = 5;
export const COMPUTED = 6;
/** Where the trade's legs end (and the next trade's start). */
export const LEG_END = 7;
export const FLAGS = 8;
export const BROKER = 9;
/** Bits of a trade's flags. */
export const LONG = 1;
export const OPEN = 2;
export const MISMATCH = 4;
export const HAS_BROKER = 8;
export const REVERSED = 16;
/** Exit units differ from entry units: open, or quantities too big to sum exactly. */
export const UNEVEN = 32;
/** The trade's figures cannot be computed: its reason is in `problems`. */
export const PROBLEM = 64;

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
export interface Store {
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

/** A new chunk of `CHUNK` trade rows of `stride` numbers each. */
export function newChunk(stride: number): number[] {
	if (blankChunk.length < CHUNK * (BROKER + 1)) {
		blankChunk = [];
		// Not 0: a whole number would make an array of small integers, reshaped on the first double.
		for (let i = 0; i < CHUNK * (BROKER + 1); i++) blankChunk.push(0.5);
	}
	return blankChunk.slice(0, CHUNK * stride);
}

/** One `Trade` view per trade in the store, in the order they were appended. */
export function tradeViews(store: Store): Trade[] {
	const trades: Trade[] = new Array<Trade>(store.tradeCount);
	for (let t = 0; t < trades.length; t++) trades[t] = new GroupedTrade(store, t);
	return trades;
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
