/**
 * The stored instrument catalogue (docs/instruments.md): the user's records (edited in Settings)
 * and the records imports revealed, one row per canonical symbol. The starter list is not stored:
 * it stays in code (core/instruments/starter.ts), so a newer Fillbook's list reaches old data.
 */
import { instrumentFor, type Instrument, type RevealedFacts } from '$lib/core/instruments';
import type { FillbookDb, InstrumentRow } from './schema';
import { readSetting, writeSetting } from './settings';

/** Every stored record (user and import), by symbol. */
export function loadCatalogue(db: FillbookDb): Promise<InstrumentRow[]> {
	return db.instruments.orderBy('symbol').toArray();
}

/** The stored record of a symbol, if any. */
export function storedInstrument(db: FillbookDb, symbol: string): Promise<InstrumentRow | undefined> {
	return db.instruments.get(symbol);
}

/** The record without what only storage needs (the imports that revealed it). */
export function instrumentOf(row: InstrumentRow): Instrument {
	const { importIds: _importIds, ...instrument } = row;
	return instrument;
}

/** Stores the user's record of a symbol, replacing whatever was stored under it. */
async function putUserInstrument(db: FillbookDb, record: Instrument): Promise<Instrument> {
	const row: InstrumentRow = { ...record, aliases: [...record.aliases], source: 'user', importIds: [] };
	await db.instruments.put(row);
	return instrumentOf(row);
}

/**
 * Stores what `mergeRevealed` made of `before` from `facts` (import `importId`): the `import`
 * records it added or changed, and the import among those that revealed each record the facts
 * name. Only import records are written, and never over a stored record of another class under
 * the same symbol (one row per symbol: the user's LE future is not replaced by a file's LE
 * stock). Returns the symbols kept out that way, for a note. Call inside a transaction that
 * includes `instruments`.
 */
export async function storeRevealed(
	db: FillbookDb,
	importId: string,
	before: readonly InstrumentRow[],
	after: readonly Instrument[],
	facts: readonly RevealedFacts[]
): Promise<string[]> {
	const old = new Set<Instrument>(before);
	const bySymbol = new Map(before.map((row) => [row.symbol, row]));
	const changed = new Map<string, InstrumentRow>();
	const clashes: string[] = [];
	for (const record of after) {
		if (old.has(record) || record.source !== 'import') continue;
		const stored = bySymbol.get(record.symbol);
		if (stored && (stored.source === 'user' || stored.assetClass !== record.assetClass)) {
			clashes.push(record.symbol);
			continue;
		}
		const row: InstrumentRow = {
			...record,
			aliases: [...record.aliases],
			source: 'import',
			importIds: stored?.importIds ?? []
		};
		bySymbol.set(row.symbol, row);
		changed.set(row.symbol, row);
	}
	// Each record a fact names, as the merged catalogue answers it: this import revealed it too.
	for (const fact of facts) {
		const found = instrumentFor(fact.symbol, fact.assetClass, after);
		if (found.source !== 'import') continue;
		const row = changed.get(found.symbol) ?? bySymbol.get(found.symbol);
		if (
			!row ||
			row.source !== 'import' ||
			row.assetClass !== found.assetClass ||
			row.importIds.includes(importId)
		)
			continue;
		const next = { ...row, importIds: [...row.importIds, importId] };
		bySymbol.set(next.symbol, next);
		changed.set(next.symbol, next);
	}
	if (changed.size > 0) await db.instruments.bulkPut([...changed.values()]);
	return clashes;
}

/**
 * An import undone: it no longer reveals its records; those no other import revealed go. Call
 * inside a transaction that includes `instruments`.
 */
export async function forgetImport(db: FillbookDb, importId: string): Promise<void> {
	const rows = await db.instruments.filter((row) => row.importIds.includes(importId)).toArray();
	const gone = rows.filter((row) => row.importIds.length === 1).map((row) => row.symbol);
	const kept = rows
		.filter((row) => row.importIds.length > 1)
		.map((row) => ({ ...row, importIds: row.importIds.filter((id) => id !== importId) }));
	if (gone.length > 0) await db.instruments.bulkDelete(gone);
	if (kept.length > 0) await db.instruments.bulkPut(kept);
}

/**
 * A futures root's point value is one fact shown in two places: the Instruments card (a record's
 * multiplier) and the Point values card (the `pointValues` setting trades are grouped with). These
 * keep them one: a write through either updates both, in one transaction.
 */

/**
 * Stores the user's record and, for a future, its multiplier as the root's point value (none:
 * the root's own point value goes, so the starter list's applies again). Trades regroup at once.
 */
export function saveUserInstrument(db: FillbookDb, record: Instrument): Promise<Instrument> {
	return db.transaction('rw', db.instruments, db.meta, async () => {
		const stored = await putUserInstrument(db, record);
		if (record.assetClass === 'future') await setOwnPointValue(db, record.symbol, record.multiplier);
		return stored;
	});
}

/**
 * Removes the stored record of a symbol and, for a future, its own point value: the starter
 * list's record and point value apply again. Whether there was a record.
 */
export function removeUserInstrument(db: FillbookDb, symbol: string): Promise<boolean> {
	return db.transaction('rw', db.instruments, db.meta, async () => {
		const stored = await db.instruments.get(symbol);
		if (!stored) return false;
		await db.instruments.delete(symbol);
		if (stored.assetClass === 'future' && stored.source === 'user') await setOwnPointValue(db, symbol, null);
		return true;
	});
}

/**
 * Sets (or, with null, removes) a futures root's own point value, and the multiplier of the
 * user's stored record of that root, if there is one (back to the starter list's, or unknown,
 * when removed). Point values typed for a root no record names stay in the setting only.
 */
export function setPointValue(db: FillbookDb, root: string, value: number | null): Promise<void> {
	return db.transaction('rw', db.instruments, db.meta, async () => {
		await setOwnPointValue(db, root, value);
		const stored = await db.instruments.get(root);
		if (stored?.source !== 'user' || stored.assetClass !== 'future') return;
		const multiplier = value ?? instrumentFor(root, 'future').multiplier;
		if (stored.multiplier !== multiplier) await db.instruments.put({ ...stored, multiplier });
	});
}

async function setOwnPointValue(db: FillbookDb, root: string, value: number | null): Promise<void> {
	const own = await readSetting(db, 'pointValues');
	if (value === null) delete own[root];
	else own[root] = value;
	await writeSetting(db, 'pointValues', own);
}
