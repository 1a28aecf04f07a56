/**
 * The engine's side of a sweep: a pool of dedicated workers (sweep.worker.ts) that run backtest
 * cells. Each worker is given the bars once, as packed columns transferred to it, then a
 * contiguous share of the tasks; the answers are put back in task order, so how the tasks are
 * split never changes the result. Where a worker cannot start another (Node, in tests) the same
 * runner works in the engine's own thread, a task at a time, yielding between tasks so a Cancel
 * is heard. Cancelling ends every worker; nothing of the run is kept.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import type { Bar } from '$lib/core/broker';
import type { BarColumns } from '$lib/core/model/journal';
import type { BacktestMetrics } from '$lib/core/strategy/metrics';
import { runCell, type RunConfig } from '$lib/core/strategy/sweep';
import type { StrategyDefinition } from '$lib/core/strategy/types';

/** One backtest to run: a definition over the loaded bars `from` ≤ i < `to`. */
export interface SweepTask {
	def: StrategyDefinition;
	from: number;
	to: number;
	/** Where trading starts (from ≤ tradeFrom ≤ to): the bars before it only warm the indicators; `from` when absent. */
	tradeFrom?: number;
}

/** What runs tasks: a worker (through Comlink) or the same code in this thread. */
export interface CellRunner {
	load(columns: BarColumns, symbol: string, config: RunConfig): void | Promise<void>;
	/** The figures of each task, in order; `done` after each. */
	run(tasks: SweepTask[], done: () => void): BacktestMetrics[] | Promise<BacktestMetrics[]>;
	terminate(): void;
}

/** A sweep stopped by Cancel. */
export class SweepCancelled extends Error {
	constructor() {
		super('The sweep was cancelled: nothing was kept');
		this.name = 'SweepCancelled';
	}
}

/** A running sweep as the engine tracks it: cancelling sets `cancelled` and calls `abort`. */
export interface SweepJob {
	cancelled: boolean;
	abort?: () => void;
}

/** Bars as the broker reads them, from packed columns (volume NaN: none). */
export function barsFromColumns(columns: BarColumns, symbol: string): Bar[] {
	const bars: Bar[] = new Array<Bar>(columns.time.length);
	for (let i = 0; i < bars.length; i++) {
		const volume = columns.volume[i]!;
		bars[i] = {
			symbol,
			time: columns.time[i]!,
			open: columns.open[i]!,
			high: columns.high[i]!,
			low: columns.low[i]!,
			close: columns.close[i]!,
			volume: Number.isNaN(volume) ? null : volume
		};
	}
	return bars;
}

/**
 * The runner's whole work, shared by the worker and the in-thread fallback: the bars turned into
 * objects once, each task a backtest of its stretch.
 */
export function cellRunner(): SweepWorkerApi {
	let bars: Bar[] = [];
	let config: RunConfig | null = null;
	return {
		load(columns: BarColumns, symbol: string, runConfig: RunConfig) {
			bars = barsFromColumns(columns, symbol);
			config = runConfig;
		},
		run(tasks: SweepTask[], done: () => void) {
			if (!config) throw new Error('The sweep runner has no bars: load them first');
			return tasks.map((task) => {
				const metrics = runCell(
					task.def,
					bars.slice(task.from, task.to),
					config!,
					(task.tradeFrom ?? task.from) - task.from
				);
				done();
				return metrics;
			});
		}
	};
}

/** The runner in this thread, a task at a time, yielding between tasks so a Cancel can land. */
export function inThreadRunner(job: SweepJob): CellRunner {
	const runner = cellRunner();
	return {
		load: (columns, symbol, config) => runner.load(columns, symbol, config),
		async run(tasks, done) {
			const out: BacktestMetrics[] = [];
			for (const task of tasks) {
				await new Promise((resolve) => setTimeout(resolve, 0));
				if (job.cancelled) throw new SweepCancelled();
				out.push(...runner.run([task], done));
			}
			return out;
		},
		terminate() {}
	};
}

