/**
 * Imported bars: per-import chunks of typed arrays (`barChunks`, each time stored once), the bars
 * an import kept aside where they disagree with stored ones (`barAlternates`) and the file the
 * user prefers per symbol (`barPreferences`). Every reader of a symbol's bars goes through
 * `symbolBarFiles` and core/prices/bar-sources.ts, so charts, replay, backtests, signals and
 * levels all see the preferred file. Imports and undo write them (imports.ts).
 */
import type { SymbolBarFiles } from '$lib/core/prices/bar-sources';
import type { BarChunkRow, BarPreferenceRow, FillbookDb } from './schema';

/** A symbol's stored bars, as read in one transaction. */
export interface StoredBarFiles extends SymbolBarFiles {
	main: BarChunkRow[];
	alternates: BarChunkRow[];
}

/** Every bar chunk (main and alternate) of `symbol` with its preferred file, in key order. */
export function symbolBarFiles(db: FillbookDb, symbol: string): Promise<StoredBarFiles> {
	return db.transaction('r', [db.barChunks, db.barAlternates, db.barPreferences], async () => {
		const [main, alternates, preference] = await Promise.all([
			db.barChunks.where('symbol').equals(symbol).toArray(),
			db.barAlternates.where('symbol').equals(symbol).toArray(),
			db.barPreferences.get(symbol)
		]);
		return { main, alternates, preferred: preference?.importId ?? null };
	});
}

/** Every bar chunk of the mode, main ones and alternates, in key order. */
export function listBarChunks(db: FillbookDb): Promise<{ main: BarChunkRow[]; alternates: BarChunkRow[] }> {
	return db.transaction('r', [db.barChunks, db.barAlternates], async () => ({
		main: await db.barChunks.toArray(),
		alternates: await db.barAlternates.toArray()
	}));
}

/** Sets (or, with null, clears) the file preferred for a symbol's bars. */
export async function setBarPreference(
	db: FillbookDb,
	symbol: string,
	importId: string | null,
	at: number
): Promise<void> {
	if (importId === null) await db.barPreferences.delete(symbol);
	else await db.barPreferences.put({ symbol, importId, setAt: at } satisfies BarPreferenceRow);
}
