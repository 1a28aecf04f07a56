/**
 * thinkorswim (Schwab, formerly TD Ameritrade) — Account Statement CSV. One file holds many
 * sections, each a title row (`Cash Balance`, `Account Order History`, `Account Trade History`,
 * `Equities`…) followed by its own header and rows. Only `Account Trade History` lists
 * executions:
 *
 *   ,Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type
 *   ,3/26/26 14:53:17,STOCK,SELL,-100,TO CLOSE,NAVN,,,STOCK,13.13,13.13,MKT
 *   ,4/21/26 14:33:52,BUTTERFLY,BUY,+1,TO OPEN,SPX,21 APR 26,7080,PUT,6.57,.60,LMT
 *   ,,,SELL,-2,TO OPEN,SPX,21 APR 26,7075,PUT,4.54,DEBIT,
 *
 * Rows start with an empty column; legs of a spread follow their first leg with Exec Time and
 * Spread left empty (they are inherited from the row above). Qty is signed (+ buy, − sell) and
 * must agree with Side. Price `~` means the platform did not report one: an error, never 0.
 * Net Price is the spread's net (or DEBIT/CREDIT on later legs) and is not a leg's price.
 * Times are the platform's wall times (US Eastern unless the user set otherwise).
 *
 * Left out on purpose: commissions and fees live in the Cash Balance section, one line per
 * order (not per leg or fill), so they cannot be attached to executions reliably; both are null
 * ("not in this section"), not 0. Spread `FUND` rows are the money-market sweep (cash
 * management, bought and sold at 1.00): skipped. Every other section is skipped.
 * The account number comes from the first line, `Account Statement for D-12345678 (margin) …`.
 */
import type { AssetClass, PositionEffect } from '../model/records';
import { Columns, headerScore, isBlank, normalizeSymbol, parseNumber, parseSide, type Parsed } from './cells';
// These live with the tastytrade formats, the first to need them; they belong in cells.ts.
import { optionSymbol, parseExecutionTime } from './tastytrade-transactions';
import { formatDef, RowParser } from './table';
import {
	accept,
	execution,
	EMPTY_OUTCOME,
	skip,
	type FormatDef,
	type RowError,
	type RowOutcome
} from './types';

const ALIASES = {
	execTime: ['Exec Time'],
	spread: ['Spread'],
	side: ['Side'],
	qty: ['Qty', 'Quantity'],
	posEffect: ['Pos Effect'],
	symbol: ['Symbol'],
	exp: ['Exp', 'Expiration'],
	strike: ['Strike'],
	type: ['Type'],
	price: ['Price'],
	netPrice: ['Net Price'],
	orderType: ['Order Type']
} as const;
type Field = keyof typeof ALIASES;
const HEADER_KEYS = [
	ALIASES.execTime,
	ALIASES.side,
	ALIASES.qty,
	ALIASES.posEffect,
	ALIASES.symbol,
	ALIASES.price
];

const STATEMENT = /^\s*Account Statement for\s+(\S+)/i;

