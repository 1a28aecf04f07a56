/**
 * The import benchmark page. On the same File, in one page run:
 *  - peer: Papa.parse(file, { worker: true, chunk }) counting rows (Papa Parse's own worker mode);
 *  - ours: File -> stored through the real engine worker (workers/engine.worker.ts, Comlink),
 *    importFile in paper mode, timed from the call to the resolved outcome, with the main
 *    thread's long tasks recorded meanwhile;
 *  - read-back: every stored execution chunk through Fillbook's Dexie database vs bare IndexedDB;
 *  - optionally, the import stage by stage (probe.worker.ts);
 *  - the replay benchmark (replay.ts), called apart (`fillbookBench.replay`);
 *  - unless turned off, the equity chart's first paint of a 1,000,000-point curve against a bare
 *    `new uPlot(...)` (chart.ts), first, before the imports fill the heap.
 * bench/browser/run.mjs drives it and prints the results.
 */

import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import Dexie from 'dexie';
import Papa from 'papaparse';
import type { EngineApi, ImportOutcome, ImportRequest, Progress } from '$workers/contract';
import { chartBench, type ChartTiming } from './chart';
import { replayBench, type ReplayConfig, type ReplayResult } from './replay';
import type { GroupTiming, ProbeApi, ReadTiming, Stage } from './probe.worker';

export interface BenchConfig {
	/** Timed imports through the engine (each into a freshly deleted database). */
	reps: number;
	/** Timed runs of the peer. */
	peerReps: number;
	/** Timed reads of each kind (after one untimed read of each). */
	readReps: number;
	/** Also time the import stage by stage. */
	stages: boolean;
	/** Rows sampled for the per-call row-parser estimates (0: none). */
	rowSample: number;
	/** Points of the equity chart benchmark's curve (0: no chart benchmark). */
	chartPoints: number;
	/** Timed first paints of each side in the chart benchmark. */
	chartReps: number;
}

export interface LongTasks {
	count: number;
	longestMs: number;
}

export interface BenchResult {
	file: { name: string; bytes: number };
	observer: { supported: boolean; selfCheckDetected: boolean; selfCheckMs: number };
	peer: { name: string; runsMs: number[]; rows: number; longTasks: LongTasks };
	ours: {
		runsMs: number[];
		counts: Extract<ImportOutcome, { ok: true }>['counts'];
		longTasks: LongTasks;
		progress: number;
	};
	read: {
		engineMs: number[];
		rawMs: number[];
		decodeMs: number;
		executions: number;
		chunks: number;
		checksumsAgree: boolean;
	};
	grouping: GroupTiming;
	stages: { stages: Stage[]; imported: number } | null;
	rowParts: { stages: Stage[]; sampled: number } | null;
	chart: ChartTiming | null;
}

export const REQUEST: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: '2025-10-13',
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
const DB_NAME = 'fillbook-paper';

