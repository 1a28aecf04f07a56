import { SvelteMap } from 'svelte/reactivity';
import type { SortKey, TradeFilter, TradePage, TradeRow } from '$lib/core/trades/query';
import { changes, displayZone, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';

const PAGE = 200;

/**
 * The trades list as the virtual table reads it: totals for the whole filter, and rows fetched
 * from the engine a page at a time as they scroll into view. A new filter, sort or mode starts
 * over; answers to an older query are dropped.
 */
export class TradesList {
	total = $state(0);
	summary = $state.raw<TradePage['summary'] | null>(null);
	loading = $state(true);
	sort = $state<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'openTime', dir: 'desc' });
	#pages = new SvelteMap<number, TradeRow[]>();
	// Bookkeeping only (which pages are being fetched): nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Set<number>();
	#generation = 0;
	#filter: TradeFilter | null = null;

	/** Starts a new query (again when another tab changes the trades: see DataChanges). */
	async reset(filter: TradeFilter): Promise<void> {
		// Starts over when another tab changes what the trades are made of.
		changes.track(TRADE_TABLES);
		this.#filter = filter;
		const generation = ++this.#generation;
		this.#pending.clear();
		this.loading = true;
		const first = await this.#fetch(0, generation);
		if (!first) return;
		this.#pages.clear();
		this.#pages.set(0, first.rows);
		this.total = first.total;
		this.summary = first.summary;
		this.loading = false;
	}

	/** The row at an index, or undefined while its page is being fetched. */
	rowAt(index: number): TradeRow | undefined {
		const page = Math.floor(index / PAGE);
		const rows = this.#pages.get(page);
		if (rows) return rows[index - page * PAGE];
		if (!this.#pending.has(page)) {
			this.#pending.add(page);
			const generation = this.#generation;
			void this.#fetch(page, generation).then((result) => {
				if (result) this.#pages.set(page, result.rows);
			});
		}
		return undefined;
	}

	sortBy(key: SortKey): void {
		this.sort = { key, dir: this.sort.key === key && this.sort.dir === 'desc' ? 'asc' : 'desc' };
		if (this.#filter) void this.reset(this.#filter);
	}

	async #fetch(page: number, generation: number): Promise<TradePage | null> {
		const asked = mode.current;
		const result = await engine.listTrades({
			filter: $state.snapshot(this.#filter!),
			sort: $state.snapshot(this.sort),
			offset: page * PAGE,
			limit: PAGE,
			zone: displayZone.current
		});
		return generation === this.#generation && asked === mode.current ? result : null;
	}
}
