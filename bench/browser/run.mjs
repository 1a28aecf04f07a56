// The import benchmark in Chromium: generates (once) a DAS export, builds the benchmark page
// (bench/browser/vite.config.ts), serves it on 127.0.0.1, drives it with Playwright and prints
// our import against Papa Parse's worker mode on the same File, the main thread's long tasks,
// the read-back against bare IndexedDB, the import's stages one by one, and the dashboard's
// equity chart of a 1,000,000-point curve against a bare `new uPlot(...)` (--no-chart: not it).
//
// Then the replay benchmark (replay.ts): a strategy on a paper session played at 100 bars a second
// (--replay: that alone; --no-replay: not it).
//
//   node bench/browser/run.mjs [--quick] [--rows N] [--reps N] [--no-stages] [--no-chart]
//                              [--replay | --no-replay] [--replay-bars N] [--replay-seconds N]
//   (BENCH_QUICK=1 is --quick; BENCH_TMP sets where data, page and browser profile go)
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../../scripts/chromium.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { benchTmpDir, ensureDasFile } from '../generate-das.mjs';

const TARGET = 1.5;
const LONG_TASK_MS = 50;

const { values: args } = parseArgs({
	options: {
		quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
		rows: { type: 'string' },
		reps: { type: 'string' },
		'no-stages': { type: 'boolean', default: false },
		'no-chart': { type: 'boolean', default: false },
		replay: { type: 'boolean', default: false },
		'no-replay': { type: 'boolean', default: false },
		'replay-bars': { type: 'string' },
		'replay-seconds': { type: 'string' }
	},
	strict: true
});
const quick = args.quick;
const rows = Number(args.rows ?? (quick ? 100_000 : 1_000_000));
const reps = Number(args.reps ?? (quick ? 5 : 3));
/** @type {import('./main.ts').BenchConfig} */
const config = {
	reps,
	peerReps: reps,
	readReps: reps,
	stages: !args['no-stages'],
	rowSample: Math.min(rows, 100_000),
	// The chart is the same million points in quick runs too: the target is about that size.
	chartPoints: args['no-chart'] ? 0 : 1_000_000,
	// A first paint takes tens of ms: more runs than the imports, for a steadier median.
	chartReps: Math.max(reps, 9)
};

const fmtInt = (n) => n.toLocaleString('en-US');
const seconds = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const ms = (x) => `${x.toFixed(0).padStart(6)} ms`;
const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const mid = Math.floor(s.length / 2);
	return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const runsNote = (xs) =>
	xs.length === 1 ? '1 run' : `median of ${xs.length}: ${xs.map((x) => (x / 1000).toFixed(2)).join(', ')} s`;

/** @type {import('./replay.ts').ReplayConfig} */
const replayConfig = {
	bars: Number(args['replay-bars'] ?? 20_000),
	seconds: Number(args['replay-seconds'] ?? (quick ? 10 : 20))
};
const replayOnly = args.replay;

const started = performance.now();
const data = replayOnly ? null : await ensureDasFile(rows);
if (data)
	console.log(
		`bench: ${fmtInt(rows)} DAS executions, ${(data.bytes / 1e6).toFixed(1)} MB at ${data.path}` +
			(quick ? ' (quick)' : '')
	);

const configFile = new URL('./vite.config.ts', import.meta.url).pathname;
const pageOutDir = join(benchTmpDir(), 'page');
await build({ configFile, logLevel: 'warn', build: { outDir: pageOutDir } });

const server = await startServer({ dir: pageOutDir, port: 0 });
const profileDir = mkdtempSync(join(benchTmpDir(), 'profile-'));
// A persistent profile: IndexedDB on disk, as for a user (a fresh incognito context keeps it in memory).
const context = await chromium.launchPersistentContext(profileDir, {
	...chromiumLaunchOptions(),
	headless: true
});
let failed = false;
try {
	const page = context.pages()[0] ?? (await context.newPage());
	page.on('console', (message) => {
		if (message.text().startsWith('[bench]')) console.error(`  ${message.text().slice(8)}`);
		else if (message.type() === 'error') console.error(`  page error: ${message.text()}`);
	});
	page.on('pageerror', (error) => console.error(`  page error: ${error.message}`));
	await page.goto(`${server.url}/index.html`);
	const limit = Number(process.env.BENCH_TIMEOUT_S ?? 900);
	const timeout = () =>
		new Promise((_, reject) => {
			setTimeout(() => reject(new Error(`no result after ${limit} s`)), limit * 1000).unref();
		});
	if (data) {
		await page.setInputFiles('#file', data.path);
		/** @type {import('./main.ts').BenchResult} */
		const result = await Promise.race([
			page.evaluate((cfg) => /** @type {any} */ (globalThis).fillbookBench.run(cfg), config),
			timeout()
		]);
		report(result);
	}
	if (!args['no-replay']) {
		/** @type {import('./replay.ts').ReplayResult} */
		const replay = await Promise.race([
			page.evaluate((cfg) => /** @type {any} */ (globalThis).fillbookBench.replay(cfg), replayConfig),
			timeout()
		]);
		reportReplay(replay);
	}
} catch (error) {
	failed = true;
	console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
} finally {
	await context.close();
	await server.close();
	rmSync(profileDir, { recursive: true, force: true });
}
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);
process.exit(failed ? 1 : 0);