const logEl = document.querySelector('#log');
function log(message: string): void {
	console.log(`[bench] ${message}`);
	if (logEl) logEl.textContent += `${message}\n`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Main-thread long tasks (over 50 ms, by the Long Tasks API's definition), for the whole page life.
const longTaskLog: { start: number; duration: number }[] = [];
let observerSupported = false;
try {
	new PerformanceObserver((list) => {
		for (const entry of list.getEntries())
			longTaskLog.push({ start: entry.startTime, duration: entry.duration });
	}).observe({ type: 'longtask', buffered: true });
	observerSupported = PerformanceObserver.supportedEntryTypes.includes('longtask');
} catch {
	observerSupported = false;
}

/** Long tasks that started in [from, to), after giving the observer time to deliver them. */
async function longTasksBetween(from: number, to: number): Promise<{ start: number; duration: number }[]> {
	await sleep(250);
	return longTaskLog.filter((t) => t.start >= from && t.start < to);
}

function summarise(tasks: { duration: number }[]): LongTasks {
	return { count: tasks.length, longestMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0) };
}

/** Blocks the main thread for 120 ms in a task of its own, to prove the observer sees long tasks. */
async function observerSelfCheck(): Promise<{ detected: boolean; ms: number }> {
	const start = performance.now();
	await new Promise<void>((resolve) =>
		setTimeout(() => {
			const busy = performance.now();
			while (performance.now() - busy < 120) {
				// busy on purpose
			}
			resolve();
		}, 0)
	);
	const tasks = await longTasksBetween(start, performance.now());
	return { detected: tasks.length > 0, ms: summarise(tasks).longestMs };
}

/**
 * Papa Parse's worker script: the package's papaparse.min.js with `IS_PAPA_WORKER = true` in
 * front, served beside the page (vite.config.ts says why Papa's own blob cannot be used here).
 */
(Papa as unknown as { BLOB_URL?: string }).BLOB_URL = new URL('papaparse-worker.js', document.baseURI).href;

/** The peer: Papa Parse's own worker mode, streaming the file in chunks, counting rows. */
function papaWorker(file: File): Promise<number> {
	return new Promise((resolve, reject) => {
		let rows = 0;
		Papa.parse<string[]>(file, {
			worker: true,
			chunk(results) {
				rows += results.data.length;
			},
			complete() {
				resolve(rows);
			},
			error(error) {
				reject(error);
			}
		});
	});
}

/** One timed run of the peer, with the main thread's long tasks meanwhile. */
async function peerRun(file: File): Promise<{ ms: number; rows: number; tasks: { duration: number }[] }> {
	if (!Papa.WORKERS_SUPPORTED) throw new Error('Papa.WORKERS_SUPPORTED is false in this page');
	const start = performance.now();
	const rows = await papaWorker(file);
	const ms = performance.now() - start;
	return { ms, rows, tasks: await longTasksBetween(start, start + ms) };
}

function startEngine(): { engine: Remote<EngineApi>; worker: Worker } {
	const worker = new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), {
		type: 'module',
		name: 'fillbook-engine'
	});
	return { engine: wrap<EngineApi>(worker), worker };
}

/**
 * One timed import through the engine worker: a fresh worker and an empty database, both ready
 * before the clock starts; timed from the call to the resolved outcome.
 */
async function oursRun(
	file: File,
	run: number
): Promise<{ ms: number; outcome: ImportOutcome; tasks: { duration: number }[]; progress: number }> {
	const { engine, worker } = startEngine();
	await engine.cancelImport('paper', 'warm-up');
	await Dexie.delete(DB_NAME);
	let progress = 0;
	const start = performance.now();
	const outcome = await engine.importFile(
		'paper',
		`bench-${run}`,
		file,
		REQUEST,
		proxy((_p: Progress) => {
			progress++;
		})
	);
	const ms = performance.now() - start;
	await engine.close();
	engine[releaseProxy]();
	worker.terminate();
	return { ms, outcome, tasks: await longTasksBetween(start, start + ms), progress };
}

/** Peer and ours alternately (the last run of ours leaves its import stored for the reads). */
async function runImports(
	file: File,
	config: BenchConfig
): Promise<{ peer: BenchResult['peer']; ours: BenchResult['ours'] }> {
	const peer: BenchResult['peer'] = {
		name: 'Papa.parse(worker,chunk)',
		runsMs: [],
		rows: 0,
		longTasks: { count: 0, longestMs: 0 }
	};
	const peerTasks: { duration: number }[] = [];
	const oursTasks: { duration: number }[] = [];
	let ours: BenchResult['ours'] | null = null;
	for (let i = 0; i < Math.max(config.peerReps, config.reps); i++) {
		if (i < config.peerReps) {
			const p = await peerRun(file);
			peer.runsMs.push(p.ms);
			peer.rows = p.rows;
			peerTasks.push(...p.tasks);
			log(
				`peer run ${i + 1}/${config.peerReps}: ${(p.ms / 1000).toFixed(2)} s, ${p.rows} rows, ${p.tasks.length} long tasks`
			);
		}
		if (i < config.reps) {
			const o = await oursRun(file, i);
			if (!o.outcome.ok) throw new Error(`import failed: ${o.outcome.message}`);
			const counts = o.outcome.counts;
			if (counts.rejected > 0 || counts.duplicates > 0)
				throw new Error(`import not clean: ${JSON.stringify(counts)}`);
			ours ??= { runsMs: [], counts, longTasks: { count: 0, longestMs: 0 }, progress: 0 };
			ours.runsMs.push(o.ms);
			ours.counts = counts;
			ours.progress = o.progress;
			oursTasks.push(...o.tasks);
			log(
				`ours run ${i + 1}/${config.reps}: ${(o.ms / 1000).toFixed(2)} s, ${counts.imported} imported, ` +
					`${o.tasks.length} long tasks, ${o.progress} progress reports`
			);
		}
	}
	if (!ours || peer.runsMs.length === 0) throw new Error('reps and peerReps must be at least 1');
	peer.longTasks = summarise(peerTasks);
	ours.longTasks = summarise(oursTasks);
	return { peer, ours };
}

