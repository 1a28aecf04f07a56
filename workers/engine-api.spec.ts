import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { hash64 } from '$lib/core/identity';
import type { Execution } from '$lib/core/model/execution';
import { decodeExecutions, encodeExecutions } from '$lib/core/model/execution-codec';
import type { Mode } from '$lib/core/model/mode';
import { dbName, FillbookDb } from '$lib/db/schema';
import { bindMode } from '$lib/state/bind-mode';
import { ModeState, type KeyValueStorage } from '$lib/state/mode.svelte';
import { createEngineApi } from './engine-api';

function memoryStorage(): KeyValueStorage {
	const data = new Map<string, string>();
	return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function deleteBoth(): Promise<void> {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
}

afterEach(deleteBoth);

describe('engine storage', () => {
	it('opens the one schema in both modes under separate names', async () => {
		const engine = createEngineApi({ now: () => 1_700_000_000_000 });
		const paper = await engine.storageStats('paper');
		const real = await engine.storageStats('real');
		expect(paper).toMatchObject({ mode: 'paper', name: 'fillbook-paper', schemaVersion: 7 });
		expect(real).toMatchObject({ mode: 'real', name: 'fillbook-real', schemaVersion: 7 });
		expect(paper.tables.map((t) => t.name)).toEqual(real.tables.map((t) => t.name));
		expect(paper.tables.every((t) => t.rows === 0)).toBe(true);
		await engine.close();
	});

	it('counts rows per table of the mode asked for', async () => {
		const engine = createEngineApi({ now: () => 1 });
		await engine.addAccount('real', { broker: 'DAS Trader', number: 'TRIB5621', currency: 'USD' });
		const real = await engine.storageStats('real');
		const paper = await engine.storageStats('paper');
		expect(real.tables.find((t) => t.name === 'accounts')?.rows).toBe(1);
		expect(paper.tables.find((t) => t.name === 'accounts')?.rows).toBe(0);
		await engine.close();
	});

	it('refuses a duplicate account and leaves the stored one unchanged', async () => {
		const engine = createEngineApi({ now: () => 5 });
		const first = await engine.addAccount('paper', {
			broker: 'DAS',
			number: 'TR1',
			currency: 'USD',
			label: 'main'
		});
		const again = await engine.addAccount('paper', { broker: ' das ', number: 'TR1', currency: 'EUR' });
		expect(first.ok).toBe(true);
		expect(again).toEqual({
			ok: false,
			errors: [{ field: 'number', message: 'Account TR1 at das already exists.' }]
		});
		expect(await engine.listAccounts('paper')).toEqual([
			{ id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: 'main', createdAt: 5 }
		]);
		await engine.close();
	});

	it('rejects an unknown mode instead of opening a third database', async () => {
		const engine = createEngineApi();
		expect(() => engine.listAccounts('live' as Mode)).toThrow('Unknown mode: live');
		await engine.close();
	});
});

type Step = { kind: 'switch'; mode: Mode } | { kind: 'write' };

describe('mode isolation', () => {
	it('data written in one mode is never visible in the other, for any interleaving', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.oneof(
						fc.record({ kind: fc.constant('switch' as const), mode: fc.constantFrom<Mode>('paper', 'real') }),
						fc.record({ kind: fc.constant('write' as const) })
					),
					{ maxLength: 25 }
				),
				async (steps: Step[]) => {
					await deleteBoth();
					let clock = 0;
					const engine = createEngineApi({ now: () => ++clock });
					const mode = new ModeState(memoryStorage());
					const current = bindMode(engine, () => mode.current);
					const expected: Record<Mode, string[]> = { paper: [], real: [] };
					for (const [i, step] of steps.entries()) {
						if (step.kind === 'switch') {
							mode.set(step.mode);
						} else {
							const result = await current.addAccount({ broker: 'DAS', number: `A${i}`, currency: 'USD' });
							expect(result.ok).toBe(true);
							expect(result.ok && result.account.id).toBe(`das|A${i}`);
							expected[mode.current].push(`A${i}`);
						}
					}
					await engine.close();
					// A fresh engine (as after a reload) reads from disk, not from memory.
					const reopened = createEngineApi();
					for (const m of ['paper', 'real'] as const) {
						expect((await reopened.listAccounts(m)).map((a) => a.number)).toEqual(expected[m]);
					}
					await reopened.close();
				}
			),
			{ numRuns: 40 }
		);
	});

	it('the mode-bound API uses the mode current at each call, not at binding time', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const mode = new ModeState(memoryStorage());
		const current = bindMode(engine, () => mode.current);
		await current.addAccount({ broker: 'IBKR', number: 'U1', currency: 'USD' });
		mode.set('real');
		expect(await current.listAccounts()).toEqual([]);
		mode.set('paper');
		expect((await current.listAccounts()).map((a) => a.number)).toEqual(['U1']);
		await engine.close();
	});
});

