import { describe, expect, it } from 'vitest';
import {
	fixtures,
	importText,
	sampleOf,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import { corruptions, expectAlwaysAnswered } from '../../../../tests/support/formats-properties';
import { classifySymbol, tradervueGeneric } from './tradervue-generic';

const fixture = fixtures('tradervue-generic');
const GOLDEN = 'tradervue-generic.csv';
const NO_SIDE = 'tradervue-generic-no-side.csv';

describe('Tradervue generic import (executions)', () => {
	it('is detected from its header and leaves other execution headers alone', () => {
		expect(tradervueGeneric.detect(sampleOf(fixture(GOLDEN)), GOLDEN)).toBe(1);
		expect(tradervueGeneric.detect(sampleOf(fixture(NO_SIDE)), NO_SIDE)).toBeCloseTo(0.8);
		// Extra columns another broker would have lower the score, but the template columns still win.
		expect(
			tradervueGeneric.detect([['Date', 'Time', 'Symbol', 'Quantity', 'Price', 'Side', 'Route']], 'x.csv')
		).toBeCloseTo(0.7);
		const others = [
			'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,',
			'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note',
			'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags',
			'Date,Time,Open,High,Low,Close,Volume'
		];
		for (const header of others)
			expect(tradervueGeneric.detect([header.split(',')], 'x.csv'), header).toBe(0);
		expect(tradervueGeneric.detect([], 'x.csv')).toBe(0);
	});

	it('reads the golden file: every date form, sides by first letter, futures, forex and OCC options', () => {
		const result = importText(tradervueGeneric, fixture(GOLDEN));
		expect(result.rows).toBe(16);
		expect(result.skipped).toBe(1);
		expect(result.records).toHaveLength(12);
		expect(result.records[0]).toEqual(
			executionRecord({
				symbol: 'AAPL',
				assetClass: 'stock',
				side: 'buy',
				quantity: 100,
				price: 247.1,
				time: Date.UTC(2025, 9, 14, 13, 30, 1),
				commission: 1,
				// TransFee 0.01 + ECNFee 0.03
				fees: 0.04,
				line: 2
			})
		);
		expect(result.records[2]).toEqual(
			executionRecord({
				symbol: 'TSLA',
				assetClass: 'stock',
				side: 'sell',
				shortSale: true,
				quantity: 50,
				price: 435.2,
				time: Date.UTC(2025, 9, 14, 14, 2, 0),
				commission: 1,
				fees: 0.013,
				line: 4
			})
		);
		expect(result.records.slice(1)).toEqual([
			// mm-dd-yyyy; an ECN rebate cancels the TransFee; lower-case symbol normalised.
			expect.objectContaining({
				symbol: 'AAPL',
				side: 'sell',
				fees: 0,
				time: Date.UTC(2025, 9, 14, 13, 45, 12)
			}),
			expect.anything(),
			// yyyy-mm-dd; blank fee cells are no fee.
			expect.objectContaining({ symbol: 'TSLA', side: 'buy', shortSale: false, fees: 0, line: 5 }),
			// yyyymmdd; SLD is a sell.
			expect.objectContaining({ symbol: 'ESZ5', assetClass: 'future', side: 'sell', line: 6 }),
			expect.objectContaining({
				symbol: 'ES DEC 25',
				assetClass: 'future',
				side: 'buy',
				price: 6698,
				line: 7
			}),
			expect.objectContaining({ symbol: 'EURUSD', assetClass: 'forex', quantity: 100000, line: 9 }),
			expect.objectContaining({ symbol: 'EUR/USD', assetClass: 'forex', side: 'buy', line: 10 }),
			expect.objectContaining({
				symbol: 'AAPL  251017C00250000',
				assetClass: 'option',
				fees: 0.02,
				line: 11
			}),
			// "5,012.30" quoted with its thousands separator; `--` and `N/A` fees are empty.
			expect.objectContaining({ symbol: 'BKNG', price: 5012.3, fees: 0, line: 12 }),
			// Six letters that are not two currencies stay a stock.
			expect.objectContaining({ symbol: 'ABCDEF', assetClass: 'stock', side: 'sell', line: 13 }),
			// A sell may carry a negative quantity as well.
			expect.objectContaining({ symbol: 'MSFT', side: 'sell', quantity: 10, line: 14 })
		]);
		expect(result.errors).toEqual([
			{ line: 15, column: 'Quantity', reason: 'is negative (-10) but the side is a buy' },
			{ line: 16, column: 'Side', reason: '"Cover" is not a side (buy or sell)' },
			{ line: 17, column: 'Side', reason: 'is empty' }
		]);
	});

	it('reads the sign of the quantity when there is no Side column, and rejects bad rows', () => {
		expectRows(tradervueGeneric, fixture(NO_SIDE), {
			rows: 8,
			skipped: 2,
			records: [
				expect.objectContaining({
					symbol: 'NVDA',
					side: 'buy',
					quantity: 200,
					commission: null,
					fees: null,
					time: Date.UTC(2025, 9, 15, 13, 31),
					line: 2
				}),
				expect.objectContaining({ symbol: 'NVDA', side: 'sell', quantity: 200, price: 182.5, line: 3 })
			],
			errors: [
				{ line: 4, column: 'Quantity', reason: 'must not be zero' },
				{ line: 5, column: 'Date', reason: '"2025-02-30" is not a valid date' },
				{ line: 6, column: 'Time', reason: '"9.30" is not a time of day' },
				{ line: 6, column: 'Symbol', reason: 'is empty' },
				{ line: 6, column: 'Price', reason: '"abc" is not a number' },
				{ line: 7, column: 'Price', reason: 'must be above zero, is -1' }
			]
		});
	});

	it('names the missing columns of a broken header', () => {
		const result = importText(tradervueGeneric, 'Date,Symbol,Quantity,Side\n10/14/2025,MU,100,B\n');
		expect(result.errors[0]).toEqual({ line: 1, column: null, reason: 'missing columns: Time, Price' });
	});

	it('classifies symbols conservatively', () => {
		expect(classifySymbol('6EZ5').assetClass).toBe('future');
		expect(classifySymbol('MESH26').assetClass).toBe('future');
		expect(classifySymbol('GBPJPY').assetClass).toBe('forex');
		expect(classifySymbol('USDUSD').assetClass).toBe('stock');
		expect(classifySymbol('GOOGL').assetClass).toBe('stock');
		expect(classifySymbol('BRK.B').assetClass).toBe('stock');
	});

	it('never throws on corrupted input, and every row ends as records, errors or skipped', () => {
		expectAlwaysAnswered(tradervueGeneric, corruptions(fixture(GOLDEN), ['—', 'B']), 200);
	});
});
