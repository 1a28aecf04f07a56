import type { Dashboard, Unit } from '$lib/core/analytics';
import { dayKey, type TradeFilter } from '$lib/core/trades/query';
import { changes, displayZone, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { readPreference, rememberPreference } from './preferences';
import { View } from './view.svelte';

export const DASHBOARD_UNIT_KEY = 'fillbook.dashboard.unit';

/** What the dashboard page reads. */
export interface DashboardView {
	/** Null before the first answer; replaced wholesale on every answer (its typed arrays are never changed in place). */
	data: Dashboard | null;
	/** Whether a question is on its way. */
	loading: boolean;
	/** $ or R, as remembered. */
	unit: Unit;
}

/**
 * The dashboard of the filtered trades, asked of the engine whenever the filter, the unit or
 * the mode changes. Answers to an older question are dropped, so a slow answer never overwrites
 * a newer one. The unit is a preference: it is remembered across visits.
 */
export class DashboardState {
	readonly #view = new View<DashboardView>(() => ({ data: null, loading: true, unit: readUnit() }));
	#generation = 0;

	get view(): Readonly<DashboardView> {
		return this.#view.current;
	}

	/** The unit (also in the view), remembered across visits when set. */
	get unit(): Unit {
		return this.view.unit;
	}

	set unit(unit: Unit) {
		this.#view.set({ unit });
		rememberPreference(DASHBOARD_UNIT_KEY, unit);
	}

	async load(filter: TradeFilter, unit: Unit): Promise<void> {
		// Asked again when another tab changes the trades.
		changes.track(TRADE_TABLES);
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#view.set({ loading: true });
		const result = await engine.dashboard(filter, displayZone.current, unit);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#view.set({ data: result, loading: false });
	}

	/** `fillbook-equity-2026-11-22.png`: what a saved chart shows and the day (display zone) it was saved. */
	pngName(chart: string, now = Date.now()): string {
		return `fillbook-${chart}-${dayKey(now, displayZone.current)}.png`;
	}

	/** Back to the state of a fresh page; an answer still on its way is dropped. */
	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}

function readUnit(): Unit {
	return readPreference(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$';
}
