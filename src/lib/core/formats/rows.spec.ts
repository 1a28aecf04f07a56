/**
 * Every row is exactly what its header says, or it is refused (issue 14 §2): rows of the wrong
 * width, numbers with decorations their column does not take, values beyond sane bounds, control
 * characters, decimal commas, damaged header names and impossible journal dates.
 */
import { describe, expect, it } from 'vitest';
import { das } from './das';
import { detectDecimal, withDecimalPoint } from './decimal';
import { ibkrActivity } from './ibkr-activity';
import { runFormat } from './run';
import { importText, sampleOf, splitCsv } from '../../../../tests/support/formats-testing';
import { tradervueTrades } from './tradervue-trades';
import { tradezero } from './tradezero';
import type { FormatDef } from './types';
import { webull } from './webull';

/** A DAS Trades window with 13 named columns: every line ends with a comma, so 14 cells. */
const DAS_HEADER = 'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,ECNFee,LiqType,P / L,';
const DAS_ROW = '09:43:10,MU,B,50.99,400,SMRT,,TRIB5621,Margin,AUTO,0.003,Add,12.50,';
const dasImport = (text: string) => importText(das, text, { tradeDate: '2025-10-13' });
/** Imports a file written out as its lines. */
const importLines = (format: FormatDef, lines: string[]) => importText(format, lines.join('\n'));

describe('rows whose cell count differs from the header', () => {
	it('are refused with line and reason, so no value lands under the wrong header', () => {
		// Route and Broker dropped: Account would read "Margin" (the Type) and fees the P / L.
		const short = '09:44:00,MU,S,51.20,400,TRIB5621,Margin,AUTO,0.003,Add,12.50,';
		expect(short.split(',')).toHaveLength(12);
		const result = dasImport([DAS_HEADER, DAS_ROW, short].join('\n'));
		expect(result.errors).toEqual([{ line: 3, column: null, reason: '12 cells where the header has 14' }]);
		expect(result.records).toHaveLength(1);
		expect(result.records.map((r) => r.kind === 'execution' && r.accountNumber)).toEqual(['TRIB5621']);
	});

	it('refuses a row with a cell too many', () => {
		const long = '09:44:00,MU,S,51.20,400,SMRT,X,,TRIB5621,Margin,AUTO,0.003,Add,12.50,';
		const result = dasImport([DAS_HEADER, long].join('\n'));
		expect(result.errors).toEqual([{ line: 2, column: null, reason: '15 cells where the header has 14' }]);
		expect(result.records).toEqual([]);
	});

	it("accepts DAS's trailing comma on every line, and a row that lacks only the trailing empty cell", () => {
		const result = dasImport([DAS_HEADER, DAS_ROW, DAS_ROW.slice(0, -1)].join('\n'));
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(2);
	});

	it('accepts a trailing empty column on data rows whose header has none', () => {
		const header = DAS_HEADER.slice(0, -1);
		const result = dasImport([header, DAS_ROW].join('\n'));
		expect(result.errors).toEqual([]);
		expect(result.records).toHaveLength(1);
	});

	it('counts an IBKR Trades row against its own section header, and names that header line', () => {
		const text = [
			'Statement,Header,Field Name,Field Value',
			'Statement,Data,Title,Activity Statement',
			'Trades,Header,DataDiscriminator,Asset Category,Currency,Symbol,Date/Time,Quantity,T. Price,Comm/Fee,Realized P/L,Code',
			'Trades,Data,Order,Stocks,USD,MU,"2026-03-05, 10:00:00",10,90.5,-1,0,O',
			// Unquoted, the comma inside Date/Time splits it: still read (IBKR writes it either way).
			'Trades,Data,Order,Stocks,USD,MU,2026-03-05, 10:01:00,10,90.5,-1,0,O',
			'Trades,Data,Order,Stocks,USD,MU,"2026-03-05, 10:02:00",10,90.5,-1,O'
		].join('\n');
		const result = importText(ibkrActivity, text, { zone: 'America/New_York' });
		expect(result.records).toHaveLength(2);
		expect(result.errors).toEqual([
			{ line: 6, column: null, reason: '11 cells where the header on line 3 has 12' }
		]);
	});
});

describe('numbers carry only the decorations their column takes', () => {
	it.each([
		['100%', 'a "%"'],
		['100R', 'an "R"'],
		['100 EUR', 'a currency code'],
		['@100', 'an "@"']
	])('refuses %s as a DAS price', (price, what) => {
		const result = dasImport([DAS_HEADER, DAS_ROW.replace('50.99', price)].join('\n'));
		expect(result.records).toEqual([]);
		expect(result.errors).toEqual([
			{ line: 2, column: 'Price', reason: `"${price}" is not a number this column takes (it has ${what})` }
		]);
	});

	it('reads Webull\'s "@" prices, which its price columns take', () => {
		const result = importLines(webull, [
			'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
			'Apple Inc,AAPL,Buy,Filled,100,100,@187.50,@187.40,DAY,03/02/2026 09:31:00 EST,03/02/2026 09:31:05 EST'
		]);
		expect(result.errors).toEqual([]);
		expect(result.records.map((r) => r.kind === 'execution' && r.price)).toEqual([187.4]);
	});
});

