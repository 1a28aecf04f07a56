import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { hash64 } from '$lib/core/identity';
import type { Execution } from '$lib/core/model/execution';
import { decodeExecutions, encodeExecutions } from '$lib/core/model/execution-codec';
import type { Mode } from '$lib/core/model/mode';
import { dbName, FillbookDb } from '$lib/db/schema';
import { composeEngine, createEngineApi } from './engine-api';

async function deleteBoth(): Promise<void> {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
}

afterEach(deleteBoth);

describe('engine storage', () => {
	it('opens the one schema in both modes under separate names', async () => {
		const engine = createEngineApi({ now: () => 1_700_000_000_000 });
		const paper = await engine.storageStats('paper');
		const real = await engine.storageStats('real');
		expect(paper).toMatchObject({ mode: 'paper', name: 'fillbook-paper', schemaVersion: 13 });
		expect(real).toMatchObject({ mode: 'real', name: 'fillbook-real', schemaVersion: 13 });
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

describe('composeEngine', () => {
	it('joins the handler modules into one API', () => {
		const api = composeEngine({ a: { one: () => 1 }, b: { two: () => 2 } });
		expect([api.one(), api.two()]).toEqual([1, 2]);
	});

	it('refuses two handlers with a method of one name, naming both', () => {
		expect(() => composeEngine({ trades: { list: () => 1 }, paper: { list: () => 2 } })).toThrow(
			'Engine handlers trades and paper both define list: rename one.'
		);
	});

	it('composes the real engine without a clash', async () => {
		const engine = createEngineApi({ now: () => 1 });
		expect(typeof engine.importFile).toBe('function');
		expect(typeof engine.paperAct).toBe('function');
		await engine.close();
	});
});

/** The stores of schema 6, as FillbookDb declared them then (for upgrade tests). */
const V6_STORES = {
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
};

/** The stores of schema 10 (the strategy lab and the alert inbox added). */
const V10_STORES = {
	...V6_STORES,
	executionEdits: 'id, editedAt',
	paperActions: 'id, [sessionId+index]',
	strategies: 'id, updatedAt',
	strategyVersions: 'id, strategyId',
	backtestRuns: 'id, strategyId, createdAt, importId',
	alertSources: 'id, name',
	alerts: 'id, &seq, receivedAt, sourceId, *orderIds',
	levelAlerts: 'id, symbol, status, eventSeq',
	priceMarks: 'id, symbol, time',
	scanSchedules: 'id, createdAt'
};

/** The stores of schema 11 (bars kept aside, the preferred file, alerts by symbol). */
const V11_STORES = {
	...V10_STORES,
	alerts: 'id, &seq, receivedAt, sourceId, *orderIds, alert.symbol',
	barAlternates: '++key, importId, symbol',
	barPreferences: 'symbol, importId'
};

describe('schema', () => {
	it('is version 13 with the tables the stats report', async () => {
		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(13);
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
				'paperActions',
				'strategies',
				'strategyVersions',
				'backtestRuns',
				'alertSources',
				'alerts',
				'levelAlerts',
				'priceMarks',
				'scanSchedules',
				'barAlternates',
				'barPreferences',
				'instruments',
				'positionSnapshots',
				'meta'
			].sort()
		);
		db.close();
	});

	it('upgrades a version 8 database to version 13 keeping its rows, the strategy lab and the alert inbox empty', async () => {
		const old = new Dexie(dbName('paper'));
		old.version(8).stores({
			...V6_STORES,
			executionEdits: 'id, editedAt',
			paperActions: 'id, [sessionId+index]'
		});
		const action = { id: 'ps1/0', sessionId: 'ps1', index: 0, action: { kind: 'step', at: 0 } };
		await old.table('paperActions').add(action);
		await old.table('meta').add({ key: 'created', value: 8 });
		old.close();

		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(13);
		expect([await db.paperActions.toArray(), await db.meta.toArray()]).toEqual([
			[action],
			[{ key: 'created', value: 8 }]
		]);
		expect([
			await db.strategies.count(),
			await db.strategyVersions.count(),
			await db.backtestRuns.count(),
			await db.alertSources.count(),
			await db.alerts.count()
		]).toEqual([0, 0, 0, 0, 0]);
		db.close();
	});

	it('upgrades a version 10 database to version 11: its alerts found by symbol, no bars kept aside, no preferred file', async () => {
		const old = new Dexie(dbName('paper'));
		old.version(10).stores(V10_STORES);
		const alert = (id: string, seq: number, symbol: string | null) => ({
			id,
			seq,
			receivedAt: seq,
			sourceId: 's',
			orderIds: [],
			alert: symbol === null ? null : { symbol, price: 10 }
		});
		await old.table('alerts').bulkAdd([alert('a1', 1, 'RIVN'), alert('a2', 2, 'MU'), alert('a3', 3, null)]);
		old.close();

		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(13);
		expect((await db.alerts.where('alert.symbol').equals('RIVN').toArray()).map((a) => a.id)).toEqual(['a1']);
		expect(await db.alerts.count()).toBe(3);
		expect([await db.barAlternates.count(), await db.barPreferences.count()]).toEqual([0, 0]);
		db.close();
	});

	it('upgrades a version 11 database to version 13 keeping its rows, with no instrument records or snapshots', async () => {
		const old = new Dexie(dbName('paper'));
		old.version(11).stores(V11_STORES);
		const preference = { symbol: 'MU', importId: 'imp-1', setAt: 5 };
		await old.table('barPreferences').add(preference);
		await old.table('meta').add({ key: 'created', value: 11 });
		old.close();

		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(13);
		expect([await db.barPreferences.toArray(), await db.meta.toArray()]).toEqual([
			[preference],
			[{ key: 'created', value: 11 }]
		]);
		expect(await db.instruments.count()).toBe(0);
		expect(await db.positionSnapshots.count()).toBe(0);
		db.close();
	});

	it('upgrades a version 12 database to version 13 keeping its instrument records, with no positions snapshots', async () => {
		const old = new Dexie(dbName('real'));
		old.version(12).stores({ ...V11_STORES, instruments: 'symbol' });
		const record = { symbol: 'LE', source: 'user', importIds: [] };
		await old.table('instruments').add(record);
		old.close();

		const db = new FillbookDb('real');
		await db.open();
		expect(db.verno).toBe(13);
		expect(await db.instruments.toArray()).toEqual([record]);
		expect(await db.positionSnapshots.count()).toBe(0);
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
		expect(db.verno).toBe(13);
		expect(await db.accounts.toArray()).toEqual([
			{ id: 'das|TR1', broker: 'DAS', number: 'TR1', currency: 'USD', label: '', createdAt: 1 }
		]);
		expect(await db.meta.get('created')).toEqual({ key: 'created', value: 1 });
		expect(await db.imports.count()).toBe(0);
		expect(await db.annotations.count()).toBe(0);
		db.close();
	});

	it('upgrades a version 6 database with journal data to version 13, keeping it, with no execution edits yet', async () => {
		const old = new Dexie(dbName('real'));
		old.version(6).stores(V6_STORES);
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
		expect(db.verno).toBe(13);
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

	it('upgrades a version 7 database with a paper session to version 13: its log moves to paperActions, in order', async () => {
		const old = new Dexie(dbName('paper'));
		old.version(7).stores({ ...V6_STORES, executionEdits: 'id, editedAt' });
		const actions = [
			{ kind: 'flatten', at: 0 },
			{ kind: 'cancel', at: 2, orderId: 'o1' },
			{ kind: 'flatten', at: 3 }
		];
		const session = {
			id: 'ps-1',
			symbol: 'RIVN',
			from: 1,
			to: 2,
			broker: {},
			risk: {},
			cursor: 4,
			actions,
			status: 'running',
			createdAt: 5,
			importId: 'paper-ps-1',
			storedExecutions: 0
		};
		await old.table('paperSessions').bulkAdd([session, { ...session, id: 'ps-2', actions: [] }]);
		old.close();

		const db = new FillbookDb('paper');
		await db.open();
		expect(db.verno).toBe(13);
		const { actions: _moved, ...rest } = session;
		expect(await db.paperSessions.get('ps-1')).toEqual({ ...rest, actionCount: 3 });
		expect(await db.paperSessions.get('ps-2')).toMatchObject({ actionCount: 0 });
		expect(await db.paperActions.orderBy('[sessionId+index]').toArray()).toEqual(
			actions.map((action, index) => ({ id: `ps-1/${index}`, sessionId: 'ps-1', index, action }))
		);
		db.close();
	});

	it('upgrades a version 2 database with an import to version 13: the same executions in the new chunk layout', async () => {
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
		expect(db.verno).toBe(13);
		expect(await db.imports.get('i1')).toMatchObject({ fileName: 'f.csv' });
		const [stored] = await db.executionChunks.toArray();
		expect(stored?.id).toBeInstanceOf(Uint32Array);
		expect(stored?.orderId.text).toBe('O0O1');
		expect(decodeExecutions(stored!)).toEqual(executions);
		expect(await db.deletedExecutions.count()).toBe(0);
		db.close();
	});
});
