/** Symbol search: every symbol the mode has, for the symbol pickers and the command palette. */
import type { Mode } from '$lib/core/model/mode';
import type { SymbolEntry } from '$lib/core/search/symbols';

/** A symbol the mode has, with what it has for it and how many of its trades are open. */
export interface IndexedSymbol extends SymbolEntry {
	/** Its trades (round trips from its executions, deleted executions left out); 0 without executions. */
	trades: number;
	/** Of them, the ones still open: its positions. */
	openTrades: number;
}

export interface SearchApi {
	/**
	 * Every symbol of the mode, by symbol: from its executions (trades), its imported bars and its
	 * journal trades, with what it has of each. Cheap: the trades come from the engine's cache, the
	 * bars' and journal trades' symbols from their indexes (no bar is read).
	 */
	symbolIndex(mode: Mode): Promise<IndexedSymbol[]>;
}
