import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BacktestOutcome, BacktestProgress, BacktestRequest, StoredStrategy } from '$workers/contract';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import type { StrategyDefinition } from '$lib/core/strategy/types';

const engine = vi.hoisted(() => ({
	strategies: vi.fn(),
	backtestRuns: vi.fn(),
	barSymbols: vi.fn(),
	saveStrategy: vi.fn(),
	deleteStrategy: vi.fn(),
	runBacktest: vi.fn(),
	cancelBacktest: vi.fn(),
	deleteBacktestRun: vi.fn(),
	backtestRun: vi.fn()
}));
vi.mock('./engine', () => ({ engine }));

const { StrategiesState, RunReportState } = await import('./strategies.svelte');
const { mode } = await import('./app.svelte');
const { strategyChoices } = await import('./sweep.svelte');

const SMA: StrategyDefinition = { ...STRATEGY_TEMPLATES[0]!, id: 's1', version: 2 };
const stored = (definition: StrategyDefinition): StoredStrategy => ({
	definition,
	createdAt: 1,
	updatedAt: 2,
	runs: 0
});
const RIVN = {
	symbol: 'RIVN',
	nativeMs: 60_000,
	nativeLabel: '1m',
	count: 26,
	firstTime: 0,
	lastTime: 1,
	timeframes: ['5m']
};

beforeEach(() => {
	vi.clearAllMocks();
	mode.set('paper');
	engine.strategies.mockResolvedValue([stored(SMA)]);
	engine.backtestRuns.mockResolvedValue([]);
	engine.barSymbols.mockResolvedValue([RIVN]);
});

