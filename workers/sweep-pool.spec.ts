import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { barColumns } from '$lib/core/model/journal';
import { allRulesOff } from '$lib/core/risk';
import { sweep, type RunConfig, type SweepGrid } from '$lib/core/strategy/sweep';
import { walkForward } from '$lib/core/strategy/walk-forward';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import { dbName } from '$lib/db/schema';
import { DAS } from './testing';
import { createEngineApi } from './engine-api';
import { loadSymbolBars } from './engine-charts';
import { createSweep } from './engine-sweep';
import { FillbookDb } from '$lib/db/schema';
import {
	barsFromColumns,
	inThreadRunner,
	runPool,
	splitTasks,
	type SweepJob,
	type SweepTask
} from './sweep-pool';

const MIN = 60_000;
const CONFIG: RunConfig = { broker: DEFAULT_BROKER_CONFIG, risk: allRulesOff(), timeframeMs: MIN };
const SMA = STRATEGY_TEMPLATES[0]!;
const GRID: SweepGrid = [
	{ key: 'rule.fast', from: 2, to: 3, step: 1 },
	{ key: 'rule.slow', from: 5, to: 9, step: 2 }
];

/** 90 one-minute bars of a wave, so short SMAs cross often. */
const WAVE = barColumns(
	Array.from({ length: 90 }, (_, i) => {
		const close = Math.round((50 + 3 * Math.sin(i / 4) + i / 30) * 100) / 100;
		return {
			time: Date.UTC(2025, 2, 3, 14, 30) + i * MIN,
			open: close - 0.05,
			high: close + 0.2,
			low: close - 0.2,
			close,
			volume: 500
		};
	})
);

describe('splitTasks', () => {
	it('cuts tasks into contiguous shares in order, sizes differing by at most one', () => {
		expect(splitTasks([1, 2, 3, 4, 5], 2)).toEqual([
			[1, 2, 3],
			[4, 5]
		]);
		expect(splitTasks([1, 2, 3], 5)).toEqual([[1], [2], [3]]);
		expect(splitTasks([], 3)).toEqual([[]]);
	});
});

describe('runPool', () => {
	const tasks: SweepTask[] = [2, 3, 4].flatMap((fast) =>
		[6, 9, 12].map((slow) => ({
			def: { ...SMA, rule: { kind: 'sma-cross' as const, fast, slow } },
			from: fast,
			to: 90 - slow
		}))
	);

	it('gives the same figures in task order however the tasks are split', async () => {
		const results = [];
		for (let size = 1; size <= tasks.length; size++) {
			const ticks: number[] = [];
			const { metrics, runners } = await runPool(WAVE, 'SPY', CONFIG, tasks, {
				job: { cancelled: false },
				onDone: (d) => ticks.push(d),
				size,
				spawn: inThreadRunner
			});
			expect(runners).toBe(size);
			expect(ticks).toEqual(tasks.map((_, i) => i + 1));
			results.push(metrics);
		}
		const bars = barsFromColumns(WAVE, 'SPY');
		const alone = tasks.map(
			(t) =>
				sweep(
					t.def,
					bars.slice(t.from, t.to),
					[{ key: 'sizing.quantity', from: 100, to: 100, step: 1 }],
					CONFIG
				)[0]!.metrics
		);
		for (const metrics of results) expect(metrics).toEqual(alone);
		expect(alone.some((m) => m!.trades > 0)).toBe(true);
	});

	it('Cancel stops the run and keeps nothing', async () => {
		const job: SweepJob = { cancelled: false };
		let seen = 0;
		const run = runPool(WAVE, 'SPY', CONFIG, tasks, {
			job,
			size: 2,
			spawn: inThreadRunner,
			onDone: () => {
				if (++seen === 2) {
					job.cancelled = true;
					job.abort?.();
				}
			}
		});
		await expect(run).rejects.toThrow('The sweep was cancelled: nothing was kept');
		expect(seen).toBeLessThan(tasks.length);
	});
});

