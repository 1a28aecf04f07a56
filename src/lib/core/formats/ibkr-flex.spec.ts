import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { ibkrActivity } from './ibkr-activity';
import { CANCELLATION, ibkrFlex, occSymbol, parseIbkrDateTime } from './ibkr-flex';
import {
	fixtures,
	importText,
	sampleOf,
	splitCsv,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import {
	expectEachRowAnswered,
	expectSaneExecution,
	rowMutations
} from '../../../../tests/support/formats-properties';
import type { ParseOptions } from './types';
import {
	AAPL_OPEN,
	AAPL_PUT_EXPIRY,
	ESH6_SELL,
	EURGBP,
	EURUSD
} from '../../../../tests/support/formats-ibkr';

const fixture = fixtures('ibkr-flex');
const activityFixture = fixtures('ibkr-activity');

const DAS_HEADER = 'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,';
const TRADERVUE_HEADER =
	'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags';
const YAHOO_HEADER = 'Date,Open,High,Low,Close,Adj Close,Volume';

describe('IBKR Flex Query detection', () => {
	it('claims Flex files with or without header/trailer records and line descriptors', () => {
		for (const name of [
			'flex-trades.csv',
			'flex-trade-confirmation.csv',
			'flex-bad-rows.csv',
			'flex-section-codes.csv'
		])
			expect(ibkrFlex.detect(sampleOf(fixture(name)), name), name).toBeGreaterThan(0.5);
	});

	it('does not claim Activity statements, DAS, Tradervue, Yahoo or the public samples', () => {
		for (const name of ['activity-statement.csv', 'activity-bad-rows.csv', 'activity-trade-grain.csv'])
			expect(ibkrFlex.detect(sampleOf(activityFixture(name)), name), name).toBe(0);
		for (const header of [DAS_HEADER, TRADERVUE_HEADER, YAHOO_HEADER])
			expect(ibkrFlex.detect(sampleOf(`${header}\n`), 'x.csv'), header).toBeLessThanOrEqual(0.5);
		const dir = 'tests/fixtures/public';
		for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv')))
			expect(
				ibkrFlex.detect(sampleOf(readFileSync(`${dir}/${name}`, 'utf8')), name),
				name
			).toBeLessThanOrEqual(0.5);
	});

	it('is not claimed by the Activity statement format', () => {
		for (const name of ['flex-trades.csv', 'flex-trade-confirmation.csv', 'flex-section-codes.csv'])
			expect(ibkrActivity.detect(sampleOf(fixture(name)), name), name).toBeLessThanOrEqual(0.5);
	});
});

describe('IBKR Flex Query import', () => {
	it('reads the Activity flex: EXECUTION rows only, BOF/BOS/EOS lines and the cash section skipped', () => {
		const result = importText(ibkrFlex, fixture('flex-trades.csv'));
		expect(result.rows).toBe(22);
		// BOF, BOA, BOS, header, ORDER, SYMBOL_SUMMARY, EOS, and the cash section's BOS, header, row, EOS, then EOA, EOF.
		expect(result.skipped).toBe(13);
		expect(result.errors).toEqual([
			{ line: 16, column: 'DateTime', reason: '"20260109" has a date but no time of day' }
		]);
		expect(result.records).toHaveLength(8);
		expect(result.records[0]).toEqual(
			executionRecord({
				...AAPL_OPEN,
				brokerExecutionId: '481516231',
				fees: 0,
				multiplier: 1,
				orderId: '4123456789',
				venue: 'ISLAND',
				line: 5
			})
		);
		// An expired long put: closed at 0 with the loss as realised P/L; the file's `--` exchange is no venue.
		expect(result.records[4]).toEqual(
			executionRecord({
				...AAPL_PUT_EXPIRY,
				brokerExecutionId: '481516245',
				accountNumber: 'U1234567',
				assetClass: 'option',
				quantity: 1,
				time: Date.UTC(2026, 0, 9, 21, 20, 0),
				commission: 0,
				fees: 0,
				currency: 'USD',
				multiplier: 100,
				line: 10
			})
		);
		expect(result.records.slice(1, 4)).toEqual([
			expect.objectContaining({
				brokerExecutionId: '481516232',
				side: 'sell',
				positionEffect: 'close',
				quantity: 60,
				price: 245.5,
				time: Date.UTC(2026, 0, 6, 20, 45, 1),
				commission: 0.6,
				orderId: '4123456790',
				brokerPnl: 141.6,
				line: 6
			}),
			expect.objectContaining({
				brokerExecutionId: '481516233',
				quantity: 40,
				orderId: '4123456790',
				line: 7
			}),
			// IBKR's own OCC symbol keeps the SPXW root (the underlying is SPX).
			expect.objectContaining({
				symbol: 'SPXW  260116C06900000',
				assetClass: 'option',
				multiplier: 100,
				commission: 2.3,
				line: 9
			})
		]);
		expect(result.records.slice(5)).toEqual([
			expect.objectContaining({
				...ESH6_SELL,
				positionEffect: 'open',
				quantity: 1,
				multiplier: 50,
				line: 11
			}),
			expect.objectContaining({ ...EURUSD, side: 'buy', currency: 'USD', line: 12 }),
			// Charged in USD on a GBP-quoted trade: not expressible in the record's currency.
			expect.objectContaining({ ...EURGBP, line: 13 })
		]);
	});

	it('reads the Trade Confirmation flex: MSG line, BOM, Date/Time + Price + Commission, no LevelOfDetail', () => {
		expectRows(ibkrFlex, fixture('flex-trade-confirmation.csv'), {
			rows: 8,
			skipped: 3,
			errors: [],
			records: [
				executionRecord({
					brokerExecutionId: '5001',
					accountNumber: 'U1234567',
					symbol: 'BRK B',
					assetClass: 'stock',
					side: 'buy',
					positionEffect: 'open',
					quantity: 10,
					price: 498.7,
					time: Date.UTC(2026, 0, 6, 15, 15, 2),
					commission: 1,
					currency: 'USD',
					multiplier: 1,
					orderId: '777001',
					venue: 'NYSE',
					line: 3
				}),
				expect.objectContaining({
					symbol: 'ESH6 C6100',
					assetClass: 'future_option',
					side: 'sell',
					multiplier: 50,
					price: 45.25,
					commission: 1.42,
					line: 4
				}),
				expect.objectContaining({
					symbol: 'BTC',
					assetClass: 'crypto',
					quantity: 0.015,
					price: 97250.5,
					line: 5
				}),
				// Built from UnderlyingSymbol, Expiry, Put/Call and Strike; `C;O` (a reversal) is neither open nor close.
				expect.objectContaining({
					symbol: 'SPY   260116C00600000',
					assetClass: 'option',
					positionEffect: null,
					time: Date.UTC(2026, 0, 6, 20, 59, 59),
					line: 6
				}),
				// A second account's block starts with its own header row.
				expect.objectContaining({
					accountNumber: 'U7654321',
					symbol: 'MSFT',
					side: 'sell',
					quantity: 25,
					line: 8
				})
			]
		});
	});

	it('reads HEADER/DATA line descriptors and takes the account from the BOA line', () => {
		const result = importText(ibkrFlex, fixture('flex-section-codes.csv'));
		expect(result.errors).toEqual([]);
		expect(result.skipped).toBe(11);
		expect(result.records).toEqual([
			expect.objectContaining({
				accountNumber: 'U2222222',
				symbol: 'NVDA',
				side: 'buy',
				quantity: 40,
				price: 187.3,
				time: Date.UTC(2026, 0, 5, 14, 35),
				commission: 0.35,
				brokerExecutionId: '7001',
				line: 5
			}),
			expect.objectContaining({
				side: 'sell',
				quantity: 40,
				price: 188.1,
				brokerExecutionId: '7002',
				line: 6
			})
		]);
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		expectRows(ibkrFlex, fixture('flex-bad-rows.csv'), {
			skipped: 1,
			records: [
				expect.objectContaining({ symbol: 'MU', side: 'buy', quantity: 100, currency: null, line: 2 }),
				// No Buy/Sell: the signed quantity says sell.
				expect.objectContaining({ symbol: 'MU', side: 'sell', quantity: 100, price: 91.25, line: 11 })
			],
			errors: [
				{ line: 3, column: 'TradePrice', reason: 'is empty' },
				{ line: 4, column: 'Quantity', reason: 'is zero' },
				{
					line: 4,
					column: 'DateTime',
					reason: '2026-03-08 02:30:00 does not exist in America/New_York (clocks skipped it)'
				},
				{
					line: 5,
					column: 'AssetClass',
					reason:
						'"BOND" is not an asset class Fillbook handles (stocks, options, futures, futures options, forex, crypto)'
				},
				{
					line: 5,
					column: 'Buy/Sell',
					reason: '"BUY" contradicts the quantity -10 (IBKR signs sells negative)'
				},
				{ line: 6, column: 'Buy/Sell', reason: CANCELLATION },
				{ line: 7, column: 'LevelOfDetail', reason: 'is empty' },
				{ line: 8, column: null, reason: '3 cells where the header on line 1 has 11' },
				{ line: 9, column: null, reason: '2 cells where the header on line 1 has 11' },
				{ line: 10, column: 'TradePrice', reason: '"abc" is not a number' },
				{ line: 10, column: 'DateTime', reason: '"2026/13/45 10:00:00" is not a date and time' }
			]
		});
	});

	it('names the missing columns of a trades header and refuses its rows', () => {
		const result = importText(
			ibkrFlex,
			'"ClientAccountID","Symbol","Buy/Sell","Quantity"\n"U1","AAPL","BUY","10"\n'
		);
		expect(result.records).toEqual([]);
		expect(result.errors).toEqual([
			{ line: 1, column: null, reason: 'missing columns: AssetClass, DateTime, TradePrice' },
			{
				line: 2,
				column: null,
				reason: 'cannot be read: the header on line 1 lacks AssetClass, DateTime, TradePrice'
			}
		]);
	});

	it('reads the same records from tab- and semicolon-separated copies', () => {
		const text = fixture('flex-trades.csv');
		const cells = splitCsv(text).map(([row]) => row);
		const strip = (records: { line: number }[]) => records.map(({ line: _line, ...rest }) => rest);
		const expected = strip(importText(ibkrFlex, text).records);
		for (const delimiter of ['\t', ';']) {
			const copy = Papa.unparse(cells, { delimiter, quotes: true, newline: '\r\n' });
			expect(strip(importText(ibkrFlex, copy).records), JSON.stringify(delimiter)).toEqual(expected);
		}
	});
});

describe('IBKR date and time cells', () => {
	const zone = 'America/New_York';
	it('reads every layout the Flex settings allow, in the account zone', () => {
		const at0930 = Date.UTC(2026, 0, 5, 14, 30);
		for (const cell of [
			'20260105;093000',
			'20260105 093000',
			'20260105093000',
			'2026-01-05;09:30:00',
			'2026-01-05, 09:30:00',
			'01/05/2026 09:30:00',
			'20260105,093000'
		])
			expect(parseIbkrDateTime(cell, zone), cell).toEqual({ ok: true, value: at0930 });
		expect(parseIbkrDateTime('2026-01-05;10:00:00 EST', 'Europe/Berlin')).toEqual({
			ok: true,
			value: Date.UTC(2026, 0, 5, 15)
		});
	});

	it('refuses what it cannot place in time, instead of guessing', () => {
		expect(parseIbkrDateTime('20260105', zone)).toEqual({
			ok: false,
			reason: '"20260105" has a date but no time of day'
		});
		expect(parseIbkrDateTime('2026-01-05;10:00:00 XYZ', zone)).toEqual({
			ok: false,
			reason: '"2026-01-05;10:00:00 XYZ" has an unknown zone "XYZ"'
		});
		expect(parseIbkrDateTime('20261101;013000', zone)).toEqual({
			ok: false,
			reason:
				'2026-11-01 01:30:00 happens twice in America/New_York (clocks went back); the instant is ambiguous'
		});
		expect(parseIbkrDateTime('--', zone)).toEqual({ ok: false, reason: 'is empty' });
	});

	it('builds OCC symbols only when the parts fit', () => {
		const expiry = { year: 2026, month: 3, day: 20 };
		expect(occSymbol('f', expiry, 'P', 12.5)).toBe('F     260320P00012500');
		expect(occSymbol('GOOGL', expiry, 'C', 1234.5)).toBe('GOOGL 260320C01234500');
		expect(occSymbol('BRK B', expiry, 'C', 500)).toBeNull();
		expect(occSymbol('TOOLONG', expiry, 'C', 500)).toBeNull();
		expect(occSymbol('AAPL', expiry, 'C', 1.23456)).toBeNull();
	});
});

describe('IBKR Flex robustness', () => {
	const options: ParseOptions = {
		fileName: 'f.csv',
		zone: 'America/New_York',
		tradeDate: null,
		symbol: null
	};
	const rows = [
		...splitCsv(fixture('flex-trades.csv')),
		...splitCsv(fixture('flex-section-codes.csv')).map(([c, l]): [string[], number] => [c, l + 100])
	];
	const cellValue = fc.oneof(
		fc.string(),
		fc.constantFrom('BOS', 'EOS', 'HEADER', 'DATA', 'MSG', 'EXECUTION', 'ORDER', '--', '-0', '1e999', '(5)'),
		fc.constantFrom('20260308;023000', 'SELL (Ca.)', 'Ca', 'OPT', 'FOP', 'TradePrice', 'Quantity', 'Symbol')
	);
	it('never throws on corrupted files, and every row gives records, errors or a skip', () => {
		fc.assert(
			fc.property(rowMutations(rows, cellValue), (mutated) =>
				expectEachRowAnswered(ibkrFlex, mutated, options, expectSaneExecution)
			),
			{ numRuns: 300 }
		);
	});
});
