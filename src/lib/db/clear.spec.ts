import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { clearMode } from './clear';
import { dbName, FillbookDb } from './schema';
import { dbStats } from './stats';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

describe('clearMode', () => {
	it('empties every table of its mode and leaves the other mode alone', async () => {
		const paper = new FillbookDb('paper');
		const real = new FillbookDb('real');
		const account = { id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: '', createdAt: 1 };
		for (const db of [paper, real]) {
			await db.accounts.add(account);
			await db.meta.put({ key: 'defaultRisk', value: '{"kind":"none"}' });
		}
		await clearMode(paper);
		expect((await dbStats(paper)).tables.every((t) => t.rows === 0)).toBe(true);
		expect(await real.accounts.count()).toBe(1);
		expect(await real.meta.count()).toBe(1);
		paper.close();
		real.close();
	});
});
