import type { ImportRequest } from './contract';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { rsi } from '$lib/core/indicators';
import { generateSignals } from '$lib/core/signals';
import { createEngineApi } from './engine-api';

const day = '2025-10-13';
const dasText = readFileSync(`tests/fixtures/samples/das/Trades_${day}.csv`, 'utf8');
const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: day,
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
const BARS: ImportRequest = { ...DAS, formatId: 'yahoo-bars', tradeDate: null, symbol: 'RIVN' };
const MIN = 60_000;
/** 2025-10-13 hh:mm New York (EDT, UTC−4) in epoch ms. */
const ny = (hh: number, mm: number) => Date.UTC(2025, 9, 13, hh + 4, mm);

afterEach(() => Dexie.delete(dbName('paper')));

async function setUp() {
	const engine = createEngineApi({ now: () => 1 });
	await engine.importFile('paper', 'a', new File([dasText], `Trades_${day}.csv`), DAS, () => undefined);
	const bars = await engine.importFile('paper', 'b', new File([barsText], 'RIVN.csv'), BARS, () => undefined);
	expect(bars, JSON.stringify(bars)).toMatchObject({ ok: true });
	const page = await engine.listTrades('paper', {
		filter: EMPTY_FILTER,
		sort: { key: 'openTime', dir: 'asc' },
		offset: 0,
		limit: 1000,
		zone: 'America/New_York'
	});
	return { engine, rows: page.rows };
}

