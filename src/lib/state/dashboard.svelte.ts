import type { Dashboard, Unit } from '$lib/core/analytics';
import { dayKey, type TradeFilter } from '$lib/core/trades/query';
import { changes, displayZone, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { preferenceStorage } from './preferences';

export const DASHBOARD_UNIT_KEY = 'fillbook.dashboard.unit';

/**
 * The dashboard of the filtered trades, asked of the engine whenever the filter, the unit or
 * the mode changes. Answers to an older question are dropped, so a slow answer never overwrites
 * a newer one. The unit is a preference: it is remembered across visits.
 */
export class DashboardState {
	/** Replaced wholesale on every answer: its typed arrays are never changed in place. */
	#data = $state.raw<Dashboard | null>(null);
	#loading = $state(true);
	#unit = $state<Unit>(readUnit());
	#generation = 0;

	get data(): Dashboard | null {
		return this.#data;
	}

	get loading(): boolean {
		return this.#loading;
	}

	get unit(): Unit {
		return this.#unit;
	}

	set unit(unit: Unit) {
		this.#unit = unit;
		try {
			preferenceStorage?.setItem(DASHBOARD_UNIT_KEY, unit);
		} catch {
			// Not remembered (storage blocked); the choice still applies to this page.
		}
	}

	async load(filter: TradeFilter, unit: Unit): Promise<void> {
		// Asked again when another tab changes the trades.
		changes.track(TRADE_TABLES);
		const generation = ++this.#generation;
		const asked = mode.current;
		this.#loading = true;
		const result = await engine.dashboard(filter, displayZone.current, unit);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.#data = result;
		this.#loading = false;
	}

	/** `fillbook-equity-2026-11-22.png`: what a saved chart shows and the day (display zone) it was saved. */
	pngName(chart: string, now = Date.now()): string {
		return `fillbook-${chart}-${dayKey(now, displayZone.current)}.png`;
	}

	/** Back to the state of a fresh page; an answer still on its way is dropped. */
	reset(): void {
		this.#generation++;
		this.#data = null;
		this.#loading = true;
		this.#unit = readUnit();
	}
}

function readUnit(): Unit {
	try {
		return preferenceStorage?.getItem(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$';
	} catch {
		return '$';
	}
}
