/**
 * The symbols a mode has bars or journal trades for, read from the tables' `symbol` indexes:
 * keys only, so no bar chunk or journal row is read (the symbol search lists them; see
 * workers/engine-search.ts).
 */
import type { FillbookDb } from './schema';

/**
 * Every symbol with a stored bar chunk, sorted. Imports store a chunk only for a symbol with bars
 * left after the duplicate check, and undo removes an import's chunks with it, so a symbol listed
 * has bars.
 */
export async function barChunkSymbols(db: FillbookDb): Promise<string[]> {
	return (await db.barChunks.orderBy('symbol').uniqueKeys()) as string[];
}

/** Every symbol with a journal trade, sorted. */
export async function journalTradeSymbols(db: FillbookDb): Promise<string[]> {
	return (await db.journalTrades.orderBy('symbol').uniqueKeys()) as string[];
}
