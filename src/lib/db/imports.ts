import type { Account } from '$lib/core/model/account';
import { EXECUTIONS_PER_CHUNK, type ExecutionChunk } from '$lib/core/model/execution-codec';
import { IdSet } from '$lib/core/identity';
import { encodeBars } from '$lib/core/model/journal';
import { sameBar, type BarValues, type ImportPlan, type Stored } from '$lib/core/import/plan';
import { plannedRecords, recheckPlan } from '$lib/core/import/recheck';
import type { BarChunkRow, FillbookDb, ImportRow } from './schema';
import { deleteSessionRows } from './paper';

/** Executions per stored chunk. */
export const CHUNK_SIZE = EXECUTIONS_PER_CHUNK;

/**
 * Where the stored records stood when an import's plan was read: the last keys of the execution
 * and bar chunks (auto-incremented, so anything stored later has a larger key).
 */
export interface StoredMark {
	executionKey: number;
	barKey: number;
}

/**
 * Everything stored already that an import must not add twice, loaded once per import (in one
 * read transaction, so it is one moment's picture), with the mark of that moment.
 */
export function loadStored(db: FillbookDb): Promise<Stored & { accounts: Set<string>; mark: StoredMark }> {
	return db.transaction('r', [db.executionChunks, db.journalTrades, db.barChunks, db.accounts], async () => {
		const executionIds = new IdSet();
		await db.executionChunks.each(({ id }: ExecutionChunk) => {
			for (let i = 0; i < id.length; i += 2) executionIds.add(id[i]!, id[i + 1]!);
		});
		const journalIds = new Set(await db.journalTrades.toCollection().primaryKeys());
		// Each stored bar's time, with where its prices are (chunk and row), to compare a file's bar.
		const barAt = new Map<string, Map<number, number>>();
		const chunks: BarChunkRow[] = [];
		await db.barChunks.each((chunk) => {
			let times = barAt.get(chunk.symbol);
			if (!times) barAt.set(chunk.symbol, (times = new Map<number, number>()));
			const c = chunks.push(chunk) - 1;
			for (let i = 0; i < chunk.count; i++) times.set(chunk.time[i]!, c * ROWS_PER_CHUNK + i);
		});
		const accounts = new Set(await db.accounts.toCollection().primaryKeys());
		const mark = await readMark(db);
		return {
			accounts,
			mark,
			hasExecution: (hi, lo) => executionIds.has(hi, lo),
			hasJournalTrade: (id) => journalIds.has(id),
			hasBar: (symbol, time) => barAt.get(symbol)?.has(time) ?? false,
			barAt: (symbol, time) => {
				const at = barAt.get(symbol)?.get(time);
				return at === undefined
					? null
					: valuesAt(chunks[Math.floor(at / ROWS_PER_CHUNK)]!, at % ROWS_PER_CHUNK);
			}
		};
	});
}

/** Rows a bar chunk may hold at most, for packing a chunk and a row into one number. */
const ROWS_PER_CHUNK = 2 ** 26;

async function readMark(db: FillbookDb): Promise<StoredMark> {
	const [executionKey, barKey] = await Promise.all([
		db.executionChunks.orderBy(':id').lastKey() as Promise<number | undefined>,
		db.barChunks.orderBy(':id').lastKey() as Promise<number | undefined>
	]);
	return { executionKey: executionKey ?? 0, barKey: barKey ?? 0 };
}

/**
 * What was stored after `mark` (by another tab's engine, say) that a plan may also hold: the
 * execution and bar chunks added since, and which of the plan's journal trades and accounts
 * exist. Read inside the committing transaction.
 */
