import type { IndexedSymbol } from '$workers/contract';
import { changes, mode } from './app.svelte';
import { TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

export interface SymbolIndexView {
	/** Every symbol of the current mode with what it has (see the engine's symbolIndex). */
	symbols: IndexedSymbol[];
	loading: boolean;
	/** Why the index could not be read, or null. */
	error: string | null;
}

/**
 * The current mode's symbol index, shared by every symbol picker and the command palette: one
 * question to the engine however many pickers a page shows, asked again on a mode switch or when
 * another tab changes executions, journal trades or bars.
 */
export class SymbolIndexState {
	readonly #view = new View<SymbolIndexView>(() => ({ symbols: [], loading: false, error: null }));
	#asking: Promise<void> | null = null;
	#askedFor = '';

	get view(): Readonly<SymbolIndexView> {
		return this.#view.current;
	}

	/** The entry of `symbol`, if the index has it. */
	of(symbol: string): IndexedSymbol | undefined {
		return this.view.symbols.find((s) => s.symbol === symbol);
	}

	/**
	 * Reads the index again (call from an effect: it tracks the mode and other tabs' changes).
	 * Calls while one is answered for the same mode and changes share its answer.
	 */
	load(): Promise<void> {
		changes.track([...TRADE_TABLES, 'barChunks']);
		const asked = mode.current;
		const key = `${asked}|${[...TRADE_TABLES, 'barChunks'].map((t) => changes.count(asked, t)).join(',')}`;
		if (this.#asking && this.#askedFor === key) return this.#asking;
		this.#askedFor = key;
		this.#view.set({ loading: true });
		const asking = engine
			.symbolIndex()
			.then((symbols) => {
				if (asked === mode.current) this.#view.set({ symbols, error: null });
			})
			.catch((e: unknown) => this.#view.set({ error: e instanceof Error ? e.message : String(e) }))
			.finally(() => {
				if (this.#asking === asking) {
					this.#asking = null;
					this.#view.set({ loading: false });
				}
			});
		this.#asking = asking;
		return asking;
	}

	reset(): void {
		this.#view.reset();
		this.#asking = null;
	}
}

export const symbolIndex = new SymbolIndexState();
