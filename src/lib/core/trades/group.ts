/**
 * Executions -> trades. A trade runs per account and symbol from flat to flat: scale-ins and
 * scale-outs stay in it, an execution that crosses zero closes it and opens the opposite trade
 * with the rest of its quantity, and a position still open at the end is an open trade.
 * Works on columns (typed arrays) and allocates per trade, not per execution, so a million
 * executions group in about the time of one sort of their times.
 */
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
	groups: readonly { accountId: string; symbol: string; multiplier: number }[];
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
	/** Realised P&L before costs, rounded to the cent at the end only. */
	grossPnl: number;
	commission: number;
	fees: number;
	netPnl: number;
	/** Gross P&L computed from prices and quantities: exact, rounded to the cent once. */
	computedPnl: number;
	/**
	 * The sum of the realised P/L the broker's file gives on the trade's closing executions (DAS
	 * `P / L`, IBKR FifoPnlRealized…); null unless the file gives it for every closing execution.
	 * When present it is the trade's grossPnl: the broker's books are the user's money.
	 */
	brokerPnl: number | null;
	/**
	 * True when the broker's figure and the computed one differ by more than the broker's
	 * rounding of each execution to the cent can explain: worth a look (a corrected fill, a fee
	 * booked as P/L, a different cost basis).
	 */
	pnlMismatch: boolean;
	/** Gross P&L as a percentage of the entry value (entry VWAP × quantity entered × multiplier). */
	returnPct: number;
	/** The executions that make up the trade, in time order: index into the table, quantity of it that belongs to this trade, position after it. */
	legs: { execution: number; quantity: number; position: number }[];
}

/** Quantities are compared on a 1e-8 grid so that 0.1 + 0.2 - 0.3 is flat. */
const QTY_SCALE = 1e8;
const toUnits = (q: number) => Math.round(q * QTY_SCALE);

/**
 * Orders execution indices by (group, time, input order): an LSD radix sort on time, then a
 * stable counting sort on group. Both are linear.
 */
export function executionOrder(table: ExecutionTable): Uint32Array {
	const n = table.count;
	let order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	if (n === 0) return order;
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		const t = table.time[i]!;
		if (t < min) min = t;
		if (t > max) max = t;
	}
	const span = max - min;
	const keys = new Float64Array(n);
	for (let i = 0; i < n; i++) keys[i] = Math.round(table.time[i]! - min);
	let scratch = new Uint32Array(n);
	const counts = new Uint32Array(65536);
	for (let shift = 1; shift <= span || shift === 1; shift *= 65536) {
		counts.fill(0);
		for (let i = 0; i < n; i++) counts[Math.floor(keys[order[i]!]! / shift) % 65536]!++;
		let sum = 0;
		for (let d = 0; d < 65536; d++) {
			const c = counts[d]!;
			counts[d] = sum;
			sum += c;
		}
		for (let i = 0; i < n; i++) {
			const index = order[i]!;
			scratch[counts[Math.floor(keys[index]! / shift) % 65536]!++] = index;
		}
		[order, scratch] = [scratch, order];
		if (shift * 65536 > span) break;
	}
	// Stable counting sort by group keeps the time order within each group.
	const groupCounts = new Uint32Array(table.groups.length + 1);
	for (let i = 0; i < n; i++) groupCounts[table.group[i]! + 1]!++;
	for (let g = 1; g < groupCounts.length; g++) groupCounts[g]! += groupCounts[g - 1]!;
	for (let i = 0; i < n; i++) {
		const index = order[i]!;
		scratch[groupCounts[table.group[index]!]!++] = index;
	}
	return scratch;
}

interface Building {
	id: string;
	group: number;
	direction: 1 | -1;
	openTime: number;
	maxUnits: number;
	entryUnits: number;
	exitUnits: number;
	/** Entry and exit value (Σ quantity × price), for the VWAPs. */
	entryValue: number;
	exitValue: number;
	/** Cash flow: + sells, − buys (Σ ±quantity × price), exact. Closed: × multiplier = gross P&L. */
	cash: ExactSum;
	commission: number;
	fees: number;
	legs: Trade['legs'];
	/** Closing executions, those with a broker-reported P/L, and its sum in cents. */
	closingLegs: number;
	brokerLegs: number;
	brokerCents: number;
}

