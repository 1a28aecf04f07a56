/**
 * Interactive Brokers — Activity statement CSV. Every line starts with its section name and a
 * row kind: `Trades,Header,…` names the columns of the `Trades,Data,…` rows that follow (one
 * header per asset category, and the columns differ: forex has `Comm in USD`), `SubTotal` and
 * `Total` rows sum them, and a dozen other sections (NAV, cash, positions…) come before and after.
 * The account number is in `Account Information`. Executions have no id of their own.
 */
import { Columns, isBlank, normalizeSymbol, parseOptionalNumber } from './cells';
import {
	asCost,
	assetClassOf,
	CANCELLATION,
	canonicalOcc,
	ibkrPrice,
	IBKR_FORMAT,
	ibkrQuantity,
	isCancellation,
	occSymbol,
	parseIbkrDateTime,
	positionEffectOf,
	unreadable
} from './ibkr-flex';
import { formatDef, headerRowOutcome, missingNames, rowErrors, RowParser } from './table';
import { accept, execution, notData, refuse, skip, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	discriminator: ['DataDiscriminator'],
	assetClass: ['Asset Category', 'AssetClass'],
	currency: ['Currency', 'CurrencyPrimary'],
	account: ['Account', 'ClientAccountID'],
	symbol: ['Symbol'],
	dateTime: ['Date/Time', 'DateTime'],
	exchange: ['Exchange'],
	quantity: ['Quantity'],
	price: ['T. Price', 'TradePrice'],
	commission: ['Comm/Fee', 'IBCommission'],
	pnl: ['Realized P/L'],
	codes: ['Code']
} as const;
type Field = keyof typeof ALIASES;
const REQUIRED: Field[] = ['assetClass', 'symbol', 'dateTime', 'quantity', 'price'];
/** Columns every export of this kind has: a header lacking one (a damaged name) is warned about. */
const OPTIONAL: Field[] = ['commission', 'pnl'];

/** The forex block's commission column is in the base currency: `Comm in USD`. */
const COMMISSION_IN = /^comm(?:ission)?\s+in\s+([a-z]{3})$/i;

export const ibkrActivity: FormatDef = formatDef({
	id: 'ibkr-activity',
	label: 'Interactive Brokers — Activity statement',
	...IBKR_FORMAT,
	detect(sample) {
		// The Trades section often starts past row 50 (NAV, cash report and positions come first),
		// so the statement's own opening rows count too.
		let score = 0;
		for (const row of sample.slice(0, 50)) {
			const section = (row[0] ?? '').trim();
			const kind = (row[1] ?? '').trim();
			if (section === 'Trades' && kind === 'Header') {
				const named = row.some((c) => c.trim() === 'DataDiscriminator' || c.trim() === 'T. Price');
				score = Math.max(score, named ? 1 : 0.6);
			} else if (section === 'Statement' && kind === 'Header' && (row[2] ?? '').trim() === 'Field Name') {
				score = Math.max(score, 0.7);
			} else if (section === 'Statement' && kind === 'Data' && (row[2] ?? '').trim() === 'Title') {
				if (/activity/i.test(row[3] ?? '')) score = Math.max(score, 0.9);
			}
		}
		return score;
	},
	parser: (options) => new ActivityParser(options)
});

interface TradesHeader {
	columns: Columns<Field>;
	line: number;
	/** Required columns the header lacks (its rows cannot be read). */
	missing: string[];
	/** Currency of the commission column when it is `Comm in XXX`; null for `Comm/Fee` (trade currency). */
	commissionCurrency: string | null;
}

class ActivityParser extends RowParser {
	#header: TradesHeader | null = null;
	#account: string | null = null;
	/**
	 * Which rows are the executions: `Order` rows, or `Trade` rows in statements that list only
	 * those. A statement can list both (an Order row, then its Trade rows); the first one seen
	 * decides, since an order's row always precedes its trades', so nothing is counted twice.
	 */
	#grain: 'ORDER' | 'TRADE' | null = null;

	row(cells: string[], line: number): RowOutcome {
		if (cells.every(isBlank)) return notData();
		const section = (cells[0] ?? '').trim().toLowerCase();
		const kind = (cells[1] ?? '').trim().toLowerCase();
		if (section === 'account information' && kind === 'data' && (cells[2] ?? '').trim() === 'Account') {
			const account = (cells[3] ?? '').trim();
			this.#account = account === '' ? null : account;
		}
		if (section !== 'trades')
			return skip(`a line of the statement's ${(cells[0] ?? '').trim() || 'unnamed'} section, not Trades`);
		if (kind === 'header') return this.#readHeader(cells, line);
		// SubTotal, Total and Notes rows summarise; only Data rows are trades.
		if (kind !== 'data')
			return skip(`a ${(cells[1] ?? '').trim() || 'blank'} line of the Trades section, not a trade`);
		const header = this.#header;
		if (!header || header.missing.length > 0) return unreadable(header, line, 'Trades ');
		const c = header.columns;
		if (c.has('discriminator')) {
			const discriminator = c.get(cells, 'discriminator').trim().toUpperCase();
			if (discriminator !== 'ORDER' && discriminator !== 'TRADE')
				return skip(`a ${discriminator || 'blank'} row of the Trades section, not an order or trade`);
			this.#grain ??= discriminator;
			if (discriminator !== this.#grain)
				return skip(`a ${discriminator} row; this statement's executions are its ${this.#grain} rows`);
		}
		return this.#execution(header, mergeSplitDateTime(cells, c), line);
	}

	#readHeader(cells: string[], line: number): RowOutcome {
		const commissionAt = cells.findIndex((h) => COMMISSION_IN.test(h.trim()));
		const commissionHeader = commissionAt >= 0 ? cells[commissionAt]!.trim() : null;
		const aliases: Record<Field, readonly string[]> = commissionHeader
			? { ...ALIASES, commission: [...ALIASES.commission, commissionHeader] }
			: ALIASES;
		const columns = new Columns(cells, aliases);
		const missing = missingNames(columns, ALIASES, REQUIRED);
		const inOther =
			commissionHeader !== null && columns.index.commission === commissionAt
				? COMMISSION_IN.exec(commissionHeader)![1]!.toUpperCase()
				: null;
		this.#header = { columns, line, missing, commissionCurrency: inOther };
		return headerRowOutcome(columns, missing, OPTIONAL, line);
	}

