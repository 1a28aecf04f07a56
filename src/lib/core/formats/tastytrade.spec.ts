import { describe, expect, it } from 'vitest';
import { occSymbol, tastytrade } from './tastytrade';
import { parseExecutionTime, priceInDescription } from './tastytrade-transactions';
import { tastytradeLegacy } from './tastytrade-legacy';
import { thinkorswim } from './thinkorswim';
import {
	fixtures,
	foreignHeaders,
	importText,
	publicSample,
	sampleOf,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import { expectAlwaysAccounted, splices } from '../../../../tests/support/formats-properties';

const fixture = fixtures('tastytrade');

const MES = 'tastytrade_transactions_MES_options_tastyworks-pnl.csv';
const MONEY = 'tastytrade_money_movement_tastyworks-pnl.csv';

describe('tastytrade Transactions export', () => {
	it('is detected from its header (with or without Total), and nothing else is', () => {
		expect(tastytrade.detect(sampleOf(publicSample(MES)), MES)).toBeGreaterThan(0.9);
		expect(tastytrade.detect(sampleOf(publicSample(MONEY)), MONEY)).toBeGreaterThan(0.9);
		expect(tastytrade.detect(sampleOf(fixture('transactions-with-total.csv')), 'x.csv')).toBeGreaterThan(0.9);
		for (const header of foreignHeaders('tastytrade'))
			expect(tastytrade.detect([header], 'x.csv')).toBeLessThanOrEqual(0.5);
		const legacy = sampleOf(publicSample('tastyworks_legacy_format_tastyworks-pnl.csv'));
		expect(tastytrade.detect(legacy, 'x.csv')).toBeLessThanOrEqual(0.5);
		expect(tastytradeLegacy.detect(sampleOf(publicSample(MES)), MES)).toBeLessThanOrEqual(0.5);
		expect(thinkorswim.detect(sampleOf(publicSample(MES)), MES)).toBeLessThanOrEqual(0.5);
	});

	it('reads the real /MES future-option sample: price from "@ 1.1", multiplier 5 from Value', () => {
		expectRows(tastytrade, publicSample(MES), {
			rows: 8,
			// The header and the Money Movement deposit.
			skipped: 2,
			errors: [],
			records: [
				executionRecord({
					symbol: './MESU4MESU4 240920P5050',
					assetClass: 'future_option',
					side: 'buy',
					positionEffect: 'close',
					quantity: 1,
					// Expired worthless: price 0 is what happened. Value 0 gives no multiplier to derive,
					// so the file's own (1) stays; at price 0 it changes nothing.
					price: 0,
					time: Date.UTC(2024, 8, 20, 21, 0, 0),
					fees: 0,
					currency: 'USD',
					multiplier: 1,
					line: 2
				}),
				expect.objectContaining({ symbol: './MESU4MESU4 240920P5100', side: 'sell', price: 0, line: 3 }),
				executionRecord({
					symbol: './MESU4MESU4 240920P4650',
					assetClass: 'future_option',
					side: 'buy',
					positionEffect: 'close',
					quantity: 2,
					// Value -11.00 = 2 × 1.1 × 5: Average Price -5.50 is 1.1 × $5 a point.
					price: 1.1,
					time: Date.UTC(2024, 8, 10, 13, 32, 26),
					commission: 0,
					fees: 1.04,
					currency: 'USD',
					multiplier: 5,
					orderId: '327129782',
					line: 4
				}),
				expect.objectContaining({
					side: 'sell',
					positionEffect: 'open',
					quantity: 2,
					price: 22,
					multiplier: 5,
					commission: 3,
					fees: 1.04,
					orderId: '323968393',
					line: 5
				}),
				expect.objectContaining({
					symbol: './MESU4MESU4 240920P5050',
					side: 'sell',
					price: 54,
					multiplier: 5,
					line: 6
				}),
				expect.objectContaining({
					symbol: './MESU4MESU4 240920P5100',
					side: 'buy',
					price: 61.5,
					multiplier: 5,
					orderId: '323965426',
					time: Date.UTC(2024, 4, 23, 15, 1, 37),
					line: 7
				})
			]
		});
	});

	it('skips every Money Movement row of the real deposit/interest sample', () => {
		const result = importText(tastytrade, publicSample(MONEY));
		expect(result).toEqual({
			records: [],
			errors: [],
			rows: 3,
			skipped: 3,
			header: 1,
			skippedRows: [
				{ line: 2, reason: 'a money movement, not a trade' },
				{ line: 3, reason: 'a money movement, not a trade' }
			],
			warnings: []
		});
	});

	it('reads the golden file: Total column, BOM, CRLF, assignments, expirations, futures, bad rows', () => {
		const result = importText(tastytrade, fixture('transactions-with-total.csv'));
		expect(result.rows).toBe(13);
		// Header and the deposit (whose description holds a comma and quotes).
		expect(result.skipped).toBe(2);
		expect(result.errors).toEqual([
			{ line: 11, column: 'Action', reason: '"BUY_TO_HOLD" is not a buy or sell action' },
			{ line: 12, column: 'Date', reason: '"25:00:00" is not a valid time' },
			{ line: 12, column: 'Quantity', reason: 'must be above zero, is 0' },
			{
				line: 13,
				column: 'Sub Type',
				reason:
					'"Forward Split" is a position change without a trade (split, symbol change, merger, transfer…); it is not imported, so the position it changes must be adjusted by hand'
			},
			{
				line: 14,
				column: 'Action',
				reason:
					'is empty: the file does not say whether this expiration closed a long or a short, and the rows before it hold no open position of 1 SPY   240517P00500000 to tell'
			}
		]);
		const byLine = new Map(result.records.map((r) => [r.line, r]));
		expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 9, 10]);
		expect(byLine.get(5)).toEqual(
			executionRecord({
				symbol: 'UAL   240816C00045000',
				assetClass: 'option',
				side: 'sell',
				positionEffect: 'open',
				quantity: 2,
				price: 0.85,
				time: Date.UTC(2024, 6, 22, 14, 5, 10),
				commission: 2,
				fees: 0.28,
				currency: 'USD',
				multiplier: 100,
				orderId: '331234567',
				line: 5
			})
		);
		// The expiration row has no Action: the short 2 calls opened on line 5 make it a buy.
		expect(byLine.get(2)).toEqual(
			executionRecord({
				symbol: 'UAL   240816C00045000',
				assetClass: 'option',
				side: 'buy',
				positionEffect: 'close',
				quantity: 2,
				price: 0,
				time: Date.UTC(2024, 7, 16, 20, 0, 0),
				fees: 0,
				currency: 'USD',
				multiplier: 100,
				line: 2
			})
		);
		// Assignment of the short put: the option leaves at 0, the stock arrives at the strike.
		expect(byLine.get(3)).toMatchObject({ side: 'buy', positionEffect: 'close', price: 0, quantity: 1 });
		expect(byLine.get(4)).toMatchObject({
			symbol: 'SCHG',
			assetClass: 'stock',
			side: 'buy',
			positionEffect: 'open',
			quantity: 100,
			price: 103,
			commission: null,
			fees: 5,
			multiplier: 1
		});
		expect(byLine.get(6)).toMatchObject({ side: 'sell', price: 2.05, commission: 1, fees: 0.14 });
		// Futures: the price is the "@" in Description; Value and Average Price are cash.
		expect(byLine.get(9)).toMatchObject({
			symbol: '/CLN4',
			assetClass: 'future',
			side: 'sell',
			positionEffect: null,
			price: 77.3,
			multiplier: null,
			commission: 1.25,
			fees: 1.82,
			time: Date.UTC(2024, 5, 3, 19, 45, 1)
		});
		expect(byLine.get(10)).toMatchObject({
			side: 'buy',
			price: 77.12,
			time: Date.UTC(2024, 5, 3, 14, 12, 32)
		});
	});

	it('reads semicolon and tab files, and rows with the Action only in Sub Type', () => {
		const lines = publicSample(MES).split('\n').slice(0, 5);
		for (const delimiter of [';', '\t']) {
			const text = lines.map((l) => l.replace(/"([^"]*)"/g, '$1').replaceAll(',', delimiter)).join('\n');
			const result = importText(tastytrade, text);
			expect(result.errors).toEqual([]);
			expect(result.records.map((r) => r.line)).toEqual([2, 3, 4, 5]);
		}
		const header = lines[0]!;
		const row =
			'2024-09-10T15:32:26+0200,Trade,Buy to Close,,UAL   260417C00110000,Equity Option,Bought 1 UAL 04/17/26 Call 110.00,-235.00,1,-235.00,-1.00,-0.10,100,UAL,UAL,4/17/26,110,CALL,1,USD';
		const result = importText(tastytrade, `${header}\n${row}\n`);
		expect(result.errors).toEqual([]);
		// No "@ price" in Description: |Average Price| / Multiplier.
		expect(result.records[0]).toMatchObject({
			side: 'buy',
			positionEffect: 'close',
			price: 2.35,
			multiplier: 100
		});
	});

	it('refuses a price 0 on a trade, a future without "@ price", and names missing columns', () => {
		const header = publicSample(MES).split('\n')[0]!;
		const zero =
			'2024-09-10T15:32:26+0200,Trade,Sell to Close,SELL_TO_CLOSE,UAL   260417C00110000,Equity Option,Sold 1 UAL 04/17/26 Call 110.00 @ 0.00,0.00,1,0.00,0.00,0.00,100,UAL,UAL,4/17/26,110,CALL,2,USD';
		const future =
			'2024-09-10T15:32:26+0200,Trade,Buy,BUY,/ESZ4,Future,Bought 1 /ESZ4,0.00,1,0.00,-1.25,-1.82,,,,,,,3,USD';
		const result = importText(tastytrade, [header, zero, future].join('\n'));
		expect(result.records).toEqual([]);
		expect(result.errors).toEqual([
			{ line: 2, column: 'Average Price', reason: 'gives price 0 for a trade' },
			{
				line: 3,
				column: 'Description',
				reason: 'has no "@ price", and Average Price of a future is cash, not a price'
			}
		]);
		expect(importText(tastytrade, 'Date,Type,Symbol,Quantity\n').errors).toEqual([
			{
				line: 1,
				column: null,
				reason: 'missing columns: Sub Type, Action, Instrument Type, Description, Value, Average Price'
			}
		]);
	});

	it('builds OCC symbols and reads "@ price" from descriptions', () => {
		expect(occSymbol('UAL', { year: 2026, month: 4, day: 17 }, 'C', 110)).toBe('UAL   260417C00110000');
		expect(occSymbol('spy', { year: 2024, month: 5, day: 17 }, 'P', 14.5)).toBe('SPY   240517P00014500');
		expect(occSymbol('X', { year: 2024, month: 5, day: 17 }, 'P', 0)).toBeNull();
		expect(priceInDescription('Sold 1 /CLJ4 @ 79.53')).toBe(79.53);
		expect(priceInDescription('Bought 1 BRK/A @ 1,234.50')).toBe(1234.5);
		expect(priceInDescription('Removal of option due to expiration')).toBeNull();
	});

	it('refuses a date without a time instead of reading it as midnight', () => {
		expect(parseExecutionTime('2024-09-10', 'UTC')).toEqual({
			ok: false,
			reason: '"2024-09-10" has no time of day'
		});
		expect(parseExecutionTime('2024-09-10T15:32:26+0200', 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2024, 8, 10, 13, 32, 26)
		});
		// Without an offset, the wall time is read in the zone the user confirmed.
		expect(parseExecutionTime('2024-09-10 15:32:26', 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2024, 8, 10, 19, 32, 26)
		});
	});

	it('never throws on a corrupted file and accounts for every row', () => {
		const pieces = [
			',',
			'"',
			'\n',
			'\r\n',
			'-',
			'--',
			'~',
			'x',
			'0',
			'9',
			'.',
			' ',
			'',
			'@ ',
			'+0200',
			'T',
			';'
		];
		expectAlwaysAccounted(tastytrade, splices(fixture('transactions-with-total.csv'), pieces), {}, 300);
	});
});
