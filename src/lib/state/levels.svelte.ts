import type { BarSymbol, LevelAlertInput, LevelAlertRow, PriceAtAnswer } from '$workers/contract';
import type { NotificationApi, WorkerNotifier } from './alert-notify';
import { browser } from '$app/environment';
import type { LevelKind, LevelUnit } from '$lib/core/prices';
import { formatInstant } from '$lib/core/time/zone';
import { deliver } from './alert-notify';
import { changes, displayZone, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';
import { LevelWatch } from './level-watch.svelte';
import { levelHistory, type LevelEvent } from './level-words';
import { localInstant } from './paper-words';
import { preferenceStorage } from './preferences';
import { View } from './view.svelte';

/** The Notification API where the browser has one. */
function notificationApi(): NotificationApi | undefined {
	return browser && 'Notification' in window ? window.Notification : undefined;
}

async function serviceWorkerNotifier(): Promise<WorkerNotifier | undefined> {
	if (!browser || !('serviceWorker' in navigator)) return undefined;
	return (await navigator.serviceWorker.getRegistration()) ?? undefined;
}

/**
 * The app's one watcher of level alerts (started by the layout): it checks the current mode at
 * start, on a mode switch, when another tab changes levels, when the app regains focus, and after
 * this tab's imports, alerts and marks.
 */
export const levelWatch = new LevelWatch({
	// A check asked for a mode no longer current has nothing to read: the engine is bound to the current one.
	events: (asked, afterSeq) => (asked === mode.current ? engine.levelEvents(afterSeq) : Promise.resolve([])),
	deliver: (notice) => deliver(notice, notificationApi(), serviceWorkerNotifier),
	storage: preferenceStorage,
	zone: () => displayZone.current
});

/**
 * Checks the current mode's levels for new triggers and doubts (after this tab brought prices).
 * A check that fails (the engine busy restoring a backup) is not retried: the next prices, a
 * focus or the next start check again, and nothing is lost (the events wait, numbered).
 */
export function checkLevels(): Promise<void> {
	return levelWatch.check(mode.current).catch(() => undefined);
}

/** A level as a form gives it: the value as typed. */
export interface LevelForm {
	/** Names the level in a refusal (`Take-profit`), when a form sets several. */
	label?: string;
	symbol: string;
	target: LevelAlertInput['target'];
	kind: LevelKind;
	unit: LevelUnit;
	value: string;
}

/** Which levels a view shows: every one, or one open trade's (with its symbol's price). */
export type LevelScope = { kind: 'all' } | { kind: 'trade'; tradeId: string; symbol: string };

export interface LevelsView {
	/** The levels in scope, newest first. */
	alerts: LevelAlertRow[];
	/** Symbols with bars (a price-cross alert is measured from the last bar). */
	symbols: BarSymbol[];
	/** The engine's refusal of the last alert set, shown beside its form. */
	problem: string | null;
	/** The engine's refusal of the last mark, or null. */
	markProblem: string | null;
	/** What the last mark did, or null. */
	markResult: string | null;
	/** The scope's symbol's validated price (at its last bar, or now without bars), or null. */
	price: PriceAtAnswer | null;
	/** The first load finished (the empty states may show). */
	loaded: boolean;
}

/**
 * Level alerts of the current mode: price crosses on a symbol and take-profits and stop-losses on
 * an open trade, set (refused with the engine's reason), cancelled, listed with their triggers and
 * doubts; manual price marks; a symbol's price validated across its sources.
 */
export class LevelsState {
	readonly #view = new View<LevelsView>(() => ({
		alerts: [],
		symbols: [],
		problem: null,
		markProblem: null,
		markResult: null,
		price: null,
		loaded: false
	}));
	readonly #scope: LevelScope;
	#generation = 0;

	constructor(scope: LevelScope = { kind: 'all' }) {
		this.#scope = scope;
	}

	get view(): Readonly<LevelsView> {
		return this.#view.current;
	}

	get armed(): LevelAlertRow[] {
		return this.view.alerts.filter((r) => r.status === 'armed');
	}

	/** Triggers and doubts, the newest first. */
	get history(): LevelEvent[] {
		return levelHistory(this.view.alerts);
	}

	/**
	 * Reads the levels (and the symbols with bars, and the scope's price). Called from an effect, it
	 * runs again when another tab changes levels, bars or marks, and when the watcher saw events.
	 */
	async load(): Promise<void> {
		changes.track(['levelAlerts', 'priceMarks', ...BAR_TABLES]);
		void levelWatch.view.stamp;
		const generation = ++this.#generation;
		const asked = mode.current;
		const [all, symbols] = await Promise.all([engine.levelAlerts(), engine.barSymbols()]);
		const scope = this.#scope;
		const alerts =
			scope.kind === 'all'
				? all
				: all.filter((r) => r.target.kind === 'trade' && r.target.tradeId === scope.tradeId);
		const price = scope.kind === 'trade' ? await this.#priceOf(scope.symbol, symbols) : null;
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#view.set({ alerts, symbols, price, loaded: true });
	}

	/** The symbol's price at its last bar (bars go stale after minutes), or now without bars. */
	#priceOf(symbol: string, symbols: readonly BarSymbol[]): Promise<PriceAtAnswer> {
		const last = symbols.find((s) => s.symbol === symbol)?.lastTime;
		return engine.priceAt(symbol, last ?? Date.now());
	}

	/**
	 * Sets levels as a form gives them (a take-profit and a stop-loss, or one cross) in turn,
	 * stopping at the first refused: false with why in `problem` (named by its label).
	 */
	async set(forms: readonly LevelForm[]): Promise<boolean> {
		if (!forms.length) {
			this.#view.set({ problem: 'Alert not set: give a take-profit, a stop-loss or both.' });
			return false;
		}
		let ok = true;
		for (const form of forms) {
			const label = form.label ? `${form.label}: ` : '';
			const text = form.value.trim();
			try {
				if (text === '') throw new Error('Alert not set: give the level’s value.');
				await engine.addLevelAlert({
					symbol: form.symbol,
					target: form.target,
					spec: { kind: form.kind, unit: form.unit, value: Number(text) }
				});
			} catch (error) {
				this.#view.set({ problem: label + messageOf(error) });
				ok = false;
				break;
			}
		}
		if (ok) this.#view.set({ problem: null });
		// Prices already there may have triggered a level at once.
		await Promise.all([checkLevels(), this.load()]);
		return ok;
	}

	async cancel(id: string): Promise<void> {
		await engine.cancelLevelAlert(id);
		await this.load();
	}

	/**
	 * Keeps a manual price (`local`: a datetime-local value in the display zone) and checks the
	 * symbol's levels against it.
	 */
	async mark(symbol: string, priceText: string, local: string): Promise<boolean> {
		const time = localInstant(local, displayZone.current);
		if (time === null) {
			this.#view.set({ markProblem: 'Mark not kept: give its date and time.', markResult: null });
			return false;
		}
		const price = Number(priceText.trim() === '' ? NaN : priceText);
		try {
			const changed = await engine.addPriceMark({ symbol, price, time });
			this.#view.set({
				markProblem: null,
				markResult: `Marked ${symbol.trim()} ${priceText.trim()} at ${formatInstant(time, displayZone.current)}: ${
					changed.length === 0
						? 'no level crossed'
						: `${changed.length} level${changed.length === 1 ? '' : 's'} changed`
				}.`
			});
		} catch (error) {
			this.#view.set({ markProblem: messageOf(error), markResult: null });
			return false;
		}
		await Promise.all([checkLevels(), this.load()]);
		return true;
	}

	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message.replace(/^Error: /, '') : String(error);
}
