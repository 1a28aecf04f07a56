/**
 * Imported bars: per-import chunks of typed arrays (`barChunks`), read by symbol for a chart or
 * all at once for the list of symbols. Imports and undo write them (imports.ts).
 */
import type { BarChunkRow, FillbookDb } from './schema';

/** Every bar chunk of `symbol`, in key (import) order, empty ones included. */
export function barChunksOf(db: FillbookDb, symbol: string): Promise<BarChunkRow[]> {
	return db.barChunks.where('symbol').equals(symbol).toArray();
}

/** Every bar chunk of the mode, in key (import) order. */
export function listBarChunks(db: FillbookDb): Promise<BarChunkRow[]> {
	return db.barChunks.toArray();
}
