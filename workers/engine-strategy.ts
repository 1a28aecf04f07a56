/**
 * The strategy lab side of the engine: stored, versioned strategies and backtests of them over a
 * symbol's imported bars. A backtest runs in slices (core/strategy `Backtest.advance`), yielding to
 * the event loop between them so a Cancel is heard and the page sees progress; a finished run is
 * stored (through the write queue) with its executions as executions of the paper database, under
 * an import row of its own that names the strategy, on the "Backtests" account. Paper mode only.
 */
import type {
	BacktestOutcome,
	BacktestProgress,
	BacktestRequest,
	BacktestRunDetail,
	BacktestRunSummary,
	StoredStrategy,
	StrategyApi
} from './contract';
import { transfer } from 'comlink';
import { DEFAULT_BROKER_CONFIG, type BrokerConfig } from '$lib/core/broker';
import { accountId, type Account } from '$lib/core/model/account';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import type { Mode } from '$lib/core/model/mode';
import { Backtest } from '$lib/core/strategy/backtest';
import { backtestMetrics } from '$lib/core/strategy/metrics';
import { checkStrategy, strategyProblem, type StrategyDefinition } from '$lib/core/strategy/types';
import type { BacktestRunRow, FillbookDb, ImportRow, StrategyRow } from '$lib/db/schema';
import { readSetting } from '$lib/db/settings';
import {
	backtestRun,
	createBacktestRun,
	deleteBacktestRun,
	deleteStrategy,
	listBacktestRuns,
	listStrategies,
	saveStrategy,
	strategyRow,
	strategyVersions
} from '$lib/db/strategies';
import { hashRunBars, loadRunBars } from './backtest-bars';
import { storedExecution } from './engine-paper';

/** The account backtest executions are under: the Accounts filter leaves them out of the desk's. */
export const BACKTEST_ACCOUNT: Omit<Account, 'createdAt'> = {
	id: accountId('Fillbook backtests', 'BACKTEST'),
	broker: 'Fillbook backtests',
	number: 'BACKTEST',
	currency: 'USD',
	label: 'Backtests'
};

/** Bars run between checks of the clock. */
const SLICE_BARS = 4096;
/** How long the engine runs a backtest before it yields (to hear a Cancel, to report progress). */
const SLICE_MS = 40;
/** Points of a stored equity curve at most: longer curves keep each bucket's lowest and highest. */
const EQUITY_POINTS = 4000;

const ONLY_PAPER = 'Strategies trade only on paper: switch to paper mode to use the strategy lab.';

