import { describe, expect, it } from 'vitest';
import {
	fixtures,
	expectBrokenHeader,
	expectDetection,
	importText,
	executionRecord
} from '../../../../tests/support/formats-testing';
import { cellEdits, expectAlwaysAccounted } from '../../../../tests/support/formats-properties';
import { tradingviewTrades } from './tradingview-trades';
import type { ParseOptions } from './types';

const INR = 'RSI-DMI-MACD-ADX-CMF_Momentum_Strategy_NSE_ANANDRATHI_2025-09-20.csv';
const DOLLAR = 'Opening_Range_Breakout_BATS_SPY_2021-06-04.csv';
const USDT = 'Trend_Follower_v2_BINANCE_BTCUSDT_2026-01-21 (1).csv';
const fixture = fixtures('tradingview-trades');

/** Imports a fixture under its own file name, which is where TradingView puts the symbol. */
function importFixture(name: string, options: Partial<ParseOptions> = {}) {
	return importText(tradingviewTrades, fixture(name), { fileName: name, ...options });
}

describe('TradingView strategy list of trades', () => {
	it('is detected from every header generation, and not from other formats', () => {
		expectDetection(tradingviewTrades, fixture, [INR, DOLLAR, USDT, 'bad-rows.csv']);
	});

	it('takes the symbol from the file name TradingView gives, and says nothing when unsure', () => {
		const symbol = (name: string) => tradingviewTrades.symbolFromFileName?.(name);
		expect(symbol(INR)).toBe('ANANDRATHI');
		expect(symbol(DOLLAR)).toBe('SPY');
		expect(symbol(USDT)).toBe('BTCUSDT');
		expect(symbol('Golden_Protocol_v7.2_[GOD_MODE]_CME_MINI_NQ1!_2025-12-23.csv')).toBe('NQ1!');
		expect(symbol('RSI_Strategy_with_TP_SL_(FIXED)_BYBIT_BTCUSDT.P_2026-01-21.csv')).toBe('BTCUSDT.P');
		expect(symbol('C:\\Downloads\\Breakout_NASDAQ_AAPL_2025-01-02.csv')).toBe('AAPL');
		expect(symbol('my backtest.csv')).toBeNull();
		expect(symbol('Strategy_XYZ_ABC_2025-01-01.csv')).toBeNull();
		expect(symbol('Strategy_NSE_M_M_2025-01-01.csv')).toBeNull();
	});

	it('reads the Price INR generation: one execution per row, the open trade’s placeholder exit skipped', () => {
		const result = importFixture(INR, { zone: 'Asia/Kolkata', symbol: 'ANANDRATHI' });
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(9);
		expect(result.skipped).toBe(2);
		expect(result.records).toHaveLength(7);
		expect(result.records[0]).toEqual(
			executionRecord({
				symbol: 'ANANDRATHI',
				assetClass: 'stock',
				side: 'buy',
				positionEffect: 'open',
				quantity: 34,
				price: 2842,
				time: Date.UTC(2025, 8, 17, 4, 45),
				currency: 'INR',
				line: 3
			})
		);
		expect(result.records[1]).toEqual(
			executionRecord({
				symbol: 'ANANDRATHI',
				assetClass: 'stock',
				side: 'buy',
				positionEffect: 'close',
				quantity: 36,
				price: 2710.55,
				time: Date.UTC(2025, 8, 12, 9, 0),
				currency: 'INR',
				brokerPnl: 2446.2,
				line: 4
			})
		);
		expect(result.records.slice(2)).toEqual([
			expect.objectContaining({
				side: 'sell',
				positionEffect: 'open',
				shortSale: true,
				price: 2778.5,
				line: 5
			}),
			expect.objectContaining({
				side: 'sell',
				positionEffect: 'close',
				shortSale: false,
				price: 2705.25,
				quantity: 37,
				brokerPnl: -2099.75,
				time: Date.UTC(2025, 8, 5, 7, 30),
				line: 6
			}),
			expect.objectContaining({ side: 'buy', positionEffect: 'open', price: 2762, brokerPnl: null, line: 7 }),
			expect.objectContaining({
				side: 'sell',
				positionEffect: 'close',
				price: 2720.4,
				brokerPnl: 2675.2,
				line: 8
			}),
			expect.objectContaining({
				side: 'buy',
				price: 2650,
				quantity: 38,
				time: Date.UTC(2025, 7, 29, 4, 15),
				line: 9
			})
		]);
	});

	it('reads the Profit $ generation (Signal before Date/Time, bare Price, capitalised types)', () => {
		const result = importFixture(DOLLAR, { symbol: 'spy' });
		expect(result.errors).toEqual([]);
		expect(result.skipped).toBe(1);
		expect(
			result.records.map((r) => r.kind === 'execution' && [r.side, r.shortSale, r.price, r.time, r.brokerPnl])
		).toEqual([
			['buy', false, 417.25, Date.UTC(2021, 5, 3, 19, 45), 23.5],
			['sell', true, 419.6, Date.UTC(2021, 5, 3, 14, 5), null],
			['sell', false, 420.62, Date.UTC(2021, 5, 2, 18, 20), 15.2],
			['buy', false, 419.1, Date.UTC(2021, 5, 2, 13, 35), null]
		]);
		expect(result.records[0]).toMatchObject({
			symbol: 'SPY',
			currency: null,
			quantity: 10,
			assetClass: 'stock'
		});
	});

	it('reads the Price USDT generation: fractional sizes, quoted signals, P&L only on exits', () => {
		const result = importFixture(USDT, { zone: 'UTC', symbol: 'BTCUSDT' });
		expect(result.errors).toEqual([]);
		expect(result.records).toEqual([
			expect.objectContaining({
				side: 'buy',
				positionEffect: 'close',
				price: 104350.5,
				quantity: 0.045,
				brokerPnl: -75.56,
				time: Date.UTC(2026, 0, 20, 18),
				currency: 'USDT',
				assetClass: 'crypto',
				line: 2
			}),
			expect.objectContaining({ side: 'sell', shortSale: true, brokerPnl: null, line: 3 }),
			expect.objectContaining({ side: 'sell', positionEffect: 'close', brokerPnl: 188.4, line: 4 }),
			expect.objectContaining({ side: 'buy', price: 96052, quantity: 0.05, brokerPnl: null, line: 5 })
		]);
	});

	it('calls continuous contracts futures', () => {
		const text =
			'Trade #,Type,Date/Time,Signal,Price USD,Contracts\n1,Entry long,2025-12-22 09:30,Long,21500.25,2\n';
		const result = importText(tradingviewTrades, text, {
			fileName: 'Golden_Protocol_CME_MINI_NQ1!_2025-12-23.csv',
			symbol: 'NQ1!'
		});
		expect(result.records[0]).toMatchObject({ symbol: 'NQ1!', assetClass: 'future', currency: 'USD' });
	});

	it('rejects bad rows with line, column and reason, and keeps the good ones', () => {
		const result = importText(tradingviewTrades, fixture('bad-rows.csv'), { symbol: 'XYZ' });
		expect(result.records.map((r) => r.line)).toEqual([2, 10]);
		expect(result.errors).toEqual([
			{ line: 3, column: 'Type', reason: "exit short does not match trade #5's entry long (line 2)" },
			{
				line: 4,
				column: 'Date/Time',
				reason: '2025-03-09 02:30:00 does not exist in America/New_York (clocks skipped it)'
			},
			{ line: 5, column: 'Price USD', reason: 'is empty' },
			{
				line: 7,
				column: 'Type',
				reason: '"Exit sideways" is not a trade type (Entry long, Exit long, Entry short, Exit short)'
			},
			{ line: 8, column: 'Position size (qty)', reason: 'must be above zero, is 0' },
			{ line: 9, column: 'Net P&L USD', reason: '"abc" is not a number' },
			{ line: 11, column: 'Type', reason: 'trade #1 already has an entry row (line 10)' }
		]);
		expect(result.skipped).toBe(1);
	});

	it('refuses every row while the symbol is not chosen, instead of guessing one', () => {
		const result = importFixture(DOLLAR);
		expect(result.records).toEqual([]);
		expect(result.errors).toHaveLength(4);
		expect(result.errors[0]).toEqual({
			line: 2,
			column: null,
			reason:
				"the symbol is not set (TradingView's list of trades does not name it): choose it for the import"
		});
	});

	it('names the missing columns of a broken header and reads no row under it', () => {
		expectBrokenHeader(
			tradingviewTrades,
			'Trade #,Type,Date/Time,Contracts\n1,Entry long,2025-01-02 09:30,5\n',
			'Price',
			{ symbol: 'SPY' }
		);
	});

	it('never throws on corrupted files, and every row ends as records, errors or skipped', () => {
		const values = ['', '--', 'N/A', '"', '\n', '-1', '0', '1e999', 'Exit long', 'Open', '4'];
		expectAlwaysAccounted(tradingviewTrades, cellEdits(fixture(INR).split('\r\n'), values), {
			zone: 'Asia/Kolkata',
			symbol: 'X'
		});
	});
});
