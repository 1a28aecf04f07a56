/**
 * The replay benchmark (issue 17): a paper session over a generated long stretch of 1-minute bars
 * with the SMA 10/30 template attached and started, played through the real engine worker at 100
 * bars a second as the desk's play does (10 ticks a second, each stepping 10 bars, the next tick
 * waiting while a step is on its way), each answer merged as the desk merges it (desk-view.ts,
 * desk-bars.ts). Played early in the session, then deep into it (after the strategy has traded
 * for thousands of bars), then deep again with the whole view answered every step, as the desk was
 * answered before changes were sent (for contrast). Per phase: the time per step (call to merged),
 * main-thread long tasks, and bytes stored per bar (navigator.storage.estimate()).
 */
import { proxy, type Remote } from 'comlink';
import Dexie from 'dexie';
import { allRulesOff } from '$lib/core/risk';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import { DeskBars } from '$lib/state/desk-bars';
import { isChange, markOf, mergeDesk, NOTHING_HELD } from '$lib/state/desk-view';
import type { EngineApi, ImportRequest, PaperDesk } from '$workers/contract';

export interface ReplayConfig {
	/** 1-minute bars generated and imported. */
	bars: number;
	/** Seconds each phase plays at 100 bars a second. */
	seconds: number;
}

export interface ReplayPhase {
	name: string;
	/** The session's cursor when the phase began. */
	from: number;
	steps: number;
	bars: number;
	/** Each step's time, call to merged, ms. */
	stepMs: number[];
	/** Each answer's handling on the main thread (merged into the desk, its bars appended), ms. */
	mergeMs: number[];
	longTasks: { count: number; longestMs: number };
	/** navigator.storage.estimate() usage growth over the phase, per bar revealed. */
	bytesPerBar: number;
	/** What the session held at the end of the phase. */
	orders: number;
	executions: number;
}

export interface ReplayResult {
	bars: number;
	importMs: number;
	strategy: string;
	phases: ReplayPhase[];
}

const SYMBOL = 'BENCH';
const MINUTE = 60_000;
/** 2025-10-13 00:00 New York (EDT, UTC−4). */
const START = Date.UTC(2025, 9, 13, 4, 0);
const REQUEST: ImportRequest = {
	formatId: 'yahoo-bars',
	zone: 'America/New_York',
	tradeDate: null,
	symbol: SYMBOL,
	accountId: null,
	newAccountCurrency: 'USD'
};

