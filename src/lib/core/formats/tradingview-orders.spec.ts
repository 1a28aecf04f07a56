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
import { splitTradingViewSymbol, tradingviewOrders } from './tradingview-orders';

const OLD = 'paper-trading-order-history-all-2026-02-09T18_25_06.099Z.csv';
const NEW = 'paper-trading-order-history-all-2026-09-01T21_03_44.512Z.csv';
const fixture = fixtures('tradingview-orders');

describe('TradingView paper trading order history', () => {
	it('is detected from both header spellings, and not from other formats', () => {
		expectDetection(tradingviewOrders, fixture, [OLD, NEW, 'bad-rows.csv']);
	});

	it('keeps the symbol after the exchange, upper case', () => {
		expect(splitTradingViewSymbol('CME_MINI:ES1!')).toEqual({ exchange: 'CME_MINI', symbol: 'ES1!' });
		expect(splitTradingViewSymbol(' binance:btcusdt.p ')).toEqual({
			exchange: 'BINANCE',
			symbol: 'BTCUSDT.P'
		});
		expect(splitTradingViewSymbol('EURUSD')).toEqual({ exchange: null, symbol: 'EURUSD' });
	});

	it('reads the older export: filled orders at their closing time, cancelled ones skipped', () => {
		expectRows(
			tradingviewOrders,
			fixture(OLD),
			{
				rows: 4,
				skipped: 2,
				errors: [],
				records: [
					executionRecord({
						brokerExecutionId: '2741094918',
						symbol: 'ES1!',
						assetClass: 'future',
						side: 'sell',
						quantity: 5,
						price: 6976.75,
						time: Date.UTC(2026, 1, 9, 16, 40),
						orderId: '2741094918',
						line: 2
					}),
					executionRecord({
						brokerExecutionId: '2741028262',
						symbol: 'ES1!',
						assetClass: 'future',
						side: 'buy',
						quantity: 5,
						price: 6970.75,
						time: Date.UTC(2026, 1, 9, 16, 33),
						orderId: '2741028262',
						line: 4
					})
				]
			},
			{ fileName: OLD }
		);
	});

	it('reads the newer export (Quantity, lower-case names, commissions) in the confirmed zone', () => {
		const result = importText(tradingviewOrders, fixture(NEW), { zone: 'Europe/Berlin' });
		expect(result.errors).toEqual([]);
		expect(result.skipped).toBe(3);
		expect(result.records).toEqual([
			expect.objectContaining({
				symbol: 'MNQ1!',
				side: 'sell',
				quantity: 2,
				price: 29080,
				commission: 1.24,
				time: Date.UTC(2026, 8, 1, 18, 57, 21),
				line: 2
			}),
			// A take-profit order placed at 16:11 filled when it closed, at 19:00:03.
			expect.objectContaining({
				side: 'buy',
				price: 29198.25,
				time: Date.UTC(2026, 8, 1, 17, 0, 3),
				line: 3
			}),
			expect.objectContaining({
				symbol: 'BTCUSDT.P',
				assetClass: 'crypto',
				quantity: 0.015,
				price: 109231.6,
				commission: 0.82,
				orderId: '3478700002',
				line: 5
			}),
			expect.objectContaining({ symbol: 'AAPL', assetClass: 'stock', commission: 0, line: 7 })
		]);
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		expectRows(tradingviewOrders, fixture('bad-rows.csv'), {
			skipped: 1,
			records: [
				expect.objectContaining({
					symbol: 'EURUSD',
					assetClass: 'forex',
					quantity: 10000,
					price: 1.16512,
					line: 2
				})
			],
			errors: [
				{ line: 3, column: 'Fill Price', reason: 'is empty' },
				{ line: 4, column: 'Side', reason: '"Hold" is not a side (buy or sell)' },
				{ line: 4, column: 'Qty', reason: 'must be above zero, is -10000' },
				{ line: 5, column: 'Status', reason: '"Paused" is not an order status' },
				{ line: 6, column: 'Closing Time', reason: 'is empty' },
				{ line: 7, column: 'Symbol', reason: 'is empty' },
				{ line: 7, column: 'Commission', reason: '"USD" is not a number' }
			]
		});
	});

	it('names the missing columns of a broken header and reads no row under it', () => {
		expectBrokenHeader(
			tradingviewOrders,
			'Symbol,Side,Qty,Status,Closing Time\nFX:EURUSD,Buy,1,Filled,x\n',
			'Fill Price'
		);
	});

	it('never throws on corrupted files, and every row ends as records, errors or skipped', () => {
		const values = ['', '--', 'N/A', '"', '\n', '-1', '0', '1e999', 'Filled', 'Cancelled', ':'];
		expectAlwaysAccounted(tradingviewOrders, cellEdits(fixture(NEW).split('\n'), values));
	});
});
