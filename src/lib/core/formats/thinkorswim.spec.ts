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

const STATEMENT = '2026-03-26-AccountStatement.csv';
const fixture = fixtures('thinkorswim');
const TRADE_HEADER =
	',Exec Time,Spread,Side,Qty,Pos Effect,Symbol,Exp,Strike,Type,Price,Net Price,Order Type';

describe('thinkorswim Account Statement', () => {
	it('is detected from the statement line or the Trade History header, and nothing else is', () => {
		expect(thinkorswim.detect(sampleOf(fixture(STATEMENT)), STATEMENT)).toBeGreaterThan(0.9);
		expect(thinkorswim.detect(sampleOf(`Account Trade History\n${TRADE_HEADER}\n`), 'x.csv')).toBeGreaterThan(
			0.5
		);
		for (const header of foreignHeaders('thinkorswim'))
			expect(thinkorswim.detect([header], 'x.csv')).toBeLessThanOrEqual(0.5);
		for (const name of [
			'tastytrade_transactions_MES_options_tastyworks-pnl.csv',
			'tastyworks_legacy_format_tastyworks-pnl.csv'
		])
			expect(thinkorswim.detect(sampleOf(publicSample(name)), name)).toBeLessThanOrEqual(0.5);
		expect(tastytrade.detect(sampleOf(fixture(STATEMENT)), STATEMENT)).toBeLessThanOrEqual(0.5);
		expect(tastytradeLegacy.detect(sampleOf(fixture(STATEMENT)), STATEMENT)).toBeLessThanOrEqual(0.5);
	});

	it('reads the golden statement: only Trade History, spread legs inheriting time, bad rows', () => {
		const result = importText(thinkorswim, fixture(STATEMENT));
		expect(result.rows).toBe(35);
		expect(result.errors).toEqual([
			{ line: 27, column: 'Price', reason: 'is "~": thinkorswim did not report the price of this execution' },
			{ line: 28, column: 'Qty', reason: '-50 disagrees with Side BUY' },
			{ line: 29, column: 'Exp', reason: '"31 FEB 26" is not a valid date' }
		]);
		// Every other section, the headers, and the money-market sweep on line 26.
		expect(result.skipped).toBe(24);
		expect(result.records).toEqual([
			executionRecord({
				accountNumber: 'D-68011053',
				symbol: 'NAVN',
				assetClass: 'stock',
				side: 'sell',
				positionEffect: 'close',
				quantity: 100,
				price: 13.13,
				time: Date.UTC(2026, 2, 26, 18, 53, 17),
				line: 19
			}),
			expect.objectContaining({
				symbol: 'SPY   260327P00560000',
				side: 'sell',
				quantity: 2,
				price: 1.45,
				line: 20
			}),
			executionRecord({
				accountNumber: 'D-68011053',
				symbol: 'SPY   260327P00555000',
				assetClass: 'option',
				side: 'buy',
				positionEffect: 'open',
				quantity: 2,
				// The leg's own price, not Net Price (CREDIT on this leg).
				price: 0.83,
				// Inherited from the first leg on line 20.
				time: Date.UTC(2026, 2, 25, 14, 2, 44),
				multiplier: 100,
				line: 21
			}),
			expect.objectContaining({
				symbol: 'SPX   260327C05700000',
				side: 'buy',
				quantity: 1,
				price: 6.57,
				line: 22
			}),
			expect.objectContaining({
				symbol: 'SPX   260327C05725000',
				side: 'sell',
				quantity: 2,
				price: 4.54,
				time: Date.UTC(2026, 2, 24, 19, 59, 59),
				line: 23
			}),
			expect.objectContaining({
				symbol: 'SPX   260327C05750000',
				side: 'buy',
				price: 3.11,
				time: Date.UTC(2026, 2, 24, 19, 59, 59),
				line: 24
			}),
			expect.objectContaining({ symbol: 'NAVN', side: 'buy', quantity: 100, price: 12.875, line: 25 }),
			expect.objectContaining({
				symbol: '/ESM26',
				assetClass: 'future',
				side: 'buy',
				price: 5712.25,
				multiplier: null,
				line: 30
			})
		]);
	});

	it('reads the same statement with a BOM, CRLF line ends and semicolons', () => {
		const text =
			'\uFEFF' +
			fixture(STATEMENT)
				.split('\n')
				.filter((l) => !l.includes('"'))
				.map((l) => l.replaceAll(',', ';'))
				.join('\r\n');
		const result = importText(thinkorswim, text);
		expect(result.records.map((r) => r.symbol)).toEqual([
			'NAVN',
			'SPY   260327P00560000',
			'SPY   260327P00555000',
			'SPX   260327C05700000',
			'SPX   260327C05725000',
			'SPX   260327C05750000',
			'NAVN',
			'/ESM26'
		]);
		expect(result.records.every((r) => r.kind === 'execution' && r.accountNumber === 'D-68011053')).toBe(
			true
		);
		expect(result.errors).toHaveLength(3);
	});

	it('refuses a spread leg with no row above to give its time, and leaves the account unset without a statement line', () => {
		const text = [
			'Account Trade History',
			TRADE_HEADER,
			',,,BUY,+1,TO OPEN,SPY,27 MAR 26,555,PUT,.83,CREDIT,',
			',3/25/26 10:02:44,SINGLE,SELL,-1,TO CLOSE,/ESM26,27 MAR 26,5600,CALL,12.50,12.50,LMT',
			',3/25/26 10:03:00,SINGLE,SELL,-1,TO CLOSE,XYZ,,,BOND,99.50,99.50,LMT'
		].join('\n');
		const result = importText(thinkorswim, text);
		expect(result.errors).toEqual([
			{ line: 3, column: 'Exec Time', reason: 'is empty and there is no row above to take it from' },
			{
				line: 5,
				column: 'Type',
				reason: '"BOND" is not an instrument type this importer knows (STOCK, ETF, CALL, PUT, FUTURE)'
			}
		]);
		expect(result.records).toEqual([
			expect.objectContaining({
				accountNumber: null,
				symbol: '/ESM26 260327C5600',
				assetClass: 'future_option',
				multiplier: null,
				price: 12.5,
				line: 4
			})
		]);
	});

	it('never throws on a corrupted statement and accounts for every row', () => {
		const pieces = [',', '"', '\n', '-', '+', '~', 'x', '0', '9', '.', ' ', '', 'MAR', '/', ';', 'TO OPEN'];
		expectAlwaysAccounted(thinkorswim, splices(fixture(STATEMENT), pieces), {}, 300);
	});
});
