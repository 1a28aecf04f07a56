/**
 * TradeZero trade export, which TradeNote also offers as its import template (same 22 columns).
 * One row per execution: trade date (`T/D`, month first) plus an Eastern wall time (`Exec Time`),
 * with the regulatory and venue fees split into their own columns.
 */
import type { AssetClass, PositionEffect } from '../model/records';
import {
	headerScore,
	isBlank,
	normalizeSymbol,
	parseDate,
	parseNumber,
	parseSide,
	parseTimeOfDay
} from './cells';
import type { Columns, Parsed } from './cells';
import { wallTimeToInstant } from '../time/zone';
import { layout, rowErrors, TableParser, tableFormat } from './table';
import { accept, execution, refuse, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	account: ['Account'],
	tradeDate: ['T/D', 'Trade Date'],
	currency: ['Currency'],
	type: ['Type'],
	side: ['Side'],
	symbol: ['Symbol'],
	qty: ['Qty', 'Quantity'],
	price: ['Price'],
	execTime: ['Exec Time'],
	comm: ['Comm', 'Commission'],
	sec: ['SEC'],
	taf: ['TAF'],
	nscc: ['NSCC'],
	nasdaq: ['Nasdaq'],
	ecnRemove: ['ECN Remove'],
	ecnAdd: ['ECN Add'],
	gross: ['Gross Proceeds'],
	net: ['Net Proceeds'],
	clrBroker: ['Clr Broker']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['tradeDate', 'execTime', 'side', 'symbol', 'qty', 'price'], {
	optional: ['account', 'comm', 'sec', 'taf', 'nscc', 'nasdaq', 'ecnRemove', 'ecnAdd'],
	underBrokenHeader: 'read'
});
/** Every column that is a fee other than commission; `fees` is their sum. */
const FEE_FIELDS: Field[] = ['sec', 'taf', 'nscc', 'nasdaq', 'ecnRemove', 'ecnAdd'];
/** Half a cent: how far Gross − Net may be from the listed costs and still count as equal. */
const PROCEEDS_TOLERANCE = 0.005;

export const tradezero: FormatDef = tableFormat({
	id: 'tradezero',
	label: 'TradeZero / TradeNote template',
	hasAccountColumn: true,
	layout: LAYOUT,
	score(header) {
		// T/D and Exec Time alone already set it apart from DAS and Tradervue; the fee and proceeds
		// columns make it certain.
		const own = headerScore(header, [
			['S/D'],
			['SEC'],
			['TAF'],
			['NSCC'],
			['ECN Remove'],
			['ECN Add'],
			['Gross Proceeds'],
			['Net Proceeds'],
			['Clr Broker']
		]);
		return 0.6 + 0.4 * own;
	},
	parser: (options) => new TradeZeroParser(LAYOUT, options)
});

class TradeZeroParser extends TableParser<Field> {
	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const { errors, fail, check, positive, rejected } = rowErrors(c, line);

		const date = check('tradeDate', parseDate(c.get(cells, 'tradeDate'), 'mdy'));
		const time = check('execTime', parseTimeOfDay(c.get(cells, 'execTime')));
		const rawSymbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (rawSymbol === '') fail('symbol', 'is empty');
		const sideText = c.get(cells, 'side').trim().toUpperCase();
		const side = check('side', parseSide(sideText));
		const price = positive('price', parseNumber(c.get(cells, 'price')));
		const qty = positive('qty', parseNumber(c.get(cells, 'qty')));
		const instrument = rawSymbol === '' ? null : instrumentOf(c.get(cells, 'type'), rawSymbol);
		if (instrument && !instrument.ok) fail('type', instrument.reason);
		const currency = check('currency', currencyOf(c.get(cells, 'currency')));

		const cost = (field: Field) => costCell(c, cells, field, fail);
		const commission = cost('comm');
		const feeParts = new Map<Field, number>();
		for (const field of FEE_FIELDS) {
			const v = cost(field);
			if (v !== null) feeParts.set(field, v);
		}
		const proceeds = (field: 'gross' | 'net'): number | null => {
			const cell = c.get(cells, field);
			if (isBlank(cell)) return null;
			const n = parseNumber(cell);
			return n.ok ? n.value : null;
		};

		if (errors.length > 0 || !date.ok || !time.ok || !side.ok || !price.ok || !qty.ok || !instrument?.ok)
			return rejected();
		const instant = wallTimeToInstant({ ...date.value, ...time.value }, this.options.zone);
		if (!instant.ok) return refuse(line, c.name('execTime'), instant.reason);

		const ecnAdd = feeParts.get('ecnAdd');
		if (ecnAdd !== undefined && ecnAdd !== 0) {
			// Every fee column is a charge (positive = paid), so an ECN Add rebate is normally written
			// negative. Some files write the rebate as a positive credit; the file's own proceeds
			// (Net = Gross − Comm − fees) tell the two apart, and only they may flip the sign.
			const listed = sumDecimal([commission ?? 0, ...feeParts.values()]);
			if (ecnAddIsCredit(proceeds('gross'), proceeds('net'), listed, ecnAdd)) feeParts.set('ecnAdd', -ecnAdd);
		}

		const account = c.get(cells, 'account').trim();
		const venue = c.get(cells, 'clrBroker').trim();
		const effect: PositionEffect | null = sideText === 'SS' ? 'open' : sideText === 'BC' ? 'close' : null;
		return accept(
			execution({
				accountNumber: account === '' ? null : account,
				symbol: instrument.value.symbol,
				assetClass: instrument.value.assetClass,
				side: side.value.side,
				positionEffect: effect,
				shortSale: side.value.shortSale,
				quantity: qty.value,
				price: price.value,
				time: instant.value,
				commission,
				fees: feeParts.size === 0 ? null : sumDecimal([...feeParts.values()]),
				currency: currency.ok ? currency.value : null,
				// `Clr Broker` names who executed the order (VIRTU, LAMP, SIM in the simulator).
				venue: venue === '' ? null : venue,
				line
			})
		);
	}
}