/** The API sweep.worker.ts exposes. */
export interface SweepWorkerApi {
	load(columns: BarColumns, symbol: string, config: RunConfig): void;
	run(tasks: SweepTask[], done: () => void): BacktestMetrics[];
}

function workerRunner(): CellRunner {
	const worker = new Worker(new URL('./sweep.worker.ts', import.meta.url), {
		type: 'module',
		name: 'fillbook-sweep'
	});
	const remote: Remote<SweepWorkerApi> = wrap<SweepWorkerApi>(worker);
	return {
		load(columns, symbol, config) {
			const own = copyColumns(columns);
			return remote.load(transfer(own, columnBuffers(own)), symbol, config);
		},
		run: (tasks, done) => remote.run(tasks, proxy(done)),
		terminate() {
			remote[releaseProxy]();
			worker.terminate();
		}
	};
}

/** A copy of the columns for one worker (a transfer moves its buffers away). */
function copyColumns(c: BarColumns): BarColumns {
	return {
		time: c.time.slice(),
		open: c.open.slice(),
		high: c.high.slice(),
		low: c.low.slice(),
		close: c.close.slice(),
		volume: c.volume.slice()
	};
}

const columnBuffers = (c: BarColumns): ArrayBuffer[] =>
	[c.time, c.open, c.high, c.low, c.close, c.volume].map((a) => a.buffer as ArrayBuffer);

/** How many workers a run of `tasks` gets: one core left to the page and the engine, at most 4. */
export function poolSize(tasks: number, cores: number | undefined): number {
	return Math.max(1, Math.min((cores ?? 2) - 1, tasks, 4));
}

/**
 * `tasks` cut into `parts` contiguous shares in order, sizes differing by at most one.
 * @example splitTasks([1, 2, 3, 4, 5], 2) // [[1, 2, 3], [4, 5]]
 */
export function splitTasks<T>(tasks: readonly T[], parts: number): T[][] {
	const out: T[][] = [];
	const n = Math.max(1, Math.min(parts, tasks.length));
	let from = 0;
	for (let k = 0; k < n; k++) {
		const size = Math.floor(tasks.length / n) + (k < tasks.length % n ? 1 : 0);
		out.push(tasks.slice(from, from + size));
		from += size;
	}
	return out;
}

export interface PoolOptions {
	job: SweepJob;
	/** Called after each task with how many are done. */
	onDone: (done: number) => void;
	/** How many runners; default: `poolSize` of the machine. */
	size?: number;
	/** Starts a runner for the job; default: a worker where there can be one, else this thread. */
	spawn?: (job: SweepJob) => CellRunner;
}

/**
 * Runs `tasks` over the bars on a pool of runners: each given the bars once, then its share.
 * The figures come back in task order whatever the split.
 * @throws SweepCancelled when the job is cancelled.
 */
export async function runPool(
	columns: BarColumns,
	symbol: string,
	config: RunConfig,
	tasks: readonly SweepTask[],
	options: PoolOptions
): Promise<{ metrics: BacktestMetrics[]; runners: number }> {
	const { job } = options;
	const canSpawn = typeof Worker !== 'undefined';
	const spawn = options.spawn ?? (canSpawn ? workerRunner : inThreadRunner);
	const size =
		options.size ??
		(options.spawn || canSpawn ? poolSize(tasks.length, globalThis.navigator?.hardwareConcurrency) : 1);
	const shares = splitTasks(tasks, size);
	const runners = shares.map(() => spawn(job));
	let done = 0;
	const tick = () => options.onDone(++done);
	try {
		return await new Promise((resolve, reject) => {
			job.abort = () => reject(new SweepCancelled());
			if (job.cancelled) return job.abort();
			Promise.all(
				runners.map(async (runner, k) => {
					await runner.load(columns, symbol, config);
					return runner.run(shares[k]!, tick);
				})
			).then((parts) => resolve({ metrics: parts.flat(), runners: runners.length }), reject);
		});
	} finally {
		job.abort = undefined;
		for (const runner of runners) runner.terminate();
	}
}
