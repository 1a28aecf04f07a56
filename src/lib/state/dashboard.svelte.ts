import type { Dashboard, Unit } from '$lib/core/analytics';
import type { TradeFilter } from '$lib/core/trades/query';
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
	data = $state.raw<Dashboard | null>(null);
	loading = $state(true);
	#unit = $state<Unit>(readUnit());
	#generation = 0;

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
		this.loading = true;
		const result = await engine.dashboard(filter, displayZone.current, unit);
		if (generation !== this.#generation || asked !== mode.current) return;
		this.data = result;
		this.loading = false;
	}
}

function readUnit(): Unit {
	try {
		return preferenceStorage?.getItem(DASHBOARD_UNIT_KEY) === 'R' ? 'R' : '$';
	} catch {
		return '$';
	}
}
