/**
 * The journal's storage: the user's fields of each trade (`annotations`, keyed by trade id) and
 * the corrections of stored executions: edits (`executionEdits`) and deletions
 * (`deletedExecutions`), both keyed by execution id and leaving the imports' chunks as they were.
 * Every write to the edits counts up a setting (executionEditsVersion) in its transaction, so
 * the trade cache's stamp changes with each one, a revert included.
 */
import type { Annotation } from '$lib/core/model/annotation';
import type { DeletedExecution, ExecutionEditRow, FillbookDb } from './schema';
import { readSetting, writeSetting } from './settings';

/** Stores a trade's journal fields, replacing the ones before. */
export async function saveAnnotation(db: FillbookDb, annotation: Annotation): Promise<void> {
	await db.annotations.put(annotation);
}

/** A trade's journal fields, or undefined when it has none. */
export function annotationOf(db: FillbookDb, tradeId: string): Promise<Annotation | undefined> {
	return db.annotations.get(tradeId);
}

/** Every trade's journal fields, in trade id order. */
export function listAnnotations(db: FillbookDb): Promise<Annotation[]> {
	return db.annotations.toArray();
}

/** Changes whenever an annotation is added or saved (their count and the latest save time). */
export async function annotationsStamp(db: FillbookDb): Promise<string> {
	const [count, last] = await Promise.all([
		db.annotations.count(),
		db.annotations.orderBy('updatedAt').last()
	]);
	return `${count}|${last?.updatedAt ?? 0}`;
}

/** Counts a write to executionEdits (inside the caller's transaction). */
async function bumpEditsVersion(db: FillbookDb): Promise<void> {
	await writeSetting(db, 'executionEditsVersion', (await readSetting(db, 'executionEditsVersion')) + 1);
}

/** Stores an execution's edit (replacing the one before), in one transaction. */
export function putExecutionEdit(db: FillbookDb, edit: ExecutionEditRow): Promise<void> {
	return db.transaction('rw', db.executionEdits, db.meta, async () => {
		await db.executionEdits.put(edit);
		await bumpEditsVersion(db);
	});
}

/** Removes execution `id`'s edit in one transaction; false (and nothing written) when it has none. */
export function revertExecutionEdit(db: FillbookDb, id: string): Promise<boolean> {
	return db.transaction('rw', db.executionEdits, db.meta, async () => {
		if (!(await db.executionEdits.get(id))) return false;
		await db.executionEdits.delete(id);
		await bumpEditsVersion(db);
		return true;
	});
}

/** Every execution edit, in execution id order. */
export function listExecutionEdits(db: FillbookDb): Promise<ExecutionEditRow[]> {
	return db.executionEdits.toArray();
}

/** Changes whenever an execution edit is added, changed or removed (also from another tab). */
export async function editsStamp(db: FillbookDb): Promise<string> {
	const [count, last, version] = await Promise.all([
		db.executionEdits.count(),
		db.executionEdits.orderBy('editedAt').last(),
		readSetting(db, 'executionEditsVersion')
	]);
	return `${count}.${last?.editedAt ?? 0}.${version}`;
}

/** Records executions as deleted at `at` (with what they were, for the record). */
export async function deleteExecutions(
	db: FillbookDb,
	executions: readonly Omit<DeletedExecution, 'deletedAt'>[],
	at: number
): Promise<void> {
	await db.deletedExecutions.bulkPut(executions.map((e) => ({ ...e, deletedAt: at })));
}

/** The ids of every deleted execution. */
export async function deletedIds(db: FillbookDb): Promise<Set<string>> {
	return new Set(await db.deletedExecutions.toCollection().primaryKeys());
}

/** How many executions are deleted: changes with every deletion. */
export function deletedCount(db: FillbookDb): Promise<number> {
	return db.deletedExecutions.count();
}
