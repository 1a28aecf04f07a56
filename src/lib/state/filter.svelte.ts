import { browser } from '$app/environment';
import type { Mode } from '$lib/core/model/mode';
import { EMPTY_FILTER, type TradeFilter } from '$lib/core/trades/query';
import { mode } from './app.svelte';

const key = (m: Mode) => `fillbook.filter.${m}`;

/**
 * The global trade filter every page shares, remembered per mode (a filter on real accounts
 * means nothing in paper mode).
 */
class FilterState {
	#byMode = $state<Record<Mode, TradeFilter>>({ paper: read('paper'), real: read('real') });

	get current(): TradeFilter {
		return this.#byMode[mode.current];
	}

	get active(): boolean {
		const f = this.current;
		return JSON.stringify(f) !== JSON.stringify(EMPTY_FILTER);
	}

	set(patch: Partial<TradeFilter>): void {
		const next = { ...this.current, ...patch };
		this.#byMode[mode.current] = next;
		if (browser) localStorage.setItem(key(mode.current), JSON.stringify(next));
	}

	clear(): void {
		this.set({ ...EMPTY_FILTER });
	}
}

function read(m: Mode): TradeFilter {
	if (!browser) return { ...EMPTY_FILTER };
	try {
		const saved = JSON.parse(localStorage.getItem(key(m)) ?? 'null') as Partial<TradeFilter> | null;
		return { ...EMPTY_FILTER, ...(saved ?? {}) };
	} catch {
		return { ...EMPTY_FILTER };
	}
}

export const filter = new FilterState();
