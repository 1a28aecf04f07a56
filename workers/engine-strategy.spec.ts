import { createHash } from 'node:crypto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG, type Bar } from '$lib/core/broker';
import { DEFAULT_RISK_CONFIG } from '$lib/core/risk';
import { backtest } from '$lib/core/strategy/backtest';
import { backtestMetrics } from '$lib/core/strategy/metrics';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName, FillbookDb } from '$lib/db/schema';
import type { BacktestProgress, BacktestRequest } from './contract';
import { createEngineApi } from './engine-api';
import { BACKTEST_ACCOUNT, thinCurve } from './engine-strategy';
import { barsRequest, barsText, ny } from '../tests/support/paper-day';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const NOW = 1_760_000_000_000;

async function setUp() {
	const engine = createEngineApi({ now: () => NOW });
	const done = await engine.importFile(
		'paper',
		'b',
		new File([barsText], 'RIVN.csv'),
		barsRequest('RIVN'),
		() => undefined
	);
	expect(done).toMatchObject({ ok: true });
	return engine;
}

/** The RIVN fixture's bars read straight from the CSV (not through the import): 14:45 to 15:10. */
function fixtureBars(): Bar[] {
	return barsText
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [datetime, open, high, low, close, , volume] = line.split(',');
			return {
				symbol: 'RIVN',
				time: Date.parse(datetime!.replace(' ', 'T')),
				open: Number(open),
				high: Number(high),
				low: Number(low),
				close: Number(close),
				volume: Number(volume)
			};
		});
}

/** The template SMA cross made quick enough to cross within 26 minute bars. */
const SMA_3_8: StrategyDefinition = {
	...STRATEGY_TEMPLATES[0]!,
	id: 'st-rivn',
	name: 'RIVN SMA 3/8',
	rule: { kind: 'sma-cross', fast: 3, slow: 8 }
};

const REQUEST: BacktestRequest = {
	strategyId: 'st-rivn',
	symbol: 'RIVN',
	timeframe: null,
	from: null,
	to: null,
	startingCash: 10_000,
	commission: { kind: 'per_share', perShare: 0.01, minimum: 1 }
};

const listTrades = (engine: ReturnType<typeof createEngineApi>, strategy: string) =>
	engine.listTrades('paper', {
		filter: { ...EMPTY_FILTER, strategy },
		sort: { key: 'openTime', dir: 'asc' },
		offset: 0,
		limit: 100,
		zone: 'America/New_York'
	});

