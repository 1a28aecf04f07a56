import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { das } from './das';
import {
	fixtures,
	importText,
	sampleOf,
	executionRecord,
	expectRows
} from '../../../../tests/support/formats-testing';

const fixture = fixtures('das-trades');
const shared = (name: string) => readFileSync(`tests/fixtures/samples/das/${name}`, 'utf8');

describe('DAS Trader Trades export', () => {
	it('is detected from its header, with or without Symb/Route columns', () => {
		expect(das.detect(sampleOf(fixture('Trades_2025-10-13.csv')), 'Trades_2025-10-13.csv')).toBeGreaterThan(
			0.5
		);
		expect(das.detect(sampleOf(fixture('trades-bad-rows.csv')), 'x.csv')).toBeGreaterThan(0.5);
		expect(das.detect([['Date', 'Time', 'Symbol', 'Quantity', 'Price', 'Side']], 'x.csv')).toBe(0);
	});

	it('reads the golden file: Eastern wall times on the trade date, SS as short sale, AUTO as no order id', () => {
		expectRows(
			das,
			fixture('Trades_2025-10-13.csv'),
			{
				rows: 5,
				skipped: 1,
				errors: [],
				records: [
					executionRecord({
						accountNumber: 'TRIB5621',
						symbol: 'THST',
						assetClass: 'stock',
						side: 'sell',
						shortSale: true,
						quantity: 225,
						price: 2.77,
						time: Date.UTC(2025, 9, 13, 13, 54, 56),
						venue: 'SMRT',
						brokerPnl: -24.75,
						line: 2
					}),
					expect.objectContaining({
						symbol: 'MU',
						side: 'buy',
						shortSale: false,
						quantity: 400,
						price: 50.99,
						line: 3
					}),
					expect.objectContaining({ symbol: 'MU', side: 'buy', quantity: 400, price: 50.99, line: 4 }),
					expect.objectContaining({
						symbol: 'MU',
						side: 'sell',
						price: 51.1234,
						orderId: 'OID77',
						venue: 'ARCA',
						brokerPnl: 11.23,
						line: 6
					})
				]
			},
			{ tradeDate: '2025-10-13' }
		);
	});

	it('reads the shared sample day files without a single error', () => {
		for (const name of ['Trades_2025-10-13.csv', 'Trades_2025-10-14.csv', 'Trades_2025-10-15.csv']) {
			const text = shared(name);
			const result = importText(das, text, { tradeDate: name.slice(7, 17) });
			expect(result.errors, name).toEqual([]);
			expect(result.records.length, name).toBe(text.trim().split('\n').length - 1);
			expect(result.records.every((r) => r.kind === 'execution' && r.fees !== null)).toBe(true);
		}
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		const result = importText(das, fixture('trades-bad-rows.csv'), { tradeDate: '2025-10-14' });
		expect(result.records).toHaveLength(1);
		expect(result.records[0]).toMatchObject({ symbol: 'AAPL', fees: -0.003, brokerPnl: null, line: 2 });
		expect(result.errors).toEqual([
			{ line: 3, column: 'Price', reason: 'is empty' },
			{ line: 4, column: 'Side', reason: '"X" is not a side (buy or sell)' },
			{ line: 4, column: 'Qty', reason: 'must be above zero, is 0' },
			{ line: 5, column: 'Time', reason: '"25:00:00" is not a valid time' },
			{ line: 5, column: 'ECNFee', reason: '"abc" is not a number' }
		]);
	});

	it('refuses every row when the trade date is missing, instead of inventing one', () => {
		const result = importText(das, fixture('Trades_2025-10-13.csv'));
		expect(result.records).toEqual([]);
		expect(result.errors[0]).toEqual({
			line: 2,
			column: null,
			reason: 'the trade date is not set (DAS exports have no date column)'
		});
	});

	it('names the missing columns of a broken header', () => {
		const result = importText(das, 'Time,Symb,Side,Qty\n09:30:00,MU,B,100\n', { tradeDate: '2025-10-13' });
		expect(result.errors[0]).toEqual({ line: 1, column: null, reason: 'missing columns: Price' });
	});

	it('gives repeated Time texts the same instant, and every bad row its own errors, in any order', () => {
		const header = 'Time,Symbol,Side,Price,Qty,Route,Account,Cloid,ECNFee,P / L,';
		const rows = [
			'09:30:00,MU,B,50.99,100,ARCA,TR1,auto,0.3,,',
			'25:00:00,MU,B,50.99,100,ARCA,TR1,OID1,,,',
			' 09:30:00 ,mu ,S,51,100, ARCA ,TR1 ,OID1,-0.2,1.5,',
			'25:00:00,,X,0,-1,,,,abc,x,',
			'09:30:00,MU,B,50.99,100,ARCA,TR1,OID2,,,',
			'2:05:00 PM,MU,SS,0.4279,8200,SMRT,TR2,OID3,(0.25),,'
		];
		const result = importText(das, [header, ...rows, ...rows].join('\n'), { tradeDate: '2025-10-13' });
		const open = Date.UTC(2025, 9, 13, 13, 30);
		expect(result.records.map((r) => r.kind === 'execution' && [r.line, r.time, r.symbol, r.venue])).toEqual(
			[2, 4, 6, 7, 8, 10, 12, 13].map((line) => [
				line,
				line === 7 || line === 13 ? Date.UTC(2025, 9, 13, 18, 5) : open,
				'MU',
				line === 7 || line === 13 ? 'SMRT' : 'ARCA'
			])
		);
		const errors = (line: number) => [
			{ line, column: 'Time', reason: '"25:00:00" is not a valid time' },
			{ line: line + 2, column: 'Time', reason: '"25:00:00" is not a valid time' },
			{ line: line + 2, column: 'Symbol', reason: 'is empty' },
			{ line: line + 2, column: 'Side', reason: '"X" is not a side (buy or sell)' },
			{ line: line + 2, column: 'Price', reason: 'must be above zero, is 0' },
			{ line: line + 2, column: 'Qty', reason: 'must be above zero, is -1' },
			{ line: line + 2, column: 'ECNFee', reason: '"abc" is not a number' },
			{ line: line + 2, column: 'P / L', reason: '"x" is not a number' }
		];
		expect(result.errors).toEqual([...errors(3), ...errors(9)]);
		expect(result.records[0]).toMatchObject({ orderId: null, fees: 0.3 });
		expect(result.records[3]).toMatchObject({ orderId: 'OID3', fees: -0.25, shortSale: true, price: 0.4279 });
	});
});
