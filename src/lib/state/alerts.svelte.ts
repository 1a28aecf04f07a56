import type {
	AlertRecord,
	AlertSourceDto,
	AlertSourceInput,
	AlertVia,
	ReceiveAlertsResult
} from '$workers/contract';
import { browser } from '$app/environment';
import { mode } from './app.svelte';
import {
	deliver,
	noticeFor,
	summarize,
	type NotificationApi,
	type ReceiveSummary,
	type WorkerNotifier
} from './alert-notify';
import { engine } from './engine';
import { paper } from './paper.svelte';
import { readPreference, rememberPreference } from './preferences';
import { View } from './view.svelte';

/** The source alerts are received by, remembered in this browser. */
const SOURCE_KEY = 'fillbook.alerts.source';
/** Audit rows read at a time; "Load older" reads the next page. */
export const HISTORY_PAGE = 50;
/** The files the inbox reads: alert JSON (one, an array, or lines) and TradingView's alert log. */
export const ALERT_FILE_TYPES = '.json,.csv,.txt,application/json,text/csv,text/plain';
/** A file larger than this is not an alert log; reading it would only stall the page. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The last receive: how the input came, what was let in and kept out. */
export interface LastReceive extends ReceiveSummary {
	via: AlertVia;
	fileName: string | null;
	/** How the input was read (`json`, `tradingview-csv`, …). */
	format: ReceiveAlertsResult['format'];
}

/** What the inbox page reads. */
export interface AlertsView {
	/** The mode's sources, by name. */
	sources: AlertSourceDto[];
	/** The source the next receive goes through. */
	sourceId: string | null;
	/** Audit rows, newest first. */
	history: AlertRecord[];
	/** Older rows may exist (the last page read was full). */
	more: boolean;
	/** The last receive's result, or null. */
	last: LastReceive | null;
	/** Why the last receive or placement failed, or null. */
	message: string | null;
	/** The engine's refusal of the last source change, shown beside the form. */
	sourceProblem: string | null;
	/** An accepted alert told in the page, where system notifications are denied or unsupported. */
	banner: string | null;
	/** A receive is under way. */
	busy: boolean;
	/** The first load finished (the empty states may show). */
	loaded: boolean;
}

/**
 * The alert inbox: its sources (rules edited, secrets set but never shown), alerts received by
 * paste, file or share through the chosen source onto the desk's open paper session, the audit
 * history newest first, queued alerts placed later, and the notice of every accepted alert.
 */
