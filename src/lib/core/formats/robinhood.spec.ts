import { describe, expect, it } from 'vitest';
import { robinhood, robinhoodOptionSymbol } from './robinhood';
import {
	fixtures,
	expectBrokenHeader,
	expectDetection,
	importText,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';
import { cellEdits, expectAlwaysAccounted } from '../../../../tests/support/formats-properties';

const ACTIVITY = 'Robinhood_activity_2026-03.csv';
const fixture = fixtures('robinhood');

/** Midnight of a New York day in March 2026 before the clocks change: 05:00 UTC. */
const nyMidnight = (month: number, day: number) => Date.UTC(2026, month - 1, day, 5);

describe('Robinhood account activity', () => {
	it('is detected from its header, and not from other formats', () => {
		expectDetection(robinhood, fixture, [ACTIVITY, 'bad-rows.csv']);
	});

	it.each([
		{ text: 'AAPL 1/17/2025 Call $150.00', expected: { ok: true, value: 'AAPL  250117C00150000' } },
		{ text: 'SPX 12/18/2026 Put $6,000.00', expected: { ok: true, value: 'SPX   261218P06000000' } },
		{ text: 'F 3/20/2026 Call $12.50', expected: { ok: true, value: 'F     260320C00012500' } },
		{
			text: 'AAPL 2/30/2025 Call $150.00',
			expected: { ok: false, reason: '"2/30/2025" is not a valid date' }
		}
	])('turns option descriptions into OCC symbols: $text', ({ text, expected }) => {
		expect(robinhoodOptionSymbol(text)).toEqual(expected);
	});

	it('rejects an option strike below a tenth of a cent', () => {
		expect(robinhoodOptionSymbol('AAPL 1/17/2025 Call $0.0001').ok).toBe(false);
	});

	it('reads the golden file: trades only, on their date at midnight in the zone', () => {
		const result = importText(robinhood, fixture(ACTIVITY), { fileName: ACTIVITY });
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(13);
		// Header, dividend, option expiration, deposit, interest and the closing disclaimer.
		expect(result.skipped).toBe(6);
		expect(result.records.map((r) => r.line)).toEqual([2, 3, 4, 6, 9, 11, 16]);
		expect(result.records[0]).toEqual(
			executionRecord({
				symbol: 'SPY   260320C00580000',
				assetClass: 'option',
				side: 'sell',
				positionEffect: 'close',
				quantity: 2,
				price: 4.25,
				time: nyMidnight(3, 3),
				multiplier: 100,
				line: 2
			})
		);
		expect(result.records[2]).toEqual(
			executionRecord({
				symbol: 'AAPL',
				assetClass: 'stock',
				side: 'sell',
				quantity: 100,
				price: 189.1,
				time: nyMidnight(3, 2),
				line: 4
			})
		);
		expect(result.records).toEqual([
			expect.anything(),
			expect.objectContaining({ side: 'buy', positionEffect: 'open', shortSale: false, price: 3.5 }),
			expect.anything(),
			expect.objectContaining({ symbol: 'AAPL', side: 'buy', price: 187.4, time: nyMidnight(3, 2) }),
			expect.objectContaining({
				symbol: 'TSLA  260227P00400000',
				side: 'sell',
				positionEffect: 'open',
				shortSale: true,
				price: 2.1,
				time: nyMidnight(2, 27)
			}),
			expect.objectContaining({ symbol: 'HOOD', side: 'buy', quantity: 0.532481, price: 93.91 }),
			expect.objectContaining({
				symbol: 'SPX   261218C06000000',
				side: 'buy',
				positionEffect: 'close',
				price: 120.5
			})
		]);
	});

	it('places the date at midnight of the confirmed zone', () => {
		const result = importText(robinhood, fixture(ACTIVITY), { zone: 'America/Los_Angeles' });
		expect(result.records[0]?.kind === 'execution' && result.records[0].time).toBe(Date.UTC(2026, 2, 3, 8));
	});

	it('skips the disclaimer whichever column it sits in, but not a row that only lacks its trans code', () => {
		const header = fixture(ACTIVITY).split('\r\n')[0]!;
		const text = [
			header,
			'"The data provided is for informational purposes only. Robinhood Securities, LLC."',
			'"","","","NVDA","NVIDIA","","1","$120.00","($120.00)"'
		].join('\n');
		const result = importText(robinhood, text);
		expect(result.skipped).toBe(2);
		expect(result.errors).toEqual([{ line: 3, column: 'Trans Code', reason: 'is empty' }]);
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		expectRows(robinhood, fixture('bad-rows.csv'), {
			skipped: 1,
			records: [expect.objectContaining({ symbol: 'NVDA', quantity: 1, line: 11 })],
			errors: [
				{
					line: 2,
					column: 'Description',
					reason: '"AMD 3/20/2026 Call" is not an option (e.g. "AAPL 1/17/2025 Call $150.00")'
				},
				{ line: 3, column: 'Activity Date', reason: '"13/5/2026" is not a valid date' },
				{ line: 5, column: 'Quantity', reason: 'is empty' },
				{ line: 7, column: 'Price', reason: 'must be above zero, is 0' },
				{ line: 9, column: 'Trans Code', reason: 'is empty' }
			]
		});
	});

	it('names the missing columns of a broken header and reads no row under it', () => {
		expectBrokenHeader(
			robinhood,
			'Activity Date,Instrument,Description,Trans Code,Quantity\n3/2/2026,AAPL,Apple,Buy,1\n',
			'Price'
		);
	});

	it('never throws on corrupted files, and every row ends as records, errors or skipped', () => {
		const values = ['', '"', '""', '\n', '"-1"', '"($1.00)"', '"BTO"', '"Sell"', '"2/30/2026"'];
		expectAlwaysAccounted(robinhood, cellEdits(fixture(ACTIVITY).split('\r\n'), values, '\r\n'));
	});
});
