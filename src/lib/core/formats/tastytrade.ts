/**
 * tastytrade — account "Transactions" CSV (the export since 2023; the tastyworks export before it
 * is tastytrade-legacy.ts). One row per transaction, newest first; every time carries its UTC
 * offset (`2024-09-10T15:32:26+0200`), so no zone has to be chosen.
 *
 * What the rows mean (checked against the public samples in tests/fixtures/public):
 * - `Trade` rows are fills. `Action` (BUY_TO_OPEN, SELL_TO_CLOSE…, plain BUY/SELL for futures)
 *   gives side and effect; Quantity is always positive and the sign is on Value (− = debit).
 * - `Receive Deliver` rows move positions without a trade: option removals (Expiration,
 *   Assignment, Exercise, Cash Settled …) close the option; Buy/Sell to Open/Close rows are the
 *   stock delivered by an assignment or exercise, at the strike. Other kinds (splits, symbol
 *   changes, mergers, ACAT transfers) are corporate actions this importer does not turn into
 *   executions: each is reported as an error, so a position changed by one is never silently off.
 * - `Money Movement` rows (deposits, interest, fees, dividends) are not executions: skipped.
 * - Commissions and Fees are negative when charged; `--` means the file gives none.
 *
 * Price per unit. Average Price is NOT a price: it is Value / Quantity, the cash per contract
 * with the multiplier in it, and for futures it is the mark-to-market cash (0 on an opening
 * fill; see laroche/tastyworks-pnl `tests/data/CL Future.csv`). The fill price is the `@ 1.1`
 * that ends Description, so that is the price used. In the /MES future-option sample (`Bought 2
 * /MESU4 … Put 4650.00 @ 1.1`, Value −11.00, Quantity 2, Average Price −5.50, Multiplier 1) the
 * Multiplier column says 1 although a /MES option is worth $5 a point: 2 × 1.1 × 5 = 11.00. For
 * future options the multiplier is therefore derived from Value = Quantity × price × multiplier
 * (rounded to 0.01 and accepted only when it reproduces Value to the half cent); when it cannot
 * be (no `@ price`, Value 0, an odd price notation) the row falls back to price = |Average
 * Price| / Multiplier with the file's Multiplier, which still keeps Value = quantity × price ×
 * multiplier exactly. Equity options use the file's Multiplier (100); stocks and crypto theirs.
 */
import type { AssetClass, ExecutionRecord, PositionEffect, Side } from '../model/records';
import { roundCents } from '../model/money';
import {
	headerScore,
	isBlank,
	normalizeSymbol,
	parseDateTime,
	parseNumber,
	parseOptionalNumber
} from './cells';
import { occSymbol, type Columns } from './cells';
import type { InstantResult } from '../time/zone';
import { rowErrors, TableParser, formatDef, layout, type Layout, type RowChecks } from './table';
import {
	EMPTY_OUTCOME,
	notData,
	refuse,
	skip,
	type FormatDef,
	type ParseOptions,
	type RowOutcome
} from './types';

/** Re-exported for the formats that build on this one. */
export { occSymbol };

