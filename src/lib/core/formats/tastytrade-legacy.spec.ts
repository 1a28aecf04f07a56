import { describe, expect, it } from 'vitest';
import { tastytrade } from './tastytrade';
import { tastytradeLegacy } from './tastytrade-legacy';
import { thinkorswim } from './thinkorswim';
import {
	fixtures,
	foreignHeaders,
	importText,
	publicSample,
	sampleOf,
	executionRecord
} from '../../../../tests/support/formats-testing';
import { expectAlwaysAccounted, splices } from '../../../../tests/support/formats-properties';

const fixture = fixtures('tastytrade-legacy');
const LEGACY = 'tastyworks_legacy_format_tastyworks-pnl.csv';

describe('tastyworks legacy Transactions export', () => {
	it('is detected from its header, and the other files are not', () => {
		expect(tastytradeLegacy.detect(sampleOf(publicSample(LEGACY)), LEGACY)).toBeGreaterThan(0.9);
		expect(tastytradeLegacy.detect(sampleOf(fixture('transactions-2021.csv')), 'x.csv')).toBeGreaterThan(0.9);
		for (const header of foreignHeaders('tastytrade-legacy'))
			expect(tastytradeLegacy.detect([header], 'x.csv')).toBeLessThanOrEqual(0.5);
		const mes = sampleOf(publicSample('tastytrade_transactions_MES_options_tastyworks-pnl.csv'));
		expect(tastytradeLegacy.detect(mes, 'x.csv')).toBeLessThanOrEqual(0.5);
		expect(tastytrade.detect(sampleOf(fixture('transactions-2021.csv')), 'x.csv')).toBeLessThanOrEqual(0.5);
		expect(thinkorswim.detect(sampleOf(fixture('transactions-2021.csv')), 'x.csv')).toBeLessThanOrEqual(0.5);
	});

	it('skips the Money Movement row of the real sample', () => {
		expect(importText(tastytradeLegacy, publicSample(LEGACY))).toEqual({
			records: [],
			errors: [],
			rows: 2,
			skipped: 2,
			header: 1,
			skippedRows: [{ line: 2, reason: 'a money movement, not a trade' }],
			warnings: []
		});
	});

	it('reads the golden file: Eastern wall times, OCC symbols from the option columns, expirations', () => {
		const result = importText(tastytradeLegacy, fixture('transactions-2021.csv'));
		expect(result.rows).toBe(11);
		// Header and the interest row.
		expect(result.skipped).toBe(2);
		expect(result.errors).toEqual([
			{
				line: 6,
				column: 'Date/Time',
				reason: '2021-03-14 02:30:00 does not exist in America/New_York (clocks skipped it)'
			},
			{ line: 8, column: 'Buy/Sell', reason: '"Hold" is not Buy or Sell' },
			{ line: 8, column: 'Price', reason: 'is empty' },
			{
				line: 10,
				column: 'Amount',
				reason: '5.6 does not match Quantity × Price × 100 = 56; the contract multiplier is unclear'
			}
		]);
		const byLine = new Map(result.records.map((r) => [r.line, r]));
		expect([...byLine.keys()].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 7, 11]);
		expect(byLine.get(4)).toEqual(
			executionRecord({
				symbol: 'CLNE  210618C00014000',
				assetClass: 'option',
				side: 'sell',
				positionEffect: 'open',
				quantity: 1,
				price: 0.95,
				time: Date.UTC(2021, 4, 20, 15, 10, 0),
				fees: 1.14,
				multiplier: 100,
				line: 4
			})
		);
		// No Buy/Sell and no Price on the expiration: the short call of line 4 makes it a buy at 0.
		expect(byLine.get(2)).toEqual(
			executionRecord({
				symbol: 'CLNE  210618C00014000',
				assetClass: 'option',
				side: 'buy',
				positionEffect: 'close',
				quantity: 1,
				price: 0,
				time: Date.UTC(2021, 5, 19, 3, 0, 0),
				fees: 0,
				multiplier: 100,
				line: 2
			})
		);
		expect(byLine.get(3)).toMatchObject({
			symbol: 'UVXY  210618P00014500',
			side: 'buy',
			positionEffect: 'close',
			price: 0.31,
			fees: 0.14
		});
		expect(byLine.get(5)).toMatchObject({ symbol: 'UVXY  210618P00014500', side: 'sell', fees: 1.152 });
		expect(byLine.get(7)).toMatchObject({
			symbol: 'AAPL',
			assetClass: 'stock',
			side: 'buy',
			quantity: 10,
			price: 120.5,
			multiplier: null,
			time: Date.UTC(2021, 2, 2, 15, 30, 0)
		});
		expect(byLine.get(11)).toMatchObject({
			symbol: '/ESH1',
			assetClass: 'future',
			price: 3795.25,
			multiplier: null,
			fees: 3.77
		});
	});

	it('reads a tab-separated copy with a trailing empty column the same way', () => {
		const text = fixture('transactions-2021.csv')
			.split('\n')
			.filter((l) => l !== '' && !l.includes('"'))
			.map((l) => `${l.replaceAll(',', '\t')}\t`)
			.join('\r\n');
		const result = importText(tastytradeLegacy, text);
		expect(result.records.map((r) => r.line).sort((a, b) => a - b)).toEqual([2, 3, 4, 9]);
		expect(result.records.find((r) => r.line === 2)).toMatchObject({ side: 'buy', price: 0 });
	});

	it('refuses an expiration whose position the file does not hold', () => {
		const header = fixture('transactions-2021.csv').split('\n')[0]!;
		const row =
			'07/20/2018 10:00 PM,Receive Deliver,Expiration,MU,,,1,07/20/2018,70,C,,0.00,0,Removal of 1 MU 07/20/18 Call 70.00 due to expiration.,Individual...39';
		expect(importText(tastytradeLegacy, `${header}\n${row}\n`).errors).toEqual([
			{
				line: 2,
				column: 'Buy/Sell',
				reason:
					'is empty: the file does not say whether this expiration closed a long or a short, and the rows before it hold no open position of 1 MU    180720C00070000 to tell'
			}
		]);
	});

	it('never throws on a corrupted file and accounts for every row', () => {
		const pieces = [',', '"', '\n', '-', '--', 'x', '0', '9', '.', ' ', '', 'PM', '/', 'C', ';'];
		expectAlwaysAccounted(tastytradeLegacy, splices(fixture('transactions-2021.csv'), pieces), {}, 300);
	});
});
