import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { detectPositionFormat, headerOf, mappingProblems, positionFormatById } from './index';
import { dasPositions } from './das';
import { ibkrPositions } from './ibkr';
import { tastytradePositions } from './tastytrade';
import { genericPositions } from './generic';

const rowsOf = (text: string) => Papa.parse<string[]>(text.replace(/\n$/, '')).data;

const DAS = [
	'Symbol,Account,Type,Shares,Avgcost,Realized,Unrealized',
	'AAPL,TRIB5621,Margin,200,185.2550,0.00,-12.50',
	'THST,TRIB5621,Short,225,2.77,0.00,4.50',
	'MU,TRIB5621,Margin,0,0,35.10,0.00',
	'Summary,,,,,35.10,-8.00',
	''
].join('\r\n');

describe('DAS Trader Positions window', () => {
	it('is detected by its header and reads each holding exactly, the Summary row skipped, a Short row as a short', () => {
		expect(detectPositionFormat(rowsOf(DAS))?.id).toBe('das-positions');
		const parsed = dasPositions.parse(rowsOf(DAS), { fileName: 'Positions.csv', date: '2025-03-04' });
		expect(parsed.errors).toEqual([]);
		expect(parsed.date).toBe('2025-03-04');
		expect(parsed.records).toEqual([
			{
				accountNumber: 'TRIB5621',
				symbol: 'AAPL',
				assetClass: 'stock',
				quantity: 200,
				avgCost: 185.255,
				currency: null,
				line: 2
			},
			{
				accountNumber: 'TRIB5621',
				symbol: 'THST',
				assetClass: 'stock',
				quantity: -225,
				avgCost: 2.77,
				currency: null,
				line: 3
			},
			{
				accountNumber: 'TRIB5621',
				symbol: 'MU',
				assetClass: 'stock',
				quantity: 0,
				avgCost: null,
				currency: null,
				line: 4
			}
		]);
		expect(parsed.skipped).toEqual([{ line: 5, reason: 'the Summary row (the window’s totals)' }]);
	});

	it('keeps a negative Margin row short and refuses a short Cash row, naming line and column', () => {
		const text =
			'Symbol,Account,Type,Shares,Avgcost\nA,T1,Margin,-50,3.5\nB,T1,Cash,-10,4\nC,T1,Margin,x,4\nD,T1,Margin,5,0\n';
		const parsed = dasPositions.parse(rowsOf(text), { fileName: 'p.csv', date: '2025-03-04' });
		expect(parsed.records.map((r) => [r.symbol, r.quantity])).toEqual([['A', -50]]);
		expect(parsed.errors).toEqual([
			{ line: 3, column: 'Shares', reason: 'is -10 in a Cash row: a cash account cannot be short' },
			{ line: 4, column: 'Shares', reason: '"x" is not a number' },
			{ line: 5, column: 'Avgcost', reason: 'must be above zero, is 0' }
		]);
	});

	it('needs the day: without one the file is refused; a bad one is named', () => {
		expect(dasPositions.parse(rowsOf(DAS), { fileName: 'Positions.csv', date: null }).errors).toEqual([
			{
				line: 1,
				column: null,
				reason: 'the date of the positions is not set (the file has none): enter the day they are of'
			}
		]);
		expect(dasPositions.parse(rowsOf(DAS), { fileName: 'p.csv', date: '2025-02-30' }).errors).toEqual([
			{ line: 1, column: null, reason: 'the date "2025-02-30" is not a valid date' }
		]);
	});

	it('refuses a header without the Shares column, and rows of the wrong width', () => {
		expect(
			dasPositions.parse(rowsOf('Symbol,Account,Type\nA,T,Margin\n'), { fileName: 'p', date: '2025-01-02' })
				.errors
		).toEqual([{ line: 1, column: null, reason: 'missing columns: Shares' }]);
		expect(
			dasPositions.parse(rowsOf('Symbol,Account,Shares\nA,T\n'), { fileName: 'p', date: '2025-01-02' }).errors
		).toEqual([{ line: 2, column: null, reason: '2 cells where the header has 3' }]);
	});
});

