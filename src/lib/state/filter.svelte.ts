import { browser } from '$app/environment';
import type { TradeFacets } from '$workers/contract';
import type { Mode } from '$lib/core/model/mode';
import { EMPTY_FILTER, type TradeFilter } from '$lib/core/trades/query';
import { mode } from './app.svelte';
import { engine } from './engine';

const key = (m: Mode) => `fillbook.filter.${m}`;

const NO_FACETS: TradeFacets = { accounts: [], symbols: [], tags: [], strategies: [], mistakes: [] };

/**
 * The global trade filter every page shares, remembered per mode (a filter on real accounts
 * means nothing in paper mode), with the values the current mode's trades offer to filter by.
 */
class FilterState {
	#byMode = $state<Record<Mode, TradeFilter>>({ paper: read('paper'), real: read('real') });
	#facets = $state.raw<TradeFacets>(NO_FACETS);

	/** The accounts, symbols, tags and strategies of the current mode's trades (see loadFacets). */
	get facets(): TradeFacets {
		return this.#facets;
	}

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

	/** Asks the engine what the current mode's trades can be filtered by. */
	async loadFacets(): Promise<void> {
		this.#facets = await engine.tradeFacets();
	}

	/** Back to the filters as stored and no facets (tests). */
	reset(): void {
		this.#byMode = { paper: read('paper'), real: read('real') };
		this.#facets = NO_FACETS;
	}
}

function read(m: Mode): TradeFilter {
	return browser ? storedFilter(localStorage.getItem(key(m))) : { ...EMPTY_FILTER };
}

/**
 * A filter as stored: what it lacks (a field added since it was saved, such as `portfolio`) is
 * empty, and a broken text is the empty filter.
 * @example storedFilter('{"side":"long"}') // { ...EMPTY_FILTER, side: 'long' }
 */
export function storedFilter(text: string | null): TradeFilter {
	try {
		const saved = JSON.parse(text ?? 'null') as Partial<TradeFilter> | null;
		if (typeof saved !== 'object' || saved === null || Array.isArray(saved)) return { ...EMPTY_FILTER };
		const filter = { ...EMPTY_FILTER, ...saved };
		if (typeof filter.portfolio !== 'string') filter.portfolio = '';
		return filter;
	} catch {
		return { ...EMPTY_FILTER };
	}
}

export const filter = new FilterState();