describe('values within bounds', () => {
	it('refuses 1e20 shares and a 1e308 price, naming line and value', () => {
		const result = dasImport(
			[DAS_HEADER, DAS_ROW.replace(',400,', ',1e20,'), DAS_ROW.replace('50.99', '1e308')].join('\n')
		);
		expect(result.records).toEqual([]);
		expect(result.errors).toEqual([
			{
				line: 2,
				column: null,
				reason: 'quantity 100,000,000,000,000,000,000 is beyond the 1,000,000,000 a stock execution may have'
			},
			{
				line: 3,
				column: null,
				reason: `price ${(1e308).toLocaleString('en-US')} is beyond the 10,000,000 a stock execution may have`
			}
		]);
	});

	it('refuses a symbol or account holding a control character', () => {
		const result = dasImport(
			[DAS_HEADER, DAS_ROW.replace('MU', 'M\u0007U'), DAS_ROW.replace('TRIB5621', 'TRIB\u00015621')].join(
				'\n'
			)
		);
		expect(result.records).toEqual([]);
		expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
			[2, 'symbol "M�U" holds a control or undecodable character'],
			[3, 'account "TRIB�5621" holds a control or undecodable character']
		]);
	});
});

describe('decimal separator, once per file', () => {
	const header =
		'Account;T/D;S/D;Currency;Type;Side;Symbol;Qty;Price;Exec Time;Comm;SEC;TAF;NSCC;Nasdaq;ECN Remove;ECN Add;Gross Proceeds;Net Proceeds;Clr Broker;Liq;Note';
	const row = (price: string, gross: string) =>
		`TZ1;10/14/2025;10/15/2025;USD;3;B;RBLX;50;${price};09:47:59;0;0,18;0,01;0;0;0,15;0;${gross};${gross};VIRTU;R;`;

	it('reads a ;-delimited file with decimal commas at the right prices (never 1000×)', () => {
		const text = [
			header,
			row('129,880', '-6.494,00'),
			row('1.129,5', '-56.475,00'),
			row('12,75', '-637,50')
		].join('\n');
		const rows = splitCsv(text);
		expect(detectDecimal(sampleOf(text))).toBe(',');
		const result = runFormat(
			tradezero,
			rows,
			{ fileName: 'x.csv', zone: 'America/New_York', tradeDate: null, symbol: null },
			','
		);
		expect(result.errors).toEqual([]);
		expect(result.records.map((r) => r.kind === 'execution' && r.price)).toEqual([129.88, 1129.5, 12.75]);
	});

	it('refuses a number written with a decimal point in a decimal-comma file', () => {
		expect(withDecimalPoint(['RBLX', '129.88'])).toEqual({
			ok: false,
			reason: '"129.88" is written with a decimal point, but this file\'s numbers use a decimal comma'
		});
		expect(withDecimalPoint(['09:30:05', '13.10.2025', '(€1.234,5)', '12,5 EUR'])).toEqual({
			ok: true,
			cells: ['09:30:05', '13.10.2025', '(€1234.5)', '12.5 EUR']
		});
	});

	it('keeps the point when the file says point, or both', () => {
		expect(detectDecimal([['1,234.50', '12,5']])).toBe('.');
		expect(detectDecimal([['1,234', '12']])).toBe('.');
		expect(detectDecimal([['12.50']])).toBe('.');
		expect(detectDecimal([['0,25', '1.234,5']])).toBe(',');
	});
});

describe('a damaged header name', () => {
	it('warns which expected columns were not found instead of dropping them silently', () => {
		const result = importLines(tradezero, [
			'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,C0mm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note',
			'TZ1,10/14/2025,10/15/2025,USD,3,B,RBLX,50,129.88,09:47:59,1.5,0.18,0.01,0,0,0.15,0,-6494,-6495.5,VIRTU,R,'
		]);
		expect(result.records).toHaveLength(1);
		expect(result.warnings).toEqual([
			{ line: 1, column: null, reason: 'expected columns not found (their values are not read): Comm' }
		]);
	});

	it('gives no warning for a complete header', () => {
		const text = [DAS_HEADER, DAS_ROW].join('\n');
		expect(dasImport(text).warnings).toEqual([]);
	});
});

describe('Tradervue journal trades', () => {
	const header =
		'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Net P&L';
	it('refuses a trade that closes before it opens, or lies in another century', () => {
		const text = [
			header,
			'2025-10-15 06:30:35,2025-10-15 06:30:56,MU,L,100,2,27.45,27.43,-2,-3',
			'2025-10-15 06:30:35,2025-10-14 06:30:56,MU,L,100,2,27.45,27.43,-2,-3',
			'1025-10-15 06:30:35,1025-10-15 06:30:56,MU,L,100,2,27.45,27.43,-2,-3',
			'2025-10-15 06:30:35,2925-10-15 06:30:56,MU,L,100,2,27.45,27.43,-2,-3'
		].join('\n');
		const result = importText(tradervueTrades, text, { zone: 'America/New_York' });
		expect(result.records.map((r) => r.line)).toEqual([2]);
		expect(result.errors.map((e) => [e.line, e.reason])).toEqual([
			[3, 'closes before it opens'],
			[4, 'open in 1025 is outside 2000–2099'],
			[4, 'close in 1025 is outside 2000–2099'],
			[5, 'close in 2925 is outside 2000–2099']
		]);
	});
});
