import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BarRecord } from '../model/records';
import { genericBars, tradingviewBars, yahooBars } from './bars';
import { importText, sampleOf, expectRows } from '../../../../tests/support/formats-testing';
import { barRecord } from '../../../../tests/support/records';
import { corruptions, expectTextAnswered } from '../../../../tests/support/formats-properties';
import type { FormatDef } from './types';

const fixture = (path: string) => readFileSync(`tests/fixtures/formats/${path}`, 'utf8');
const PUBLIC_YAHOO = readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8');
const TV_SPY = 'BATS_SPY, 1D.csv';
const TV_BTC = 'BINANCE_BTCUSDT, 60.csv';

const bars = (records: unknown[]) => records as BarRecord[];

describe('bar file detection', () => {
	const files: [name: string, text: string, winner: FormatDef | null][] = [
		['yahoofinance-SPY-20200901-20210113.csv', PUBLIC_YAHOO, yahooBars],
		['SPY.csv', fixture('yahoo-bars/SPY.csv'), yahooBars],
		['SPY_5m.csv', fixture('yahoo-bars/SPY_5m.csv'), yahooBars],
		[TV_SPY, fixture(`tradingview-bars/${TV_SPY}`), tradingviewBars],
		[TV_BTC, fixture(`tradingview-bars/${TV_BTC}`), tradingviewBars],
		// Renamed TradingView export: the lower-case header and Unix seconds still give it away.
		['spy-daily.csv', fixture(`tradingview-bars/${TV_SPY}`), tradingviewBars],
		['AAPL_5min.csv', fixture('generic-bars/AAPL_5min.csv'), genericBars],
		['binance-btcusdt-1h.csv', fixture('generic-bars/binance-btcusdt-1h.csv'), genericBars],
		['EURUSD_H1.csv', fixture('generic-bars/EURUSD_H1.csv'), genericBars],
		['x.csv', 'Time,Open,High,Low,Close,Volume\n2025-10-14 09:30,1,2,0.5,1.5,10\n', genericBars]
	];

	it.each(files)('scores %s for the right format only', (name, text, winner) => {
		const sample = sampleOf(text);
		const scores = new Map([yahooBars, tradingviewBars, genericBars].map((f) => [f, f.detect(sample, name)]));
		for (const [format, score] of scores) {
			if (format === genericBars) expect(score, format.id).toBe(0.55);
			else if (format === winner) expect(score, format.id).toBeGreaterThan(0.55);
			else expect(score, format.id).toBeLessThanOrEqual(0.5);
		}
	});

	it('scores 0 for execution and journal headers, and generic 0 without OHLC', () => {
		const headers = [
			'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,',
			'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags',
			'Date,Time,Symbol,Quantity,Price,Side,Commission,TransFee,ECNFee',
			'Account,T/D,S/D,Currency,Type,Side,Symbol,Qty,Price,Exec Time,Comm,SEC,TAF,NSCC,Nasdaq,ECN Remove,ECN Add,Gross Proceeds,Net Proceeds,Clr Broker,Liq,Note',
			'Date,Open,High,Close,Volume',
			'Open,High,Low,Close,Volume'
		];
		for (const header of headers)
			for (const format of [yahooBars, tradingviewBars, genericBars])
				expect(format.detect([header.split(',')], 'x.csv'), `${format.id}: ${header}`).toBe(0);
		expect(genericBars.detect([], 'x.csv')).toBe(0);
	});

	it.each([
		{ format: yahooBars, fileName: 'SPY.csv', symbol: 'SPY' },
		{ format: yahooBars, fileName: 'BRK-B (1).csv', symbol: 'BRK-B' },
		{ format: yahooBars, fileName: '^GSPC.csv', symbol: '^GSPC' },
		{ format: yahooBars, fileName: 'yahoofinance-SPY-20200901-20210113.csv', symbol: 'SPY' },
		{ format: tradingviewBars, fileName: 'BATS_SPY, 1D.csv', symbol: 'SPY' },
		{ format: tradingviewBars, fileName: 'BINANCE_BTCUSDT, 60.csv', symbol: 'BTCUSDT' },
		{ format: tradingviewBars, fileName: 'BINANCE_BTCUSDT.P, 5 (2).csv', symbol: 'BTCUSDT.P' },
		{ format: tradingviewBars, fileName: 'CME_MINI_ES1!, 1D.csv', symbol: 'ES1!' },
		{ format: genericBars, fileName: 'QQQ.csv', symbol: 'QQQ' }
	])(
		'takes the symbol from an unambiguous file name: $format.id, $fileName',
		({ format, fileName, symbol }) => {
			expect(format.symbolFromFileName!(fileName)).toBe(symbol);
		}
	);

	it.each([
		{ format: yahooBars, fileName: 'data.csv' },
		{ format: yahooBars, fileName: 'spy prices 2024.csv' },
		{ format: tradingviewBars, fileName: 'FOO_BAR_BAZ, 1D.csv' },
		{ format: tradingviewBars, fileName: 'SPY.csv' },
		{ format: genericBars, fileName: 'AAPL_5min.csv' }
	])('takes no symbol from an ambiguous file name: $format.id, $fileName', ({ format, fileName }) => {
		expect(format.symbolFromFileName!(fileName)).toBeNull();
	});
});

