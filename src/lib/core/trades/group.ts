/**
 * Executions -> trades. A trade runs per account and symbol from flat to flat: scale-ins and
 * scale-outs stay in it, an execution that crosses zero closes it and opens the opposite trade
 * with the rest of its quantity, and a position still open at the end is an open trade.
 *
 * Built for a million executions in about the time of one sort of their times: executions are
 * bucketed by group and sorted by time (bucket-sort.ts), cash flows are summed as plain integers
 * where that is exact, and the result is columns with one small view object per trade
 * (trade-columns.ts); a trade's legs become objects only when read.
 */
import * as money from '../model/money';
import * as buckets from './bucket-sort';
import { ExactSum } from './decimal';
import * as columns from './trade-columns';
import type { Store } from './trade-columns';
import type { ExecutionTable, Trade, TradeProblem } from './types';

// Bound once as module constants: the loops below read them per execution and per trade, and
// under a test runner (Vitest, which also runs the benches) an imported name is a property read
// through a getter on every use, which made grouping twice as slow.
const { roundCents } = money;
const {
	AT_BROKER,
	AT_COMMISSION,
	AT_FEES,
	AT_INDEX,
	AT_PRICE,
	AT_UNITS,
	bucketByGroup,
	bucketOrder,
	MAX_TIME,
	QTY_SCALE
} = buckets;
const {
	BROKER,
	CHUNK,
	COMMISSION,
	COMPUTED,
	ENTRY_UNITS,
	ENTRY_VALUE,
	EXIT_VALUE,
	FEES,
	FLAGS,
	HAS_BROKER,
	LEG_END,
	LONG,
	MAX_UNITS,
	MISMATCH,
	newChunk,
	OPEN,
	PROBLEM,
	REVERSED,
	tradeViews,
	UNEVEN
} = columns;

/** Cash flows of whole quantities at prices with up to 4 decimals are summed in 1e-4 units. */
const PRICE_SCALE = 1e4;
const MAX_SAFE = Number.MAX_SAFE_INTEGER;

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