/** Groups executions into trades, ordered by account, symbol and open time. */
export function groupTrades(table: ExecutionTable): Trade[] {
	const order = executionOrder(table);
	const trades: Trade[] = [];
	let current: Building | null = null;
	let position = 0;
	let group = -1;

	const finish = (closeTime: number | null) => {
		if (current) trades.push(toTrade(current, table, closeTime));
		current = null;
	};

	for (let k = 0; k < order.length; k++) {
		const i = order[k]!;
		const g = table.group[i]!;
		if (g !== group) {
			finish(null);
			group = g;
			position = 0;
		}
		const units = toUnits(table.quantity[i]!);
		const signed = table.side[i] === 0 ? units : -units;
		const price = table.price[i]!;
		const commission = Number.isNaN(table.commission[i]!) ? 0 : table.commission[i]!;
		const fees = Number.isNaN(table.fees[i]!) ? 0 : table.fees[i]!;
		let remaining = signed;
		let opensAgain = false;
		while (remaining !== 0) {
			if (position === 0 || current === null) {
				const id: string = opensAgain ? `${table.id[i]!}~r` : table.id[i]!;
				current = {
					id,
					group: g,
					direction: remaining > 0 ? 1 : -1,
					openTime: table.time[i]!,
					maxUnits: 0,
					entryUnits: 0,
					exitUnits: 0,
					entryValue: 0,
					exitValue: 0,
					cash: new ExactSum(),
					commission: 0,
					fees: 0,
					legs: [],
					closingLegs: 0,
					brokerLegs: 0,
					brokerCents: 0
				};
			}
			const building: Building = current;
			// The part of this execution that belongs to the current trade: all of it, unless it
			// crosses zero, when only what closes the position does.
			const crosses =
				position !== 0 &&
				Math.sign(remaining) !== Math.sign(position) &&
				Math.abs(remaining) > Math.abs(position);
			const part = crosses ? -position : remaining;
			const share = Math.abs(part) / units;
			const quantity = Math.abs(part) / QTY_SCALE;
			if (Math.sign(part) === building.direction) {
				building.entryUnits += Math.abs(part);
				building.entryValue += quantity * price;
			} else {
				building.exitUnits += Math.abs(part);
				building.exitValue += quantity * price;
				// A broker reports realised P/L on the execution that closes: all of it belongs to
				// the closing part, also when the execution goes on to open the opposite trade.
				building.closingLegs++;
				const reported = table.brokerPnl?.[i];
				if (reported !== undefined && !Number.isNaN(reported)) {
					building.brokerLegs++;
					building.brokerCents += Math.round(reported * 100);
				}
			}
			building.cash.add(part > 0 ? -quantity : quantity, price);
			building.commission += commission * share;
			building.fees += fees * share;
			position += part;
			building.maxUnits = Math.max(building.maxUnits, Math.abs(position));
			building.legs.push({ execution: i, quantity, position: position / QTY_SCALE });
			remaining -= part;
			if (position === 0) {
				finish(table.time[i]!);
				opensAgain = remaining !== 0;
			}
		}
	}
	finish(null);
	return trades;
}

function toTrade(b: Building, table: ExecutionTable, closeTime: number | null): Trade {
	const info = table.groups[b.group]!;
	const m = info.multiplier;
	const entryQuantity = b.entryUnits / QTY_SCALE;
	const exitQuantity = b.exitUnits / QTY_SCALE;
	const entryNotional = b.entryValue;
	const exitNotional = b.exitValue;
	// Closed: the cash flow × multiplier, exact until one rounding to the cent. Still open: the
	// realised part, at the average entry price.
	const computed =
		b.exitUnits === b.entryUnits
			? b.cash.times(m).round(2)
			: b.exitUnits === 0
				? 0
				: round2((exitNotional - (entryNotional * b.exitUnits) / b.entryUnits) * b.direction * m);
	// Unrounded, for comparing with the broker's per-execution roundings.
	const exact = b.exitUnits === b.entryUnits ? b.cash.times(m).toNumber() : computed;
	const brokerPnl = b.closingLegs > 0 && b.brokerLegs === b.closingLegs ? b.brokerCents / 100 : null;
	const gross = brokerPnl ?? computed;
	const commission = round2(b.commission);
	const fees = round2(b.fees);
	return {
		id: b.id,
		accountId: info.accountId,
		symbol: info.symbol,
		direction: b.direction === 1 ? 'long' : 'short',
		open: closeTime === null,
		openTime: b.openTime,
		closeTime,
		quantity: b.maxUnits / QTY_SCALE,
		entryQuantity,
		exitQuantity,
		entryPrice: entryNotional / entryQuantity,
		exitPrice: exitQuantity > 0 ? exitNotional / exitQuantity : null,
		multiplier: m,
		grossPnl: gross,
		commission,
		fees,
		netPnl: round2(gross - commission - fees),
		computedPnl: computed,
		brokerPnl,
		pnlMismatch: brokerPnl !== null && Math.abs(brokerPnl - exact) > 0.005 * b.closingLegs + 1e-9,
		returnPct: entryNotional > 0 ? (gross / (entryNotional * m)) * 100 : 0,
		legs: b.legs
	};
}

const round2 = (x: number) => Math.round(x * 100 + (x >= 0 ? 1e-9 : -1e-9)) / 100;
