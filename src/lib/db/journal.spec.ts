import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Annotation } from '$lib/core/model/annotation';
import {
	annotationOf,
	annotationsStamp,
	deletedCount,
	deletedIds,
	deleteExecutions,
	editsStamp,
	listAnnotations,
	listExecutionEdits,
	putExecutionEdit,
	revertExecutionEdit,
	saveAnnotation
} from './journal';
import { dbName, FillbookDb, type ExecutionEditRow } from './schema';
import { readSetting } from './settings';

afterEach(() => Dexie.delete(dbName('paper')));

const note = (tradeId: string, notes: string, updatedAt: number): Annotation => ({
	tradeId,
	notes,
	tags: [],
	strategy: '',
	mistakes: [],
	risk: null,
	updatedAt
});

const edit = (id: string, price: number, editedAt: number): ExecutionEditRow => ({
	id,
	time: 1,
	side: 'buy',
	quantity: 100,
	price,
	commission: null,
	fees: null,
	reason: 'typo',
	editedAt
});

describe('annotations', () => {
	it('saves, replaces and reads a trade’s fields; the stamp changes with every save', async () => {
		const db = new FillbookDb('paper');
		const stamps = [await annotationsStamp(db)];
		await saveAnnotation(db, note('t1', 'first', 10));
		stamps.push(await annotationsStamp(db));
		await saveAnnotation(db, note('t1', 'second', 20));
		stamps.push(await annotationsStamp(db));
		expect(new Set(stamps).size).toBe(3);
		expect(await annotationOf(db, 't1')).toEqual(note('t1', 'second', 20));
		expect(await annotationOf(db, 't2')).toBeUndefined();
		expect(await listAnnotations(db)).toEqual([note('t1', 'second', 20)]);
		db.close();
	});
});

describe('execution edits', () => {
	it('counts every write in the edits’ version, a revert included, so the stamp always changes', async () => {
		const db = new FillbookDb('paper');
		const stamps = [await editsStamp(db)];
		await putExecutionEdit(db, edit('e1', 50, 5));
		stamps.push(await editsStamp(db));
		// The same edit stored again at the same time: only the version tells it apart.
		await putExecutionEdit(db, edit('e1', 51, 5));
		stamps.push(await editsStamp(db));
		expect(await listExecutionEdits(db)).toEqual([edit('e1', 51, 5)]);
		expect(await revertExecutionEdit(db, 'e1')).toBe(true);
		stamps.push(await editsStamp(db));
		expect(new Set(stamps).size).toBe(4);
		expect(await listExecutionEdits(db)).toEqual([]);
		expect(await readSetting(db, 'executionEditsVersion')).toBe(3);
		db.close();
	});

	it('reverts nothing, and writes nothing, for an execution without an edit', async () => {
		const db = new FillbookDb('paper');
		expect(await revertExecutionEdit(db, 'e1')).toBe(false);
		expect(await readSetting(db, 'executionEditsVersion')).toBe(0);
		db.close();
	});
});

describe('deleted executions', () => {
	it('records deletions with their time; deleting one again keeps one record', async () => {
		const db = new FillbookDb('paper');
		await deleteExecutions(db, [{ id: 'e1', description: 'MU buy 100 @ 50' }], 7);
		await deleteExecutions(
			db,
			[
				{ id: 'e1', description: 'MU buy 100 @ 50' },
				{ id: 'e2', description: 'MU sell 100 @ 51' }
			],
			8
		);
		expect(await deletedIds(db)).toEqual(new Set(['e1', 'e2']));
		expect(await deletedCount(db)).toBe(2);
		expect(await db.deletedExecutions.get('e1')).toEqual({
			id: 'e1',
			description: 'MU buy 100 @ 50',
			deletedAt: 8
		});
		db.close();
	});
});
