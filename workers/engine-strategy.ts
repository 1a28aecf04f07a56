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
import { DEFAULT_BROKER_CONFIG, type Bar, type BrokerConfig, type PaperExecution } from '$lib/core/broker';
import { brokerExecutionIdOf } from '$lib/core/identity';
import { accountId, type Account } from '$lib/core/model/account';
import type { Execution } from '$lib/core/model/execution';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import type { BarColumns } from '$lib/core/model/journal';
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
import { loadSymbolBars } from './engine-charts';

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
					result.executions.map((e, k) => backtestExecution(e, id, importId, k))
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

/** The symbols a request names, each once, in its order (`symbols`, else the one `symbol`). */
export function requestSymbols(request: Pick<BacktestRequest, 'symbol' | 'symbols'>): string[] {
	const named = request.symbols?.length ? request.symbols : [request.symbol];
	return [...new Set(named.map((s) => String(s ?? '').trim()).filter((s) => s !== ''))];
}

interface RunBars {
	symbols: string[];
	/** Each symbol's bars in the range, in the symbols' order. */
	columns: BarColumns[];
	/** Every symbol's bars merged by time (the symbols' order at one time). */
	bars: Bar[];
	/** The clock: the bars' distinct open times. */
	clock: Float64Array;
	timeframeMs: number;
	label: string;
}

/**
 * Each symbol's bars in the request's range, on one timeframe; or why they cannot run: a symbol
 * without bars, or without bars in the range, or symbols whose imported bars differ in spacing
 * when no timeframe is picked.
 */
async function loadRunBars(d: FillbookDb, request: BacktestRequest): Promise<RunBars | string> {
	const symbols = requestSymbols(request);
	if (!symbols.length) return 'Pick a symbol to run the strategy on.';
	const loaded: { symbol: string; columns: BarColumns; timeframeMs: number; label: string }[] = [];
	for (const symbol of symbols) {
		let found: Awaited<ReturnType<typeof loadSymbolBars>>;
		try {
			found = await loadSymbolBars(d, symbol, request.timeframe);
		} catch (error) {
			// A timeframe the bars cannot be resampled to: said in words.
			if (error instanceof RangeError) return error.message;
			throw error;
		}
		if (!found) return `There are no bars of ${symbol}: import some first.`;
		const range = barRange(found.bars, request.from ?? -Infinity, request.to ?? Infinity);
		if (range.to === range.from)
			return symbols.length > 1
				? `No bars of ${symbol} in the range picked: every symbol of a backtest needs bars in it.`
				: `No bars of ${symbol} in the range picked.`;
		loaded.push({ symbol, columns: sliceColumns(found.bars, range.from, range.to), ...found });
	}
	const first = loaded[0]!;
	const other = loaded.find((l) => l.timeframeMs !== first.timeframeMs);
	if (other)
		return `${first.symbol}'s bars are ${first.label} and ${other.symbol}'s ${other.label}: pick a timeframe they all resample to.`;
	const rank = new Map(symbols.map((s, i) => [s, i]));
	const lists = loaded.map((l) => barList(l.symbol, l.columns));
	const bars =
		lists.length === 1
			? lists[0]!
			: lists.flat().sort((a, b) => a.time - b.time || rank.get(a.symbol)! - rank.get(b.symbol)!);
	const clock = lists.length === 1 ? first.columns.time : distinctTimes(bars);
	return {
		symbols,
		columns: loaded.map((l) => l.columns),
		bars,
		clock,
		timeframeMs: first.timeframeMs,
		label: first.label
	};
}

/** The distinct times of bars sorted by time. */
function distinctTimes(bars: readonly Bar[]): Float64Array {
	const times: number[] = [];
	for (const bar of bars) if (times[times.length - 1] !== bar.time) times.push(bar.time);
	return Float64Array.from(times);
}

/**
 * The hash of a run's bars: one symbol's `hashBars`; several symbols', SHA-256 (hex) of each
 * symbol's hash in the run's order, one a line.
 */
async function hashRunBars(columns: readonly BarColumns[]): Promise<string> {
	const hashes = await Promise.all(columns.map(hashBars));
	if (hashes.length === 1) return hashes[0]!;
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(hashes.join('\n')));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The indexes [from, to) of the bars whose open time t has start ≤ t < end (bars sorted by time). */
function barRange(bars: BarColumns, start: number, end: number): { from: number; to: number } {
	const firstAtOrAfter = (t: number) => {
		let lo = 0;
		let hi = bars.time.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (bars.time[mid]! < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	const from = firstAtOrAfter(start);
	return { from, to: Math.max(from, firstAtOrAfter(end)) };
}

function sliceColumns(bars: BarColumns, from: number, to: number): BarColumns {
	return {
		time: bars.time.subarray(from, to),
		open: bars.open.subarray(from, to),
		high: bars.high.subarray(from, to),
		low: bars.low.subarray(from, to),
		close: bars.close.subarray(from, to),
		volume: bars.volume.subarray(from, to)
	};
}

function barList(symbol: string, c: BarColumns): Bar[] {
	const list: Bar[] = new Array<Bar>(c.time.length);
	for (let i = 0; i < c.time.length; i++) {
		const volume = c.volume[i]!;
		list[i] = {
			symbol,
			time: c.time[i]!,
			open: c.open[i]!,
			high: c.high[i]!,
			low: c.low[i]!,
			close: c.close[i]!,
			volume: Number.isNaN(volume) ? null : volume
		};
	}
	return list;
}

/**
 * SHA-256 (hex) of the bars run, packed as their six Float64 columns one after another (time,
 * open, high, low, close, volume; little-endian as typed arrays are on every platform Fillbook
 * runs on): the same bars give the same hash, and a changed or added bar another.
 */
export async function hashBars(c: BarColumns): Promise<string> {
	const n = c.time.length;
	const packed = new Float64Array(n * 6);
	[c.time, c.open, c.high, c.low, c.close, c.volume].forEach((column, k) => packed.set(column, k * n));
	const digest = await crypto.subtle.digest('SHA-256', packed);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
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

/** A backtest's execution as an execution of the paper database (see engine-paper.ts `stored`). */
function backtestExecution(e: PaperExecution, runId: string, importId: string, index: number): Execution {
	const brokerExecutionId = `${runId}:${e.id}`;
	return {
		id: brokerExecutionIdOf(BACKTEST_ACCOUNT.id, brokerExecutionId),
		accountId: BACKTEST_ACCOUNT.id,
		importId,
		brokerExecutionId,
		symbol: e.symbol,
		assetClass: 'stock',
		side: e.side,
		positionEffect: e.effect === 'reverse' ? null : e.effect,
		shortSale: e.side === 'sell' && e.effect === 'open',
		quantity: e.quantity,
		price: e.price,
		time: e.time,
		commission: e.commissionCents / 100,
		fees: 0,
		currency: 'USD',
		multiplier: null,
		orderId: `${runId}:${e.orderId}`,
		venue: 'BACKTEST',
		brokerPnl: null,
		line: index + 1
	};
}