	#execution(header: TradesHeader, cells: string[], line: number): RowOutcome {
		const c = header.columns;
		const wrongWidth = c.widthRejection(cells, line, header.line);
		if (wrongWidth) return wrongWidth;
		const { errors, fail, check, rejected } = rowErrors(c, line);

		const code = c.get(cells, 'codes');
		if (isCancellation('', code)) return refuse(line, c.name('codes'), CANCELLATION);

		const assetClass = check('assetClass', assetClassOf(c.get(cells, 'assetClass')));
		const fileSymbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (fileSymbol === '') fail('symbol', 'is empty');
		const time = check('dateTime', parseIbkrDateTime(c.get(cells, 'dateTime'), this.options.zone));
		const quantity = ibkrQuantity(c, cells, fail);
		const price = ibkrPrice(c, cells, assetClass, fail);
		const commission = check('commission', parseOptionalNumber(c.get(cells, 'commission')));
		const pnl = check('pnl', parseOptionalNumber(c.get(cells, 'pnl')));

		if (
			errors.length > 0 ||
			!assetClass.ok ||
			!time.ok ||
			!quantity.ok ||
			!price.ok ||
			!commission.ok ||
			!pnl.ok
		)
			return rejected();

		const currency = c.get(cells, 'currency').trim().toUpperCase();
		const account = c.get(cells, 'account').trim();
		const exchange = c.get(cells, 'exchange').trim();
		return accept(
			execution({
				accountNumber: !isBlank(account) ? account : this.#account,
				symbol: assetClass.value === 'option' ? (optionSymbol(fileSymbol) ?? fileSymbol) : fileSymbol,
				assetClass: assetClass.value,
				side: quantity.value > 0 ? 'buy' : 'sell',
				positionEffect: positionEffectOf(code),
				// The statement does not mark short sales.
				shortSale: false,
				quantity: Math.abs(quantity.value),
				price: price.value,
				time: time.value,
				// Charges are negative cash flows. `Comm in EUR` on a USD-quoted trade is in another
				// currency than the record's, which it cannot express, so it is left out.
				commission:
					commission.value === null ||
					(header.commissionCurrency !== null && header.commissionCurrency !== currency)
						? null
						: asCost(commission.value),
				currency: currency === '' ? null : currency,
				// The multiplier is only in the Financial Instrument Information section, after the trades.
				multiplier: null,
				venue: isBlank(exchange) ? null : exchange,
				brokerPnl: pnl.value,
				line
			})
		);
	}
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/**
 * The OCC symbol of an Activity statement option (`AAPL 28MAR25 222.5 C`, or an OCC symbol with
 * any spacing); null when the symbol has neither shape.
 */
function optionSymbol(symbol: string): string | null {
	const occ = canonicalOcc(symbol);
	if (occ) return occ;
	const m = /^(\S+)\s+(\d{1,2})([A-Z]{3})(\d{2})\s+(\d+(?:\.\d+)?)\s+([CP])$/.exec(symbol);
	if (!m) return null;
	const month = MONTHS.indexOf(m[3]!) + 1;
	if (month === 0) return null;
	return occSymbol(
		m[1]!,
		{ year: 2000 + Number(m[4]), month, day: Number(m[2]) },
		m[6] as 'C' | 'P',
		Number(m[5])
	);
}

/**
 * Rejoins a `Date/Time` written without quotes (`2025-03-27, 10:30:15`), which the CSV reader
 * split into a date cell and a time cell, shifting every later column by one.
 */
function mergeSplitDateTime(cells: string[], c: Columns<Field>): string[] {
	const at = c.index.dateTime;
	if (at < 0 || cells.length <= c.headers.length) return cells;
	const date = cells[at] ?? '';
	const time = cells[at + 1] ?? '';
	if (!/^\s*\d{4}-\d{2}-\d{2}\s*$/.test(date) || !/^\s*\d{1,2}:\d{2}:\d{2}\s*$/.test(time)) return cells;
	return [...cells.slice(0, at), `${date.trim()}, ${time.trim()}`, ...cells.slice(at + 2)];
}
