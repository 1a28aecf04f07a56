import type { ImportRequest } from './contract';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '$lib/core/model/mode';
import { EMPTY_FILTER, type TradeQuery } from '$lib/core/trades/query';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { underLocks, type Announcer, type Locks } from './engine-sync';

const dasText = readFileSync('tests/fixtures/samples/das/Trades_2025-10-13.csv', 'utf8');
const dasFile = () => new File([dasText], 'Trades_2025-10-13.csv', { type: 'text/csv' });
const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: '2025-10-13',
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
const dataRows = dasText.trim().split('\n').length - 1;
const noProgress = () => undefined;
const QUERY: TradeQuery = {
	filter: EMPTY_FILTER,
	sort: { key: 'openTime', dir: 'asc' },
	offset: 0,
	limit: 1000,
	zone: 'America/New_York'
};

afterEach(async () => {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
});

/** Executions stored in a mode's database, counted from its chunks. */
async function storedExecutions(mode: Mode): Promise<number> {
	const db = new FillbookDb(mode);
	const chunks = await db.executionChunks.toArray();
	db.close();
	return chunks.reduce((n, c) => n + c.count, 0);
}

/** Web Locks as one browser has them: one holder per name, the others wait in order. */
function fakeLocks(): Locks & { held: string[] } {
	const queues = new Map<string, Promise<unknown>>();
	const held: string[] = [];
	return {
		held,
		request<T>(name: string, callback: () => Promise<T>): Promise<T> {
			const run = async () => {
				held.push(name);
				try {
					return await callback();
				} finally {
					held.splice(held.indexOf(name), 1);
				}
			};
			const result = (queues.get(name) ?? Promise.resolve()).then(run, run);
			queues.set(
				name,
				result.catch(() => undefined)
			);
			return result;
		}
	};
}