describe('Yahoo Finance historical prices', () => {
	it('reads the public SPY download: 92 daily bars, ascending, at 00:00 New York time', () => {
		const result = importText(yahooBars, PUBLIC_YAHOO, { symbol: 'SPY' });
		expect(result.errors).toEqual([]);
		expect(result.rows).toBe(93);
		expect(result.skipped).toBe(1);
		const records = bars(result.records);
		expect(records).toHaveLength(92);
		expect(records[0]).toEqual(
			barRecord('SPY', Date.UTC(2020, 8, 1, 4), [350.209991, 352.709991, 349.23999, 352.600006], 54999300, 2)
		);
		// The last line has no newline; after the November clock change midnight is 05:00 UTC.
		expect(records[91]).toEqual(
			barRecord(
				'SPY',
				Date.UTC(2021, 0, 12, 5),
				[378.890015, 379.859985, 376.359985, 378.769989],
				52445000,
				93
			)
		);
		expect(records.every((r, i) => i === 0 || r.time > records[i - 1]!.time)).toBe(true);
		expect(records.map((r) => r.line)).toEqual(Array.from({ length: 92 }, (_, i) => i + 2));
	});

	it('skips null days, and rejects rows that break a bar rule with the rule named', () => {
		const result = importText(yahooBars, fixture('yahoo-bars/SPY.csv'), { symbol: 'spy' });
		expect(result.rows).toBe(14);
		expect(result.skipped).toBe(2);
		const records = bars(result.records);
		expect(records.map((r) => r.line)).toEqual([2, 3, 5, 6, 8, 9, 10, 15]);
		expect(records[0]).toMatchObject({ symbol: 'SPY', time: Date.UTC(2024, 11, 23, 5), close: 594.690002 });
		// Quoted cells, thousands separators.
		expect(records[7]).toMatchObject({ open: 606, volume: 48196000, time: Date.UTC(2025, 0, 22, 5) });
		expect(result.errors).toEqual([
			{ line: 11, column: 'Volume', reason: 'must not be negative, is -47910100' },
			{ line: 12, column: 'Close', reason: 'must be above zero, is 0' },
			{ line: 13, column: 'Date', reason: '"2025-13-01" is not a valid date' },
			{
				line: 14,
				column: null,
				reason: 'breaks low <= min(open, close): low 601, open 600.669983, close 603.049988'
			}
		]);
	});

	it('reads intraday Datetime cells with their own offsets', () => {
		const result = importText(yahooBars, fixture('yahoo-bars/SPY_5m.csv'), { symbol: 'SPY', zone: 'UTC' });
		expect(result.errors).toEqual([]);
		expect(bars(result.records).map((r) => [r.time, r.volume])).toEqual([
			[Date.UTC(2025, 9, 14, 13, 30), 4235100],
			[Date.UTC(2025, 9, 14, 13, 35), 1892300],
			[Date.UTC(2025, 9, 14, 13, 40), 0]
		]);
	});

	it('refuses every data row when no symbol is set, instead of inventing one', () => {
		const result = importText(yahooBars, fixture('yahoo-bars/SPY_5m.csv'));
		expect(result.records).toEqual([]);
		expect(result.errors).toEqual(
			[2, 3, 4].map((line) => ({
				line,
				column: null,
				reason: 'the symbol is needed: this file does not name it (choose one)'
			}))
		);
	});

	it('names the missing columns of a broken header', () => {
		const result = importText(yahooBars, 'Day,Open,High,Close\n2025-01-02,1,2,1.5\n', { symbol: 'SPY' });
		expect(result.errors[0]).toEqual({ line: 1, column: null, reason: 'missing columns: Date, Low' });
	});
});