describe('engine strategy lab', () => {
	it('saves a strategy at version 1, a change as version 2, the same again as nothing new', async () => {
		const engine = createEngineApi({ now: () => NOW });
		const first = await engine.saveStrategy('paper', { ...STRATEGY_TEMPLATES[0]!, id: 's1', version: 7 });
		expect(first).toEqual({ ...STRATEGY_TEMPLATES[0]!, id: 's1', version: 1 });
		const changed = { ...first, rule: { kind: 'sma-cross' as const, fast: 5, slow: 30 } };
		expect((await engine.saveStrategy('paper', changed)).version).toBe(2);
		expect((await engine.saveStrategy('paper', { ...changed, version: 2 })).version).toBe(2);
		const versions = await engine.strategyVersions('paper', 's1');
		expect(versions.map((v) => [v.version, v.rule])).toEqual([
			[1, { kind: 'sma-cross', fast: 10, slow: 30 }],
			[2, { kind: 'sma-cross', fast: 5, slow: 30 }]
		]);
		const stored = await engine.strategies('paper');
		expect(stored).toEqual([
			{ definition: { ...changed, version: 2 }, createdAt: NOW, updatedAt: NOW, runs: 0 }
		]);
	});

	it('refuses a definition that cannot run, naming why, and stores nothing', async () => {
		const engine = createEngineApi({ now: () => NOW });
		await expect(
			engine.saveStrategy('paper', { ...SMA_3_8, rule: { kind: 'sma-cross', fast: 30, slow: 10 } })
		).rejects.toThrow('Not saved: SMA cross fast (30) must be shorter than slow (10)');
		expect(await engine.strategies('paper')).toEqual([]);
	});

	it('keeps strategies to paper mode: real mode has none and refuses to save one', async () => {
		const engine = createEngineApi({ now: () => NOW });
		expect(await engine.strategies('real')).toEqual([]);
		await expect(engine.saveStrategy('real', SMA_3_8)).rejects.toThrow(
			'Strategies trade only on paper: switch to paper mode to use the strategy lab.'
		);
	});

	it('runs a backtest with progress and stores the run: the bars it ran, their hash, its figures and executions', async () => {
		const engine = await setUp();
		await engine.saveStrategy('paper', SMA_3_8);
		const progress: BacktestProgress[] = [];
		const outcome = await engine.runBacktest('paper', 'job1', REQUEST, (p) => progress.push(p));
		expect(outcome.ok).toBe(true);
		expect(progress[0]).toEqual({ done: 0, total: 26 });
		expect(progress[progress.length - 1]).toEqual({ done: 26, total: 26 });

		// What the core gives over the same bars read from the CSV, with the desk's default risk limits.
		const bars = fixtureBars();
		const broker = { ...DEFAULT_BROKER_CONFIG, startingCash: 10_000, commission: REQUEST.commission };
		const expected = backtest({ ...SMA_3_8, version: 1 }, bars, broker, DEFAULT_RISK_CONFIG, 60_000);
		const { metrics, trades } = backtestMetrics(expected, bars, 10_000);
		// Worked by hand from the CSV: SMA(3) crosses SMA(8) up on the 14:56 close, down on 15:01's, up on
		// 15:06's, down on 15:07's and up on 15:08's; each order fills at the next bar's open, $1 a side.
		const at = (hhmm: string) => new Date(ny(Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)))).getTime();
		expect(expected.executions.map((e) => [e.time, e.side, e.quantity, e.price, e.commissionCents])).toEqual([
			[at('14:57'), 'buy', 100, 13.35, 100],
			[at('15:02'), 'sell', 100, 13.32, 100],
			[at('15:07'), 'buy', 100, 13.31, 100],
			[at('15:08'), 'sell', 100, 13.38, 100],
			[at('15:09'), 'buy', 100, 13.36, 100]
		]);
		// −$3 − $2 and +$7 − $2; the last still open at 15:10's close (13.36) after its $1.
		expect(metrics).toMatchObject({
			trades: 2,
			wins: 1,
			losses: 1,
			winRate: 0.5,
			netPnlCents: 0,
			profitFactor: 1,
			expectancyCents: 0,
			commissionsCents: 500,
			endingEquity: 9999,
			// Peak 10,006 at 14:58's close (13.42 held from 13.35, less $1); trough 9,992 at 15:07's.
			maxDrawdown: 14,
			maxDrawdownPct: 14 / 10_006,
			// Held through 14:57–15:01, 15:07 and 15:09–15:10: 8 of 26 bars.
			exposure: 8 / 26,
			averageHoldingMs: 3 * 60_000
		});

		const d = new FillbookDb('paper');
		const [run] = await d.backtestRuns.toArray();
		const packed = new Float64Array(26 * 6);
		(['time', 'open', 'high', 'low', 'close', 'volume'] as const).forEach((key, k) =>
			packed.set(
				bars.map((b) => b[key]!),
				k * 26
			)
		);
		expect(run).toEqual({
			id: expect.stringMatching(/^bt-/) as string,
			strategyId: 'st-rivn',
			version: 1,
			definition: { ...SMA_3_8, version: 1 },
			symbol: 'RIVN',
			timeframe: null,
			timeframeMs: 60_000,
			timeframeLabel: '1m',
			firstBarTime: ny(14, 45),
			lastBarTime: ny(15, 10),
			bars: 26,
			barHash: createHash('sha256').update(new Uint8Array(packed.buffer)).digest('hex'),
			broker,
			risk: DEFAULT_RISK_CONFIG,
			createdAt: NOW,
			importId: `backtest-${run!.id}`,
			metrics,
			trades,
			equityTime: Float64Array.from(bars.map((b) => b.time)),
			equity: Float64Array.from(expected.equity)
		});
		// Entries fill at the open of the bar after the crossing's close.
		const entry = expected.executions[0]!;
		const index = bars.findIndex((b) => b.time === entry.time);
		expect(entry.price).toBe(bars[index]!.open);
		expect(await engine.backtestRuns('paper', 'st-rivn')).toEqual([
			expect.objectContaining({ id: run!.id, strategyName: 'RIVN SMA 3/8', version: 1, metrics })
		]);

		// Its executions are the paper database's, under the Backtests account, tagged with the strategy.
		const page = await listTrades(engine, 'RIVN SMA 3/8');
		expect(page.rows).toHaveLength(trades.length);
		expect(page.rows.map((r) => [r.accountId, r.strategy, r.openTime, r.netPnl])).toEqual(
			trades.map((t) => [BACKTEST_ACCOUNT.id, 'RIVN SMA 3/8', t.openTime, t.netCents / 100])
		);
		expect((await engine.tradeFacets('paper')).strategies).toEqual(['RIVN SMA 3/8']);
		expect((await engine.listAccounts('paper')).map((a) => a.label)).toContain('Backtests');

		// The report reads it back whole.
		const detail = await engine.backtestRun('paper', run!.id);
		expect(detail).toMatchObject({ barHash: run!.barHash, trades, definition: run!.definition });

		// Deleting the strategy keeps the run; deleting the run takes its executions and import.
		expect(await engine.deleteStrategy('paper', 'st-rivn')).toBe(true);
		expect(await engine.backtestRuns('paper', null)).toHaveLength(1);
		expect(await engine.deleteBacktestRun('paper', run!.id)).toBe(true);
		expect((await listTrades(engine, 'RIVN SMA 3/8')).rows).toEqual([]);
		expect(await d.imports.get(run!.importId)).toBeUndefined();
		expect(await d.executionChunks.count()).toBe(0);
		d.close();
	});

	it.each([
		['before the first slice', (p: BacktestProgress) => p.done === 0],
		['after the last slice, before storing', (p: BacktestProgress) => p.done === p.total]
	])('stores nothing when cancelled %s', async (_when, at) => {
		const engine = await setUp();
		await engine.saveStrategy('paper', SMA_3_8);
		const d = new FillbookDb('paper');
		const importsBefore = await d.imports.count();
		let heard: boolean | null = null;
		const outcome = await engine.runBacktest('paper', 'job2', REQUEST, (p) => {
			if (heard === null && at(p)) heard = engine.cancelBacktest('paper', 'job2');
		});
		expect(heard).toBe(true);
		expect(outcome).toEqual({ ok: false, cancelled: true, message: 'Cancelled: nothing was stored.' });
		expect(await d.backtestRuns.count()).toBe(0);
		expect(await d.imports.count()).toBe(importsBefore);
		expect(await d.executionChunks.count()).toBe(0);
		expect(engine.cancelBacktest('paper', 'job2')).toBe(false);
		d.close();
	});

	it("undoing a run's import on the Import page deletes the run with its executions", async () => {
		const engine = await setUp();
		await engine.saveStrategy('paper', SMA_3_8);
		const outcome = await engine.runBacktest('paper', 'j', REQUEST, () => undefined);
		if (!outcome.ok) throw new Error(outcome.message);
		const row = (await engine.listImports('paper')).find((i) => i.formatId === 'strategy-backtest')!;
		expect(row).toMatchObject({
			fileName: 'Backtest of RIVN SMA 3/8 v1 on RIVN 1m',
			strategy: 'RIVN SMA 3/8',
			accountId: BACKTEST_ACCOUNT.id,
			counts: { rows: 5, imported: 5 }
		});
		expect(await engine.undoImport('paper', row.id)).toBe(true);
		expect(await engine.backtestRuns('paper', null)).toEqual([]);
		expect((await listTrades(engine, 'RIVN SMA 3/8')).rows).toEqual([]);
	});

	it('says what is missing: bars of the symbol, bars in the range', async () => {
		const engine = await setUp();
		await engine.saveStrategy('paper', SMA_3_8);
		const none = () => undefined;
		expect(await engine.runBacktest('paper', 'j', { ...REQUEST, symbol: 'TSLA' }, none)).toEqual({
			ok: false,
			cancelled: false,
			message: 'There are no bars of TSLA: import some first.'
		});
		expect(await engine.runBacktest('paper', 'j', { ...REQUEST, from: ny(16, 0), to: null }, none)).toEqual({
			ok: false,
			cancelled: false,
			message: 'No bars of RIVN in the range picked.'
		});
	});
});

