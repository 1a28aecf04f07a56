import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { planExecutions, planImport, type ImportPlan, type Stored } from '$lib/core/import/plan';
import { decodeExecutions } from '$lib/core/model/execution-codec';
import type { ExecutionRecord } from '$lib/core/model/records';
import { commitImport, loadStored } from './imports';
import { dbName, FillbookDb, type ImportRow } from './schema';

afterEach(() => Dexie.delete(dbName('paper')));

const record = (i: number): ExecutionRecord => ({
	kind: 'execution',
	accountNumber: 'TR1',
	brokerExecutionId: i % 3 === 0 ? `B${i}` : null,
	symbol: 'MU',
	assetClass: 'stock',
	side: 'buy',
	positionEffect: null,
	shortSale: false,
	quantity: 100,
	price: 50 + i / 100,
	time: 1_760_362_200_000 + i,
	commission: null,
	fees: 0.01,
	currency: null,
	multiplier: null,
	orderId: i % 2 === 0 ? `O${i >> 2}` : null,
	venue: 'ARCA',
	brokerPnl: null,
	line: i + 2
});

const row: ImportRow = {
	id: 'imp',
	fileName: 'Trades_2025-10-13.csv',
	size: 1,
	hash: 'x',
	formatId: 'das-trades',
	formatLabel: 'DAS',
	produces: 'executions',
	zone: 'America/New_York',
	accountId: null,
	tradeDate: '2025-10-13',
	symbol: null,
	counts: { rows: 1, imported: 1, duplicates: 0, rejected: 0, skipped: 0 },
	createdAccounts: [],
	rejectedRows: [],
	importedAt: 1
};

const records = Array.from({ length: 120_000 }, (_, i) => record(i));
const plan = (
	stored: Stored = { hasExecution: () => false, hasJournalTrade: () => false, hasBar: () => false }
) => planImport(records, { importId: 'imp', broker: 'DAS', accountId: null }, stored, new Set());

describe('commitImport', () => {
	it('stores nothing at all when the browser runs out of room midway (quota exceeded)', async () => {
		const db = new FillbookDb('paper');
		// The third chunk write fails the way IndexedDB does when the quota is reached.
		let writes = 0;
		db.executionChunks.hook('creating', () => {
			if (++writes === 3) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		await expect(
			commitImport(db, row, plan(), [
				{ id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: '', createdAt: 1 }
			])
		).rejects.toThrow();
		expect(await db.imports.count()).toBe(0);
		expect(await db.executionChunks.count()).toBe(0);
		expect(await db.accounts.count()).toBe(0);
		db.close();
	});

	it('stores executions in chunks of 50,000 that decode back to the same executions', async () => {
		const db = new FillbookDb('paper');
		const planned: ImportPlan = plan();
		await commitImport(db, row, planned, []);
		const chunks = await db.executionChunks.toArray();
		expect(chunks.map((c) => c.count)).toEqual([50_000, 50_000, 20_000]);
		const stored = chunks.flatMap((c) => decodeExecutions(c));
		expect(stored).toEqual(planExecutions(planned));
		expect(stored.map((e) => [e.line, e.brokerExecutionId, e.orderId, e.price])).toEqual(
			records.map((r) => [r.line, r.brokerExecutionId, r.orderId, r.price])
		);
		// Planned again against what is stored: every execution is a duplicate.
		const again = plan(await loadStored(db));
		expect([again.executionCount, again.duplicates]).toEqual([0, 120_000]);
		db.close();
	});
});