/** Lets queued messages (a Cancel) and timers run before the next slice. */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function createStrategy(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>,
	now: () => number
): StrategyApi {
	const jobs = new Map<string, { cancelled: boolean }>();

	function paperDb(mode: Mode): FillbookDb {
		if (mode !== 'paper') throw new Error(ONLY_PAPER);
		return db(mode);
	}

	async function run(
		mode: Mode,
		job: { cancelled: boolean },
		request: BacktestRequest,
		onProgress: (p: BacktestProgress) => void
	): Promise<BacktestOutcome> {
		const d = paperDb(mode);
		const fail = (message: string): BacktestOutcome => ({ ok: false, cancelled: false, message });
		const cancelled: BacktestOutcome = {
			ok: false,
			cancelled: true,
			message: 'Cancelled: nothing was stored.'
		};
		const stored = await strategyRow(d, request.strategyId);
		if (!stored) return fail('No such strategy: it was deleted.');
		const def = definitionOf(stored);
		const problem = strategyProblem(def);
		if (problem) return fail(`The strategy cannot run: ${problem}`);
		if (!(request.startingCash > 0) || !Number.isFinite(request.startingCash))
			return fail(`Starting cash must be a positive amount, got ${String(request.startingCash)}`);
		const loaded = await loadRunBars(d, request);
		if (typeof loaded === 'string') return fail(loaded);
		const { symbols, bars, clock, timeframeMs, label } = loaded;
		const broker: BrokerConfig = {
			...DEFAULT_BROKER_CONFIG,
			startingCash: request.startingCash,
			commission: request.commission
		};
		const risk = request.risk ?? (await readSetting(d, 'paperRiskDefaults'));
		let backtest: Backtest;
		try {
			backtest = new Backtest(checkStrategy(def), bars, broker, risk, timeframeMs, { symbols });
		} catch (error) {
			return fail(error instanceof Error ? error.message : String(error));
		}
		const total = backtest.total;
		onProgress({ done: 0, total });
		for (;;) {
			if (job.cancelled) return cancelled;
			const started = performance.now();
			let finished = false;
			while (!finished && performance.now() - started < SLICE_MS) finished = backtest.advance(SLICE_BARS);
			if (finished) {
				// Across Comlink the callback's messages and the answer travel on different ports: waiting
				// for the page to take the last report keeps it from arriving after the run's answer.
				const delivered: unknown = onProgress({ done: backtest.done, total });
				await delivered;
				break;
			}
			onProgress({ done: backtest.done, total });
			await yieldToEvents();
		}
		const result = backtest.result();
		const { trades, metrics, bySymbol } = backtestMetrics(result, bars, request.startingCash);
		const barHash = await hashRunBars(loaded.columns);
		const curve = thinCurve(clock, result.equity, EQUITY_POINTS);
		const named = symbols.join(', ');
		const createdAt = now();
		const id = `bt-${createdAt.toString(36)}-${Math.floor(Math.random() * 1e9).toString(36)}`;
		const importId = `backtest-${id}`;
		const row: BacktestRunRow = {
			id,
			strategyId: def.id,
			version: def.version,
			definition: def,
			symbol: symbols[0]!,
			...(symbols.length > 1 ? { symbols, bySymbol } : {}),
			timeframe: request.timeframe,
			timeframeMs,
			timeframeLabel: label,
			firstBarTime: bars[0]!.time,
			lastBarTime: bars[bars.length - 1]!.time,
			bars: bars.length,
			barHash,
			broker,
			risk,
			createdAt,
			importId,
			metrics,
			trades,
			equityTime: curve.time,
			equity: curve.equity
		};
		const importRow: ImportRow = {
			id: importId,
			fileName: `Backtest of ${def.name} v${def.version} on ${named} ${label}`,
			size: 0,
			hash: id,
			formatId: 'strategy-backtest',
			formatLabel: 'Fillbook backtest',
			produces: 'executions',
			zone: broker.timeZone,
			accountId: BACKTEST_ACCOUNT.id,
			tradeDate: null,
			symbol: named,
			counts: {
				rows: result.executions.length,
				imported: result.executions.length,
				duplicates: 0,
				rejected: 0,
				skipped: 0
			},
			createdAccounts: [],
			rejectedRows: [],
			importedAt: createdAt,
			strategy: def.name
		};
		const executions = result.executions.length
			? encodeExecutions(
					importId,
					result.executions.map((e, k) =>
						storedExecution(
							e,
							{ accountId: BACKTEST_ACCOUNT.id, importId, sourceId: id, venue: 'BACKTEST' },
							k
						)
					)
				)
			: null;
		return write(async () => {
			// A Cancel heard after the last slice still stores nothing.
			if (job.cancelled) return cancelled;
			await createBacktestRun(d, row, importRow, executions, { ...BACKTEST_ACCOUNT, createdAt });
			return { ok: true as const, run: runSummary(row) };
		}, mode);
	}

	return {
		async strategies(mode: Mode): Promise<StoredStrategy[]> {
			if (mode !== 'paper') return [];
			const d = db(mode);
			const [rows, runs] = await Promise.all([listStrategies(d), listBacktestRuns(d, null)]);
			return rows.map((r) => ({
				definition: definitionOf(r),
				createdAt: r.createdAt,
				updatedAt: r.updatedAt,
				runs: runs.filter((run) => run.strategyId === r.id).length
			}));
		},

		async strategyVersions(mode: Mode, strategyId: string): Promise<StrategyDefinition[]> {
			return (await strategyVersions(paperDb(mode), strategyId)).map((v) => v.definition);
		},

		async saveStrategy(mode: Mode, definition: StrategyDefinition): Promise<StrategyDefinition> {
			const d = paperDb(mode);
			// The version is the store's to give: the check runs on the definition as it would be saved.
			const problem = strategyProblem({ ...definition, version: 1 });
			if (problem) throw new Error(`Not saved: ${problem}`);
			return definitionOf(await write(() => saveStrategy(d, definition, now()), mode));
		},

		deleteStrategy(mode: Mode, strategyId: string): Promise<boolean> {
			const d = paperDb(mode);
			return write(() => deleteStrategy(d, strategyId), mode);
		},

		async runBacktest(
			mode: Mode,
			jobId: string,
			request: BacktestRequest,
			onProgress: (p: BacktestProgress) => void
		): Promise<BacktestOutcome> {
			const job = { cancelled: false };
			jobs.set(jobId, job);
			try {
				return await run(mode, job, request, onProgress);
			} catch (error) {
				return {
					ok: false,
					cancelled: false,
					message: error instanceof Error ? error.message : String(error)
				};
			} finally {
				jobs.delete(jobId);
			}
		},

		cancelBacktest(_mode: Mode, jobId: string): boolean {
			const job = jobs.get(jobId);
			if (!job) return false;
			job.cancelled = true;
			return true;
		},

		async backtestRuns(mode: Mode, strategyId: string | null): Promise<BacktestRunSummary[]> {
			if (mode !== 'paper') return [];
			return (await listBacktestRuns(db(mode), strategyId)).map(runSummary);
		},

		async backtestRun(mode: Mode, id: string): Promise<BacktestRunDetail | null> {
			const row = await backtestRun(paperDb(mode), id);
			if (!row) return null;
			const detail: BacktestRunDetail = {
				...runSummary(row),
				bySymbol: row.bySymbol ?? [
					{ symbol: row.symbol, trades: row.metrics.trades, netPnlCents: row.metrics.netPnlCents }
				],
				definition: row.definition,
				timeframe: row.timeframe,
				timeframeMs: row.timeframeMs,
				barHash: row.barHash,
				broker: row.broker,
				risk: row.risk,
				trades: row.trades,
				equityTime: row.equityTime,
				equity: row.equity
			};
			return transfer(detail, [row.equityTime.buffer, row.equity.buffer] as ArrayBuffer[]);
		},

		deleteBacktestRun(mode: Mode, id: string): Promise<boolean> {
			const d = paperDb(mode);
			return write(() => deleteBacktestRun(d, id), mode);
		}
	};
}