/**
 * The amount of a cost column: null where the file has no such column (or the cell is not a
 * number, which is `fail`ed), 0 where the column is present but blank on the row (nothing was
 * charged there).
 */
export function costCell<F extends string>(
	c: Columns<F>,
	cells: string[],
	field: F,
	fail: (field: F, reason: string) => void
): number | null {
	if (!c.has(field)) return null;
	const cell = c.get(cells, field);
	if (isBlank(cell)) return 0;
	const n = parseNumber(cell);
	if (n.ok) return n.value;
	fail(field, n.reason);
	return null;
}

/** Whether Gross − Net matches the costs only when a positive ECN Add is read as a credit. */
function ecnAddIsCredit(gross: number | null, net: number | null, listed: number, ecnAdd: number): boolean {
	if (gross === null || net === null) return false;
	const deducted = gross - net;
	const asWritten = Math.abs(deducted - listed) <= PROCEEDS_TOLERANCE;
	const asCredit = Math.abs(deducted - (listed - 2 * ecnAdd)) <= PROCEEDS_TOLERANCE;
	return !asWritten && asCredit;
}

function currencyOf(cell: string): Parsed<string | null> {
	if (isBlank(cell)) return { ok: true, value: null };
	const code = cell.trim().toUpperCase();
	return /^[A-Z]{3}$/.test(code)
		? { ok: true, value: code }
		: { ok: false, reason: `"${cell.trim()}" is not a currency code` };
}

const TYPE_WORDS: Record<string, AssetClass | 'call' | 'put'> = {
	stock: 'stock',
	stocks: 'stock',
	equity: 'stock',
	e: 'stock',
	stk: 'stock',
	option: 'option',
	options: 'option',
	opt: 'option',
	o: 'option',
	call: 'call',
	put: 'put',
	future: 'future',
	futures: 'future',
	fut: 'future',
	forex: 'forex',
	fx: 'forex',
	crypto: 'crypto'
};

/**
 * Asset class and stored symbol from `Type` and `Symbol`. TradeZero's own export writes its
 * account-type code in `Type` (2 margin, 3 short) and TradeNote's template says "put 0": a number
 * (or a blank) says nothing about the instrument, so the symbol decides — an OCC option symbol is
 * an option, anything else a stock (TradeZero trades US equities and their options).
 */
function instrumentOf(typeCell: string, symbol: string): Parsed<{ symbol: string; assetClass: AssetClass }> {
	const type = typeCell.trim().toLowerCase();
	const occ = occSymbol(symbol);
	if (type === '' || /^\d+$/.test(type))
		return { ok: true, value: occ ? { symbol: occ, assetClass: 'option' } : { symbol, assetClass: 'stock' } };
	const kind = TYPE_WORDS[type];
	if (kind === undefined)
		return {
			ok: false,
			reason: `"${typeCell.trim()}" is not an instrument type (stock, future, forex, call, put)`
		};
	if (kind === 'call' || kind === 'put' || kind === 'option') {
		// A plain underlying (`AAPL`) is kept as written: the row does not say which contract it was.
		if (!occ) return { ok: true, value: { symbol, assetClass: 'option' } };
		const right = occ.charAt(12);
		if ((kind === 'call' && right !== 'C') || (kind === 'put' && right !== 'P'))
			return {
				ok: false,
				reason: `says ${kind} but the symbol ${symbol} is a ${right === 'C' ? 'call' : 'put'}`
			};
		return { ok: true, value: { symbol: occ, assetClass: 'option' } };
	}
	return { ok: true, value: { symbol, assetClass: kind } };
}

/**
 * The OCC form (root padded to six, `YYMMDD`, `C`/`P`, strike × 1000 in eight digits) of an
 * option symbol written with or without the padding; null when the text is not one.
 * @example occSymbol('SPCE260529C00004500') // 'SPCE  260529C00004500'
 */
export function occSymbol(text: string): string | null {
	const m = /^([A-Z][A-Z0-9.]{0,5})\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/.exec(text.trim().toUpperCase());
	if (!m) return null;
	const month = Number(m[3]);
	const day = Number(m[4]);
	if (month < 1 || month > 12 || day < 1 || day > 31) return null;
	return `${m[1]!.padEnd(6, ' ')}${m[2]}${m[3]}${m[4]}${m[5]}${m[6]}`;
}

/**
 * Sum of decimal amounts as the nearest double to the exact decimal sum (0.06 + 0.01 = 0.07, not
 * 0.06999…), by adding them as integers scaled to the most decimals any of them has.
 * @example sumDecimal([0.99, 0.033, 3.14e-5]) // 1.0230314
 */
export function sumDecimal(values: readonly number[]): number {
	const places = Math.min(12, Math.max(0, ...values.map(decimalPlaces)));
	const scale = 10 ** places;
	let total = 0;
	for (const v of values) total += Math.round(v * scale);
	return total / scale;
}

/** Digits after the point in a number's shortest decimal form (`3.14e-5` has 7). */
function decimalPlaces(value: number): number {
	if (!Number.isFinite(value)) return 0;
	const m = /^-?\d*(?:\.(\d+))?(?:e([-+]\d+))?$/i.exec(String(value));
	if (!m) return 0;
	return Math.max(0, (m[1]?.length ?? 0) - Number(m[2] ?? 0));
}
