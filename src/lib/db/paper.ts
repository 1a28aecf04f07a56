/**
 * The paper desk's storage: a session's summary row (`paperSessions`), its action log appended
 * one row per action (`paperActions`), and the executions it made (stored as executions of the
 * paper database under the session's import row). A step writes the summary row, the actions and
 * executions new since the last write, and nothing else: O(1) storage work however long the
 * session has run.
 */
import type { Account } from '$lib/core/model/account';
import type { ExecutionChunk } from '$lib/core/model/execution-codec';
import type { PaperAction, PaperSessionFacts } from '$lib/core/paper/session';
import {
	paperActionId,
	type FillbookDb,
	type ImportRow,
	type PaperActionRow,
	type PaperSessionRow
} from './schema';

/** A stored session with its whole action log: what replaying it needs. */
export interface StoredPaperSession {
	row: PaperSessionRow;
	facts: PaperSessionFacts;
}

/** Every session's summary row, newest first (no action log is read). */
export function listPaperSessions(db: FillbookDb): Promise<PaperSessionRow[]> {
	return db.paperSessions.orderBy('createdAt').reverse().toArray();
}

/** A session's summary row, or undefined when there is no such session. */
export function paperSessionRow(db: FillbookDb, id: string): Promise<PaperSessionRow | undefined> {
	return db.paperSessions.get(id);
}

/** A session with its action log in order, read in one transaction; undefined when there is none. */
export function loadPaperSession(db: FillbookDb, id: string): Promise<StoredPaperSession | undefined> {
	return db.transaction('r', [db.paperSessions, db.paperActions], async () => {
		const row = await db.paperSessions.get(id);
		if (!row) return undefined;
		const actions = await db.paperActions
			.where('[sessionId+index]')
			.between([id, 0], [id, row.actionCount], true, false)
			.toArray();
		if (actions.length !== row.actionCount || actions.some((a, i) => a.index !== i))
			throw new Error(
				`Paper session ${id} has ${actions.length} of its ${row.actionCount} actions stored: its log is incomplete.`
			);
		const {
			importId: _importId,
			storedExecutions: _stored,
			actionCount: _count,
			bars: _bars,
			revision: _revision,
			...facts
		} = row;
		// Sessions stored before instrument sessions ended every DAY order at New York midnight,
		// and those stored before the session-end rule when the session date changed: they replay
		// as they ran (see BrokerConfig.instrumentSessions and dayOrderRule).
		const broker = { instrumentSessions: false, dayOrderRule: 'session-date' as const, ...facts.broker };
		return { row, facts: { ...facts, broker, actions: actions.map((a) => a.action) } };
	});
}

/** A new session with its import row (and the paper account, the first time), in one transaction. */
export function createPaperSession(
	db: FillbookDb,
	row: PaperSessionRow,
	importRow: ImportRow,
	account: Account
): Promise<void> {
	return db.transaction('rw', [db.paperSessions, db.imports, db.accounts], async () => {
		if (!(await db.accounts.get(account.id))) {
			await db.accounts.add(account);
			importRow.createdAccounts = [account.id];
		}
		await db.imports.add(importRow);
		await db.paperSessions.add(row);
	});
}

/** What moved on since a session's row was last written. */
export interface PaperProgress {
	/** The summary row as the writer read it before moving the session on. */
	before: PaperSessionRow;
	/** The summary row as it is now. */
	row: PaperSessionRow;
	/**
	 * Actions logged since: they take indexes from `actionsFrom` on, and stored actions from there
	 * on are dropped first (a rewind or an undo truncates the log).
	 */
	actions: readonly PaperAction[];
	/** Where `actions` start in the log: default `before.actionCount` (appended), 0 with replaceLog. */
	actionsFrom?: number;
	/**
	 * The stored log had actions that no longer replay (the session skipped them): `actions` is
	 * the whole log as replayed and replaces the stored one. Rare: logs of older versions.
	 */
	replaceLog?: boolean;
	/** Executions made since, as one chunk, or null when there are none. */
	executions: ExecutionChunk | null;
	/**
	 * `executions` is every execution of the session (after a rewind, fewer than were stored):
	 * the stored ones are replaced.
	 */
	replaceExecutions?: boolean;
}

/** Whether the stored row is still the one a writer read (see PaperSessionRow.revision). */
export function sameSessionRow(a: PaperSessionRow, b: PaperSessionRow): boolean {
	return (
		a.cursor === b.cursor &&
		a.actionCount === b.actionCount &&
		a.status === b.status &&
		a.storedExecutions === b.storedExecutions &&
		(a.revision ?? 0) === (b.revision ?? 0)
	);
}

/**
 * Writes a session's progress in one transaction: the summary row, the new actions appended (after
 * dropping those a rewind or an undo took back), the new executions (or all of them, after a
 * rewind) and the import row's counts. Refuses (stores nothing) when the stored row is not
 * `before`, i.e. another tab moved the session on meanwhile: writing would lose its actions or
 * store executions twice.
 */
/** The tables a session's progress is stored in (a caller storing more beside it opens them all). */
export function paperProgressTables(db: FillbookDb) {
	return [db.paperSessions, db.paperActions, db.executionChunks, db.imports];
}

export function savePaperProgress(db: FillbookDb, progress: PaperProgress): Promise<void> {
	const { before, row, actions, executions, replaceLog = false, replaceExecutions = false } = progress;
	const first = replaceLog ? 0 : (progress.actionsFrom ?? before.actionCount);
	return db.transaction('rw', paperProgressTables(db), async () => {
		const stored = await db.paperSessions.get(row.id);
		if (!stored) throw new Error(`No paper session ${row.id}: it was deleted (or its import undone)`);
		if (!sameSessionRow(stored, before))
			throw new Error(`Paper session ${row.id} changed meanwhile (in another tab?): open it again.`);
		if (replaceLog || first < before.actionCount)
			await db.paperActions.where('[sessionId+index]').between([row.id, first], [row.id, Infinity]).delete();
		if (replaceExecutions) await db.executionChunks.where('importId').equals(row.importId).delete();
		await db.paperSessions.put(row);
		if (actions.length)
			await db.paperActions.bulkAdd(
				actions.map((action, k): PaperActionRow => ({
					id: paperActionId(row.id, first + k),
					sessionId: row.id,
					index: first + k,
					action
				}))
			);
		if (executions) await db.executionChunks.add(executions);
		if (executions || replaceExecutions) {
			await db.imports.update(row.importId, {
				'counts.rows': row.storedExecutions,
				'counts.imported': row.storedExecutions
			});
		}
	});
}

/** Records how many bars a session's range holds (sessions of schema 7 lack it until listed). */
export async function setPaperSessionBars(db: FillbookDb, id: string, bars: number): Promise<void> {
	await db.paperSessions.update(id, { bars });
}

/** Deletes a session, its action log and the executions it made; false when there was none. */
export function deletePaperSession(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction(
		'rw',
		[db.paperSessions, db.paperActions, db.executionChunks, db.imports],
		async () => {
			const row = await db.paperSessions.get(id);
			if (!row) return false;
			await db.executionChunks.where('importId').equals(row.importId).delete();
			await db.imports.delete(row.importId);
			await deleteSessionRows(db, [id]);
			return true;
		}
	);
}

/** Deletes sessions' rows and action logs (inside the caller's transaction). */
export async function deleteSessionRows(db: FillbookDb, ids: readonly string[]): Promise<void> {
	for (const id of ids) {
		await db.paperActions.where('[sessionId+index]').between([id, 0], [id, Infinity]).delete();
		await db.paperSessions.delete(id);
	}
}