describe('engine sweep', () => {
	afterEach(() => Dexie.delete(dbName('paper')));
	const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');

	async function withRivn() {
		const engine = createEngineApi({ now: () => 1 });
		const imported = await engine.importFile(
			'paper',
			'b',
			new File([barsText], 'RIVN.csv'),
			{ ...DAS, formatId: 'yahoo-bars', tradeDate: null, symbol: 'RIVN' },
			() => undefined
		);
		expect(imported).toMatchObject({ ok: true });
		const db = new FillbookDb('paper');
		const found = (await loadSymbolBars(db, 'RIVN', null))!;
		return { engine, db, bars: barsFromColumns(found.bars, 'RIVN') };
	}

	it("runs a 2×3 grid over the symbol's bars to the core sweep's cells, whatever the split", async () => {
		const { engine, db, bars } = await withRivn();
		const progress: string[] = [];
		const outcome = await engine.runSweep(
			'paper',
			's1',
			{ symbol: 'RIVN', timeframe: null, strategy: SMA, grid: GRID, metric: 'netPnl' },
			(p) => progress.push(`${p.done}/${p.total}`)
		);
		if (!outcome.ok) throw new Error(outcome.message);
		const expected = sweep(SMA, bars, GRID, CONFIG);
		expect(outcome.result.cells).toEqual(expected);
		expect(outcome.result).toMatchObject({
			columns: [2, 3],
			rows: [5, 7, 9],
			axes: [
				{ key: 'rule.fast', label: 'fast' },
				{ key: 'rule.slow', label: 'slow' }
			],
			bars: { symbol: 'RIVN', count: 26, timeframeLabel: '1m' },
			workers: 1
		});
		expect(progress).toEqual(['0/6', '1/6', '2/6', '3/6', '4/6', '5/6', '6/6']);
		for (const size of [2, 3, 6]) {
			const split = await createSweep(() => db, { size, spawn: inThreadRunner }).runSweep(
				'paper',
				'x',
				{ symbol: 'RIVN', timeframe: null, strategy: SMA, grid: GRID, metric: 'netPnl' },
				() => undefined
			);
			expect(split.ok && split.result.cells).toEqual(expected);
			expect(split.ok && split.result.workers).toBe(size);
		}
		db.close();
		await engine.close();
	});

	it('walks forward to the core report; says why it cannot run; cancels', async () => {
		const { engine, db, bars } = await withRivn();
		db.close();
		const windows = { unit: 'bars', inSample: 12, outOfSample: 7, step: 7 } as const;
		const grid: SweepGrid = [
			{ key: 'rule.fast', from: 2, to: 3, step: 1 },
			{ key: 'rule.slow', from: 4, to: 5, step: 1 }
		];
		const request = {
			symbol: 'RIVN',
			timeframe: null,
			strategy: SMA,
			grid,
			metric: 'netPnl' as const,
			windows
		};
		const outcome = await engine.runWalkForward('paper', 'w1', request, () => undefined);
		if (!outcome.ok) throw new Error(outcome.message);
		expect(outcome.result.report).toEqual(walkForward(SMA, bars, grid, windows, 'netPnl', CONFIG));
		expect(outcome.result.times.map((t) => (t.oosLast - t.isStart) / MIN)).toEqual([18, 18]);
		expect(
			await engine.runWalkForward('paper', 'w2', { ...request, symbol: 'NONE' }, () => undefined)
		).toEqual({ ok: false, cancelled: false, message: 'There are no bars of NONE: import some first' });
		expect(
			await engine.runSweep(
				'paper',
				'w3',
				{ ...request, grid: [{ key: 'rule.fast', from: 5, to: 1, step: 1 }] },
				() => undefined
			)
		).toEqual({ ok: false, cancelled: false, message: 'rule.fast: from (5) must not be above to (1)' });
		const running = engine.runSweep('paper', 'c1', request, (p) => {
			if (p.done === 1) engine.cancelSweep('paper', 'c1');
		});
		expect(await running).toEqual({
			ok: false,
			cancelled: true,
			message: 'The sweep was cancelled: nothing was kept'
		});
		expect(engine.cancelSweep('paper', 'c1')).toBe(false);
		await engine.close();
	});
});