describe('StrategiesState', () => {
	it('opens the first strategy, shows the core problem of an edit and saves only a sound change', async () => {
		const lab = new StrategiesState();
		await lab.load();
		expect([lab.view.selected, lab.view.draft, lab.view.form.symbol, lab.dirty]).toEqual([
			's1',
			SMA,
			'RIVN',
			false
		]);
		lab.edit((d) => (d.rule = { kind: 'sma-cross', fast: 10, slow: 8 }));
		expect(lab.problem).toBe('SMA cross fast (10) must be shorter than slow (8)');
		await lab.save();
		expect(engine.saveStrategy).not.toHaveBeenCalled();
		lab.edit((d) => (d.rule = { kind: 'sma-cross', fast: 3, slow: 8 }));
		expect([lab.problem, lab.dirty]).toEqual([null, true]);
		const saved = { ...SMA, rule: { kind: 'sma-cross' as const, fast: 3, slow: 8 }, version: 3 };
		engine.saveStrategy.mockResolvedValue(saved);
		engine.strategies.mockResolvedValue([stored(saved)]);
		await lab.save();
		expect(engine.saveStrategy).toHaveBeenCalledWith({ ...saved, version: 2 });
		expect(lab.view.message).toEqual({ tone: 'ok', text: 'Saved SMA 10/30 cross v3.' });
		expect([lab.view.draft, lab.dirty]).toEqual([saved, false]);
	});

	it('runs over New York days with progress, and refuses to run unsaved changes', async () => {
		const lab = new StrategiesState();
		await lab.load();
		lab.setForm({
			fromDay: '2025-10-13',
			toDay: '2025-10-13',
			startingCash: '25000',
			perShare: '0.01',
			minimum: '1'
		});
		lab.edit((d) => (d.name = 'Changed'));
		await lab.run();
		expect(engine.runBacktest).not.toHaveBeenCalled();
		expect(lab.view.message?.text).toBe('Save the changes first: a run names the version it ran.');
		lab.revert();

		const seen: (BacktestProgress | null)[] = [];
		engine.runBacktest.mockImplementation(
			(
				_job: string,
				_request: BacktestRequest,
				progress: (p: BacktestProgress) => void
			): Promise<BacktestOutcome> => {
				progress({ done: 13, total: 26 });
				seen.push(lab.view.progress);
				lab.cancel();
				return Promise.resolve({ ok: false, cancelled: true, message: 'Cancelled: nothing was stored.' });
			}
		);
		await lab.run();
		const [job, request] = engine.runBacktest.mock.calls[0] as [string, BacktestRequest];
		expect(request).toEqual({
			strategyId: 's1',
			symbol: 'RIVN',
			timeframe: null,
			// Midnight to midnight in New York (EDT, UTC−4).
			from: Date.UTC(2025, 9, 13, 4),
			to: Date.UTC(2025, 9, 14, 4),
			startingCash: 25_000,
			commission: { kind: 'per_share', perShare: 0.01, minimum: 1 }
		});
		expect(seen).toEqual([{ done: 13, total: 26 }]);
		expect(engine.cancelBacktest).toHaveBeenCalledWith(job);
		expect([lab.view.progress, lab.view.message]).toEqual([
			null,
			{ tone: 'ok', text: 'Cancelled: nothing was stored.' }
		]);
	});

	it('runs several symbols: the primary first, the others in the list order; never the primary twice', async () => {
		const LCID = { ...RIVN, symbol: 'LCID' };
		const NIO = { ...RIVN, symbol: 'NIO' };
		engine.barSymbols.mockResolvedValue([LCID, NIO, RIVN]);
		const lab = new StrategiesState();
		await lab.load();
		lab.setForm({ symbol: 'RIVN' });
		lab.setOther('NIO', true);
		lab.setOther('LCID', true);
		lab.setOther('RIVN', true);
		expect(lab.view.form.others).toEqual(['LCID', 'NIO']);
		lab.setOther('LCID', false);
		lab.setOther('LCID', true);
		// Picking an other as the primary takes it off the others.
		lab.setForm({ symbol: 'NIO' });
		expect(lab.view.form.others).toEqual(['LCID']);
		engine.runBacktest.mockResolvedValue({
			ok: true,
			run: {
				strategyName: 'SMA',
				version: 2,
				symbol: 'NIO',
				symbols: ['NIO', 'LCID'],
				metrics: { trades: 3 }
			}
		});
		await lab.run();
		const [, request] = engine.runBacktest.mock.calls[0] as [string, BacktestRequest];
		expect([request.symbol, request.symbols]).toEqual(['NIO', ['NIO', 'LCID']]);
		expect(lab.view.message).toEqual({
			tone: 'ok',
			text: 'Backtest of SMA v2 on NIO, LCID stored: 3 closed trades.'
		});
	});

	it('says what is wrong with the form before asking the engine', async () => {
		const lab = new StrategiesState();
		await lab.load();
		lab.setForm({ startingCash: '0' });
		await lab.run();
		expect(lab.view.message?.text).toBe('Starting cash must be a positive amount.');
		lab.setForm({ startingCash: '1000', fromDay: '2025-10-14', toDay: '2025-10-13' });
		await lab.run();
		expect(lab.view.message?.text).toBe('The last day must be on or after the first.');
		expect(engine.runBacktest).not.toHaveBeenCalled();
	});

	it('asks nothing in real mode: strategies trade only on paper', async () => {
		mode.set('real');
		const lab = new StrategiesState();
		await lab.load();
		expect([lab.view.loaded, lab.view.strategies]).toEqual([true, []]);
		expect(engine.strategies).not.toHaveBeenCalled();
	});
});

describe('RunReportState', () => {
	it('draws the P&L since the start per bar with its drawdown below the running peak (the start counts)', async () => {
		engine.backtestRun.mockResolvedValue({
			id: 'r',
			metrics: { startingEquity: 100 },
			equityTime: Float64Array.from([1, 2, 3, 4]),
			equity: Float64Array.from([99, 102, 101, 103])
		});
		const report = new RunReportState();
		await report.load('r');
		const curve = report.curve!;
		expect(Array.from(curve.equity)).toEqual([-1, 2, 1, 3]);
		expect(Array.from(curve.drawdown)).toEqual([1, 0, 1, 0]);
		expect(Array.from(curve.pnl)).toEqual([-1, 3, -1, 2]);
		engine.backtestRun.mockResolvedValue(null);
		await report.load('gone');
		expect(report.view.error).toBe('No such run: it was deleted.');
	});
});

describe("the sweep page's choices", () => {
	it('offers the stored strategies first, then the templates; in real mode the templates alone', async () => {
		expect(await strategyChoices()).toEqual([SMA, ...STRATEGY_TEMPLATES]);
		mode.set('real');
		expect(await strategyChoices()).toEqual(STRATEGY_TEMPLATES);
	});
});
