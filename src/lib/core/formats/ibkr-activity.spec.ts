import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ibkrActivity } from './ibkr-activity';
import { CANCELLATION, ibkrFlex } from './ibkr-flex';
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

const fixture = fixtures('ibkr-activity');
const flexFixture = fixtures('ibkr-flex');

describe('IBKR Activity statement detection', () => {
	it('claims statements from their Trades header or their Statement section', () => {
		for (const name of ['activity-statement.csv', 'activity-bad-rows.csv', 'activity-trade-grain.csv'])
			expect(ibkrActivity.detect(sampleOf(fixture(name)), name), name).toBeGreaterThan(0.5);
		// The Trades section lies past the first 50 rows: the statement's title still gives it away.
		const opening = fixture('activity-statement.csv').split('\r\n').slice(0, 6).join('\n');
		expect(ibkrActivity.detect(sampleOf(opening), 'U1234567.csv')).toBeGreaterThan(0.5);
	});

	it('does not claim Flex files, DAS, Tradervue, Yahoo or the public samples', () => {
		for (const name of ['flex-trades.csv', 'flex-trade-confirmation.csv', 'flex-section-codes.csv'])
			expect(ibkrActivity.detect(sampleOf(flexFixture(name)), name), name).toBe(0);
		for (const header of [
			'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,',
			'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags',
			'Date,Open,High,Low,Close,Adj Close,Volume'
		])
			expect(ibkrActivity.detect(sampleOf(`${header}\n`), 'x.csv'), header).toBe(0);
		const dir = 'tests/fixtures/public';
		for (const name of readdirSync(dir).filter((n) => n.endsWith('.csv')))
			expect(ibkrActivity.detect(sampleOf(readFileSync(`${dir}/${name}`, 'utf8')), name), name).toBe(0);
	});

	it('is not claimed by the Flex format', () => {
		expect(ibkrFlex.detect(sampleOf(fixture('activity-statement.csv')), 'x.csv')).toBe(0);
	});
});

describe('IBKR Activity statement import', () => {
	it('reads the golden statement: Order rows of every asset category, account from Account Information', () => {
		const result = importText(ibkrActivity, fixture('activity-statement.csv'));
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(37);
		// Other sections, headers, the Trade and ClosedLot detail rows, SubTotal and Total rows.
		expect(result.skipped).toBe(29);
		expect(result.records).toHaveLength(8);
		expect(result.records[0]).toEqual(executionRecord({ ...AAPL_OPEN, line: 15 }));
		expect(result.records[3]).toEqual(
			executionRecord({
				accountNumber: 'U1234567',
				symbol: 'SPY   260116C00600000',
				assetClass: 'option',
				side: 'buy',
				positionEffect: 'open',
				quantity: 2,
				price: 12.35,
				time: Date.UTC(2026, 0, 7, 15, 15),
				commission: 1.3,
				currency: 'USD',
				venue: 'CBOE',
				brokerPnl: 0,
				line: 24
			})
		);
		expect(result.records.slice(1, 3)).toEqual([
			expect.objectContaining({
				symbol: 'AAPL',
				side: 'sell',
				positionEffect: 'close',
				quantity: 100,
				price: 245.5,
				time: Date.UTC(2026, 0, 6, 20, 45, 1),
				commission: 1.0034,
				brokerPnl: 235.9966,
				line: 17
			}),
			// Quoted thousands in the quantity.
			expect.objectContaining({ symbol: 'BRK B', quantity: 1000, price: 498.7, commission: 5, line: 19 })
		]);
		expect(result.records.slice(4)).toEqual([
			// Expiry: closed at 0, `C;Ep` code, `--` exchange.
			expect.objectContaining({ ...AAPL_PUT_EXPIRY, venue: null, line: 25 }),
			expect.objectContaining({ ...ESH6_SELL, commission: 2.25, line: 28 }),
			// The forex block: `Comm in USD` applies to a USD-quoted pair, not to EUR.GBP.
			expect.objectContaining({ ...EURUSD, brokerPnl: null, line: 30 }),
			expect.objectContaining({ ...EURGBP, line: 31 })
		]);
	});

	it('takes Trade rows as the executions in statements that list no Order rows', () => {
		const result = importText(ibkrActivity, fixture('activity-trade-grain.csv'), { zone: 'Europe/London' });
		expect(result.errors).toEqual([]);
		expect(result.skipped).toBe(7);
		expect(result.records).toEqual([
			expect.objectContaining({
				accountNumber: 'U3333333',
				symbol: 'RCP',
				quantity: 10,
				price: 21.1,
				time: Date.UTC(2018, 6, 20, 7, 44, 35),
				commission: 7.055,
				currency: 'GBP',
				venue: 'CHIXUK',
				positionEffect: 'open',
				line: 6
			}),
			expect.objectContaining({ quantity: 90, commission: 9.495, venue: 'LSE', line: 7 })
		]);
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		expectRows(ibkrActivity, fixture('activity-bad-rows.csv'), {
			skipped: 2,
			records: [
				expect.objectContaining({ accountNumber: 'U7654321', side: 'buy', quantity: 10, line: 4 }),
				// An unquoted `2026-03-05, 10:05:00` split into two cells is joined back.
				expect.objectContaining({
					side: 'sell',
					quantity: 10,
					price: 91,
					time: Date.UTC(2026, 2, 5, 15, 5),
					brokerPnl: 3.5,
					line: 5
				})
			],
			errors: [
				{ line: 2, column: null, reason: 'a Trades data row comes before any Trades header row' },
				{
					line: 6,
					column: 'Date/Time',
					reason: '2026-03-08 02:30:00 does not exist in America/New_York (clocks skipped it)'
				},
				{ line: 6, column: 'Quantity', reason: 'is zero' },
				{
					line: 7,
					column: 'Asset Category',
					reason:
						'"Bonds" is not an asset class Fillbook handles (stocks, options, futures, futures options, forex, crypto)'
				},
				{ line: 8, column: 'T. Price', reason: 'is empty' },
				{ line: 9, column: 'Date/Time', reason: '"2026-03-05" has a date but no time of day' },
				{ line: 10, column: 'Code', reason: CANCELLATION },
				{ line: 11, column: null, reason: '5 cells where the header on line 3 has 14' },
				{ line: 12, column: 'Quantity', reason: '"ten" is not a number' },
				{ line: 12, column: 'Comm/Fee', reason: '"x1" is not a number' },
				{ line: 13, column: null, reason: 'missing columns: T. Price' },
				{ line: 14, column: null, reason: 'cannot be read: the Trades header on line 13 lacks T. Price' }
			]
		});
	});
});

describe('IBKR Activity statement robustness', () => {
	const options: ParseOptions = {
		fileName: 's.csv',
		zone: 'America/New_York',
		tradeDate: null,
		symbol: null
	};
	const rows = splitCsv(fixture('activity-statement.csv'));
	const cellValue = fc.oneof(
		fc.string(),
		fc.constantFrom('Trades', 'Header', 'Data', 'Order', 'Trade', 'SubTotal', 'Account', '--', '-0', '1e999'),
		fc.constantFrom(
			'2026-03-08, 02:30:00',
			'2026-01-05',
			'10:00:00',
			'Ca',
			'Forex',
			'Comm in EUR',
			'T. Price'
		)
	);
	it('never throws on corrupted files, and every row gives records, errors or a skip', () => {
		fc.assert(
			fc.property(rowMutations(rows, cellValue), (mutated) =>
				expectEachRowAnswered(ibkrActivity, mutated, options, expectSaneExecution)
			),
			{ numRuns: 300 }
		);
	});
});