describe('TradingView chart data export', () => {
	it('reads Unix-second times, ignores Volume MA, and takes NaN volume as none', () => {
		const result = importText(tradingviewBars, fixture(`tradingview-bars/${TV_SPY}`), { symbol: 'SPY' });
		expect(result.rows).toBe(9);
		expect(result.skipped).toBe(1);
		const records = bars(result.records);
		expect(records[0]).toEqual(
			barRecord('SPY', Date.UTC(2025, 9, 13, 13, 30), [661.18, 665.13, 659.77, 663.04], 79560546, 2)
		);
		expect(records.slice(1)).toEqual([
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 13, 30), open: 659, line: 3 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 15, 13, 30), volume: 81702600, line: 4 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 16, 13, 30), line: 5 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 20, 13, 30), line: 7 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 21, 13, 30), volume: null, line: 8 })
		]);
		expect(result.errors).toEqual([
			{ line: 6, column: 'low', reason: 'is empty' },
			{ line: 9, column: null, reason: 'breaks high >= max(open, close): high 669, open 670, close 667' }
		]);
	});

	it('reads ISO times with offsets, ignores duplicate plot columns, and skips bars that are all NaN', () => {
		const result = importText(tradingviewBars, fixture(`tradingview-bars/${TV_BTC}`), { symbol: 'BTCUSDT' });
		expect(result.rows).toBe(9);
		expect(result.skipped).toBe(2);
		expect(result.records).toEqual([
			barRecord('BTCUSDT', Date.UTC(2025, 9, 14, 0), [113210.5, 113650, 112980.01, 113402.2], 1520.33418, 2),
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 1), close: 112731.9, line: 3 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 2), volume: 3312.05521, line: 4 }),
			// No offset: read in the chosen zone (UTC by default).
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 14), close: 112380, line: 8 })
		]);
		expect(result.errors).toEqual([
			{
				line: 6,
				column: null,
				reason: 'breaks high >= max(open, close): high 112000, open 112100, close 111950'
			},
			{ line: 7, column: 'Volume', reason: 'must not be negative, is -5' },
			{
				line: 9,
				column: null,
				reason: 'breaks low <= min(open, close): low 112390, open 112380, close 112385'
			}
		]);
	});

	it('reads bare ISO dates as 00:00 in the chosen zone and reports every broken rule of a row', () => {
		const text =
			'time,open,high,low,close\n2022-09-24,19288.57,19316.14,18805.34,18920.5\n2022-09-25,10,9,11,10\n';
		const result = importText(tradingviewBars, text, { symbol: 'BTCUSDT' });
		expect(result.records).toEqual([expect.objectContaining({ time: Date.UTC(2022, 8, 24), volume: null })]);
		expect(result.errors).toEqual([
			{ line: 3, column: null, reason: 'breaks high >= low: high 9, low 11' },
			{ line: 3, column: null, reason: 'breaks high >= max(open, close): high 9, open 10, close 10' },
			{ line: 3, column: null, reason: 'breaks low <= min(open, close): low 11, open 10, close 10' }
		]);
	});
});