const IBKR = [
	'"MSG","Some message"',
	'"BOF","U1234567","OpenPositions","1","20250304","20250304","20250305;101010","2"',
	'"ClientAccountID","CurrencyPrimary","AssetClass","Symbol","Quantity","MarkPrice","CostBasisPrice","Multiplier","ReportDate","LevelOfDetail"',
	'"U1234567","USD","STK","AAPL","200","190.5","185.255","1","20250304","SUMMARY"',
	'"U1234567","USD","STK","AAPL","120","190.5","184","1","20250304","LOT"',
	'"U1234567","EUR","STK","SAP","-15","250","240.1","1","20250304","SUMMARY"',
	'"U1234567","USD","OPT","AAPL  250321C00190000","2","3.1","2.45","100","20250304","SUMMARY"',
	'"EOF","U1234567"'
].join('\n');

describe('IBKR Flex open positions', () => {
	it('skips MSG/BOF/EOF and LOT rows and reads SUMMARY rows with their day, currency and signed quantity', () => {
		expect(detectPositionFormat(rowsOf(IBKR))?.id).toBe('ibkr-flex-positions');
		expect(headerOf(rowsOf(IBKR))[0]).toBe('ClientAccountID');
		const parsed = ibkrPositions.parse(rowsOf(IBKR), { fileName: 'flex.csv', date: null });
		expect(parsed.errors).toEqual([]);
		expect(parsed.date).toBe('2025-03-04');
		expect(parsed.records).toEqual([
			{
				accountNumber: 'U1234567',
				symbol: 'AAPL',
				assetClass: 'stock',
				quantity: 200,
				avgCost: 185.255,
				currency: 'USD',
				line: 4
			},
			{
				accountNumber: 'U1234567',
				symbol: 'SAP',
				assetClass: 'stock',
				quantity: -15,
				avgCost: 240.1,
				currency: 'EUR',
				line: 6
			},
			{
				accountNumber: 'U1234567',
				symbol: 'AAPL  250321C00190000',
				assetClass: 'option',
				quantity: 2,
				avgCost: 2.45,
				currency: 'USD',
				line: 7
			}
		]);
		expect(parsed.skipped.map((s) => s.line)).toEqual([1, 2, 5, 8]);
	});

	it('refuses an unknown asset class and a second report day, naming the column', () => {
		const text = [
			'"ClientAccountID","AssetClass","Symbol","Quantity","CostBasisPrice","ReportDate","LevelOfDetail"',
			'"U1","BOND","X","1","100","20250304","SUMMARY"',
			'"U1","STK","Y","1","10","20250305","SUMMARY"'
		].join('\n');
		const parsed = ibkrPositions.parse(rowsOf(text), { fileName: 'f.csv', date: null });
		expect(parsed.errors).toEqual([
			{
				line: 2,
				column: 'AssetClass',
				reason:
					'"BOND" is not an asset class Fillbook handles (stocks, options, futures, futures options, forex, crypto)'
			},
			{
				line: 3,
				column: 'ReportDate',
				reason: 'is 20250305, another day than the rows before (one snapshot is of one day)'
			}
		]);
	});

	it('is not taken for a trades flex file', () => {
		expect(
			ibkrPositions.detect([
				'ClientAccountID',
				'AssetClass',
				'Symbol',
				'Quantity',
				'TradeID',
				'TradePrice',
				'DateTime'
			])
		).toBe(0);
	});
});

const TASTY = [
	'Account,Symbol,Type,Quantity,Exp Date,DTE,Strike Price,Call/Put,Underlying Last Price,P/L Open,Trade Price,Mark',
	'5WT00001,SPY,Stock,-100,,,,,510.2,120.00,511.40,510.20',
	'5WT00001,SPY   250321C00500000,Equity Option,3,03/21/2025,17,500,CALL,510.2,300.00,8.25,9.25',
	'5WT00001,.SPY250321P480,Equity Option,-1,03/21/2025,17,480,PUT,510.2,10.00,1.10,1.00'
].join('\n');

