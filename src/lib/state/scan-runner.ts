import type { ScanRun, ScanScheduleRow, ScanSignal } from '$workers/contract';
import { formatInstant } from '$lib/core/time/zone';

/**
 * The scheduled scans' timer: while the app is open, every `every` ms (and when the tab is shown
 * again) it asks the engine to run the due slots, and tells the trader about each run that found
 * new signals, once. The engine runs a slot once however many tabs ask, and answers each tab only
 * the schedules it ran, so a run is told in the tab that ran it. The clock, the timer, the page's
 * visibility and the notifier are passed in, so it is tested without a browser.
 */

/** What to tell about a run: a title and a line per new signal. */
export interface ScanNotice {
	title: string;
	body: string;
}

/** A timer (the window's, or a fake one in tests). */
export interface Timer {
	setInterval(run: () => void, ms: number): unknown;
	clearInterval(handle: unknown): void;
}

export interface ScanRunnerDeps {
	/** Runs the due slots (the engine's `runDueScans` for the current mode). */
	runDue: (sessionId: string | null) => Promise<ScanScheduleRow[]>;
	/** The desk's open paper session, or null (real mode, none open). */
	sessionId: () => Promise<string | null>;
	/** Tells one run's news (a system notification, or a banner). */
	notify: (notice: ScanNotice) => void | Promise<void>;
	/** Called with the schedules that ran (the Scans page reloads). */
	ran?: (rows: ScanScheduleRow[]) => void;
	/** A failed check (the engine is busy or gone): kept for the page, the timer goes on. */
	failed?: (error: Error) => void;
	timer: Timer;
	/** Calls back when the page is shown again; returns how to stop. */
	onVisible?: (callback: () => void) => () => void;
	/** How often to ask, ms (20–30 s: a slot runs within half a minute of its time). */
	every?: number;
	/** The zone intraday signal times are written in. */
	zone?: () => string;
}

export interface ScanRunner {
	/** Asks now (what the timer does); resolves when the answer is told. */
	check(): Promise<void>;
	stop(): void;
}

export const SCAN_CHECK_MS = 20_000;

/** Starts the timer (the first check at once); `stop` ends it. */
export function startScanRunner(deps: ScanRunnerDeps): ScanRunner {
	const told = new Set<string>();
	let running: Promise<void> | null = null;
	let stopped = false;

	async function once(): Promise<void> {
		const rows = await deps.runDue(await deps.sessionId());
		if (stopped) return;
		for (const row of rows) {
			const run = row.runs[0];
			const key = `${row.id}:${run?.slot}:${run?.at}`;
			if (!run || told.has(key)) continue;
			told.add(key);
			const notice = scanNotice(row.name, run, deps.zone?.() ?? 'UTC');
			if (notice) await deps.notify(notice);
		}
		if (rows.length) deps.ran?.(rows);
	}

	function check(): Promise<void> {
		// One check at a time: a slow answer is not asked again over itself.
		running ??= once()
			.catch((e: unknown) => deps.failed?.(e instanceof Error ? e : new Error(String(e))))
			.finally(() => (running = null));
		return running;
	}

	const handle = deps.timer.setInterval(() => void check(), deps.every ?? SCAN_CHECK_MS);
	const stopVisible = deps.onVisible?.(() => void check());
	void check();
	return {
		check,
		stop() {
			stopped = true;
			deps.timer.clearInterval(handle);
			stopVisible?.();
		}
	};
}

/**
 * The notice for a run with new signals, or null (a run with none, a missed or failed slot: shown
 * on the Scans page, not pushed).
 * @example scanNotice('SPY every 5 min', run, 'UTC') // { title: 'SPY every 5 min: 1 new signal', body: 'BUY SPY 1D 2020-11-10, placed' }
 */
export function scanNotice(name: string, run: ScanRun, zone: string): ScanNotice | null {
	if (run.kind !== 'ran' || run.signals.length === 0) return null;
	const n = run.signals.length;
	const lines = run.signals.map((s) => signalLine(s, zone));
	return {
		title: `${name}: ${n} new signal${n === 1 ? '' : 's'}`,
		body: lines.slice(0, 5).join('\n') + (n > 5 ? `\n… and ${n - 5} more` : '')
	};
}

/** `BUY SPY 1D 2020-11-10, placed` (or `, not placed: why`; nothing when the schedule only notifies). */
export function signalLine(s: ScanSignal, zone: string): string {
	const placed =
		s.placed === null ? '' : 'refused' in s.placed ? `, not placed: ${s.placed.refused}` : ', placed';
	return `${s.decision} ${s.symbol} ${s.timeframeLabel} ${scanSignalTime(s, zone)}${placed}`;
}

/** A daily (or longer) bar by its date, an intraday one by date and time in the zone. */
export function scanSignalTime(s: Pick<ScanSignal, 'time' | 'timeframeLabel'>, zone: string): string {
	return s.timeframeLabel.endsWith('D')
		? new Date(s.time + 43_200_000).toISOString().slice(0, 10)
		: formatInstant(s.time, zone).slice(0, 16);
}