describe('generic OHLCV bars', () => {
	it('joins Date and Time columns, tolerates a trailing empty column, and rejects bad rows', () => {
		expectRows(
			genericBars,
			fixture('generic-bars/AAPL_5min.csv'),
			{
				rows: 9,
				skipped: 1,
				records: [
					barRecord('AAPL', Date.UTC(2025, 9, 14, 13, 30), [246.6, 247.45, 246.12, 247.1], 1532000, 2),
					expect.objectContaining({ time: Date.UTC(2025, 9, 14, 13, 35), line: 3 }),
					// A blank volume cell is an unknown volume, not zero.
					expect.objectContaining({ time: Date.UTC(2025, 9, 14, 13, 40), volume: null, line: 4 }),
					expect.objectContaining({ time: Date.UTC(2025, 9, 14, 13, 45), line: 5 })
				],
				errors: [
					// Month first: a day-first file fails on its first day above 12 rather than being misread.
					{ line: 6, column: 'Date', reason: '"14/10/2025" is not a valid date' },
					{
						line: 7,
						column: null,
						reason: 'breaks high >= max(open, close): high 247.1, open 247.4, close 247.3'
					},
					{ line: 8, column: 'Time', reason: 'is empty' },
					{ line: 9, column: 'Open', reason: 'must be above zero, is -247.45' }
				]
			},
			{ symbol: 'AAPL' }
		);
	});

	it('reads short column names with Unix milliseconds, Unix seconds and ISO times', () => {
		const result = importText(genericBars, fixture('generic-bars/binance-btcusdt-1h.csv'), {
			symbol: 'BTCUSDT'
		});
		expect(bars(result.records).map((r) => r.time)).toEqual([
			Date.UTC(2025, 9, 14, 0),
			Date.UTC(2025, 9, 14, 1),
			Date.UTC(2025, 9, 14, 2),
			Date.UTC(2025, 9, 14, 3)
		]);
		expect(result.records[0]).toEqual(
			barRecord('BTCUSDT', Date.UTC(2025, 9, 14, 0), [113210.5, 113650, 112980.01, 113402.2], 1520.33418, 2)
		);
		expect(result.errors).toEqual([
			{ line: 6, column: 'timestamp', reason: '"yesterday" is not a date and time' }
		]);
	});

	it('reads MetaTrader exports (tab-separated, <DATE> <TIME>, dotted dates)', () => {
		const result = importText(genericBars, fixture('generic-bars/EURUSD_H1.csv'), {
			symbol: 'EURUSD',
			zone: 'UTC'
		});
		expect(result.errors).toEqual([]);
		expect(result.records).toEqual([
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 0), open: 1.1612, close: 1.16025, volume: 0 }),
			expect.objectContaining({ time: Date.UTC(2025, 9, 14, 1), close: 1.1609, line: 3 })
		]);
	});

	it('names the missing columns of a broken header', () => {
		const result = importText(genericBars, 'open,high,low,close\n1,2,0.5,1.5\n', { symbol: 'X' });
		expect(result.errors[0]).toEqual({ line: 1, column: null, reason: 'missing columns: time or date' });
	});
});

describe('bar parsers under corruption', () => {
	const cases: [string, FormatDef, string][] = [
		['yahoo-bars', yahooBars, fixture('yahoo-bars/SPY.csv')],
		['tradingview-bars', tradingviewBars, fixture(`tradingview-bars/${TV_BTC}`)],
		['generic-bars', genericBars, fixture('generic-bars/AAPL_5min.csv')]
	];

	it.each(cases)('%s never throws, and every row ends as records, errors or skipped', (_id, format, base) => {
		const bars = corruptions(base, ['NaN', 'null', 'T']);
		fc.assert(
			fc.property(bars, fc.constantFrom('SPY', null), (text, symbol) =>
				expectTextAnswered(format, text, { symbol }, (r) => {
					if (r.kind === 'bar') expect(r.high).toBeGreaterThanOrEqual(Math.max(r.open, r.close, r.low));
				})
			),
			{ numRuns: 150 }
		);
	});
});
