/**
 * What the two tastytrade exports share (tastytrade.ts, since 2023; tastytrade-legacy.ts, the
 * tastyworks export before it): detection by their own column names, the row kinds and option
 * removals, the Action cell, costs from charges, execution times, option symbols, the fill price
 * in Description, closing sides known only at the end of the file, and the row core
 * (TransactionsParser) that reads a transaction's time, symbol and side and builds its record.
 */
import type { ExecutionRecord, PositionEffect, Side } from '../model/records';
import { headerScore, isBlank, normalizeSymbol, parseDateTime, parseNumber } from './cells';
import { occSymbol, type Columns } from './cells';
import type { InstantResult } from '../time/zone';
import { rowErrors, TableParser, type Layout, type RowChecks } from './table';
import { EMPTY_OUTCOME, notData, refuse, skip, type ParseOptions, type RowOutcome } from './types';

/**
 * How sure we are that a file is one of the tastytrade exports, from its first non-blank row: it
 * must have every `core` column and at least half of the export's `own` column names (by their
 * own names, not just Date/Symbol).
 */
export function transactionsScore(
	sample: string[][],
	core: readonly (readonly string[])[],
	own: readonly string[]
): number {
	const header = sample.find((row) => !row.every(isBlank)) ?? [];
	if (headerScore(header, core) < 1) return 0;
	const score = headerScore(
		header,
		own.map((name) => [name])
	);
	return score < 0.5 ? 0 : 0.6 + 0.4 * score;
}

/** How an option left the account on a `Receive Deliver` row. */
export interface Removal {
	/** Words for messages: "expiration", "assignment"… */
	what: string;
	/**
	 * Whether price 0 is what really happened. An expired option ends worthless; an assigned or
	 * exercised option is extinguished for nothing, its value passing to the stock delivered at
	 * the strike (a separate row). Cash-settled removals carry the settlement in Value instead.
	 */
	zeroPrice: boolean;
}

const REMOVALS: Record<string, Removal> = {
	expiration: { what: 'expiration', zeroPrice: true },
	assignment: { what: 'assignment', zeroPrice: true },
	exercise: { what: 'exercise', zeroPrice: true },
	'cash settled assignment': { what: 'cash-settled assignment', zeroPrice: false },
	'cash settled exercise': { what: 'cash-settled exercise', zeroPrice: false }
};

