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
	#total = $state(0);
	#summary = $state.raw<TradePage['summary'] | null>(null);
	#loading = $state(true);
	#sort = $state.raw<{ key: SortKey; dir: 'asc' | 'desc' }>({ key: 'openTime', dir: 'desc' });
	#pages = new SvelteMap<number, TradeRow[]>();
	// Bookkeeping only (which pages are being fetched): nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Set<number>();
	#generation = 0;
	#filter: TradeFilter | null = null;

	/** How many trades the filter lets through. */
	get total(): number {
		return this.#total;
	}

	/** Totals for the whole filter; null until the first answer. */
	get summary(): TradePage['summary'] | null {
		return this.#summary;
	}

	get loading(): boolean {
		return this.#loading;
	}

	get sort(): { key: SortKey; dir: 'asc' | 'desc' } {
		return this.#sort;
	}

	/** Starts a new query (again when another tab changes the trades: see DataChanges). */
	async load(filter: TradeFilter): Promise<void> {
		// Starts over when another tab changes what the trades are made of.
		changes.track(TRADE_TABLES);
		this.#filter = filter;
		const generation = ++this.#generation;
		this.#pending.clear();
		this.#loading = true;
		const first = await this.#fetch(0, generation);
		if (!first) return;
		this.#pages.clear();
		this.#pages.set(0, first.rows);
		this.#total = first.total;
		this.#summary = first.summary;
		this.#loading = false;
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

	/** Sorts by a column: descending first, the other way when it is already sorted by it. */
	sortBy(key: SortKey): void {
		this.#sort = { key, dir: this.#sort.key === key && this.#sort.dir === 'desc' ? 'asc' : 'desc' };
		if (this.#filter) void this.load(this.#filter);
	}

	/** The trades the filter lets through as CSV, in the order on screen. */
	csv(filter: TradeFilter): Promise<string> {
		return engine.exportTradesCsv({ filter, sort: this.#sort, zone: displayZone.current });
	}

	/** Back to the state of a fresh page; answers still on their way are dropped. */
	reset(): void {
		this.#generation++;
		this.#filter = null;
		this.#pages.clear();
		this.#pending.clear();
		this.#total = 0;
		this.#summary = null;
		this.#loading = true;
		this.#sort = { key: 'openTime', dir: 'desc' };
	}

	async #fetch(page: number, generation: number): Promise<TradePage | null> {
		const asked = mode.current;
		const result = await engine.listTrades({
			filter: $state.snapshot(this.#filter!),
			sort: this.#sort,
			offset: page * PAGE,
			limit: PAGE,
			zone: displayZone.current
		});
		return generation === this.#generation && asked === mode.current ? result : null;
	}
}