describe('engine strategy lab: several symbols', () => {
	/** LCID: RIVN's CSV without its last 6 bars (14:45 to 15:04), so the clock is RIVN's 26 minutes. */
	const lcidText = barsText.trim().split('\n').slice(0, -6).join('\n') + '\n';

	async function setUpTwo() {
		const engine = await setUp();
		const done = await engine.importFile(
			'paper',
			'b2',
			new File([lcidText], 'LCID.csv'),
			barsRequest('LCID'),
			() => undefined
		);
		expect(done).toMatchObject({ ok: true });
		await engine.saveStrategy('paper', SMA_3_8);
		return engine;
	}

	it('runs RIVN and LCID on one clock with one account: the core backtest of both, stored naming both, P&L by symbol', async () => {
		const engine = await setUpTwo();
		const progress: BacktestProgress[] = [];
		const request = { ...REQUEST, symbols: ['RIVN', 'LCID'] };
		const outcome = await engine.runBacktest('paper', 'jm', request, (p) => progress.push(p));
		if (!outcome.ok) throw new Error(outcome.message);
		// 26 steps of the clock (LCID's 20 bars share RIVN's first 20 minutes).
		expect(progress[progress.length - 1]).toEqual({ done: 26, total: 26 });
		const rivn = fixtureBars();
		const lcid = rivn.slice(0, 20).map((b) => ({ ...b, symbol: 'LCID' }));
		const bars = [...rivn, ...lcid].sort((a, b) => a.time - b.time || (a.symbol === 'RIVN' ? -1 : 1));
		const broker = { ...DEFAULT_BROKER_CONFIG, startingCash: 10_000, commission: REQUEST.commission };
		const expected = backtest({ ...SMA_3_8, version: 1 }, bars, broker, DEFAULT_RISK_CONFIG, 60_000, {
			symbols: ['RIVN', 'LCID']
		});
		const { metrics, trades, bySymbol } = backtestMetrics(expected, bars, 10_000);
		// LCID crosses as RIVN does up to 15:04: bought at 14:57, sold at 15:02, both symbols.
		expect(expected.executions.filter((e) => e.symbol === 'LCID').map((e) => [e.side, e.price])).toEqual([
			['buy', 13.35],
			['sell', 13.32]
		]);
		expect(bySymbol).toEqual([
			{ symbol: 'RIVN', trades: 2, netPnlCents: 0 },
			{ symbol: 'LCID', trades: 1, netPnlCents: -5_00 }
		]);
		const d = new FillbookDb('paper');
		const [run] = await d.backtestRuns.toArray();
		expect(run).toMatchObject({
			symbol: 'RIVN',
			symbols: ['RIVN', 'LCID'],
			bySymbol,
			metrics,
			trades,
			bars: 46,
			firstBarTime: ny(14, 45),
			lastBarTime: ny(15, 10),
			equityTime: Float64Array.from(rivn.map((b) => b.time)),
			equity: Float64Array.from(expected.equity)
		});
		d.close();
		expect(outcome.run.symbols).toEqual(['RIVN', 'LCID']);
		const detail = await engine.backtestRun('paper', run!.id);
		expect(detail).toMatchObject({ symbols: ['RIVN', 'LCID'], bySymbol });
		const row = (await engine.listImports('paper')).find((i) => i.formatId === 'strategy-backtest')!;
		expect(row.fileName).toBe('Backtest of RIVN SMA 3/8 v1 on RIVN, LCID 1m');
	});

	it('names the symbol that lacks bars, or lacks bars in the range', async () => {
		const engine = await setUpTwo();
		const none = () => undefined;
		expect(await engine.runBacktest('paper', 'j', { ...REQUEST, symbols: ['RIVN', 'TSLA'] }, none)).toEqual({
			ok: false,
			cancelled: false,
			message: 'There are no bars of TSLA: import some first.'
		});
		expect(
			await engine.runBacktest(
				'paper',
				'j',
				{ ...REQUEST, symbols: ['RIVN', 'LCID'], from: ny(15, 5), to: null },
				none
			)
		).toEqual({
			ok: false,
			cancelled: false,
			message: 'No bars of LCID in the range picked: every symbol of a backtest needs bars in it.'
		});
		// A run of one symbol reads back as naming it alone.
		const one = await engine.runBacktest('paper', 'j', REQUEST, none);
		if (!one.ok) throw new Error(one.message);
		expect(one.run.symbols).toEqual(['RIVN']);
		expect((await engine.backtestRun('paper', one.run.id))!.bySymbol).toEqual([
			{ symbol: 'RIVN', trades: 2, netPnlCents: 0 }
		]);
	});
});

describe('thinCurve', () => {
	it("keeps every point of a short curve and each bucket's extremes of a long one", () => {
		const time = Float64Array.from({ length: 10 }, (_, i) => i);
		expect(thinCurve(time, [1, 2, 3], 4)).toEqual({
			time: Float64Array.from([0, 1, 2]),
			equity: Float64Array.from([1, 2, 3])
		});
		const equity = [5, 9, 1, 4, 6, 2, 8, 3, 7, 5];
		// Buckets of 5: [5 9 1 4 6] keeps 9 (i=1) then 1 (i=2); [2 8 3 7 5] keeps 2 (i=5), 8 (i=6); then the last.
		expect(thinCurve(time, equity, 4)).toEqual({
			time: Float64Array.from([1, 2, 5, 6, 9]),
			equity: Float64Array.from([9, 1, 2, 8, 5])
		});
	});
});
