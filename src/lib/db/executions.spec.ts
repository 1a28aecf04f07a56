import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeExecutions, type Execution } from '$lib/core/model/execution';
import { executionsStamp, listExecutionChunks } from './executions';
import { dbName, FillbookDb } from './schema';

afterEach(() => Dexie.delete(dbName('paper')));

const execution = (importId: string, line: number): Execution => ({
	id: `${line}`.padStart(16, '0'),
	importId,
	accountId: 'das|TR1',
	brokerExecutionId: null,
	symbol: 'MU',
	assetClass: 'stock',
	side: 'buy',
	positionEffect: null,
	shortSale: false,
	quantity: 100,
	price: 50,
	time: 1_760_362_200_000 + line,
	commission: null,
	fees: null,
	currency: 'USD',
	multiplier: null,
	orderId: null,
	venue: null,
	brokerPnl: null,
	line
});

describe('executions', () => {
	it('lists chunks in the order stored; the stamp changes when one is added or removed', async () => {
		const db = new FillbookDb('paper');
		const stamps = [await executionsStamp(db)];
		const first = await db.executionChunks.add(encodeExecutions('a', [execution('a', 2)]));
		stamps.push(await executionsStamp(db));
		await db.executionChunks.add(encodeExecutions('b', [execution('b', 3), execution('b', 4)]));
		stamps.push(await executionsStamp(db));
		expect((await listExecutionChunks(db)).map((c) => [c.importId, c.count])).toEqual([
			['a', 1],
			['b', 2]
		]);
		// Undo an import and store another: one chunk as before, but a new last key.
		await db.executionChunks.delete(first);
		stamps.push(await executionsStamp(db));
		await db.executionChunks.add(encodeExecutions('c', [execution('c', 5)]));
		stamps.push(await executionsStamp(db));
		expect(new Set(stamps).size).toBe(5);
		db.close();
	});
});