describe('tastytrade positions', () => {
	it('reads signed quantities and OCC option symbols (other option forms become OCC)', () => {
		expect(detectPositionFormat(rowsOf(TASTY))?.id).toBe('tastytrade-positions');
		const parsed = tastytradePositions.parse(rowsOf(TASTY), { fileName: 'tasty.csv', date: '2025-03-04' });
		expect(parsed.errors).toEqual([]);
		expect(parsed.records).toEqual([
			{
				accountNumber: '5WT00001',
				symbol: 'SPY',
				assetClass: 'stock',
				quantity: -100,
				avgCost: 511.4,
				currency: null,
				line: 2
			},
			{
				accountNumber: '5WT00001',
				symbol: 'SPY   250321C00500000',
				assetClass: 'option',
				quantity: 3,
				avgCost: 8.25,
				currency: null,
				line: 3
			},
			{
				accountNumber: '5WT00001',
				symbol: 'SPY   250321P00480000',
				assetClass: 'option',
				quantity: -1,
				avgCost: 1.1,
				currency: null,
				line: 4
			}
		]);
	});

	it('refuses an option whose symbol is not an option symbol, and an unknown type', () => {
		const text = 'Account,Symbol,Type,Quantity,Trade Price\nA1,SPY,Equity Option,1,2\nA1,X,Bond,1,2\n';
		expect(tastytradePositions.parse(rowsOf(text), { fileName: 't', date: '2025-03-04' }).errors).toEqual([
			{
				line: 2,
				column: 'Symbol',
				reason:
					'"SPY" is not an option symbol: expected OCC (AAPL  250321C00150000), thinkorswim (.AAPL250321C150), IBKR (AAPL 21MAR25 150 C) or a dated description (AAPL 03/21/2025 150 C)'
			},
			{
				line: 3,
				column: 'Type',
				reason:
					'"Bond" is not a type Fillbook reads (Stock, Equity Option, Future, Future Option, Cryptocurrency)'
			}
		]);
	});
});

describe('generic positions CSV', () => {
	const text = 'Ticker,Acct,Pos,Cost,As of\nAAPL,TR1,"1,200",10.5,2025-03-04\nmsft,TR1,-3,,2025-03-04\n';
	const mapping = { symbol: 'Ticker', quantity: 'Pos', account: 'Acct', avgCost: 'Cost', date: 'As of' };

	it('is never detected; reads the mapped columns and the day from its date column', () => {
		expect(detectPositionFormat(rowsOf(text))).toBeNull();
		const parsed = genericPositions.parse(rowsOf(text), { fileName: 'g.csv', date: null, mapping });
		expect(parsed.errors).toEqual([]);
		expect(parsed.date).toBe('2025-03-04');
		expect(parsed.records).toEqual([
			{
				accountNumber: 'TR1',
				symbol: 'AAPL',
				assetClass: 'stock',
				quantity: 1200,
				avgCost: 10.5,
				currency: null,
				line: 2
			},
			{
				accountNumber: 'TR1',
				symbol: 'MSFT',
				assetClass: 'stock',
				quantity: -3,
				avgCost: null,
				currency: null,
				line: 3
			}
		]);
	});

	it('says what a mapping lacks, and uses the given day without a date column', () => {
		expect(mappingProblems({ ...mapping, symbol: '', avgCost: 'Nope' }, headerOf(rowsOf(text)))).toEqual([
			'Choose the symbol column.',
			'The avgCost column "Nope" is not in the file\'s header.'
		]);
		const parsed = genericPositions.parse(rowsOf(text), {
			fileName: 'g.csv',
			date: '2025-03-05',
			mapping: { ...mapping, date: null, account: null }
		});
		expect([parsed.date, parsed.records[0]?.accountNumber]).toEqual(['2025-03-05', null]);
	});

	it('has every format by id', () => {
		expect(positionFormatById('generic-positions')).toBe(genericPositions);
		expect(positionFormatById('nope')).toBeUndefined();
	});
});
