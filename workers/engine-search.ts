/**
 * The search side of the engine: the symbol index the pickers and the command palette search
 * (core/search/symbols.ts). Each source is read the cheapest way it can be: the trades from the
 * cache the Trades pages share, the bars' and journal trades' symbols from their indexes.
 */
import type { IndexedSymbol, SearchApi } from './contract';
import type { Mode } from '$lib/core/model/mode';
import { mergeSymbolEntries, type SymbolEntry } from '$lib/core/search/symbols';
import { barChunkSymbols, journalTradeSymbols } from '$lib/db/symbols';
import type { FillbookDb } from '$lib/db/schema';
import type { Derived } from './engine-trades';

export function createSearch(
	db: (mode: Mode) => FillbookDb,
	trades: (mode: Mode) => Promise<Derived>
): SearchApi {
	return {
		async symbolIndex(mode: Mode): Promise<IndexedSymbol[]> {
			const d = db(mode);
			const [derived, bars, journal] = await Promise.all([
				trades(mode),
				barChunkSymbols(d),
				journalTradeSymbols(d)
			]);
			const counts = new Map<string, { trades: number; openTrades: number }>();
			for (const t of derived.trades) {
				let c = counts.get(t.symbol);
				if (!c) counts.set(t.symbol, (c = { trades: 0, openTrades: 0 }));
				c.trades++;
				if (t.open) c.openTrades++;
			}
			// The symbols of the executions in the table (deleted ones are not in it; their group may be).
			const { table } = derived;
			const used = new Set<number>(table.group);
			const executions = new Set([...used].map((g) => table.groups[g]!.symbol));
			const sources: SymbolEntry[] = [
				...[...executions].map((symbol): SymbolEntry => ({ symbol, kinds: ['executions'] })),
				...bars.map((symbol): SymbolEntry => ({ symbol, kinds: ['bars'] })),
				...journal.map((symbol): SymbolEntry => ({ symbol, kinds: ['journal'] }))
			];
			return mergeSymbolEntries(sources).map((e) => ({
				...e,
				trades: counts.get(e.symbol)?.trades ?? 0,
				openTrades: counts.get(e.symbol)?.openTrades ?? 0
			}));
		}
	};
}
