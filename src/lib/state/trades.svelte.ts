import { SvelteMap } from 'svelte/reactivity';
import type { SortKey, TradeFilter, TradePage, TradeRow } from '$lib/core/trades/query';
import { changes, displayZone, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

const PAGE = 200;

/** What the trades page reads. */
export interface TradesView {
	/** How many trades the filter lets through. */
	total: number;
	/** Totals for the whole filter; null until the first answer. */
	summary: TradePage['summary'] | null;
	/** Whether the first page of a new query is on its way. */
	loading: boolean;
	/** The column sorted by, and which way. */
	sort: { key: SortKey; dir: 'asc' | 'desc' };
}

/**
 * The trades list as the virtual table reads it: totals for the whole filter, and rows fetched
 * from the engine a page at a time as they scroll into view. A new filter, sort or mode starts
 * over; answers to an older query are dropped.
 */
export class TradesList {
	readonly #view = new View<TradesView>(() => ({
		total: 0,
		summary: null,
		loading: true,
		sort: { key: 'openTime', dir: 'desc' }
	}));
	#pages = new SvelteMap<number, TradeRow[]>();
	// Bookkeeping only (which pages are being fetched): nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Set<number>();
	#generation = 0;
	#filter: TradeFilter | null = null;

	get view(): Readonly<TradesView> {
		return this.#view.current;
	}

	/** Starts a new query (again when another tab changes the trades: see DataChanges). */
	async load(filter: TradeFilter): Promise<void> {
		// Starts over when another tab changes what the trades are made of.
		changes.track(TRADE_TABLES);
		this.#filter = filter;
		const generation = ++this.#generation;
		this.#pending.clear();
		this.#view.set({ loading: true });
		const first = await this.#fetch(0, generation);
		if (!first) return;
		this.#pages.clear();
		this.#pages.set(0, first.rows);
		this.#view.set({ total: first.total, summary: first.summary, loading: false });
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
		const { sort } = this.view;
		this.#view.set({ sort: { key, dir: sort.key === key && sort.dir === 'desc' ? 'asc' : 'desc' } });
		if (this.#filter) void this.load(this.#filter);
	}

	/** The trades the filter lets through as CSV, in the order on screen. */
	csv(filter: TradeFilter): Promise<string> {
		return engine.exportTradesCsv({ filter, sort: this.view.sort, zone: displayZone.current });
	}

	/** Back to the state of a fresh page; answers still on their way are dropped. */
	reset(): void {
		this.#generation++;
		this.#filter = null;
		this.#pages.clear();
		this.#pending.clear();
		this.#view.reset();
	}

	async #fetch(page: number, generation: number): Promise<TradePage | null> {
		const asked = mode.current;
		const result = await engine.listTrades({
			filter: $state.snapshot(this.#filter!),
			sort: this.view.sort,
			offset: page * PAGE,
			limit: PAGE,
			zone: displayZone.current
		});
		return generation === this.#generation && asked === mode.current ? result : null;
	}
}
