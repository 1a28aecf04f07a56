/**
 * Robinhood — Account activity report (CSV). Every field is quoted; stock descriptions span lines
 * (`"Apple\nCUSIP: 037833100"`); money is `$1.71` or `($1,500.00)`; the last line is a disclaimer
 * in an extra column. Trans Code `Buy`/`Sell` (stock) and `BTO`/`STO`/`BTC`/`STC` (options, whose
 * contract is only in the Description: `AAPL 1/17/2025 Call $150.00`) are executions; dividends,
 * transfers, interest, fees, splits, and option expirations/assignments/exercises are not.
 *
 * Robinhood exports carry dates only. `Activity Date` gives the day of the execution and the
 * time of day is absent from the file, so each execution is placed at 00:00 of its day, wall time
 * in the confirmed zone (New York offered). The date is the file's; the midnight only stands in
 * for the missing time of day, so all executions of one day share one instant and their order
 * within the day is unknown. `Price` may be rounded to cents while `Amount` nets regulatory fees,
 * so fees are not derived from the two (null). There is no account column.
 */
import type { PositionEffect } from '../model/records';
import { headerScore, isBlank, normalizeSymbol, parseDate, parseNumber } from './cells';
import type { Columns, Parsed } from './cells';
import { wallTimeToInstant } from '../time/zone';
import { layout, rowErrors, TableParser, tableFormat } from './table';
import { accept, execution, refuse, skip, type FormatDef, type RowOutcome } from './types';

const ALIASES = {
	activityDate: ['Activity Date'],
	processDate: ['Process Date'],
	settleDate: ['Settle Date'],
	instrument: ['Instrument'],
	description: ['Description'],
	transCode: ['Trans Code'],
	quantity: ['Quantity'],
	price: ['Price'],
	amount: ['Amount']
} as const;
type Field = keyof typeof ALIASES;
const LAYOUT = layout(ALIASES, [
	'activityDate',
	'instrument',
	'description',
	'transCode',
	'quantity',
	'price'
]);

interface TransCode {
	side: 'buy' | 'sell';
	positionEffect: PositionEffect | null;
	option: boolean;
}
/** The trans codes that are executions; every other code is activity that is not a trade. */
const EXECUTIONS: Record<string, TransCode> = {
	BUY: { side: 'buy', positionEffect: null, option: false },
	SELL: { side: 'sell', positionEffect: null, option: false },
	BTO: { side: 'buy', positionEffect: 'open', option: true },
	STO: { side: 'sell', positionEffect: 'open', option: true },
	BTC: { side: 'buy', positionEffect: 'close', option: true },
	STC: { side: 'sell', positionEffect: 'close', option: true }
};

/**
 * The OCC symbol of a Robinhood option description, root padded to six characters.
 * @example robinhoodOptionSymbol('AAPL 1/17/2025 Call $150.00') // { ok: true, value: 'AAPL  250117C00150000' }
 */
export function robinhoodOptionSymbol(description: string): Parsed<string> {
	const t = description.trim();
	const m =
		/^([A-Za-z][A-Za-z0-9.]{0,5})\s+(\d{1,2}\/\d{1,2}\/\d{4})\s+(call|put)\s+(\$?[\d,]*\.?\d+)$/i.exec(t);
	if (!m) return { ok: false, reason: `"${t}" is not an option (e.g. "AAPL 1/17/2025 Call $150.00")` };
	const date = parseDate(m[2]!, 'mdy');
	if (!date.ok) return date;
	const strike = parseNumber(m[4]!);
	if (!strike.ok) return strike;
	const milli = Math.round(strike.value * 1000);
	if (strike.value <= 0 || milli >= 1e8 || Math.abs(strike.value * 1000 - milli) > 1e-6)
		return { ok: false, reason: `strike ${m[4]} cannot be written as an OCC symbol` };
	const { year, month, day } = date.value;
	const ymd = [year % 100, month, day].map((n) => String(n).padStart(2, '0')).join('');
	const right = m[3]!.toLowerCase() === 'call' ? 'C' : 'P';
	return {
		ok: true,
		value: `${m[1]!.toUpperCase().padEnd(6, ' ')}${ymd}${right}${String(milli).padStart(8, '0')}`
	};
}

export const robinhood: FormatDef = tableFormat({
	id: 'robinhood',
	label: 'Robinhood — Account activity',
	layout: LAYOUT,
	score: (header) =>
		0.8 + 0.15 * headerScore(header, [ALIASES.processDate, ALIASES.settleDate, ALIASES.amount]),
	parser: (options) => new RobinhoodParser(LAYOUT, options)
});

class RobinhoodParser extends TableParser<Field> {
	/** Blank lines and the closing disclaimer (one cell of text, first or past the header's last column). */
	protected override notData(cells: string[], c: Columns<Field>): boolean {
		// A row with more in it but no trans code is an error in data().
		return (
			isBlank(c.get(cells, 'transCode')) &&
			cells.filter((cell) => !isBlank(cell)).length <= 1 &&
			!parseDate(c.get(cells, 'activityDate')).ok
		);
	}

	protected data(c: Columns<Field>, cells: string[], line: number): RowOutcome {
		const dateCell = c.get(cells, 'activityDate');
		const codeCell = c.get(cells, 'transCode').trim();
		if (isBlank(codeCell)) return refuse(line, c.name('transCode'), 'is empty');
		const code = EXECUTIONS[codeCell.toUpperCase()];
		if (!code) return skip(`a ${codeCell} activity, not a trade`);

		const { errors, fail, check, positive, rejected } = rowErrors(c, line);
		const date = parseDate(dateCell, 'mdy');
		if (!date.ok) fail('activityDate', isBlank(dateCell) ? 'is empty' : date.reason);
		let symbol: string;
		if (code.option) {
			const occ = check('description', robinhoodOptionSymbol(c.get(cells, 'description')));
			symbol = occ.ok ? occ.value : '';
		} else {
			symbol = normalizeSymbol(c.get(cells, 'instrument'));
			if (symbol === '') fail('instrument', 'is empty');
		}
		const qty = positive('quantity', parseNumber(c.get(cells, 'quantity')));
		const price = positive('price', parseNumber(c.get(cells, 'price')));
		if (errors.length > 0 || !date.ok || !qty.ok || !price.ok) return rejected();

		// The file has the day only: midnight of that day in the confirmed zone (see the module note).
		const instant = wallTimeToInstant(
			{ ...date.value, hour: 0, minute: 0, second: 0, millisecond: 0 },
			this.options.zone
		);
		if (!instant.ok) return refuse(line, c.name('activityDate'), instant.reason);

		return accept(
			execution({
				symbol,
				assetClass: code.option ? 'option' : 'stock',
				side: code.side,
				positionEffect: code.positionEffect,
				// Selling to open writes the option: the position it opens is short.
				shortSale: code.side === 'sell' && code.positionEffect === 'open',
				quantity: qty.value,
				price: price.value,
				time: instant.value,
				multiplier: code.option ? 100 : null,
				line
			})
		);
	}
}