/** A seeded random walk with drifting trends (so the SMA cross trades), Yahoo's CSV of it. */
function barsCsv(n: number): string {
	let seed = 17;
	const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
	const lines = ['Datetime,Open,High,Low,Close,Adj Close,Volume'];
	let close = 50;
	let drift = 0;
	const pad = (x: number) => String(x).padStart(2, '0');
	for (let i = 0; i < n; i++) {
		if (i % 60 === 0) drift = (random() - 0.5) * 0.002;
		const open = close;
		close = Math.max(1, open * (1 + drift + (random() - 0.5) * 0.004));
		const high = Math.max(open, close) * (1 + random() * 0.001);
		const low = Math.min(open, close) * (1 - random() * 0.001);
		// New York wall time (EDT all along: 20,000 minutes from 13 October end before 2 November).
		const d = new Date(START + i * MINUTE - 4 * 3_600_000);
		const wall = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:00-04:00`;
		const f = (x: number) => x.toFixed(2);
		lines.push(
			`${wall},${f(open)},${f(high)},${f(low)},${f(close)},${f(close)},${10_000 + Math.floor(random() * 5000)}`
		);
	}
	return `${lines.join('\n')}\n`;
}

const storageUsage = async () => (await navigator.storage.estimate()).usage ?? 0;

/**
 * Plays the session at 100 bars a second for `seconds` as the desk does; `whole`: every answer is
 * the whole view (no mark sent), as before.
 */
async function play(
	engine: Remote<EngineApi>,
	held: { desk: PaperDesk; bars: DeskBars },
	name: string,
	seconds: number,
	whole: boolean,
	longTasksBetween: (from: number, to: number) => Promise<{ duration: number }[]>
): Promise<ReplayPhase> {
	const id = held.desk.session.id;
	const from = held.desk.session.cursor;
	const usageBefore = await storageUsage();
	const stepMs: number[] = [];
	const mergeMs: number[] = [];
	const start = performance.now();
	await new Promise<void>((resolve, reject) => {
		let busy = false;
		let carry = 0;
		const timer = setInterval(() => {
			if (performance.now() - start >= seconds * 1000) {
				if (busy) return;
				clearInterval(timer);
				resolve();
				return;
			}
			carry += 100 / 10;
			const due = Math.floor(carry);
			if (due < 1 || busy) return;
			carry -= due;
			busy = true;
			const t0 = performance.now();
			// A mark of nothing held: the whole view, as before the changes.
			const answer = engine.paperStep('paper', id, due, whole ? NOTHING_HELD : markOf(held.desk));
			answer
				.then((update) => {
					const t1 = performance.now();
					const desk = mergeDesk(held.desk, update);
					if (!desk || !held.bars.take(desk.barsFrom, desk.bars)) throw new Error('the desk fell behind');
					held.desk = { ...desk, barsFrom: 0, bars: held.bars.view() };
					const t2 = performance.now();
					mergeMs.push(t2 - t1);
					stepMs.push(t2 - t0);
					busy = false;
				})
				.catch((e: unknown) => {
					clearInterval(timer);
					reject(e instanceof Error ? e : new Error(String(e)));
				});
		}, 100);
	});
	const end = performance.now();
	const tasks = await longTasksBetween(start, end);
	const bars = held.desk.session.cursor - from;
	return {
		name,
		from,
		steps: stepMs.length,
		bars,
		stepMs,
		mergeMs,
		longTasks: { count: tasks.length, longestMs: tasks.reduce((m, t) => Math.max(m, t.duration), 0) },
		bytesPerBar: ((await storageUsage()) - usageBefore) / Math.max(1, bars),
		orders: held.desk.view.orders.length,
		executions: held.desk.view.executions.length
	};
}

export async function replayBench(
	startEngine: () => { engine: Remote<EngineApi>; worker: Worker },
	config: ReplayConfig,
	longTasksBetween: (from: number, to: number) => Promise<{ duration: number }[]>,
	log: (message: string) => void
): Promise<ReplayResult> {
	await Dexie.delete('fillbook-paper');
	const { engine, worker } = startEngine();
	try {
		const file = new File([barsCsv(config.bars)], `${SYMBOL}.csv`, { type: 'text/csv' });
		const importStart = performance.now();
		const imported = await engine.importFile(
			'paper',
			'replay-bars',
			file,
			REQUEST,
			proxy(() => undefined)
		);
		const importMs = performance.now() - importStart;
		if (!imported.ok) throw new Error(`the bars did not import: ${JSON.stringify(imported)}`);
		const template = STRATEGY_TEMPLATES.find((t) => t.id === 'template:sma-cross')!;
		let desk = await engine.paperStart('paper', {
			symbol: SYMBOL,
			from: START,
			to: START + config.bars * MINUTE,
			broker: { startingCash: 1_000_000 },
			risk: allRulesOff()
		});
		if (desk.session.bars !== config.bars) throw new Error(`the session has ${desk.session.bars} bars`);
		await engine.paperAttachStrategy('paper', desk.session.id, template);
		desk = await engine.paperStrategy('paper', desk.session.id, 'start');
		const held = { desk, bars: new DeskBars() };
		held.bars.take(0, desk.bars);
		const perPhase = config.seconds * 100;
		const phases: ReplayPhase[] = [];
		log(`replay: ${config.bars} bars, early in the session, ${config.seconds} s at 100 bars/s`);
		phases.push(await play(engine, held, 'early', config.seconds, false, longTasksBetween));
		// Deep into the session (untimed): the strategy trades on.
		const deep = config.bars - 2 * perPhase - 500;
		log(`replay: stepping on to bar ${deep}`);
		while (held.desk.session.cursor < deep) {
			const update = await engine.paperStep(
				'paper',
				desk.session.id,
				Math.min(1000, deep - held.desk.session.cursor),
				NOTHING_HELD
			);
			if (isChange(update)) throw new Error('a desk holding nothing was answered with changes');
			held.bars.take(update.barsFrom, update.bars);
			held.desk = { ...update, barsFrom: 0, bars: held.bars.view() };
		}
		log(`replay: deep in the session, ${config.seconds} s at 100 bars/s`);
		phases.push(await play(engine, held, 'late', config.seconds, false, longTasksBetween));
		log(`replay: deep in the session, every answer the whole view, ${config.seconds} s`);
		phases.push(await play(engine, held, 'late, whole views', config.seconds, true, longTasksBetween));
		return { bars: config.bars, importMs, strategy: template.name, phases };
	} finally {
		await engine.close();
		worker.terminate();
	}
}