async function storedSince(
	db: FillbookDb,
	mark: StoredMark,
	plan: ImportPlan,
	accountIds: readonly string[],
	hash: string
): Promise<{ stored: Stored; accounts: Set<string> }> {
	const executionIds = new IdSet();
	await db.executionChunks
		.where(':id')
		.above(mark.executionKey)
		.each(({ id }: ExecutionChunk) => {
			for (let i = 0; i < id.length; i += 2) executionIds.add(id[i]!, id[i + 1]!);
		});
	const barTimes = new Map<string, Map<number, BarValues>>();
	if (plan.bars.size > 0)
		await db.barChunks
			.where(':id')
			.above(mark.barKey)
			.each((chunk) => {
				let times = barTimes.get(chunk.symbol);
				if (!times) barTimes.set(chunk.symbol, (times = new Map<number, BarValues>()));
				for (let i = 0; i < chunk.count; i++) times.set(chunk.time[i]!, valuesAt(chunk, i));
			});
	const alternates = await sameFileAlternates(db, hash, [...plan.bars.keys(), ...plan.alternates.keys()]);
	const journalIds = new Set<string>();
	if (plan.journal.length > 0) {
		const found = await db.journalTrades.bulkGet(plan.journal.map((t) => t.id));
		for (const t of found) if (t) journalIds.add(t.id);
	}
	const accounts = new Set<string>();
	for (const a of await db.accounts.bulkGet([...accountIds])) if (a) accounts.add(a.id);
	return {
		accounts,
		stored: {
			hasExecution: (hi, lo) => executionIds.has(hi, lo),
			hasJournalTrade: (id) => journalIds.has(id),
			hasBar: (symbol, time) => barTimes.get(symbol)?.has(time) ?? false,
			barAt: (symbol, time) => barTimes.get(symbol)?.get(time) ?? null,
			hasAlternate: (symbol, bar) =>
				alternates
					.get(symbol)
					?.get(bar.time)
					?.some((stored) => sameBar(symbol, stored, bar)) ?? false
		}
	};
}

/**
 * The alternates stored by earlier imports of the same file (same bytes), by symbol and time: an
 * import of the file again, or in two tabs at once, keeps none of them twice.
 */
async function sameFileAlternates(
	db: FillbookDb,
	hash: string,
	symbols: readonly string[]
): Promise<Map<string, Map<number, BarValues[]>>> {
	const found = new Map<string, Map<number, BarValues[]>>();
	if (!symbols.length) return found;
	const imports = new Set(await db.imports.where('hash').equals(hash).primaryKeys());
	if (!imports.size) return found;
	const wanted = new Set(symbols);
	await db.barAlternates
		.where('importId')
		.anyOf([...imports])
		.each((chunk) => {
			if (!wanted.has(chunk.symbol)) return;
			let times = found.get(chunk.symbol);
			if (!times) found.set(chunk.symbol, (times = new Map<number, BarValues[]>()));
			for (let i = 0; i < chunk.count; i++) {
				const list = times.get(chunk.time[i]!);
				if (list) list.push(valuesAt(chunk, i));
				else times.set(chunk.time[i]!, [valuesAt(chunk, i)]);
			}
		});
	return found;
}

function valuesAt(chunk: BarChunkRow, i: number): BarValues {
	return {
		open: chunk.open[i]!,
		high: chunk.high[i]!,
		low: chunk.low[i]!,
		close: chunk.close[i]!,
		volume: chunk.volume[i]!
	};
}

/**
 * Stores an import in one transaction: its row, its execution and bar chunks (and the bars it
 * keeps aside where they disagree with stored ones), its journal
 * trades and the accounts it names. Either all of it is stored or, on any failure (quota, a
 * closed tab, a crash), none of it. The plan is checked again inside the transaction against
 * what was stored after `mark` (the moment it was planned against; by default everything), so records another tab
 * stored meanwhile are counted as duplicates rather than stored twice, and an account another
 * tab created meanwhile is used rather than added again. `warn` adds warnings about what the
 * checked plan stores. Returns the row as stored (its counts, created accounts and warnings
 * corrected by that check).
 */
