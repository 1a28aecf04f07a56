/**
 * Sweeps and walk-forward in the engine: it reads the symbol's bars through the bars repository
 * (as the charts do), plans the cells with core, and hands them to a pool of sweep workers it
 * starts itself (sweep-pool.ts; a dedicated worker may start workers), so the bars go from
 * IndexedDB to the workers without crossing the page, and the page only sees progress and the
 * figures. Read-only: nothing is written, so no write queue or lock is taken.
 */
import type {
	SweepApi,
	SweepBars,
	SweepOutcome,
	SweepProgress,
	SweepRequest,
	SweepResult,
	WalkForwardRequest,
	WalkForwardResult
} from './contract';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import type { Mode } from '$lib/core/model/mode';
import { allRulesOff } from '$lib/core/risk';
import type { BacktestMetrics } from '$lib/core/strategy/metrics';
import {
	bestCell,
	finishCell,
	planSweep,
	sweepParameters,
	type RunConfig,
	type SweepCell
} from '$lib/core/strategy/sweep';
import {
	chooseInSample,
	OVERFIT_RULE,
	planWalkForward,
	warmStretch,
	walkForwardReport
} from '$lib/core/strategy/walk-forward';
import type { FillbookDb } from '$lib/db/schema';
import { loadSymbolBars } from './engine-charts';
import { runPool, SweepCancelled, type PoolOptions, type SweepJob, type SweepTask } from './sweep-pool';

export interface SweepEngineOptions {
	/** Starts a runner (tests pass in-thread ones to split the cells their way). */
	spawn?: PoolOptions['spawn'];
	size?: number;
}

export function createSweep(db: (mode: Mode) => FillbookDb, options: SweepEngineOptions = {}): SweepApi {
	const jobs = new Map<string, SweepJob>();

	/** The symbol's bars and the run settings of a request; throws with what is missing. */
	async function load(mode: Mode, request: SweepRequest) {
		const found = await loadSymbolBars(db(mode), request.symbol, request.timeframe);
		if (!found || !found.bars.time.length)
			throw new Error(`There are no bars of ${request.symbol}: import some first`);
		const config: RunConfig = {
			broker: { ...DEFAULT_BROKER_CONFIG, ...request.broker },
			risk: request.risk ?? allRulesOff(),
			timeframeMs: found.timeframeMs
		};
		const n = found.bars.time.length;
		const bars: SweepBars = {
			symbol: request.symbol,
			timeframeLabel: found.label,
			count: n,
			firstTime: found.bars.time[0]!,
			lastTime: found.bars.time[n - 1]!
		};
		return { columns: found.bars, config, bars };
	}

	/** Runs `work` as job `jobId`, answering its outcome: cancelled, refused with a reason, or done. */
	async function asJob<T>(jobId: string, work: (job: SweepJob) => Promise<T>): Promise<SweepOutcome<T>> {
		if (jobs.has(jobId))
			return { ok: false, cancelled: false, message: `A sweep ${jobId} is already running` };
		const job: SweepJob = { cancelled: false };
		jobs.set(jobId, job);
		try {
			return { ok: true, result: await work(job) };
		} catch (error) {
			if (error instanceof SweepCancelled) return { ok: false, cancelled: true, message: error.message };
			return { ok: false, cancelled: false, message: error instanceof Error ? error.message : String(error) };
		} finally {
			jobs.delete(jobId);
		}
	}

	return {
		runSweep(mode, jobId, request: SweepRequest, onProgress: (p: SweepProgress) => void) {
			return asJob(jobId, async (job): Promise<SweepResult> => {
				const { columns, config, bars } = await load(mode, request);
				const plan = planSweep(request.strategy, request.grid);
				if (typeof plan === 'string') throw new RangeError(plan);
				const runnable = plan.cells.filter((c) => c.problem === null);
				const total = runnable.length;
				onProgress({ done: 0, total });
				const { metrics, runners } = await runPool(
					columns,
					request.symbol,
					config,
					runnable.map((c) => ({ def: c.def, from: 0, to: bars.count })),
					{ ...options, job, onDone: (done) => onProgress({ done, total }) }
				);
				const byIndex = new Map(runnable.map((c, k) => [c.index, metrics[k]!]));
				const cells = plan.cells.map((c) => finishCell(c, byIndex.get(c.index) ?? null));
				const labels = new Map(sweepParameters(request.strategy).map((p) => [p.key, p.label]));
				return {
					bars,
					metric: request.metric,
					axes: request.grid.map((a) => ({ key: a.key, label: labels.get(a.key) ?? a.key })),
					columns: plan.columns,
					rows: plan.rows,
					cells,
					best: bestCell(cells, request.metric),
					workers: runners
				};
			});
		},

		runWalkForward(mode, jobId, request: WalkForwardRequest, onProgress: (p: SweepProgress) => void) {
			return asJob(jobId, async (job): Promise<WalkForwardResult> => {
				const { columns, config, bars } = await load(mode, request);
				const plan = planWalkForward(request.strategy, request.grid, columns.time, request.windows);
				if (typeof plan === 'string') throw new RangeError(plan);
				const runnable = plan.grid.cells.filter((c) => c.problem === null);
				const isTasks: SweepTask[] = plan.windows.flatMap((w) =>
					runnable.map((c) => ({ def: c.def, ...warmStretch(w.isFrom, w.isTo, plan.warmUp) }))
				);
				const total = isTasks.length + plan.windows.length;
				let before = 0;
				const pool = (tasks: SweepTask[]) =>
					runPool(columns, request.symbol, config, tasks, {
						...options,
						job,
						onDone: (done) => onProgress({ done: before + done, total })
					});
				onProgress({ done: 0, total });
				const first = await pool(isTasks);
				const inSample: SweepCell[][] = plan.windows.map((_, w) => {
					const byIndex = new Map(runnable.map((c, k) => [c.index, first.metrics[w * runnable.length + k]!]));
					return plan.grid.cells.map((c) => finishCell(c, byIndex.get(c.index) ?? null));
				});
				const chosen = inSample.map((cells) => chooseInSample(cells, request.metric));
				const oosTasks = plan.windows.flatMap((w, i) =>
					chosen[i] === null
						? []
						: [{ def: plan.grid.cells[chosen[i]!]!.def, ...warmStretch(w.oosFrom, w.oosTo, plan.warmUp) }]
				);
				before = isTasks.length + plan.windows.length - oosTasks.length;
				const second = oosTasks.length ? await pool(oosTasks) : { metrics: [], runners: 0 };
				let k = 0;
				const outOfSample = chosen.map((c): BacktestMetrics | null =>
					c === null ? null : second.metrics[k++]!
				);
				const t = columns.time;
				return {
					bars,
					report: walkForwardReport(plan, inSample, outOfSample, request.metric),
					times: plan.windows.map((w) => ({
						isStart: t[w.isFrom]!,
						oosStart: t[w.oosFrom]!,
						oosLast: t[w.oosTo - 1]!
					})),
					rule: OVERFIT_RULE,
					workers: Math.max(first.runners, second.runners)
				};
			});
		},

		cancelSweep(_mode: Mode, jobId: string): boolean {
			const job = jobs.get(jobId);
			if (!job) return false;
			job.cancelled = true;
			job.abort?.();
			return true;
		}
	};
}
