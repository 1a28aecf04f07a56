import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeExecutions } from '$lib/core/model/execution-codec';
import { executionsStamp, listExecutionChunks } from './executions';
import { dbName, FillbookDb } from './schema';

afterEach(() => Dexie.delete(dbName('paper')));

// What a chunk holds does not matter here: the stamp and the order are of chunks, not executions.
const chunk = (importId: string) => encodeExecutions(importId, []);

describe('executions', () => {
	it('lists chunks in the order stored; the stamp changes when one is added or removed', async () => {
		const db = new FillbookDb('paper');
		const stamps = [await executionsStamp(db)];
		const first = await db.executionChunks.add(chunk('a'));
		stamps.push(await executionsStamp(db));
		await db.executionChunks.add(chunk('b'));
		stamps.push(await executionsStamp(db));
		expect((await listExecutionChunks(db)).map((c) => c.importId)).toEqual(['a', 'b']);
		// Undo an import and store another: as many chunks as before, but a new last key.
		await db.executionChunks.delete(first);
		stamps.push(await executionsStamp(db));
		await db.executionChunks.add(chunk('c'));
		stamps.push(await executionsStamp(db));
		expect(new Set(stamps).size).toBe(5);
		db.close();
	});
});