async function runReads(probe: Remote<ProbeApi>, reps: number): Promise<BenchResult['read']> {
	const engineMs: number[] = [];
	const rawMs: number[] = [];
	let last: { engine: ReadTiming; raw: ReadTiming } | null = null;
	// One untimed read of each, then alternate which goes first.
	await probe.readEngine(false);
	await probe.readRaw();
	for (let r = 0; r < reps; r++) {
		const first = r % 2 === 0;
		const a = first ? await probe.readEngine(false) : await probe.readRaw();
		const b = first ? await probe.readRaw() : await probe.readEngine(false);
		const engine = first ? a : b;
		const raw = first ? b : a;
		engineMs.push(engine.ms);
		rawMs.push(raw.ms);
		last = { engine, raw };
		log(`read run ${r + 1}/${reps}: engine ${engine.ms.toFixed(0)} ms, raw ${raw.ms.toFixed(0)} ms`);
	}
	const decoded = await probe.readEngine(true);
	if (!last) throw new Error('no reads');
	return {
		engineMs,
		rawMs,
		decodeMs: decoded.decodeMs,
		executions: last.engine.executions,
		chunks: last.engine.chunks,
		checksumsAgree:
			last.engine.checksum === last.raw.checksum && last.raw.executions === last.engine.executions
	};
}

async function run(config: BenchConfig): Promise<BenchResult> {
	const input = document.querySelector<HTMLInputElement>('#file');
	const file = input?.files?.[0];
	if (!file) throw new Error('choose a file first');
	log(`${file.name}: ${(file.size / 1e6).toFixed(1)} MB`);
	const check = await observerSelfCheck();
	let chart: ChartTiming | null = null;
	if (config.chartPoints > 0) {
		log(`equity chart: ${config.chartPoints} points, ${config.chartReps} first paints of each`);
		chart = await chartBench(config.chartPoints, config.chartReps);
	}
	// Bring the file into the OS cache so the first timed run does not pay for the disk.
	await file.arrayBuffer();

	const { peer, ours } = await runImports(file, config);

	const probeWorker = new Worker(new URL('./probe.worker.ts', import.meta.url), { type: 'module' });
	const probe = wrap<ProbeApi>(probeWorker);
	try {
		const read = await runReads(probe, config.readReps);
		log('grouping the stored executions into trades');
		const grouping = await probe.grouping(config.readReps);
		let stages: BenchResult['stages'] = null;
		let rowParts: BenchResult['rowParts'] = null;
		if (config.stages) {
			log('timing the import stage by stage');
			stages = await probe.stages(file, REQUEST);
			if (config.rowSample > 0)
				rowParts = await probe.rowParts(file, REQUEST, config.rowSample, ours.counts.imported);
		}
		return {
			file: { name: file.name, bytes: file.size },
			observer: { supported: observerSupported, selfCheckDetected: check.detected, selfCheckMs: check.ms },
			peer,
			ours,
			read,
			grouping,
			stages,
			rowParts,
			chart
		};
	} finally {
		probe[releaseProxy]();
		probeWorker.terminate();
	}
}

/** The replay benchmark alone (replay.ts): a strategy attached, played at 100 bars a second. */
async function replay(config: ReplayConfig): Promise<ReplayResult> {
	const check = await observerSelfCheck();
	if (!check.detected) throw new Error('the long-task observer saw no long task');
	return replayBench(startEngine, config, longTasksBetween, log);
}

Object.assign(globalThis, { fillbookBench: { run, replay } });