/** @param {import('./main.ts').BenchResult} r */
function report(r) {
	const n = r.ours.counts.imported;
	if (n !== rows) throw new Error(`imported ${n} executions, expected ${rows}`);
	const ours = median(r.ours.runsMs);
	const peer = median(r.peer.runsMs);
	const ratio = ours / peer;
	console.log('');
	console.log(
		`import ${fmtInt(n)} DAS executions: ours ${seconds(ours)} | peer ${r.peer.name} ${seconds(peer)} | ` +
			`ratio ${ratio.toFixed(2)}x (target <= ${TARGET}x: ${ratio <= TARGET ? 'met' : 'MISSED'})`
	);
	console.log(
		`  ours: ${runsNote(r.ours.runsMs)}; peer: ${runsNote(r.peer.runsMs)} (${fmtInt(r.peer.rows)} rows)`
	);
	const lt = r.ours.longTasks;
	const observer = !r.observer.supported
		? 'longtask entries NOT supported by this browser: no figure'
		: r.observer.selfCheckDetected
			? `observer self-check saw a deliberate ${r.observer.selfCheckMs.toFixed(0)} ms task`
			: 'observer self-check FAILED to see a deliberate 120 ms task';
	console.log(
		`main thread: ${lt.count} long tasks over ${LONG_TASK_MS} ms during our imports (longest ${lt.longestMs.toFixed(0)} ms; ` +
			`target: none: ${lt.count === 0 ? 'met' : 'MISSED'}) | during the peer: ${r.peer.longTasks.count} ` +
			`(longest ${r.peer.longTasks.longestMs.toFixed(0)} ms) | ${observer}`
	);
	const engine = median(r.read.engineMs);
	const raw = median(r.read.rawMs);
	console.log(
		`read back ${fmtInt(r.read.executions)} executions (${r.read.chunks} chunks): engine ${seconds(engine)} | ` +
			`raw IndexedDB getAll ${seconds(raw)} | ratio ${(engine / raw).toFixed(2)}x` +
			(r.read.checksumsAgree ? '' : ' (CHECKSUMS DIFFER)')
	);
	console.log(
		`  ${runsNote(r.read.engineMs)} vs ${runsNote(r.read.rawMs)}; decodeExecutions of all chunks to objects: ${seconds(r.read.decodeMs)}`
	);
	const g = r.grouping;
	const group = median(g.groupMs);
	const sort = median(g.sortMs);
	console.log(
		`group ${fmtInt(g.executions)} stored executions into ${fmtInt(g.trades)} trades in a worker: ${ms(group).trim()} | ` +
			`peer Float64Array.prototype.sort (${fmtInt(g.executions)} keys, same worker) ${ms(sort).trim()} | ` +
			`ratio ${(group / sort).toFixed(2)}x (target <= 2x: ${group / sort <= 2 ? 'met' : 'MISSED'})`
	);
	console.log(
		`  ${runsNote(g.groupMs)} vs ${runsNote(g.sortMs)}; reading them into one table first: ${seconds(g.buildMs)}`
	);
	if (r.chart) {
		const c = r.chart;
		const o = median(c.oursMs);
		const p = median(c.peerMs);
		const cr = o / p;
		const list = (xs) => xs.map((x) => x.toFixed(0)).join(', ');
		console.log(
			`equity curve ${fmtInt(c.points)} points first paint: ours ${o.toFixed(0)} ms | peer bare new uPlot ${p.toFixed(0)} ms | ` +
				`ratio ${cr.toFixed(2)}x (target <= ${TARGET}x: ${cr <= TARGET ? 'met' : 'MISSED'})`
		);
		console.log(
			`  ours (decimation + the equity chart, ${fmtInt(c.drawn)} points drawn at ${c.width} px): ` +
				`median of ${c.oursMs.length}: ${list(c.oursMs)} ms, of which decimation ${median(c.decimateMs).toFixed(1)} ms; ` +
				`peer: median of ${c.peerMs.length}: ${list(c.peerMs)} ms`
		);
		console.log(
			`  the dashboard's whole figure (equity + drawdown charts): ${median(c.bothMs).toFixed(0)} ms ` +
				`(${(median(c.bothMs) / p).toFixed(2)}x the peer's one chart); median of ${c.bothMs.length}: ${list(c.bothMs)} ms`
		);
	}
	if (r.stages) {
		const total = r.stages.stages.filter((s) => !s.part).reduce((t, s) => t + s.ms, 0);
		console.log('');
		console.log(`import stages, one run in the bench worker (${fmtInt(r.stages.imported)} stored):`);
		// streamCsv alone is timed first but is part of parseFile: show it under it.
		const list = [...r.stages.stages];
		const alone = list.findIndex((s) => s.name.includes('streamCsv alone'));
		if (alone === 0 && list.length > 1) list.splice(0, 2, list[1], list[0]);
		for (const s of list) {
			const share = s.part ? '' : `${((100 * s.ms) / total).toFixed(0)}%`;
			const thread = s.thread ? `[${s.thread}] ` : '';
			console.log(`  ${ms(s.ms)} ${share.padStart(4)}  ${thread}${s.name}`);
		}
		console.log(
			`  ${ms(total)}       sum of the stages, one after another (a real import: ${seconds(ours)})`
		);
		for (const thread of ['parse worker', 'engine']) {
			const sum = list.filter((s) => s.thread === thread && !s.part).reduce((t, s) => t + s.ms, 0);
			console.log(`  ${ms(sum)}       of which in the ${thread}`);
		}
		console.log(
			'  (in a real import the two threads work at the same time; the commit waits for the last piece)'
		);
	}
	if (r.rowParts) {
		console.log(
			`per-call estimates from ${fmtInt(r.rowParts.sampled)} sampled rows, scaled to ${fmtInt(n)} rows:`
		);
		for (const s of r.rowParts.stages) console.log(`  ${ms(s.ms)}       ${s.name}`);
	}
}