const ALIASES = {
	date: ['Date'],
	type: ['Type'],
	subType: ['Sub Type'],
	action: ['Action'],
	symbol: ['Symbol'],
	instrumentType: ['Instrument Type'],
	description: ['Description'],
	value: ['Value'],
	quantity: ['Quantity'],
	averagePrice: ['Average Price'],
	commissions: ['Commissions'],
	fees: ['Fees'],
	multiplier: ['Multiplier'],
	orderNumber: ['Order #', 'Order Number', 'Order'],
	currency: ['Currency']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(
	ALIASES,
	[
		'date',
		'type',
		'subType',
		'action',
		'symbol',
		'instrumentType',
		'description',
		'value',
		'quantity',
		'averagePrice'
	],
	{ optional: ['commissions', 'fees'], underBrokenHeader: 'read' }
);

export const tastytrade: FormatDef = formatDef({
	id: 'tastytrade',
	label: 'tastytrade — Transactions',
	// Every Date cell carries its own UTC offset.
	defaultZone: null,
	detect(sample) {
		const core = [
			ALIASES.date,
			ALIASES.type,
			ALIASES.action,
			ALIASES.symbol,
			ALIASES.quantity,
			ALIASES.value
		];
		const own = ['Sub Type', 'Instrument Type', 'Average Price', 'Root Symbol', 'Underlying Symbol'];
		return transactionsScore(sample, core, [...own, 'Call or Put', 'Order #', 'Strike Price']);
	},
	parser: (options) =>
		new TastytradeParser(
			LAYOUT,
			{ kind: 'type', sub: 'subType', noun: 'type', time: 'date', symbol: 'symbol' },
			options
		)
});

// ---------------------------------------------------------------------------------------------
// Pieces shared with the legacy tastyworks format (tastytrade-legacy.ts).

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

const INSTRUMENTS: Record<string, AssetClass> = {
	equity: 'stock',
	'equity option': 'option',
	'index option': 'option',
	future: 'future',
	'future option': 'future_option',
	cryptocurrency: 'crypto'
};

/** Rounds to 2 decimals: futures point values are whole or simple fractions ($0.5, 0.1 BTC). */

class TastytradeParser extends TransactionsParser<Field> {
	protected transaction(c: Columns<Field>, cells: string[], row: Transaction<Field>): RowOutcome {
		const { line, removal, time, symbol } = row;
		const { errors, fail, check, positive, rejected } = row.checks;
		const instrumentCell = c.get(cells, 'instrumentType').trim();
		const assetClass = INSTRUMENTS[instrumentCell.toLowerCase()];
		if (assetClass === undefined)
			fail(
				'instrumentType',
				isBlank(instrumentCell)
					? 'is empty'
					: `"${instrumentCell}" is not an instrument type this importer knows`
			);

		// The Action says which way; removal rows may leave it empty (resolved from the file's
		// positions at the end), and the stock legs of assignments repeat it in Sub Type.
		const action = this.action(c, cells, row, 'action', parseAction, 'is not a buy or sell action');

		const quantity = positive('quantity', parseNumber(c.get(cells, 'quantity')));
		const value = check('value', parseOptionalNumber(c.get(cells, 'value')));
		const average = check('averagePrice', parseOptionalNumber(c.get(cells, 'averagePrice')));
		const fileMultiplier = check('multiplier', parseOptionalNumber(c.get(cells, 'multiplier')));
		if (fileMultiplier.ok && fileMultiplier.value !== null && fileMultiplier.value <= 0)
			fail('multiplier', `must be above zero, is ${fileMultiplier.value}`);
		const commissions = check('commissions', parseOptionalNumber(c.get(cells, 'commissions')));
		const fees = check('fees', parseOptionalNumber(c.get(cells, 'fees')));

		if (
			errors.length > 0 ||
			!time.ok ||
			assetClass === undefined ||
			!quantity.ok ||
			!value.ok ||
			!average.ok ||
			!fileMultiplier.ok ||
			!commissions.ok ||
			!fees.ok
		)
			return rejected();

		const priced = this.#price(
			assetClass,
			c.get(cells, 'description'),
			quantity.value,
			value.value,
			average.value,
			fileMultiplier.value
		);
		if (!priced.ok) {
			fail(priced.field, priced.reason);
			return rejected();
		}
		const { price, multiplier } = priced;
		if (price < 0) fail('averagePrice', `gives a negative price, ${price}`);
		else if (price === 0 && !removal?.zeroPrice)
			fail(
				'averagePrice',
				removal
					? `gives price 0 for a ${removal.what}, which settles at a price`
					: 'gives price 0 for a trade'
			);
		if (errors.length > 0) return rejected();

		const currency = c.get(cells, 'currency').trim().toUpperCase();
		const order = c.get(cells, 'orderNumber').trim();
		// Order # is shared by the legs and partial fills of one order, and the file has no per-fill
		// id: identity falls back to the (time, symbol, side, quantity, price) tuple.
		const record = {
			symbol,
			assetClass,
			positionEffect: removal ? 'close' : (action?.effect ?? null),
			quantity: quantity.value,
			price,
			time: time.value,
			commission: costFromCharge(commissions.value),
			fees: costFromCharge(fees.value),
			currency: currency === '' ? null : currency,
			multiplier,
			orderId: isBlank(order) ? null : order,
			line
		};
		return this.record(record, action?.side ?? null, c.name('action'), removal);
	}

	/** Price per unit and multiplier; see the module comment for why Average Price is not the price. */
	#price(
		assetClass: AssetClass,
		description: string,
		quantity: number,
		value: number | null,
		average: number | null,
		fileMultiplier: number | null
	): Priced {
		const quoted = priceInDescription(description);
		const ok = (price: number, multiplier: number | null): Priced => ({ ok: true, price, multiplier });
		// Average Price is cash per contract: per unit it is |Average Price| / multiplier.
		const fromAverage = (divisor: number | null, multiplier: number | null): Priced => {
			if (average === null)
				return { ok: false, field: 'averagePrice', reason: 'is empty and Description has no "@ price"' };
			if (divisor === null)
				return {
					ok: false,
					field: 'multiplier',
					reason: 'is empty and Description has no "@ price", so Average Price cannot be turned into a price'
				};
			return ok(Math.abs(average) / divisor, multiplier);
		};
		switch (assetClass) {
			case 'future':
				// Average Price of a future is the day's mark-to-market cash, never a price.
				if (quoted === null)
					return {
						ok: false,
						field: 'description',
						reason: 'has no "@ price", and Average Price of a future is cash, not a price'
					};
				return ok(quoted, fileMultiplier);
			case 'future_option': {
				if (quoted !== null && quoted > 0 && value !== null && value !== 0) {
					const multiplier = roundCents(Math.abs(value) / (quantity * quoted));
					if (multiplier > 0 && Math.abs(quantity * quoted * multiplier - Math.abs(value)) <= 0.005 + 1e-9)
						return ok(quoted, multiplier);
				}
				return fromAverage(fileMultiplier, fileMultiplier);
			}
			case 'option': {
				// Instrument Type says equity (or index) option: 100 when the column is empty.
				const multiplier = fileMultiplier ?? 100;
				return quoted !== null ? ok(quoted, multiplier) : fromAverage(multiplier, multiplier);
			}
			default:
				// Stocks and coins: Average Price is per share or coin already.
				return quoted !== null
					? ok(quoted, fileMultiplier)
					: fromAverage(fileMultiplier ?? 1, fileMultiplier);
		}
	}
}

type Priced =
	{ ok: true; price: number; multiplier: number | null } | { ok: false; field: Field; reason: string };
