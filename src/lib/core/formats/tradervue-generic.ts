/**
 * Tradervue's generic import: the executions template users fill in for brokers Tradervue does not
 * read directly. One row per execution, date and 24-hour time in separate columns, no account.
 */
import type { AssetClass } from '../model/records';
import { headerScore, normalizeHeader, normalizeSymbol, parseDate, parseNumber } from './cells';
import { parseTimeOfDay, sideOrSign, type Columns } from './cells';
import { wallTimeToInstant } from '../time/zone';
import { layout, rowErrors, TableParser, tableFormat } from './table';
import { costCell, occSymbol, sumDecimal } from './tradezero';
import { accept, execution, refuse, type FormatDef, type RowOutcome } from './types';
import { FX_CURRENCIES } from '../time/market-session';

const ALIASES = {
	date: ['Date'],
	time: ['Time'],
	symbol: ['Symbol'],
	quantity: ['Quantity', 'Qty', 'Shares'],
	price: ['Price'],
	side: ['Side'],
	commission: ['Commission'],
	transFee: ['TransFee', 'Trans Fee'],
	ecnFee: ['ECNFee', 'ECN Fee']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, ['date', 'time', 'symbol', 'quantity', 'price'], {
	underBrokenHeader: 'read'
});
const KNOWN = new Set(Object.values(ALIASES).flatMap((names) => names.map(normalizeHeader)));

export const tradervueGeneric: FormatDef = tableFormat({
	id: 'tradervue-generic',
	label: 'Tradervue — Generic import (executions)',
	layout: LAYOUT,
	score(header) {
		// The template is small and fixed: a header with nothing but its columns is almost surely it,
		// while unknown extra columns suggest some other broker's Date/Time/Symbol export.
		const named = header.map(normalizeHeader).filter((h) => h !== '');
		const onlyKnown = named.every((h) => KNOWN.has(h));
		const side = headerScore(header, [ALIASES.side]);
		const fees = headerScore(header, [ALIASES.transFee, ALIASES.ecnFee]) > 0 ? 1 : 0;
		return 0.6 + (onlyKnown ? 0.2 : 0) + 0.1 * side + 0.1 * fees;
	},
	parser: (options) => new TradervueGenericParser(LAYOUT, options)
});

class TradervueGenericParser extends TableParser<Field> {
	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const { errors, fail, check, positive, rejected } = rowErrors(c, line);

		// parseDate covers every form Tradervue lists: mm/dd/yyyy, mm-dd-yyyy, yyyy/mm/dd, yyyy-mm-dd, yyyymmdd.
		const date = check('date', parseDate(c.get(cells, 'date'), 'mdy'));
		const time = check('time', parseTimeOfDay(c.get(cells, 'time')));
		const symbol = normalizeSymbol(c.get(cells, 'symbol'));
		if (symbol === '') fail('symbol', 'is empty');
		const price = positive('price', parseNumber(c.get(cells, 'price')));
		const quantity = check('quantity', parseNumber(c.get(cells, 'quantity')));
		if (quantity.ok && quantity.value === 0) fail('quantity', 'must not be zero');

		// Without a Side column Tradervue reads the sign: negative quantities are sells.
		const direction = sideOrSign(c.has('side') ? c.get(cells, 'side') : null, quantity, fail, {
			blankSide: 'is empty',
			negativeBuy: (q) => `is negative (${q}) but the side is a buy`
		});

		const cost = (field: Field) => costCell(c, cells, field, fail);
		const commission = cost('commission');
		const feeParts = [cost('transFee'), cost('ecnFee')].filter((v): v is number => v !== null);

		if (errors.length > 0 || !date.ok || !time.ok || !price.ok || !quantity.ok || !direction)
			return rejected();
		const instant = wallTimeToInstant({ ...date.value, ...time.value }, this.options.zone);
		if (!instant.ok) return refuse(line, c.name('time'), instant.reason);

		const instrument = classifySymbol(symbol);
		return accept(
			execution({
				symbol: instrument.symbol,
				assetClass: instrument.assetClass,
				side: direction.side,
				shortSale: direction.shortSale,
				quantity: Math.abs(quantity.value),
				price: price.value,
				time: instant.value,
				commission,
				fees: c.has('transFee') || c.has('ecnFee') ? sumDecimal(feeParts) : null,
				line
			})
		);
	}
}

const MONTH_CODE_FUTURE = /^\/?[A-Z0-9]{0,2}[A-Z][FGHJKMNQUVXZ]\d{1,2}$/;
const MONTH_NAME_FUTURE =
	/^\/?[A-Z0-9]{1,4} +(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) +(\d{2}|\d{4})$/;

/**
 * Asset class from the symbol alone (the template has no instrument column): `ESZ1`, `6EH25` and
 * `ES DEC 11` are futures, `EURUSD` (or `EUR/USD`) between two major currencies is forex, an OCC
 * symbol is an option (stored padded), everything else a stock. Futures and forex keep the symbol
 * as written.
 * @example classifySymbol('ES DEC 11') // { symbol: 'ES DEC 11', assetClass: 'future' }
 */
export function classifySymbol(symbol: string): { symbol: string; assetClass: AssetClass } {
	const occ = occSymbol(symbol);
	if (occ) return { symbol: occ, assetClass: 'option' };
	if (MONTH_CODE_FUTURE.test(symbol) || MONTH_NAME_FUTURE.test(symbol))
		return { symbol, assetClass: 'future' };
	const pair = /^([A-Z]{3})[/.]?([A-Z]{3})$/.exec(symbol);
	if (pair && pair[1] !== pair[2] && FX_CURRENCIES.has(pair[1]!) && FX_CURRENCIES.has(pair[2]!))
		return { symbol, assetClass: 'forex' };
	return { symbol, assetClass: 'stock' };
}