/**
 * The replay rows: per phase the time per step (median, p99), long tasks, bytes stored per bar;
 * the ratio of the late phase's median step to the early one's (the target: about 1, O(1) a step).
 * @param {import('./replay.ts').ReplayResult} r
 */
function reportReplay(r) {
	const pct = (xs, p) => {
		const s = [...xs].sort((a, b) => a - b);
		return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
	};
	console.log('');
	console.log(
		`replay ${fmtInt(r.bars)} 1-minute bars, ${r.strategy} attached, at 100 bars/s (the desk's 10 steps of 10 a second; bars imported in ${seconds(r.importMs)}):`
	);
	for (const p of r.phases) {
		const rate = p.bars / (p.steps ? p.steps : 1);
		console.log(
			`  ${p.name.padEnd(18)} from bar ${fmtInt(p.from).padStart(6)}: ${fmtInt(p.steps)} steps (${rate.toFixed(0)} bars each), ` +
				`step median ${median(p.stepMs).toFixed(1)} ms, p99 ${pct(p.stepMs, 99).toFixed(1)} ms ` +
				`(on the main thread: median ${median(p.mergeMs).toFixed(2)} ms, max ${Math.max(...p.mergeMs).toFixed(2)} ms) | ` +
				`long tasks ${p.longTasks.count} (longest ${p.longTasks.longestMs.toFixed(0)} ms; target: none over ${LONG_TASK_MS} ms: ${p.longTasks.count === 0 ? 'met' : 'MISSED'}) | ` +
				`${p.bytesPerBar.toFixed(0)} B stored a bar | ${fmtInt(p.orders)} orders, ${fmtInt(p.executions)} executions held`
		);
	}
	const [early, late, whole] = r.phases;
	if (early && late) {
		const ratio = median(late.stepMs) / median(early.stepMs);
		console.log(
			`  step late vs early: ratio ${ratio.toFixed(2)}x (O(1) a step: about 1x)` +
				(whole
					? `; whole views late: ${(median(whole.stepMs) / median(late.stepMs)).toFixed(2)}x the changes`
					: '')
		);
	}
}
