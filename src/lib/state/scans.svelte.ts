import type { BarSymbol, ScanScheduleInput, ScanScheduleRow } from '$workers/contract';
import { displayZone, mode } from './app.svelte';
import { engine } from './engine';
import { SESSION_KEY } from './paper.svelte';
import { readPreference } from './preferences';
import { startScanRunner, type ScanNotice, type ScanRunner } from './scan-runner';
import { View } from './view.svelte';

/** The part of the Notification API a scan's notice uses (`window.Notification`, or absent). */
export interface NotificationApi {
	readonly permission: NotificationPermission;
	requestPermission(): Promise<NotificationPermission>;
	new (title: string, options?: { body?: string; tag?: string }): object;
}

/**
 * Shows a notice as a system notification when the browser has the API and the user allows it
 * (asking while permission is undecided); false when it must be shown in the page instead.
 */
export async function notifySystem(notice: ScanNotice, api: NotificationApi | undefined): Promise<boolean> {
	if (!api) return false;
	let permission = api.permission;
	if (permission === 'default') permission = await api.requestPermission().catch(() => 'denied' as const);
	if (permission !== 'granted') return false;
	try {
		new api(notice.title, { body: notice.body, tag: 'fillbook-scan' });
		return true;
	} catch {
		// Android Chrome allows notifications only from a service worker: shown in the page.
		return false;
	}
}

/** The scans' notices shown in the page (notifications denied or unsupported), newest first. */
export class ScanBanners {
	#notices = $state.raw<(ScanNotice & { id: number })[]>([]);
	#ids = 0;

	get notices(): readonly (ScanNotice & { id: number })[] {
		return this.#notices;
	}

	add(notice: ScanNotice): void {
		this.#notices = [{ ...notice, id: ++this.#ids }, ...this.#notices].slice(0, 3);
	}

	dismiss(id: number): void {
		this.#notices = this.#notices.filter((n) => n.id !== id);
	}

	reset(): void {
		this.#notices = [];
	}
}

export const scanBanners = new ScanBanners();

/** Counts the runs this tab's timer made, so the Scans page reads them again. */
class ScanTicks {
	#count = $state(0);
	get count(): number {
		return this.#count;
	}
	bump(): void {
		this.#count++;
	}
}

export const scanTicks = new ScanTicks();

/** The desk's open paper session: the one opened last when it still runs, else the newest running one. */
async function deskSessionId(): Promise<string | null> {
	if (mode.current !== 'paper') return null;
	const sessions = (await engine.paperSessions()).filter((s) => s.status === 'running');
	const saved = readPreference(SESSION_KEY);
	return (sessions.find((s) => s.id === saved) ?? sessions.at(-1))?.id ?? null;
}

/**
 * Starts the scans' timer for this tab (the layout, once): due slots run while the app is open,
 * each run with new signals is notified. Returns how to stop.
 */
export function startScans(win: Window = window): () => void {
	const runner: ScanRunner = startScanRunner({
		runDue: (sessionId) => engine.runDueScans({ sessionId }),
		sessionId: deskSessionId,
		notify: async (notice) => {
			const api = (win as Window & { Notification?: NotificationApi }).Notification;
			if (!(await notifySystem(notice, api))) scanBanners.add(notice);
		},
		ran: () => scanTicks.bump(),
		timer: {
			setInterval: (f, ms) => win.setInterval(f, ms),
			clearInterval: (h) => win.clearInterval(h as number)
		},
		onVisible: (callback) => {
			const onChange = () => win.document.visibilityState === 'visible' && callback();
			win.document.addEventListener('visibilitychange', onChange);
			return () => win.document.removeEventListener('visibilitychange', onChange);
		},
		zone: () => displayZone.current
	});
	return () => runner.stop();
}

/** What the Scans page reads. */
export interface ScansView {
	schedules: ScanScheduleRow[];
	/** Each schedule's next slot (null when disabled or none in two weeks). */
	next: Record<string, number | null>;
	/** The symbols with bars, to pick from. */
	symbols: BarSymbol[];
	loaded: boolean;
	/** The schedule being run by hand, or null. */
	running: string | null;
	/** Why the last action on the list failed, or null. */
	error: string | null;
}

/**
 * The Scans page: the schedules with their next run and their runs, saved, switched on and off,
 * deleted and run by hand through the engine (which checks them and says what is wrong).
 */
export class ScansState {
	readonly #view = new View<ScansView>(() => ({
		schedules: [],
		next: {},
		symbols: [],
		loaded: false,
		running: null,
		error: null
	}));

	get view(): Readonly<ScansView> {
		return this.#view.current;
	}

	async load(): Promise<void> {
		const asked = mode.current;
		const [schedules, next, symbols] = await Promise.all([
			engine.scanSchedules(),
			engine.nextScanRuns(),
			engine.barSymbols()
		]);
		if (asked !== mode.current) return;
		this.#view.set({
			schedules,
			next: Object.fromEntries(next.map((n) => [n.id, n.next])),
			symbols,
			loaded: true
		});
	}

	/** Saves a schedule; the engine's reason when it is refused, else null. */
	async save(input: ScanScheduleInput): Promise<string | null> {
		try {
			await engine.saveScanSchedule(input);
		} catch (e) {
			return (e as Error).message;
		}
		await this.load();
		return null;
	}

	async setEnabled(row: ScanScheduleRow, enabled: boolean): Promise<void> {
		const error = await this.save({ ...inputOf(row), enabled });
		this.#view.set({ error });
	}

	async remove(id: string): Promise<void> {
		await this.#act(() => engine.deleteScanSchedule(id));
	}

	/** Runs a schedule now, on the desk's open session (its timing's slots stay as they were). */
	async runNow(id: string): Promise<void> {
		this.#view.set({ running: id });
		try {
			await this.#act(async () => engine.runScanNow(id, { sessionId: await deskSessionId() }));
		} finally {
			this.#view.set({ running: null });
		}
	}

	async #act(task: () => Promise<unknown>): Promise<void> {
		try {
			await task();
			this.#view.set({ error: null });
		} catch (e) {
			this.#view.set({ error: (e as Error).message });
		}
		await this.load();
	}

	reset(): void {
		this.#view.reset();
	}
}

/** A stored schedule as the engine takes it back. */
export function inputOf(row: ScanScheduleRow): ScanScheduleInput {
	const { id, name, timing, params, symbols, timeframe, placeOrders, enabled } = row;
	return { id, name, timing, params, symbols, timeframe, placeOrders, enabled };
}
