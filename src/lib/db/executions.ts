/**
 * Stored executions: per-import chunks of columns (`executionChunks`, auto-incremented keys),
 * written and removed only with their import (imports.ts). Edits and deletions of single
 * executions are journal.ts's.
 */
import type { ExecutionChunkRow, FillbookDb } from './schema';

/** Every execution chunk, in key order (the order they were stored in). */
export function listExecutionChunks(db: FillbookDb): Promise<ExecutionChunkRow[]> {
	return db.executionChunks.toArray();
}

/** Changes whenever chunks are stored or removed (their count and the last key). */
export async function executionsStamp(db: FillbookDb): Promise<string> {
	const [count, lastKey] = await Promise.all([
		db.executionChunks.count(),
		db.executionChunks.orderBy(':id').lastKey() as Promise<number | undefined>
	]);
	return `${count}|${lastKey ?? 0}`;
}
