import { describe, expect, it } from 'vitest';
import {
	fixtures,
	importText,
	sampleOf,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import { corruptions, expectAlwaysAnswered } from '../../../../tests/support/formats-properties';
import { occSymbol, sumDecimal, tradezero } from './tradezero';

const fixture = fixtures('tradezero');
const GOLDEN = 'TradeZero_2025-10-14.csv';
const BAD = 'tradezero-bad-rows.csv';

/** A row rejected at `line` for what its `column` holds. */
const rejected = (line: number, column: string, reason: string) => ({ line, column, reason });

describe('TradeZero / TradeNote template', () => {
	it('is detected from its header and leaves other execution headers alone', () => {
		expect(tradezero.detect(sampleOf(fixture(GOLDEN)), GOLDEN)).toBe(1);
		expect(tradezero.detect(sampleOf(fixture(BAD)), BAD)).toBe(1);
		// The bare columns without fees or proceeds are still clearly T/D + Exec Time executions.
		expect(
			tradezero.detect([['Account', 'T/D', 'Side', 'Symbol', 'Qty', 'Price', 'Exec Time']], 'x.csv')
		).toBeGreaterThan(0.5);
		const others = [
			'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,',
			'Date,Time,Symbol,Quantity,Price,Side,Commission,TransFee,ECNFee',
			'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags',
			'Date,Open,High,Low,Close,Adj Close,Volume'
		];
		for (const header of others) expect(tradezero.detect([header.split(',')], 'x.csv'), header).toBe(0);
		expect(tradezero.detect([], 'x.csv')).toBe(0);
	});

	it('reads the golden file: Eastern wall times, SS/BC as short sale and cover, fee columns summed', () => {
		expectRows(tradezero, fixture(GOLDEN), {
			rows: 8,
			skipped: 1,
			errors: [],
			records: [
				executionRecord({
					accountNumber: 'TZP12345',
					symbol: 'RBLX',
					assetClass: 'stock',
					side: 'sell',
					positionEffect: 'open',
					shortSale: true,
					quantity: 50,
					price: 129.88,
					time: Date.UTC(2025, 9, 14, 13, 47, 59),
					commission: 0,
					// SEC 0.18 + TAF 0.01 + ECN Remove 0.15, summed in decimal (not 0.33999…).
					fees: 0.34,
					currency: 'USD',
					venue: 'VIRTU',
					line: 2
				}),
				// BC is a buy that closes the short; a negative ECN Add is the rebate as written.
				expect.objectContaining({
					symbol: 'RBLX',
					side: 'buy',
					shortSale: false,
					positionEffect: 'close',
					time: Date.UTC(2025, 9, 14, 13, 48, 22),
					fees: -0.1,
					line: 3
				}),
				executionRecord({
					accountNumber: 'TZP12345',
					symbol: 'SE',
					assetClass: 'stock',
					side: 'buy',
					quantity: 2,
					price: 294.248,
					time: Date.UTC(2025, 9, 14, 14, 29, 39),
					commission: 0.99,
					// NSCC 0.033 + Nasdaq 3.14E-05.
					fees: 0.0330314,
					currency: 'USD',
					venue: 'LAMP',
					line: 5
				}),
				expect.objectContaining({ symbol: 'SE', side: 'sell', price: 295.41, fees: 0.0530314, line: 6 }),
				// ECN Add 0.2 written positive, but Net − Gross shows it was credited: a rebate.
				expect.objectContaining({ symbol: 'SOFI', side: 'buy', quantity: 100, fees: -0.2, line: 7 }),
				// ECN Add 0.3 written positive and deducted in Net Proceeds: a charge.
				expect.objectContaining({ symbol: 'SOFI', side: 'sell', fees: 0.36, line: 8 }),
				expect.objectContaining({
					symbol: 'SOFI  251017C00015000',
					assetClass: 'option',
					quantity: 2,
					price: 0.45,
					commission: 1,
					fees: 0,
					time: Date.UTC(2025, 9, 14, 17, 5, 44),
					venue: 'CBOE',
					line: 9
				})
			]
		});
	});

	it('reads instrument words, blank cells and other delimiters; rejects bad rows with line, column and reason', () => {
		expectRows(tradezero, fixture(BAD), {
			rows: 12,
			skipped: 2,
			records: [
				expect.objectContaining({
					symbol: 'AAPL',
					assetClass: 'stock',
					commission: 0,
					fees: 0,
					venue: null,
					time: Date.UTC(2025, 2, 3, 14, 31),
					line: 2
				}),
				expect.objectContaining({ symbol: 'ESH5', assetClass: 'future', commission: 2.25, fees: 0, line: 3 }),
				expect.objectContaining({ symbol: 'EURUSD', assetClass: 'forex', currency: null, line: 4 }),
				// A put on a plain underlying: the contract is unknown, the symbol is kept as written.
				expect.objectContaining({ symbol: 'SPY', assetClass: 'option', price: 3.2, line: 5 })
			],
			errors: [
				rejected(6, 'T/D', '"13/03/2025" is not a valid date'),
				rejected(7, 'Side', '"X" is not a side (buy or sell)'),
				rejected(7, 'Qty', 'must be above zero, is 0'),
				rejected(7, 'Type', '"bond" is not an instrument type (stock, future, forex, call, put)'),
				rejected(8, 'Type', 'says call but the symbol SPY250321P00580000 is a put'),
				rejected(9, 'Price', 'is empty'),
				rejected(9, 'Comm', '"abc" is not a number'),
				rejected(10, 'Exec Time', '"25:00:00" is not a valid time'),
				rejected(10, 'Currency', '"US Dollar" is not a currency code'),
				rejected(
					12,
					'Exec Time',
					'2025-03-09 02:30:00 does not exist in America/New_York (clocks skipped it)'
				)
			]
		});
	});

	it('gives null costs when the file has no cost columns, and names missing columns', () => {
		const bare = importText(
			tradezero,
			'T/D,Exec Time,Side,Symbol,Qty,Price\n10/14/2025,09:30:00,B,MU,100,190.5\n'
		);
		expect(bare.errors).toEqual([]);
		expect(bare.records[0]).toMatchObject({
			commission: null,
			fees: null,
			accountNumber: null,
			currency: null
		});
		const broken = importText(tradezero, 'Account,T/D,Side,Symbol,Qty\nA1,10/14/2025,B,MU,100\n');
		expect(broken.errors[0]).toEqual({ line: 1, column: null, reason: 'missing columns: Exec Time, Price' });
	});

	it('writes option symbols in OCC form and sums decimals exactly', () => {
		expect(occSymbol('SPCE260529C00004500')).toBe('SPCE  260529C00004500');
		expect(occSymbol('AAPL  250117P00150000')).toBe('AAPL  250117P00150000');
		expect(occSymbol('AAPL')).toBeNull();
		expect(occSymbol('AAPL251317C00150000')).toBeNull();
		expect(sumDecimal([0.06, 0.01])).toBe(0.07);
		expect(sumDecimal([])).toBe(0);
	});

	it('never throws on corrupted input, and every row ends as records, errors or skipped', () => {
		expectAlwaysAnswered(tradezero, corruptions(fixture(GOLDEN), ['—', 'B']), 200);
	});
});