describe('engine charts', () => {
	it('gives the bars around a trade and its excursion from them', async () => {
		const { engine, rows } = await setUp();
		// RIVN short: 3,800 sold at 14:57:17 (13.34 and 13.3435), bought back at 14:58:43 @ 13.42.
		const rivn = rows.find((r) => r.symbol === 'RIVN')!;
		expect(rivn.direction).toBe('short');
		const chart = (await engine.tradeChart('paper', rivn.id))!;
		expect(chart.symbol).toBe('RIVN');
		expect(chart.timeframeMs).toBe(MIN);
		// The file holds 14:45–15:10; all of it is within 30 bars of the trade.
		const bars = chart.bars!;
		expect(bars.time).toBeInstanceOf(Float64Array);
		expect(bars.time.length).toBe(26);
		expect(bars.time[0]).toBe(ny(14, 45));
		expect(bars.time[25]).toBe(ny(15, 10));
		const at = bars.time.indexOf(ny(14, 58));
		expect([bars.open[at], bars.high[at], bars.low[at], bars.close[at], bars.volume[at]]).toEqual([
			13.36, 13.45, 13.35, 13.42, 241000
		]);

		// Bars 14:57 (H 13.37 L 13.33) and 14:58 (H 13.45 L 13.35) overlap the trade.
		const x = chart.excursion!;
		expect(x.bars).toBe(2);
		expect(x.mfePrice).toEqual({ price: 13.33, time: ny(14, 57) });
		expect(x.maePrice).toEqual({ price: 13.45, time: ny(14, 58) });
		// Short 3,800 with cash 3,200 × 13.34 + 600 × 13.3435 = 50,694.10: at 13.33 → +40.10, at 13.45 → −415.90.
		expect(x.mfePosition.pnl).toBeCloseTo(40.1, 6);
		expect(x.mfePosition.time).toBe(ny(14, 57));
		expect(x.maePosition.pnl).toBeCloseTo(-415.9, 6);
		expect(x.maePosition.time).toBe(ny(14, 58));
		// Made −301.90 (the broker's P/L); all out at 13.33 would have made +40.10.
		expect(x.bestExit.pnl).toBeCloseTo(40.1, 6);
		expect(x.bestExit.missed).toBeCloseTo(342, 6);
		await engine.close();
	});

	it('has no bars for a symbol without them, and no chart for an unknown trade', async () => {
		const { engine, rows } = await setUp();
		const baba = rows.find((r) => r.symbol === 'BABA')!;
		expect(await engine.tradeChart('paper', baba.id)).toEqual({
			symbol: 'BABA',
			bars: null,
			timeframeMs: null,
			excursion: null
		});
		expect(await engine.tradeChart('paper', 'no-such-trade')).toBeNull();
		await engine.close();
	});

	it('lists the symbols with bars and draws a symbol with its studies and executions', async () => {
		const { engine } = await setUp();
		expect(await engine.barSymbols('paper')).toEqual([
			{
				symbol: 'RIVN',
				nativeMs: MIN,
				nativeLabel: '1m',
				count: 26,
				firstTime: ny(14, 45),
				lastTime: ny(15, 10),
				timeframes: ['5m', '15m', '30m', '1h', '1D'],
				files: 1,
				disagreeing: 0
			}
		]);
		const chart = (await engine.priceChart('paper', {
			symbol: 'RIVN',
			timeframe: null,
			studies: [{ kind: 'rsi', params: [5] }],
			zone: 'America/New_York'
		}))!;
		expect(chart.timeframeLabel).toBe('1m');
		expect(chart.bars.time.length).toBe(26);
		expect(chart.studies[0]!.label).toBe('RSI(5)');
		expect(chart.studies[0]!.lines[0]).toEqual(rsi(chart.bars.close, 5));
		// The RIVN short: two sells at 14:57:17 (in the order they happened) and the buy back at 14:58:43.
		expect(chart.executions.map((e) => [e.side, e.quantity, e.price])).toEqual([
			['sell', 600, 13.3435],
			['sell', 3200, 13.34],
			['buy', 3800, 13.42]
		]);

		expect(chart.hiddenExecutions).toBe(0);
		// The trade filter: a long-only filter hides the short's executions, and says how many.
		const request = { symbol: 'RIVN', timeframe: null, studies: [], zone: 'America/New_York' };
		const longs = (await engine.priceChart('paper', {
			...request,
			filter: { ...EMPTY_FILTER, side: 'long' }
		}))!;
		expect(longs.executions).toEqual([]);
		expect(longs.hiddenExecutions).toBe(3);
		const shorts = (await engine.priceChart('paper', {
			...request,
			filter: { ...EMPTY_FILTER, side: 'short' }
		}))!;
		expect(shorts.executions).toEqual(chart.executions);
		expect(shorts.hiddenExecutions).toBe(0);

		const fiveMinute = (await engine.priceChart('paper', {
			symbol: 'RIVN',
			timeframe: '5m',
			studies: [],
			zone: 'America/New_York'
		}))!;
		// 14:45 … 15:10: six 5-minute bars, volume conserved.
		expect([...fiveMinute.bars.time]).toEqual([0, 5, 10, 15, 20, 25].map((m) => ny(14, 45 + m)));
		const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);
		expect(sum(fiveMinute.bars.volume)).toBe(sum(chart.bars.volume));
		expect(await engine.priceChart('paper', { ...BARS_CHART, symbol: 'BABA' })).toBeNull();
		await expect(
			engine.priceChart('paper', { ...BARS_CHART, studies: [{ kind: 'rsi', params: [0] }] })
		).rejects.toThrow('RSI period must be between 1 and 1000, got 0');
		await engine.close();
	});

	it('runs the signal generator over the imported SPY sample', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const spy = readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8');
		const done = await engine.importFile(
			'paper',
			's',
			new File([spy], 'SPY.csv'),
			{ ...BARS, symbol: 'SPY' },
			() => undefined
		);
		expect(done).toMatchObject({ ok: true });
		const [run] = await engine.runSignals('paper', {
			symbols: null,
			timeframe: null,
			params: { confirmation: { minGroups: 2 } },
			zone: 'America/New_York'
		});
		expect(run!.symbol).toBe('SPY');
		expect(run!.timeframeLabel).toBe('1D');
		expect(run!.bars).toBe(92);
		expect(run!.error).toBeNull();
		const chart = (await engine.priceChart('paper', { ...BARS_CHART, symbol: 'SPY' }))!;
		expect(run!.signals).toEqual(generateSignals(chart.bars, { confirmation: { minGroups: 2 } }));
		expect(run!.signals.length).toBeGreaterThan(0);
		expect(run!.signals[0]!.lineage.votes).toHaveLength(4);
		await engine.close();
	});
});

const BARS_CHART = { symbol: 'RIVN', timeframe: null, studies: [], zone: 'America/New_York' };