describe('schema', () => {
	it('is version 7 with the tables the stats report', async () => {
		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(7);
		expect(db.tables.map((t) => t.name).sort()).toEqual(
			[
				'accounts',
				'annotations',
				'barChunks',
				'deletedExecutions',
				'executionChunks',
				'executionEdits',
				'imports',
				'journalTrades',
				'matchDecisions',
				'matchRuns',
				'paperSessions',
				'meta'
			].sort()
		);
		db.close();
	});

	it('upgrades a version 1 database with data to the current version, keeping the data', async () => {
		const old = new Dexie(dbName('real'));
		old.version(1).stores({ accounts: 'id, broker, createdAt', meta: 'key' });
		await old
			.table('accounts')
			.add({ id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: '', createdAt: 1 });
		await old.table('meta').add({ key: 'created', value: 1 });
		old.close();

		const db = new FillbookDb('real');
		await db.open();
		expect(db.verno).toBe(7);
		expect(await db.accounts.toArray()).toEqual([
			{ id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: '', createdAt: 1 }
		]);
		expect(await db.meta.get('created')).toEqual({ key: 'created', value: 1 });
		expect(await db.imports.count()).toBe(0);
		expect(await db.annotations.count()).toBe(0);
		db.close();
	});

	it('upgrades a version 6 database with journal data to version 7, keeping it, with no execution edits yet', async () => {
		const old = new Dexie(dbName('real'));
		old.version(6).stores({
			accounts: 'id, broker, createdAt',
			meta: 'key',
			imports: 'id, importedAt, hash',
			executionChunks: '++key, importId, firstTime',
			journalTrades: 'id, importId, openTime, symbol',
			barChunks: '++key, importId, symbol, [symbol+firstTime]',
			annotations: 'tradeId, updatedAt, *tags, strategy',
			deletedExecutions: 'id, deletedAt',
			matchDecisions: 'id, journalId, at, runId',
			matchRuns: 'id, at',
			paperSessions: 'id, createdAt, importId'
		});
		const annotation = {
			tradeId: '00000000000000aa',
			notes: 'kept',
			tags: ['a'],
			strategy: '',
			mistakes: [],
			risk: { kind: 'stop', price: 49.5 },
			updatedAt: 3
		};
		await old.table('annotations').add(annotation);
		await old
			.table('deletedExecutions')
			.add({ id: '00000000000000bb', description: 'MU buy 100', deletedAt: 4 });
		old.close();

		const db = new FillbookDb('real');
		await db.open();
		expect(db.verno).toBe(7);
		expect(await db.annotations.toArray()).toEqual([annotation]);
		expect(await db.deletedExecutions.get('00000000000000bb')).toMatchObject({ description: 'MU buy 100' });
		expect(await db.executionEdits.count()).toBe(0);
		await db.executionEdits.put({
			id: '00000000000000aa',
			time: 1,
			side: 'buy',
			quantity: 1,
			price: 1,
			commission: null,
			fees: null,
			reason: '',
			editedAt: 5
		});
		expect(await db.executionEdits.orderBy('editedAt').primaryKeys()).toEqual(['00000000000000aa']);
		db.close();
	});

	it('upgrades a version 2 database with an import to version 7: the same executions in the new chunk layout', async () => {
		const executions: Execution[] = [0, 1, 2].map((i) => ({
			id: hash64(`e${i}`),
			importId: 'i1',
			accountId: 'das trader|TR1',
			brokerExecutionId: i === 1 ? 'B1' : null,
			symbol: 'MU',
			assetClass: 'stock',
			side: i === 2 ? 'sell' : 'buy',
			positionEffect: null,
			shortSale: false,
			quantity: 100,
			price: 50.99 + i,
			time: 1_760_362_990_000 + i,
			commission: null,
			fees: 0.003,
			currency: null,
			multiplier: null,
			orderId: i === 2 ? null : `O${i}`,
			venue: 'ARCA',
			brokerPnl: i === 2 ? 200 : null,
			line: i + 2
		}));
		const chunk = encodeExecutions('i1', executions);
		const old = new Dexie(dbName('paper'));
		old.version(1).stores({ accounts: 'id, broker, createdAt', meta: 'key' });
		old.version(2).stores({
			imports: 'id, importedAt, hash',
			executionChunks: '++key, importId, firstTime',
			journalTrades: 'id, importId, openTime, symbol',
			barChunks: '++key, importId, symbol, [symbol+firstTime]'
		});
		await old.table('imports').add({ id: 'i1', importedAt: 1, hash: 'h', fileName: 'f.csv' });
		// Schema 2 and 3 kept ids, order ids and broker execution ids as lists of text.
		await old.table('executionChunks').add({
			...chunk,
			id: executions.map((e) => e.id),
			orderId: executions.map((e) => e.orderId),
			brokerExecutionId: executions.map((e) => e.brokerExecutionId)
		});
		old.close();
		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(7);
		expect(await db.imports.get('i1')).toMatchObject({ fileName: 'f.csv' });
		const [stored] = await db.executionChunks.toArray();
		expect(stored?.id).toBeInstanceOf(Uint32Array);
		expect(stored?.orderId.text).toBe('O0O1');
		expect(decodeExecutions(stored!)).toEqual(executions);
		expect(await db.deletedExecutions.count()).toBe(0);
		db.close();
	});
});