describe('two tabs (two engines) over one database', () => {
	it('import the same file at the same moment without locks: stored once, the second counts duplicates', async () => {
		// No Web Locks (as in a browser without them): only the commit transaction's re-check stands.
		const a = createEngineApi({ locks: null });
		const b = createEngineApi({ locks: null });
		const [first, second] = await Promise.all([
			a.importFile('real', 'a', dasFile(), DAS, noProgress),
			b.importFile('real', 'b', dasFile(), DAS, noProgress)
		]);
		// Both planned against an empty database, and both answer: one stored it all, one nothing.
		const outcomes = [first, second].map((o) =>
			o.ok ? [o.counts.imported, o.counts.duplicates] : o.message
		);
		expect(outcomes.sort()).toEqual([
			[0, dataRows],
			[dataRows, 0]
		]);
		expect(await storedExecutions('real')).toBe(dataRows);
		// The new account is made once and reused by the other import, not a ConstraintError.
		expect((await a.listAccounts('real')).map((x) => x.number)).toEqual(['TRPA61247']);
		const created = [first, second].map((o) => (o.ok ? o.createdAccounts : null));
		expect(created.filter((c) => c?.length === 1)).toHaveLength(1);
		expect(created.filter((c) => c?.length === 0)).toHaveLength(1);
		// The import rows say the same as the answers did.
		const rows = await a.listImports('real');
		expect(rows.map((r) => r.counts.imported).sort((x, y) => x - y)).toEqual([0, dataRows]);
		// And the trades are the file's trades, once (P&L not doubled).
		const once = createEngineApi({ locks: null });
		const single = await once.importFile('paper', 'c', dasFile(), DAS, noProgress);
		expect(single.ok).toBe(true);
		const [real, paper] = await Promise.all([a.listTrades('real', QUERY), once.listTrades('paper', QUERY)]);
		expect(real.total).toBe(paper.total);
		expect(real.summary.netPnl).toBe(paper.summary.netPnl);
		await Promise.all([a.close(), b.close(), once.close()]);
	});

	it('import the same file into an existing account at the same moment: nothing stored twice', async () => {
		const a = createEngineApi({ locks: null });
		const b = createEngineApi({ locks: null });
		await a.addAccount('real', { broker: 'DAS Trader', number: 'TRPA61247', currency: 'USD', label: '' });
		const outcomes = await Promise.all(
			[a, b, a].map((engine, i) => engine.importFile('real', `job-${i}`, dasFile(), DAS, noProgress))
		);
		expect(outcomes.map((o) => (o.ok ? o.counts.imported : o.message)).sort((x, y) => +x - +y)).toEqual([
			0,
			0,
			dataRows
		]);
		expect(outcomes.map((o) => (o.ok ? o.counts.duplicates : -1)).sort((x, y) => x - y)).toEqual([
			0,
			dataRows,
			dataRows
		]);
		expect(await storedExecutions('real')).toBe(dataRows);
		await Promise.all([a.close(), b.close()]);
	});

	it('with Web Locks the second import waits for the first and plans against it', async () => {
		const locks = fakeLocks();
		const a = createEngineApi({ locks });
		const b = createEngineApi({ locks });
		const [first, second] = await Promise.all([
			a.importFile('paper', 'a', dasFile(), DAS, noProgress),
			b.importFile('paper', 'b', dasFile(), DAS, noProgress)
		]);
		expect([first, second]).toMatchObject([
			{ ok: true, counts: { imported: dataRows, duplicates: 0 }, createdAccounts: ['das trader|TRPA61247'] },
			{ ok: true, counts: { imported: 0, duplicates: dataRows }, createdAccounts: [] }
		]);
		expect(await storedExecutions('paper')).toBe(dataRows);
		expect(locks.held).toEqual([]);
		await Promise.all([a.close(), b.close()]);
	});

	it('adds the same new account from two tabs at once: one stored, the other told it exists', async () => {
		const a = createEngineApi({ locks: null });
		const b = createEngineApi({ locks: null });
		const input = { broker: 'IBKR', number: 'U123', currency: 'USD', label: '' };
		const results = await Promise.all([a.addAccount('real', input), b.addAccount('real', input)]);
		expect(results.map((r) => r.ok).sort()).toEqual([false, true]);
		expect(results.find((r) => !r.ok)).toEqual({
			ok: false,
			errors: [{ field: 'number', message: 'Account U123 at IBKR already exists.' }]
		});
		expect(await a.listAccounts('real')).toHaveLength(1);
		await Promise.all([a.close(), b.close()]);
	});

	it('announces each committed write with the tables it changed, in its mode', async () => {
		const heard: [Mode, string[]][] = [];
		const announcer: Announcer = { announce: (mode, tables) => heard.push([mode, tables]), close: () => {} };
		const engine = createEngineApi({ locks: null, announcer });
		await engine.importFile('real', 'a', dasFile(), DAS, noProgress);
		// The import stores its executions and the instruments they reveal, in one transaction.
		expect(heard).toEqual([['real', ['instruments', 'imports', 'accounts', 'executionChunks']]]);
		heard.length = 0;
		// A write that fails announces nothing: nothing changed.
		await engine.addAccount('paper', { broker: '', number: '', currency: 'USD', label: '' });
		expect(heard).toEqual([]);
		await engine.addAccount('paper', { broker: 'IBKR', number: 'U1', currency: 'USD', label: '' });
		expect(heard).toEqual([['paper', ['accounts']]]);
		await engine.close();
	});
});

describe('underLocks', () => {
	it('holds the named modes’ locks in a fixed order while the task runs, and runs at once without locks', async () => {
		const locks = fakeLocks();
		const seen = await underLocks(locks, ['real', 'paper'], () => Promise.resolve([...locks.held]));
		expect(seen).toEqual(['fillbook-paper-write', 'fillbook-real-write']);
		expect(locks.held).toEqual([]);
		expect(await underLocks(null, ['paper'], () => Promise.resolve(7))).toBe(7);
	});

	it('runs writes of one mode from two engines one after the other', async () => {
		const locks = fakeLocks();
		const order: string[] = [];
		const task = (name: string) => async () => {
			order.push(`${name} start`);
			await new Promise((r) => setTimeout(r, 10));
			order.push(`${name} end`);
		};
		await Promise.all([underLocks(locks, ['paper'], task('a')), underLocks(locks, ['paper'], task('b'))]);
		expect(order).toEqual(['a start', 'a end', 'b start', 'b end']);
	});
});
