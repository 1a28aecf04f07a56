import { describe, expect, it } from 'vitest';
import {
	fixtures,
	expectBrokenHeader,
	expectDetection,
	importText,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import { cellEdits, expectAlwaysAccounted } from '../../../../tests/support/formats-properties';
import { padOccSymbol, parseWebullTime, webull } from './webull';

const ORDERS = 'Webull_Orders_Records.csv';
const fixture = fixtures('webull');

describe('Webull orders export', () => {
	it('is detected from its header, and not from other formats', () => {
		// Some exports leave out Total Qty and Price.
		const short = 'Name,Symbol,Side,Status,Filled,Avg Price,Time-in-Force,Placed Time,Filled Time'.split(',');
		expectDetection(webull, fixture, [ORDERS, 'bad-rows.csv'], [short]);
	});

	it.each([
		{ text: '06/10/2026 09:30:05 EDT', expected: { ok: true, value: Date.UTC(2026, 5, 10, 13, 30, 5) } },
		{ text: '01/05/2026 09:30:05 EST', expected: { ok: true, value: Date.UTC(2026, 0, 5, 14, 30, 5) } },
		{ text: '01/05/2026 09:30:05 PST', expected: { ok: true, value: Date.UTC(2026, 0, 5, 17, 30, 5) } },
		{ text: '01/05/2026 9:30:05 AM utc', expected: { ok: true, value: Date.UTC(2026, 0, 5, 9, 30, 5) } },
		{ text: '02/30/2026 09:30:00 EST', expected: { ok: false, reason: '"02/30/2026" is not a valid date' } }
	])('reads times by the zone abbreviation they carry: $text', ({ text, expected }) => {
		expect(parseWebullTime(text)).toEqual(expected);
	});

	it('rejects a time without a zone abbreviation', () => {
		expect(parseWebullTime('01/05/2026 9:30:05 AM').ok).toBe(false);
	});

	it('pads OCC symbols to the stored form', () => {
		expect(padOccSymbol('SPY260903C00766000')).toBe('SPY   260903C00766000');
		expect(padOccSymbol('SPXW260327P06540000')).toBe('SPXW  260327P06540000');
		expect(padOccSymbol('AAPL')).toBeNull();
	});

	it('reads the golden file: Avg Price at Filled quantity, option legs not the spread summary', () => {
		const result = importText(webull, fixture(ORDERS), { fileName: ORDERS });
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(12);
		expect(result.skipped).toBe(4);
		expect(result.records.map((r) => r.line)).toEqual([2, 4, 6, 7, 8, 9, 10, 11]);
		expect(result.records[0]).toEqual(
			executionRecord({
				symbol: 'AAPL',
				assetClass: 'stock',
				side: 'sell',
				quantity: 100,
				price: 189.1,
				time: Date.UTC(2026, 2, 2, 15, 12, 40),
				line: 2
			})
		);
		expect(result.records[2]).toEqual(
			executionRecord({
				symbol: 'SPXW  260327C06540000',
				assetClass: 'option',
				side: 'sell',
				quantity: 10,
				price: 12.97,
				time: Date.UTC(2026, 2, 26, 20, 1, 46),
				multiplier: 100,
				line: 6
			})
		);
		expect(result.records).toEqual([
			expect.anything(),
			expect.objectContaining({ side: 'buy', price: 187.4, time: Date.UTC(2026, 2, 2, 14, 31, 5) }),
			expect.anything(),
			expect.objectContaining({ symbol: 'SPXW  260327C06545000', side: 'buy', price: 11.72 }),
			expect.objectContaining({
				symbol: 'SPY   260903C00766000',
				quantity: 7,
				price: 1.649,
				multiplier: 100
			}),
			// Partially filled: 30 of 100 executed.
			expect.objectContaining({ symbol: 'TSLA', quantity: 30, price: 249.9812 }),
			// Cancelled after 25 of 100 filled: those 25 did execute.
			expect.objectContaining({
				symbol: 'TSLA',
				side: 'sell',
				quantity: 25,
				price: 260.05,
				time: Date.UTC(2026, 2, 3, 16, 20, 31)
			}),
			expect.objectContaining({
				symbol: 'GME',
				side: 'sell',
				shortSale: true,
				time: Date.UTC(2026, 2, 4, 16, 0, 1)
			})
		]);
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		expectRows(webull, fixture('bad-rows.csv'), {
			skipped: 1,
			records: [expect.objectContaining({ symbol: 'TSLA', quantity: 5, line: 7 })],
			errors: [
				{
					line: 2,
					column: 'Filled Time',
					reason: '"HKT" in "03/02/2026 09:31:05 HKT" is not a time zone Fillbook knows'
				},
				{ line: 3, column: 'Avg Price', reason: 'is empty' },
				{ line: 4, column: 'Filled', reason: 'is 0 on a Filled order' },
				{ line: 5, column: 'Status', reason: '"Queued" is not an order status' },
				{
					line: 6,
					column: 'Filled Time',
					reason: '"03/02/2026 09:31:05" has no time zone (Webull writes e.g. "06/10/2026 09:30:05 EDT")'
				},
				{ line: 8, column: 'Symbol', reason: 'is empty' }
			]
		});
	});

	it('names the missing columns of a broken header and reads no row under it', () => {
		expectBrokenHeader(webull, 'Symbol,Side,Status,Filled,Filled Time\nAAPL,Buy,Filled,1,x\n', 'Avg Price');
	});

	it('never throws on corrupted files, and every row ends as records, errors or skipped', () => {
		const values = ['', '--', 'N/A', '"', '\n', '-1', '0', '@1e999', 'Filled', 'Cancelled', 'XYZ'];
		expectAlwaysAccounted(webull, cellEdits(fixture(ORDERS).split('\n'), values));
	});
});