/** A stored row's definition, without the row's own fields. */
function definitionOf(row: StrategyRow): StrategyDefinition {
	const { id, name, version, rule, sizing, exits } = row;
	return { id, name, version, rule, sizing, exits };
}

function runSummary(row: BacktestRunRow): BacktestRunSummary {
	return {
		id: row.id,
		strategyId: row.strategyId,
		version: row.version,
		strategyName: row.definition.name,
		symbol: row.symbol,
		symbols: row.symbols ?? [row.symbol],
		timeframeLabel: row.timeframeLabel,
		firstBarTime: row.firstBarTime,
		lastBarTime: row.lastBarTime,
		bars: row.bars,
		createdAt: row.createdAt,
		metrics: row.metrics
	};
}

/**
 * The equity curve at the bars' times; longer than `points`, each bucket of bars keeps its lowest
 * and highest value in time order (so the deepest drawdown stays drawn) and the last point its own.
 */
export function thinCurve(
	time: Float64Array,
	equity: readonly number[],
	points: number
): { time: Float64Array; equity: Float64Array } {
	const n = Math.min(time.length, equity.length);
	if (n <= points)
		return { time: Float64Array.from(time.subarray(0, n)), equity: Float64Array.from(equity.slice(0, n)) };
	const bucket = Math.ceil(n / Math.floor(points / 2));
	const keep: number[] = [];
	for (let start = 0; start < n; start += bucket) {
		const end = Math.min(n, start + bucket);
		let lo = start;
		let hi = start;
		for (let i = start; i < end; i++) {
			if (equity[i]! < equity[lo]!) lo = i;
			if (equity[i]! > equity[hi]!) hi = i;
		}
		for (const i of lo === hi ? [lo] : lo < hi ? [lo, hi] : [hi, lo]) keep.push(i);
	}
	if (keep[keep.length - 1] !== n - 1) keep.push(n - 1);
	return {
		time: Float64Array.from(keep, (i) => time[i]!),
		equity: Float64Array.from(keep, (i) => equity[i]!)
	};
}