/** The option removal a Sub Type names (`Expiration`, `Assignment`…), or null. */
export function removalOf(subType: string): Removal | null {
	return REMOVALS[subType.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

/** Which way a transaction went, and whether it opened or closed (null: the row does not say). */
export interface Action {
	side: Side;
	effect: PositionEffect | null;
}

/** Side and effect of an Action (`BUY_TO_OPEN`, `Sell to Close`, `BUY`); null when it is none of them. */
export function parseAction(cell: string): Action | null {
	const m = /^(BUY|SELL)(?:_TO_(OPEN|CLOSE))?$/.exec(cell.trim().toUpperCase().replace(/\s+/g, '_'));
	if (!m) return null;
	return {
		side: m[1] === 'BUY' ? 'buy' : 'sell',
		effect: m[2] === undefined ? null : m[2] === 'OPEN' ? 'open' : 'close'
	};
}

/** A cost from a cell where charges are negative (tastytrade): positive when paid, null for `--`. */
export function costFromCharge(value: number | null): number | null {
	if (value === null) return null;
	// 0 - 0 keeps +0 (unary minus would give -0, which is a different value to toEqual).
	return 0 - value;
}

/**
 * An execution's date and time. parseDateTime reads a date alone as midnight, which for an
 * execution would be an invented time, so a cell without a time of day is refused here.
 * @example parseExecutionTime('2024-09-10T15:32:26+0200', 'UTC') // { ok: true, value: 1725975146000 }
 */
export function parseExecutionTime(cell: string, zone: string): InstantResult {
	const t = cell.trim();
	if (!isBlank(t) && !/\d:\d\d/.test(t)) return { ok: false, reason: `"${t}" has no time of day` };
	return parseDateTime(t, zone, 'mdy');
}

/**
 * An option's symbol from its parts: the OCC symbol, or for an option on a future (root `/ES…`),
 * which has none, the future, expiry, right and strike. Null when an OCC symbol cannot hold them.
 * @example optionSymbol('/ESZ4', { year: 2024, month: 12, day: 20 }, 'C', 5000) // '/ESZ4 241220C5000'
 */
export function optionSymbol(
	root: string,
	expiry: { year: number; month: number; day: number },
	right: 'C' | 'P',
	strike: number
): string | null {
	if (!root.startsWith('/')) return occSymbol(root, expiry, right, strike);
	const ymd = [expiry.year % 100, expiry.month, expiry.day].map((n) => String(n).padStart(2, '0')).join('');
	return `${root} ${ymd}${right}${strike}`;
}

/** The fill price that ends a tastytrade Description (`Sold 1 /CLJ4 @ 79.53`), or null. */
export function priceInDescription(description: string): number | null {
	const m = /@\s*([-+]?[\d,]*\.?\d+)\s*$/.exec(description.trim());
	if (!m) return null;
	const n = parseNumber(m[1]!);
	return n.ok ? n.value : null;
}

interface Deferred {
	record: Omit<ExecutionRecord, 'side'>;
	column: string | null;
	what: string;
}

/**
 * Option removals whose rows do not say which way they closed (legacy expirations have no
 * Buy/Sell, some current rows an empty Action). The side is not guessed: it is read off the
 * position the same file builds up to that row (long → the removal sells, short → it buys).
 * When the file holds no such position (it opened in an earlier file) the row is an error.
 */
export class ClosingSides {
	/** Signed quantities (+ bought, − sold) by symbol, with their instants. */
	readonly #fills = new Map<string, { time: number; quantity: number }[]>();
	readonly #deferred: Deferred[] = [];

	/** Notes a record whose side is known. */
	add(record: ExecutionRecord): void {
		let fills = this.#fills.get(record.symbol);
		if (!fills) this.#fills.set(record.symbol, (fills = []));
		fills.push({ time: record.time, quantity: record.side === 'buy' ? record.quantity : -record.quantity });
	}

	/** Keeps a closing record without a side until the whole file is read. */
	defer(record: Omit<ExecutionRecord, 'side'>, column: string | null, what: string): void {
		this.#deferred.push({ record, column, what });
	}

	/** Gives every deferred row its side, or an error; oldest first so earlier closes count. */
	resolve(): RowOutcome {
		const out: RowOutcome = { records: [], errors: [], skipped: 0 };
		const pending = [...this.#deferred].sort(
			(a, b) => a.record.time - b.record.time || b.record.line - a.record.line
		);
		for (const { record, column, what } of pending) {
			let position = 0;
			for (const f of this.#fills.get(record.symbol) ?? []) if (f.time <= record.time) position += f.quantity;
			const side: Side | null =
				position >= record.quantity ? 'sell' : -position >= record.quantity ? 'buy' : null;
			if (side === null) {
				out.errors.push({
					line: record.line,
					column,
					reason: `is empty: the file does not say whether this ${what} closed a long or a short, and the rows before it hold no open position of ${record.quantity} ${record.symbol} to tell`
				});
				continue;
			}
			const full: ExecutionRecord = { ...record, side };
			this.add(full);
			out.records.push(full);
		}
		return out;
	}
}

/**
 * The columns that say what a row is: `Type` and `Sub Type` (legacy: `Transaction Code`,
 * `Subcode`), and the two every transaction is read from first: its time and symbol.
 */
export interface KindColumns<F extends string> {
	kind: F;
	sub: F;
	/** What the kind column is called in messages: "type" or "code". */
	noun: string;
	time: F;
	symbol: F;
}

/** A transaction row as the shared core hands it on: what it is, and its time and symbol checked. */
export interface Transaction<F extends string> {
	line: number;
	/** The option removal a Receive Deliver row is; null for a trade. */
	removal: Removal | null;
	/** Its Sub Type, which repeats the action on the stock legs of an assignment. */
	sub: string;
	/** The row's errors so far (time and symbol) and the checks that add to them. */
	checks: RowChecks<F>;
	time: InstantResult;
	/** Upper-cased, maybe empty (then already an error). */
	symbol: string;
}

/** The fields of a tastytrade record that differ by row; the rest the files never give. */
type TransactionFields = Pick<
	ExecutionRecord,
	| 'symbol'
	| 'assetClass'
	| 'positionEffect'
	| 'quantity'
	| 'price'
	| 'time'
	| 'commission'
	| 'fees'
	| 'currency'
	| 'multiplier'
	| 'orderId'
	| 'line'
>;

/** What a row's kind makes of it: a trade (or an option removal), or an outcome already. */
type RowKind = { ok: true; removal: Removal | null; sub: string } | { ok: false; outcome: RowOutcome };

/**
 * The row core both tastytrade exports share: blank rows are skipped wherever they stand, Money
 * Movement rows are not trades, a Receive Deliver row is an option removal or the stock of an
 * assignment (any other is a position change this importer refuses), and a record whose row does
 * not say its side waits for the end of the file (ClosingSides).
 */
export abstract class TransactionsParser<F extends string> extends TableParser<F> {
	readonly #sides = new ClosingSides();

	constructor(
		layout: Layout<F>,
		private readonly kinds: KindColumns<F>,
		options: ParseOptions
	) {
		super(layout, options);
	}

	override row(cells: string[], line: number): RowOutcome {
		return cells.every(isBlank) ? notData() : super.row(cells, line);
	}

	override end(): RowOutcome {
		return this.#sides.resolve();
	}

	protected data(c: Columns<F>, cells: string[], line: number): RowOutcome {
		const what = this.#kind(c, cells, line);
		if (!what.ok) return what.outcome;
		const checks = rowErrors(c, line);
		const time = checks.check(
			this.kinds.time,
			parseExecutionTime(c.get(cells, this.kinds.time), this.options.zone)
		);
		const symbol = normalizeSymbol(c.get(cells, this.kinds.symbol));
		if (symbol === '') checks.fail(this.kinds.symbol, 'is empty');
		return this.transaction(c, cells, { line, removal: what.removal, sub: what.sub, checks, time, symbol });
	}

	/** What a trade row (`removal` null) or an option removal gives. */
	protected abstract transaction(c: Columns<F>, cells: string[], row: Transaction<F>): RowOutcome;

	/**
	 * Side and effect from the row's action cell (`read`), or on a trade row that leaves it empty
	 * from its Sub Type; a removal may leave it empty (its side is resolved at the end). Any other
	 * miss is an error on `field`: `notOne` says what the cell should have been.
	 */
	protected action(
		c: Columns<F>,
		cells: string[],
		row: Transaction<F>,
		field: F,
		read: (cell: string) => Action | null,
		notOne: string
	): Action | null {
		const cell = c.get(cells, field);
		let action = read(cell);
		if (action === null && isBlank(cell) && row.removal === null) action = parseAction(row.sub);
		if (action === null && !(isBlank(cell) && row.removal !== null))
			row.checks.fail(field, isBlank(cell) ? 'is empty' : `"${cell.trim()}" ${notOne}`);
		return action;
	}

	/** What the row is, from its kind and sub-kind columns. */
	#kind(c: Columns<F>, cells: string[], line: number): RowKind {
		const columns = this.kinds;
		const kind = c.get(cells, columns.kind).trim().toLowerCase();
		if (kind === 'money movement') return { ok: false, outcome: skip('a money movement, not a trade') };
		const sub = c.get(cells, columns.sub).trim();
		if (kind === 'trade') return { ok: true, removal: null, sub };
		if (kind !== 'receive deliver') {
			const reason = `"${c.get(cells, columns.kind).trim()}" is not a transaction ${columns.noun} (Trade, Receive Deliver, Money Movement)`;
			return { ok: false, outcome: refuse(line, c.name(columns.kind), reason) };
		}
		const removal = removalOf(sub);
		if (removal === null && parseAction(sub) === null)
			return {
				ok: false,
				outcome: refuse(
					line,
					c.name(columns.sub),
					`"${sub}" is a position change without a trade (split, symbol change, merger, transfer…); it is not imported, so the position it changes must be adjusted by hand`
				)
			};
		return { ok: true, removal, sub };
	}

	/**
	 * The row's outcome for its record: with its side, or (side null: a removal that does not say
	 * which way it closed) kept until the end of the file, where `sideColumn` is named if the
	 * file's positions cannot tell.
	 */
	protected record(
		fields: TransactionFields,
		side: Side | null,
		sideColumn: string,
		removal: Removal | null
	): RowOutcome {
		const record: Omit<ExecutionRecord, 'side'> = {
			kind: 'execution',
			brokerExecutionId: null,
			accountNumber: null,
			symbol: fields.symbol,
			assetClass: fields.assetClass,
			positionEffect: fields.positionEffect,
			shortSale: false,
			quantity: fields.quantity,
			price: fields.price,
			time: fields.time,
			commission: fields.commission,
			fees: fields.fees,
			currency: fields.currency,
			multiplier: fields.multiplier,
			orderId: fields.orderId,
			venue: null,
			brokerPnl: null,
			line: fields.line
		};
		if (side === null) {
			this.#sides.defer(record, sideColumn, removal?.what ?? 'row');
			return EMPTY_OUTCOME;
		}
		const full: ExecutionRecord = { ...record, side };
		this.#sides.add(full);
		return { records: [full], errors: [], skipped: 0 };
	}
}

// ---------------------------------------------------------------------------------------------
