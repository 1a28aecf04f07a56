import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBars } from '$lib/core/model/journal';
import type { BarRecord } from '$lib/core/model/records';
import { listBarChunks, setBarPreference, symbolBarFiles } from './bars';
import { dbName, FillbookDb } from './schema';

afterEach(() => Dexie.delete(dbName('paper')));

const bar = (time: number): BarRecord => ({
	kind: 'bar',
	symbol: '',
	time,
	open: 1,
	high: 2,
	low: 0.5,
	close: 1.5,
	volume: 100,
	line: 2
});

describe('bars', () => {
	it('reads a symbol’s chunks, alternates and preferred file, and every chunk', async () => {
		const db = new FillbookDb('paper');
		await db.barChunks.bulkAdd([
			encodeBars('a', 'MU', [bar(60_000), bar(120_000)]),
			encodeBars('a', 'AAPL', [bar(60_000)]),
			encodeBars('b', 'MU', [bar(180_000)])
		]);
		await db.barAlternates.add(encodeBars('b', 'MU', [{ ...bar(60_000), close: 1.6 }], 60_000));
		const mu = await symbolBarFiles(db, 'MU');
		expect(mu.main.map((c) => [c.importId, c.count])).toEqual([
			['a', 2],
			['b', 1]
		]);
		expect(mu.alternates.map((c) => [c.importId, c.count, c.timeframeMs, c.close[0]])).toEqual([
			['b', 1, 60_000, 1.6]
		]);
		expect(mu.preferred).toBe(null);
		await setBarPreference(db, 'MU', 'b', 5);
		expect((await symbolBarFiles(db, 'MU')).preferred).toBe('b');
		expect(await db.barPreferences.get('MU')).toEqual({ symbol: 'MU', importId: 'b', setAt: 5 });
		await setBarPreference(db, 'MU', null, 6);
		expect((await symbolBarFiles(db, 'MU')).preferred).toBe(null);
		expect(await symbolBarFiles(db, 'TSLA')).toEqual({ main: [], alternates: [], preferred: null });
		const all = await listBarChunks(db);
		expect(all.main.map((c) => c.symbol)).toEqual(['MU', 'AAPL', 'MU']);
		expect(all.alternates.map((c) => c.symbol)).toEqual(['MU']);
		db.close();
	});
});
