import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeBars } from '$lib/core/model/journal';
import type { BarRecord } from '$lib/core/model/records';
import { barChunksOf, listBarChunks } from './bars';
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
	it('reads a symbol’s chunks in import order, and every chunk', async () => {
		const db = new FillbookDb('paper');
		await db.barChunks.bulkAdd([
			encodeBars('a', 'MU', [bar(60_000), bar(120_000)]),
			encodeBars('a', 'AAPL', [bar(60_000)]),
			encodeBars('b', 'MU', [bar(180_000)])
		]);
		expect((await barChunksOf(db, 'MU')).map((c) => [c.importId, c.count])).toEqual([
			['a', 2],
			['b', 1]
		]);
		expect(await barChunksOf(db, 'TSLA')).toEqual([]);
		expect((await listBarChunks(db)).map((c) => c.symbol)).toEqual(['MU', 'AAPL', 'MU']);
		db.close();
	});
});
