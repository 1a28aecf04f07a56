import type { Account } from '$lib/core/model/account';
import { EXECUTIONS_PER_CHUNK, type ExecutionChunk } from '$lib/core/model/execution';
import { IdSet } from '$lib/core/identity';
import { encodeBars } from '$lib/core/model/journal';
import type { ImportPlan, Stored } from '$lib/core/import/plan';
import type { FillbookDb, ImportRow } from './schema';

/** Executions per stored chunk. */
export const CHUNK_SIZE = EXECUTIONS_PER_CHUNK;

/** Everything stored already that an import must not add twice, loaded once per import. */
export async function loadStored(db: FillbookDb): Promise<Stored & { accounts: Set<string> }> {
	const executionIds = new IdSet();
	await db.executionChunks.each(({ id }: ExecutionChunk) => {
		for (let i = 0; i < id.length; i += 2) executionIds.add(id[i]!, id[i + 1]!);
	});
	const journalIds = new Set(await db.journalTrades.toCollection().primaryKeys());
	const barTimes = new Map<string, Set<number>>();
	await db.barChunks.each((chunk) => {
		let times = barTimes.get(chunk.symbol);
		if (!times) barTimes.set(chunk.symbol, (times = new Set()));
		for (const t of chunk.time) times.add(t);
	});
	const accounts = new Set(await db.accounts.toCollection().primaryKeys());
	return {
		accounts,
		hasExecution: (hi, lo) => executionIds.has(hi, lo),
		hasJournalTrade: (id) => journalIds.has(id),
		hasBar: (symbol, time) => barTimes.get(symbol)?.has(time) ?? false
	};
}

/**
 * Stores an import in one transaction: its row, its execution and bar chunks, its journal
 * trades and the accounts it names. Either all of it is stored or, on any failure (quota, a
 * closed tab, a crash), none of it.
 */
export async function commitImport(
	db: FillbookDb,
	row: ImportRow,
	plan: ImportPlan,
	accounts: Account[]
): Promise<void> {
	await db.transaction(
		'rw',
		[db.imports, db.executionChunks, db.journalTrades, db.barChunks, db.accounts],
		async () => {
			await db.imports.add(row);
			if (accounts.length > 0) await db.accounts.bulkAdd(accounts);
			if (plan.chunks.length > 0) await db.executionChunks.bulkAdd(plan.chunks);
			if (plan.journal.length > 0) await db.journalTrades.bulkAdd(plan.journal);
			for (const [symbol, bars] of plan.bars) await db.barChunks.add(encodeBars(row.id, symbol, bars));
		}
	);
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
		[db.imports, db.executionChunks, db.journalTrades, db.barChunks, db.accounts, db.paperSessions],
		async () => {
			const row = await db.imports.get(importId);
			if (!row) return false;
			await db.executionChunks.where('importId').equals(importId).delete();
			// A paper replay's executions are its session's: undoing them ends the session too.
			await db.paperSessions.where('importId').equals(importId).delete();
			await db.journalTrades.where('importId').equals(importId).delete();
			await db.barChunks.where('importId').equals(importId).delete();
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