export class AlertsState {
	readonly #view = new View<AlertsView>(() => ({
		sources: [],
		sourceId: null,
		history: [],
		more: false,
		last: null,
		message: null,
		sourceProblem: null,
		banner: null,
		busy: false,
		loaded: false
	}));
	/** Bumped by every load and reset: an answer for an older one is dropped. */
	#generation = 0;

	get view(): Readonly<AlertsView> {
		return this.#view.current;
	}

	/** The chosen source. */
	get source(): AlertSourceDto | null {
		return this.view.sources.find((s) => s.id === this.view.sourceId) ?? null;
	}

	/** Reads the sources and the newest alerts of the current mode, and the desk's open session. */
	async load(): Promise<void> {
		const generation = ++this.#generation;
		const asked = mode.current;
		const [sources, history] = await Promise.all([
			engine.alertSources(),
			engine.alertHistory({ limit: HISTORY_PAGE })
		]);
		if (asked === 'paper' && !paper.view.loaded) await paper.load();
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#view.set({ sources, history, more: history.length === HISTORY_PAGE, loaded: true });
		this.#pickSource(readPreference(SOURCE_KEY));
	}

	/** Reads the next page of older alerts. */
	async loadOlder(): Promise<void> {
		const oldest = this.view.history.at(-1);
		if (!oldest) return;
		const asked = mode.current;
		const older = await engine.alertHistory({ limit: HISTORY_PAGE, beforeSeq: oldest.seq });
		if (asked !== mode.current) return;
		const known = this.view.history.map((r) => r.id);
		this.#view.set({
			history: [...this.view.history, ...older.filter((r) => !known.includes(r.id))],
			more: older.length === HISTORY_PAGE
		});
	}

	chooseSource(id: string): void {
		this.#pickSource(id);
		rememberPreference(SOURCE_KEY, id);
	}

	#pickSource(id: string | null): void {
		const sources = this.view.sources;
		const pick =
			sources.find((s) => s.id === id) ?? sources.find((s) => s.id === this.view.sourceId) ?? sources[0];
		this.#view.set({ sourceId: pick?.id ?? null });
	}

	/**
	 * Receives the alerts in `text` through the chosen source: in paper mode onto the desk's open
	 * session (queued when none is open), in real mode only noted. Accepted alerts are notified.
	 */
	async receive(text: string, via: AlertVia, fileName?: string): Promise<LastReceive | null> {
		const asked = mode.current;
		if (!this.view.loaded) await this.load();
		const sourceId = this.view.sourceId;
		if (sourceId === null) {
			this.#view.set({ message: 'There is no alert source to receive by: add one under Sources.' });
			return null;
		}
		this.#view.set({ busy: true, message: null });
		try {
			const result = await engine.receiveAlerts({
				text,
				sourceId,
				via,
				...(fileName === undefined ? {} : { fileName }),
				sessionId: asked === 'paper' ? paper.id : null
			});
			if (asked !== mode.current) return null;
			const last: LastReceive = {
				...summarize(result),
				via,
				fileName: fileName ?? null,
				format: result.format
			};
			const fresh = [...result.records].reverse();
			const known = fresh.map((r) => r.id);
			this.#view.set({
				last,
				history: [...fresh, ...this.view.history.filter((r) => !known.includes(r.id))],
				// The accepted counts of the sources moved.
				sources: await engine.alertSources()
			});
			await this.#notify(result.records);
			return last;
		} catch (error) {
			this.#view.set({ message: messageOf(error) });
			return null;
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Receives each file (read as text) in turn, as picked, dropped or opened with the app. */
	async receiveFiles(files: readonly File[], via: AlertVia = 'file'): Promise<void> {
		for (const file of files) {
			if (file.size > MAX_FILE_BYTES) {
				this.#view.set({
					message: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB: an alert file is at most 20 MB. Nothing was received.`
				});
				continue;
			}
			await this.receive(await file.text(), via, file.name);
		}
	}

	/** Places a queued alert on the desk's open paper session. */
	async placeQueued(alertId: string): Promise<void> {
		const sessionId = paper.id;
		if (mode.current !== 'paper' || sessionId === null) {
			this.#view.set({
				message: 'No paper session is open on the desk: start or open one, then place the alert.'
			});
			return;
		}
		try {
			const row = await engine.placeQueuedAlert(alertId, sessionId);
			this.#view.set({
				history: this.view.history.map((r) => (r.id === row.id ? row : r)),
				message: row.outcome.kind === 'queued' ? `Still queued: ${row.outcome.reason}.` : null
			});
		} catch (error) {
			this.#view.set({ message: messageOf(error) });
		}
	}

	/** Adds or changes a source; the engine's refusal is kept in `sourceProblem`. Returns whether it was saved. */
	async saveSource(input: AlertSourceInput): Promise<boolean> {
		try {
			const saved = await engine.saveAlertSource(input);
			this.#view.set({ sources: await engine.alertSources(), sourceProblem: null });
			if (input.id === undefined) this.chooseSource(saved.id);
			return true;
		} catch (error) {
			this.#view.set({ sourceProblem: messageOf(error) });
			return false;
		}
	}

	/** Deletes a source (its alerts' audit rows stay); the engine refuses the last one. */
	async deleteSource(id: string): Promise<boolean> {
		try {
			await engine.deleteAlertSource(id);
			this.#view.set({ sources: await engine.alertSources(), sourceProblem: null });
			this.#pickSource(this.view.sourceId);
			return true;
		} catch (error) {
			this.#view.set({ sourceProblem: messageOf(error) });
			return false;
		}
	}

	clearSourceProblem(): void {
		this.#view.set({ sourceProblem: null });
	}

	dismissBanner(): void {
		this.#view.set({ banner: null });
	}

	async #notify(records: readonly AlertRecord[]): Promise<void> {
		const notice = noticeFor(records, mode.current);
		if (!notice) return;
		const channel = await deliver(notice, notificationApi(), serviceWorkerNotifier);
		if (channel === 'banner') this.#view.set({ banner: `${notice.title}. ${notice.body}` });
	}

	/** Back to a fresh inbox (tests; a mode switch). */
	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** The browser's Notification API, where it has one. */
function notificationApi(): NotificationApi | undefined {
	return browser && 'Notification' in window ? window.Notification : undefined;
}

async function serviceWorkerNotifier(): Promise<WorkerNotifier | undefined> {
	if (!browser || !('serviceWorker' in navigator)) return undefined;
	return (await navigator.serviceWorker.getRegistration()) ?? undefined;
}

/** The app's one inbox: alerts arrive from the page, the share target and files opened with the app. */
export const alerts = new AlertsState();