export async function commitImport(
	db: FillbookDb,
	row: ImportRow,
	plan: ImportPlan,
	accounts: Account[],
	mark: StoredMark = { executionKey: 0, barKey: 0 },
	warn: (final: ImportPlan) => string[] = () => []
): Promise<ImportRow> {
	return db.transaction(
		'rw',
		[db.imports, db.executionChunks, db.journalTrades, db.barChunks, db.barAlternates, db.accounts],
		async () => {
			const since = await storedSince(
				db,
				mark,
				plan,
				accounts.map((a) => a.id),
				row.hash
			);
			const final = recheckPlan(plan, since.stored, since.accounts);
			const added = accounts.filter((a) => !since.accounts.has(a.id));
			const stored: ImportRow = {
				...row,
				counts: {
					...row.counts,
					imported: row.counts.imported - (plannedRecords(plan) - plannedRecords(final)),
					duplicates: final.duplicates
				},
				createdAccounts: row.createdAccounts.filter((id) => !since.accounts.has(id))
			};
			const more = warn(final);
			if (more.length) stored.warnings = [...(row.warnings ?? []), ...more];
			await db.imports.add(stored);
			if (added.length > 0) await db.accounts.bulkAdd(added);
			if (final.chunks.length > 0) await db.executionChunks.bulkAdd(final.chunks);
			if (final.journal.length > 0) await db.journalTrades.bulkAdd(final.journal);
			// A chunk's spacing is the file's (its new bars alone may be a few with gaps between).
			for (const [symbol, bars] of final.bars)
				await db.barChunks.add(encodeBars(row.id, symbol, bars, plan.barSpacing.get(symbol)));
			for (const [symbol, bars] of final.alternates)
				await db.barAlternates.add(encodeBars(row.id, symbol, bars, plan.barSpacing.get(symbol)));
			return stored;
		}
	);
}

/** Every import, in id order: for lookups by id (listImports gives them newest first). */
export function allImports(db: FillbookDb): Promise<ImportRow[]> {
	return db.imports.toArray();
}

/** The imports of a file with these bytes (its SHA-256, hex), in id order. */
export function importsOfFile(db: FillbookDb, hash: string): Promise<ImportRow[]> {
	return db.imports.where('hash').equals(hash).toArray();
}

/** All imports, newest first. */
export function listImports(db: FillbookDb): Promise<ImportRow[]> {
	return db.imports.orderBy('importedAt').reverse().toArray();
}

/**
 * Removes an import and everything it added, in one transaction. Accounts it created go too,
 * unless another import's data now uses them.
 */
export async function undoImport(db: FillbookDb, importId: string): Promise<boolean> {
	return db.transaction(
		'rw',
		[
			db.imports,
			db.executionChunks,
			db.journalTrades,
			db.barChunks,
			db.barAlternates,
			db.barPreferences,
			db.accounts,
			db.paperSessions,
			db.paperActions,
			db.backtestRuns
		],
		async () => {
			const row = await db.imports.get(importId);
			if (!row) return false;
			await db.executionChunks.where('importId').equals(importId).delete();
			// A paper replay's executions are its session's: undoing them ends the session too.
			await deleteSessionRows(db, await db.paperSessions.where('importId').equals(importId).primaryKeys());
			// …and a backtest run's are its run's: the run goes with them.
			await db.backtestRuns.where('importId').equals(importId).delete();
			await db.journalTrades.where('importId').equals(importId).delete();
			await db.barChunks.where('importId').equals(importId).delete();
			await db.barAlternates.where('importId').equals(importId).delete();
			// A symbol whose preferred file this was goes back to the first imported.
			await db.barPreferences.where('importId').equals(importId).delete();
			await db.imports.delete(importId);
			if (row.createdAccounts.length > 0) {
				const stillUsed = new Set<string>();
				await db.executionChunks.each((chunk) => {
					for (const id of row.createdAccounts) if (chunk.dict.includes(id)) stillUsed.add(id);
				});
				await db.journalTrades.each((t) => {
					if (t.accountId !== null && row.createdAccounts.includes(t.accountId)) stillUsed.add(t.accountId);
				});
				const others = await db.imports.toArray();
				for (const other of others) if (other.accountId) stillUsed.add(other.accountId);
				await db.accounts.bulkDelete(row.createdAccounts.filter((id) => !stillUsed.has(id)));
			}
			return true;
		}
	);
}