/** Whether a row is the Account Trade History header. */
function isTradeHeader(cells: string[]): boolean {
	return headerScore(cells, HEADER_KEYS) === 1;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * An option expiry as thinkorswim writes it, `27 MAR 26` (day, month name, 2- or 4-digit year),
 * possibly followed by a note such as `(Weeklys)`.
 */
function parseExpiry(cell: string): Parsed<{ year: number; month: number; day: number }> {
	const t = cell.trim();
	const m = /^(\d{1,2})\s+([A-Za-z]{3})\s+(\d{4}|\d{2})(?:\s.*)?$/.exec(t);
	const month = m ? MONTHS.indexOf(m[2]!.toUpperCase()) + 1 : 0;
	if (!m || month === 0) return { ok: false, reason: `"${t}" is not an expiry like 27 MAR 26` };
	const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
	const day = Number(m[1]);
	const d = new Date(Date.UTC(year, month - 1, day));
	if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
		return { ok: false, reason: `"${t}" is not a valid date` };
	return { ok: true, value: { year, month, day } };
}

export const thinkorswim: FormatDef = formatDef({
	id: 'thinkorswim',
	label: 'thinkorswim — Account statement',
	// The statement's first line names the account every execution belongs to.
	hasAccountColumn: true,
	detect(sample) {
		let score = 0;
		for (const row of sample) {
			if (STATEMENT.test(row[0] ?? '')) score = Math.max(score, 0.95);
			else if (isTradeHeader(row) && headerScore(row, [ALIASES.spread, ALIASES.netPrice]) === 1)
				score = Math.max(score, 0.9);
		}
		return score;
	},
	parser: (options) => new ThinkorswimParser(options)
});

type Timed = { ok: true; value: number } | { ok: false; reason: string };

class ThinkorswimParser extends RowParser {
	#account: string | null = null;
	#columns: Columns<Field> | null = null;
	/** Inside Account Trade History (between its header and the next section's title). */
	#inTrades = false;
	/** The line of the Account Trade History header (named when a row's width differs from it). */
	#headerLine = 0;
	/** Whether the header starts with an empty column, as thinkorswim writes it. */
	#leadingBlank = false;
	#lastTime: Timed | null = null;
	#lastSpread = '';

	row(cells: string[], line: number): RowOutcome {
		const notData = { ...EMPTY_OUTCOME, skipped: 1 };
		if (cells.every(isBlank)) return notData;
		const statement = STATEMENT.exec(cells[0] ?? '');
		if (statement) {
			this.#account = statement[1]!;
			return notData;
		}
		if (isTradeHeader(cells)) {
			this.#columns = new Columns(cells, ALIASES);
			this.#headerLine = line;
			this.#inTrades = true;
			this.#leadingBlank = isBlank(cells[0]);
			this.#lastTime = null;
			this.#lastSpread = '';
			return notData;
		}
		if (!this.#inTrades || !this.#columns)
			return skip("a line of the statement's other sections, not Trade History");
		// Trade rows keep the header's empty first column; a title (`Equities`, `Profits and
		// Losses`…) or another section's header does not.
		const filled = cells.filter((cell) => !isBlank(cell)).length;
		if (
			(this.#leadingBlank && !isBlank(cells[0])) ||
			(!this.#leadingBlank && filled === 1 && !isBlank(cells[0]))
		) {
			this.#inTrades = false;
			return notData;
		}
		return (
			this.#columns.widthRejection(cells, line, this.#headerLine) ?? this.#trade(this.#columns, cells, line)
		);
	}

	#trade(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const errors: RowError[] = [];
		const fail = (field: Field, reason: string) => errors.push({ line, column: c.name(field), reason });

		// Later legs of a spread leave Exec Time and Spread to the row above.
		const timeCell = c.get(cells, 'execTime');
		let time: Timed;
		if (isBlank(timeCell)) {
			time =
				this.#lastTime === null
					? { ok: false, reason: 'is empty and there is no row above to take it from' }
					: this.#lastTime.ok
						? this.#lastTime
						: { ok: false, reason: 'is empty and the row above has no valid time either' };
		} else {
			time = parseExecutionTime(timeCell, this.options.zone);
			this.#lastTime = time;
		}
		const spreadCell = c.get(cells, 'spread').trim().toUpperCase();
		if (!isBlank(spreadCell) || !isBlank(timeCell)) this.#lastSpread = spreadCell;
		const spread = isBlank(spreadCell) ? this.#lastSpread : spreadCell;
		const type = c.get(cells, 'type').trim().toUpperCase();
		if (spread === 'FUND' || type === 'FUND') return skip('a fund (money market) line, not a trade');
		if (!time.ok) fail('execTime', time.reason);

		const side = parseSide(c.get(cells, 'side'));
		if (!side.ok) fail('side', side.reason);
		const qtyCell = c.get(cells, 'qty').trim();
		const qty = parseNumber(qtyCell);
		if (!qty.ok) fail('qty', qty.reason);
		else if (qty.value === 0) fail('qty', 'is 0');
		else if (side.ok && (side.value.side === 'buy' ? qty.value < 0 : qtyCell.startsWith('+')))
			fail('qty', `${qtyCell} disagrees with Side ${side.value.side.toUpperCase()}`);

		const effectCell = c.get(cells, 'posEffect').trim().toUpperCase();
		let positionEffect: PositionEffect | null = null;
		if (effectCell === 'TO OPEN') positionEffect = 'open';
		else if (effectCell === 'TO CLOSE') positionEffect = 'close';
		else if (!isBlank(effectCell)) fail('posEffect', `"${effectCell}" is not TO OPEN or TO CLOSE`);

		const root = normalizeSymbol(c.get(cells, 'symbol'));
		if (root === '') fail('symbol', 'is empty');
		const future = root.startsWith('/');
		let symbol = root;
		let assetClass: AssetClass;
		if (type === 'CALL' || type === 'PUT') {
			assetClass = future ? 'future_option' : 'option';
			const expiry = parseExpiry(c.get(cells, 'exp'));
			if (!expiry.ok) fail('exp', isBlank(c.get(cells, 'exp')) ? 'is empty' : expiry.reason);
			const strike = parseNumber(c.get(cells, 'strike'));
			if (!strike.ok) fail('strike', strike.reason);
			else if (strike.value <= 0) fail('strike', `must be above zero, is ${strike.value}`);
			if (expiry.ok && strike.ok && strike.value > 0 && root !== '') {
				const right = type === 'CALL' ? 'C' : 'P';
				const built = optionSymbol(root, expiry.value, right, strike.value);
				if (built === null) fail('strike', `${strike.value} does not fit an OCC symbol`);
				else symbol = built;
			}
		} else if (type === 'FUTURE' || (future && isBlank(type))) {
			assetClass = 'future';
		} else if (type === 'STOCK' || type === 'ETF' || isBlank(type)) {
			assetClass = future ? 'future' : 'stock';
		} else {
			fail('type', `"${type}" is not an instrument type this importer knows (STOCK, ETF, CALL, PUT, FUTURE)`);
			assetClass = 'stock';
		}

		const priceCell = c.get(cells, 'price').trim();
		const price = priceCell === '~' ? null : parseNumber(priceCell);
		if (price === null) fail('price', 'is "~": thinkorswim did not report the price of this execution');
		else if (!price.ok) fail('price', price.reason);
		else if (price.value <= 0) fail('price', `must be above zero, is ${price.value}`);

		if (errors.length > 0 || !time.ok || !side.ok || !qty.ok || price === null || !price.ok)
			return { records: [], errors, skipped: 0 };
		return accept(
			execution({
				accountNumber: this.#account,
				symbol,
				assetClass,
				side: side.value.side,
				positionEffect,
				quantity: Math.abs(qty.value),
				price: price.value,
				time: time.value,
				// In the Cash Balance section, per order; see the module comment.
				commission: null,
				// Equity and index options are on 100 shares; futures point values are not in the file.
				multiplier: assetClass === 'option' ? 100 : null,
				line
			})
		);
	}
}
