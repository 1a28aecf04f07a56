import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { createGate, DEFAULT_SOURCE_SETTINGS } from '$lib/core/alerts';
import { DEFAULT_RISK_CONFIG } from '$lib/core/risk';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Account } from '$lib/core/model/account';
import type { Execution } from '$lib/core/model/execution';
import { decodeExecutions, encodeExecutions } from '$lib/core/model/execution-codec';
import { DEFAULT_MATCH_SETTINGS } from '$lib/core/matching/types';
import { encodeBars, type JournalTrade } from '$lib/core/model/journal';
import type { Mode } from '$lib/core/model/mode';
import type { BarRecord } from '$lib/core/model/records';
import { backupCounts, backupFileName, exportBackup, readBackup, restoreBackup } from './backup';
import { BACKUP_TABLES, NEWEST_KNOWN_SCHEMA, type Backup } from './backup-format';
import { dbName, FillbookDb, type ImportRow, type MetaRow } from './schema';

const open: FillbookDb[] = [];
function database(mode: Mode): FillbookDb {
	const db = new FillbookDb(mode);
	open.push(db);
	return db;
}

afterEach(async () => {
	for (const db of open.splice(0)) db.close();
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
});

const execution = (i: number, overrides: Partial<Execution> = {}): Execution => ({
	id: i.toString(16).padStart(16, '0'),
	importId: 'imp-das',
	accountId: 'das trader|TR1',
	brokerExecutionId: i % 2 === 0 ? `B${i}` : null,
	symbol: ['MU', 'ÄPFEL', '株式', '🚀MEME'][i % 4]!,
	assetClass: 'stock',
	side: i % 3 === 0 ? 'sell' : 'buy',
	positionEffect: i % 5 === 0 ? 'open' : null,
	shortSale: i % 7 === 0,
	quantity: 100 + i,
	price: 50 + i / 100,
	time: 1_760_362_200_000 + i * 1000,
	commission: i % 2 === 0 ? null : 0.5,
	fees: i % 3 === 0 ? null : 0.01,
	currency: i % 2 === 0 ? 'USD' : null,
	multiplier: null,
	orderId: i % 4 === 0 ? null : `ord-${i}`,
	venue: i % 2 === 0 ? 'ARCA' : 'NSDQ',
	brokerPnl: i % 6 === 0 ? -12.5 : null,
	line: i + 2,
	...overrides
});

const accounts: Account[] = [
	{ id: 'das trader|TR1', broker: 'DAS Trader', number: 'TR1', currency: 'USD', label: '', createdAt: 1 },
	{
		id: 'ibkr|U123',
		broker: 'IBKR',
		number: 'U123',
		currency: 'EUR',
		label: 'Épargne — “long” 📈',
		createdAt: 2
	}
];

const importRow = (id: string, overrides: Partial<ImportRow> = {}): ImportRow => ({
	id,
	fileName: 'Trades_2025-10-13.csv',
	size: 1234,
	hash: 'ab'.repeat(32),
	formatId: 'das-trades',
	formatLabel: 'DAS Trader — Trades window',
	produces: 'executions',
	zone: 'America/New_York',
	accountId: null,
	tradeDate: '2025-10-13',
	symbol: null,
	counts: { rows: 10, imported: 8, duplicates: 0, rejected: 1, skipped: 1 },
	createdAccounts: ['das trader|TR1'],
	rejectedRows: [
		{
			line: 7,
			column: 'Price',
			reason: 'is not a number',
			cells: ['09:31:00', '=HYPERLINK("x")', 'S', '1,2"3', '', 'ARCA\r\n', '😀']
		}
	],
	importedAt: 1_760_400_000_000,
	...overrides
});

const journalTrade = (i: number, notes: string, overrides: Partial<JournalTrade> = {}): JournalTrade => ({
	id: `jt-${i}`,
	importId: 'imp-tv',
	accountId: i % 2 === 0 ? 'ibkr|U123' : null,
	symbol: i % 2 === 0 ? 'AAPL' : 'BRK.B',
	direction: i % 2 === 0 ? 'long' : 'short',
	openTime: 1_760_000_000_000 + i,
	closeTime: i % 3 === 0 ? null : 1_760_000_600_000 + i,
	volume: 200,
	executionCount: 4,
	entryPrice: 187.25,
	exitPrice: i % 3 === 0 ? null : 188.5,
	grossPnl: 250,
	netPnl: 248.02,
	commissions: 1.98,
	fees: null,
	initialRisk: 100,
	pnlR: 2.48,
	notes,
	tags: ['breakout', 'A+ setup', 'ünïcödé'],
	// Column names as exported, including ones that look like the file's own tags.
	raw: { Symbol: 'AAPL', Notes: notes, $type: 'Float64Array', $$odd: 'x', ['__proto__']: 'kept' },
	line: i + 2,
	...overrides
});

const bars: BarRecord[] = [0, 1, 2].map((i) => ({
	kind: 'bar',
	symbol: 'MU',
	time: 1_760_362_200_000 + i * 60_000,
	open: i === 0 ? -0 : 50 + i,
	high: 51 + i,
	low: 49 + i,
	close: 50.5 + i,
	volume: i === 1 ? null : 1000 * i,
	line: i + 2
}));

const meta: MetaRow[] = [
	{ key: 'created', value: 1_760_000_000_000 },
	{ key: 'onboarded', value: true },
	{ key: 'théme', value: 'dark 🌙' }
];

/** A database with some of everything, including the values JSON cannot hold. */
async function fill(db: FillbookDb): Promise<void> {
	const firstChunk = encodeExecutions(
		'imp-das',
		Array.from({ length: 9 }, (_, i) => execution(i))
	);
	firstChunk.price[3] = NaN;
	firstChunk.quantity[4] = Infinity;
	firstChunk.fees[5] = -Infinity;
	firstChunk.commission[6] = -0;
	await db.transaction('rw', db.tables, async () => {
		await db.accounts.bulkAdd(accounts);
		await db.imports.bulkAdd([
			importRow('imp-das'),
			importRow('imp-tv', {
				produces: 'journal',
				rejectedRows: [],
				formatId: 'tradervue-trades',
				encoding: 'utf-16le',
				warnings: ['line 1: expected columns not found (their values are not read): Notes']
			})
		]);
		await db.executionChunks.add(firstChunk);
		await db.executionChunks.add(
			encodeExecutions('imp-das', [execution(100, { symbol: 'ÄPFEL', commission: null, price: 0.0001 })])
		);
		// An empty chunk: firstTime Infinity, lastTime -Infinity.
		await db.executionChunks.add(encodeExecutions('imp-empty', []));
		await db.journalTrades.bulkAdd([
			journalTrade(1, 'Said "wait", didn\'t.\nSecond line,\r\nthird; emoji 🚀🔥 and a lone \ud800 surrogate'),
			journalTrade(2, ''),
			journalTrade(3, '=SUM(A1:A9)\t,"quoted",\u0000nul')
		]);
		await db.barChunks.add(encodeBars('imp-bars', 'MU', bars));
		await db.barChunks.add(encodeBars('imp-bars', '株式', []));
		// A file's bar that disagreed with the stored one, kept aside, and that file preferred.
		await db.barAlternates.add(
			encodeBars('imp-das', 'MU', [{ ...bars[0]!, close: bars[0]!.close + 0.01 }], 60_000)
		);
		await db.barPreferences.add({ symbol: 'MU', importId: 'imp-das', setAt: 1_760_500_000_000 });
		// The user's record of a future (a tick of 1/40 and banded ticks are kept exactly).
		await db.instruments.add({
			symbol: 'LE',
			assetClass: 'future',
			name: 'Live Cattle',
			exchange: 'CME',
			currency: 'USD',
			pair: null,
			multiplier: 400,
			tick: { kind: 'fixed', tick: 0.025 },
			lotStep: 1,
			session: 'cme-globex',
			aliases: ['LEZ5'],
			option: null,
			source: 'user',
			importIds: []
		});
		// A broker's positions snapshot: a short with a sub-penny average cost, a holding without one.
		await db.positionSnapshots.add({
			id: 'snap-1',
			importedAt: 1_760_500_000_000,
			asOf: 1_760_486_399_999,
			asOfDate: '2025-10-14',
			zone: 'America/New_York',
			formatId: 'das-positions',
			formatLabel: 'DAS Trader — Positions window',
			broker: 'DAS Trader',
			fileName: 'Positions_2025-10-14.csv',
			hash: 'ab'.repeat(32),
			accountIds: ['das trader|TRIB5621'],
			rows: [
				{
					accountId: 'das trader|TRIB5621',
					symbol: 'THST',
					assetClass: 'stock',
					quantity: -225,
					avgCost: 2.7725,
					currency: null
				},
				{
					accountId: 'das trader|TRIB5621',
					symbol: 'MU',
					assetClass: 'stock',
					quantity: 400,
					avgCost: null,
					currency: 'USD'
				}
			]
		});
		await db.annotations.bulkAdd([
			{
				tradeId: '0000000000000000',
				notes: 'Chased the open.\n"Never again" 🙈',
				tags: ['fomo', 'orb'],
				strategy: 'ORB 5m',
				mistakes: ['late entry'],
				risk: { kind: 'stop', price: 49.5 },
				updatedAt: 1_760_500_000_000
			},
			{
				tradeId: '0000000000000064',
				notes: '',
				tags: [],
				strategy: '',
				mistakes: [],
				risk: null,
				updatedAt: 1_760_500_000_001
			}
		]);
		await db.deletedExecutions.add({
			id: '0000000000000008',
			description: '2025-10-13 09:43:10 株式 buy 108 @ 50.08',
			deletedAt: 1_760_600_000_000
		});
		await db.executionEdits.add({
			id: '0000000000000003',
			time: 1_760_362_203_250,
			side: 'sell',
			quantity: 0.5,
			price: 50.0301,
			commission: null,
			fees: -0.004,
			reason: 'Broker corrected the fill — ünïcödé',
			editedAt: 1_760_600_000_001
		});
		await db.matchDecisions.add({
			id: 'd1',
			runId: 'r1',
			journalId: 'j1',
			kind: 'link',
			tradeId: '0000000000000000',
			at: 1_760_700_000_000
		});
		await db.matchRuns.add({
			id: 'r1',
			at: 1_760_700_000_000,
			trigger: 'decision',
			settings: { ...DEFAULT_MATCH_SETTINGS, aliases: { FB: 'META' }, offsetHours: { 'imp-tv': -3 } },
			counts: {
				journal: 1,
				roundTrips: 1,
				matched: 1,
				manual: 1,
				ambiguous: 0,
				unmatchedJournal: 0,
				noFills: 0,
				unmatchedTrades: 0,
				discrepancies: 1
			},
			result: {
				matched: [
					{
						journalId: 'j1',
						tradeId: '0000000000000000',
						manual: true,
						cost: 0,
						pnl: { journalGross: 10, fillsGross: 10.01, journalNet: null, fillsNet: null, discrepancy: true }
					}
				],
				ambiguous: [],
				unmatchedJournal: [],
				noFills: [],
				unmatchedTrades: [],
				offsets: [
					{ importId: 'imp-tv', applied: -3, detected: -3, support: 2, appliedSupport: 2, of: 2, days: [] }
				]
			},
			added: [['j1', '0000000000000000']],
			removed: [],
			rolledBackAt: null
		});
		await db.paperSessions.add({
			id: 'ps1',
			symbol: 'SPY',
			from: 1_760_000_000_000,
			to: 1_760_086_400_000,
			broker: { ...DEFAULT_BROKER_CONFIG },
			risk: DEFAULT_RISK_CONFIG,
			cursor: 2,
			status: 'running',
			createdAt: 1_760_700_000_000,
			importId: 'paper-ps1',
			storedExecutions: 1,
			actionCount: 1,
			bars: 390
		});
		await db.paperActions.add({
			id: 'ps1/0',
			sessionId: 'ps1',
			index: 0,
			action: {
				kind: 'submit',
				at: 1,
				submission: {
					orderClass: 'single',
					order: { symbol: 'SPY', side: 'buy', quantity: 10, type: 'market' }
				}
			}
		});
		const strategy = { ...STRATEGY_TEMPLATES[0]!, id: 's1', name: 'SMA «cross» 🚀' };
		await db.strategies.add({ ...strategy, createdAt: 1_760_800_000_000, updatedAt: 1_760_800_000_000 });
		await db.strategyVersions.add({
			id: 's1@1',
			strategyId: 's1',
			version: 1,
			definition: strategy,
			savedAt: 1_760_800_000_000
		});
		await db.backtestRuns.add({
			id: 'bt1',
			strategyId: 's1',
			version: 1,
			definition: strategy,
			symbol: 'MU',
			timeframe: null,
			timeframeMs: 60_000,
			timeframeLabel: '1m',
			firstBarTime: 1_760_362_200_000,
			lastBarTime: 1_760_362_260_000,
			bars: 2,
			barHash: 'ab'.repeat(32),
			broker: { ...DEFAULT_BROKER_CONFIG, startingCash: 25_000 },
			risk: DEFAULT_RISK_CONFIG,
			createdAt: 1_760_800_000_001,
			importId: 'imp-das',
			metrics: { trades: 0, netPnlCents: 0, winRate: null, sharpe: null } as never,
			trades: [],
			equityTime: new Float64Array([1_760_362_200_000, 1_760_362_260_000]),
			equity: new Float64Array([25_000, 24_999.5])
		});
		await db.alertSources.add({
			id: 'src1',
			name: 'TradingView «main»',
			settings: { ...DEFAULT_SOURCE_SETTINGS, requireSignature: true, secret: null },
			gate: createGate({ ...DEFAULT_SOURCE_SETTINGS, requireSignature: true, secret: null }),
			createdAt: 1_760_800_000_002,
			updatedAt: 1_760_800_000_003
		});
		await db.alerts.add({
			id: 'al1',
			seq: 1,
			sourceId: 'src1',
			sourceName: 'TradingView «main»',
			via: 'paste',
			label: 'alert 1 (line 1)',
			receivedAt: 1_760_800_000_003,
			format: 'json',
			payload: { symbol: 'SPY', action: 'buy', quantity: 10 },
			alert: null,
			problems: [],
			signature: 'missing',
			verdict: { kind: 'refused', refusal: { rule: 'signature-missing' }, receivedAt: 1_760_800_000_003 },
			verdictText: 'refused: the source requires a signature and the alert has none',
			outcome: { kind: 'none' },
			orderIds: []
		});
		await db.meta.bulkAdd(meta);
	});
}

/** Rows per table that fill() stores. */
const FILLED = {
	accounts: 2,
	imports: 2,
	executionChunks: 3,
	journalTrades: 3,
	barChunks: 2,
	annotations: 2,
	deletedExecutions: 1,
	executionEdits: 1,
	matchDecisions: 1,
	matchRuns: 1,
	paperSessions: 1,
	paperActions: 1,
	strategies: 1,
	strategyVersions: 1,
	backtestRuns: 1,
	alertSources: 1,
	alerts: 1,
	levelAlerts: 0,
	priceMarks: 0,
	scanSchedules: 0,
	barAlternates: 1,
	barPreferences: 1,
	instruments: 1,
	positionSnapshots: 1,
	meta: 3
};

/** Different data, to check that a restore replaces rather than merges. */
async function fillOther(db: FillbookDb): Promise<void> {
	await db.accounts.add({ id: 'x|9', broker: 'X', number: '9', currency: 'GBP', label: '', createdAt: 9 });
	await db.imports.add(importRow('imp-other'));
	await db.executionChunks.add(encodeExecutions('imp-other', [execution(7)]));
	await db.journalTrades.add(journalTrade(99, 'other'));
	await db.meta.add({ key: 'created', value: 5 });
}

async function exportText(db: FillbookDb): Promise<string> {
	return (await exportBackup(db)).text();
}

/** Every table's rows, chunks without their generated keys. */
async function contents(db: FillbookDb): Promise<Record<string, unknown[]>> {
	const out: Record<string, unknown[]> = {};
	for (const name of BACKUP_TABLES) {
		const rows = (await db.table(name).toArray()) as Record<string, unknown>[];
		out[name] =
			name === 'executionChunks' || name === 'barChunks' || name === 'barAlternates'
				? rows.map(({ key: _key, ...rest }) => rest)
				: rows;
	}
	return out;
}

function parse(text: string): Backup {
	const read = readBackup(text);
	if (!read.ok) throw new Error(read.reason);
	return read.backup;
}

describe('backup', () => {
	it('round-trips through the other mode to a byte-identical file', async () => {
		const paper = database('paper');
		await fill(paper);
		const first = await exportText(paper);
		const header = `{"format":"fillbook-backup","version":1,"mode":"paper","schemaVersion":${paper.verno},"tables":{"accounts":[`;
		expect(first.slice(0, header.length)).toBe(header);

		const real = database('real');
		const counts = await restoreBackup(real, parse(first));
		expect(counts).toEqual(FILLED);
		const second = await exportText(real);
		// Only the header's mode differs: it says where the backup was made.
		expect(second).toBe(first.replace('"mode":"paper"', '"mode":"real"'));

		// And back into paper (emptied): the very same bytes.
		await Dexie.delete(dbName('paper'));
		const fresh = database('paper');
		await restoreBackup(fresh, parse(second));
		expect(await exportText(fresh)).toBe(first);
	});

	it('restores exactly the data: typed arrays, NaN, ±Infinity, -0, unicode, $-keys, __proto__', async () => {
		const paper = database('paper');
		await fill(paper);
		const real = database('real');
		await restoreBackup(real, parse(await exportText(paper)));
		expect(await contents(real)).toEqual(await contents(paper));

		const [chunk] = await real.executionChunks.toArray();
		expect(chunk?.price).toBeInstanceOf(Float64Array);
		expect(chunk?.line).toBeInstanceOf(Uint32Array);
		expect(chunk?.side).toBeInstanceOf(Uint8Array);
		expect(Number.isNaN(chunk?.price[3])).toBe(true);
		expect(chunk?.quantity[4]).toBe(Infinity);
		expect(chunk?.fees[5]).toBe(-Infinity);
		expect(Object.is(chunk?.commission[6], -0)).toBe(true);
		expect(Number.isNaN(chunk?.commission[0])).toBe(true);
		expect(chunk?.dict).toContain('🚀MEME');
		const empty = (await real.executionChunks.toArray())[2];
		expect([empty?.firstTime, empty?.lastTime]).toEqual([Infinity, -Infinity]);

		const [bar] = await real.barChunks.toArray();
		expect(Object.is(bar?.open[0], -0)).toBe(true);
		expect(Number.isNaN(bar?.volume[1])).toBe(true);
		const noBars = (await real.barChunks.toArray())[1];
		expect(Number.isNaN(noBars?.firstTime)).toBe(true);

		const trade = await real.journalTrades.get('jt-1');
		expect(trade?.notes).toBe(
			'Said "wait", didn\'t.\nSecond line,\r\nthird; emoji 🚀🔥 and a lone \ud800 surrogate'
		);
		expect(Object.keys(trade?.raw ?? {}).sort()).toEqual(['$$odd', '$type', 'Notes', 'Symbol', '__proto__']);
		expect(Object.getPrototypeOf(trade?.raw)).toBe(Object.prototype);
		expect(trade?.raw.$type).toBe('Float64Array');
		expect(await real.meta.get('théme')).toEqual({ key: 'théme', value: 'dark 🌙' });
	});

	it('writes chunks in key order without their keys, and restores them in that order', async () => {
		const paper = database('paper');
		await fill(paper);
		const text = await exportText(paper);
		expect(text).not.toMatch(/"key":\d/);
		const backup = parse(text);
		expect(backup.tables.executionChunks.map((c) => c.count)).toEqual([9, 1, 0]);
		const real = database('real');
		// Advance the key generator, so restored keys differ from the exported ones.
		for (let i = 0; i < 5; i++) await real.executionChunks.add(encodeExecutions('tmp', []));
		await restoreBackup(real, backup);
		const restored = await real.executionChunks.toArray();
		expect(restored.map((c) => c.count)).toEqual([9, 1, 0]);
		expect(restored[0]?.key).toBeGreaterThan(5);
		// The backup object is untouched and can be restored again.
		expect('key' in backup.tables.executionChunks[0]!).toBe(false);
		await restoreBackup(real, backup);
		expect(await real.executionChunks.count()).toBe(3);
	});

	it('replaces existing data instead of merging', async () => {
		const paper = database('paper');
		await fill(paper);
		const real = database('real');
		await fillOther(real);
		await restoreBackup(real, parse(await exportText(paper)));
		expect(await contents(real)).toEqual(await contents(paper));
		expect(await real.accounts.get('x|9')).toBeUndefined();
		expect(await real.journalTrades.get('jt-99')).toBeUndefined();
		expect(await real.meta.get('created')).toEqual({ key: 'created', value: 1_760_000_000_000 });
	});

	it('restores an empty backup as an empty database', async () => {
		const empty = await exportText(database('paper'));
		const real = database('real');
		await fillOther(real);
		expect(await restoreBackup(real, parse(empty))).toEqual({
			accounts: 0,
			imports: 0,
			executionChunks: 0,
			journalTrades: 0,
			barChunks: 0,
			annotations: 0,
			deletedExecutions: 0,
			executionEdits: 0,
			matchDecisions: 0,
			matchRuns: 0,
			paperSessions: 0,
			paperActions: 0,
			strategies: 0,
			strategyVersions: 0,
			backtestRuns: 0,
			alertSources: 0,
			alerts: 0,
			levelAlerts: 0,
			priceMarks: 0,
			scanSchedules: 0,
			barAlternates: 0,
			barPreferences: 0,
			instruments: 0,
			positionSnapshots: 0,
			meta: 0
		});
		for (const name of BACKUP_TABLES) expect(await real.table(name).count()).toBe(0);
	});

	it('counts rows per table and names the file by mode and local date', async () => {
		const paper = database('paper');
		await fill(paper);
		expect(backupCounts(parse(await exportText(paper)))).toEqual(FILLED);
		expect(backupFileName('paper', new Date(2026, 10, 21, 23, 59).getTime())).toBe(
			'fillbook-paper-backup-2026-11-21.json'
		);
	});

	it('refuses to export a value it could not restore, naming it', async () => {
		const paper = database('paper');
		await paper.meta.add({ key: 'when', value: new Date(0) as unknown as string });
		await expect(exportBackup(paper)).rejects.toThrow('Cannot back up meta[0].value: a Date');
	});
});

describe('readBackup', () => {
	async function validText(): Promise<string> {
		const paper = database('paper');
		await fill(paper);
		const text = await exportText(paper);
		await Dexie.delete(dbName('paper'));
		return text;
	}

	/** Replaces the first match of `from` in the text; fails the test if there is none. */
	const edit = (text: string, from: string | RegExp, to: string) => {
		const out = text.replace(from, to);
		expect(out).not.toBe(text);
		return out;
	};

	const cases: [string, (text: string) => string, RegExp][] = [
		['an empty file', () => '  \n', /^The file is empty\.$/],
		[
			'a truncated file',
			(t) => t.slice(0, Math.floor(t.length / 2)).replace(/[}\s]+$/, ''),
			/^The file is incomplete .*truncated/
		],
		['text that is not JSON', () => 'hello, world}', /^The file is not valid JSON/],
		['JSON that is not a backup', () => '[1,2,3]', /no "format": "fillbook-backup" header/],
		['another format', (t) => edit(t, '"fillbook-backup"', '"tradervue"'), /its format is "tradervue"/],
		[
			'a newer format version',
			(t) => edit(t, '"version":1', '"version":2'),
			/newer Fillbook \(backup format 2/
		],
		[
			'a bad format version',
			(t) => edit(t, '"version":1', '"version":"1"'),
			/Unsupported backup format version "1"/
		],
		['an unknown mode', (t) => edit(t, '"mode":"paper"', '"mode":"demo"'), /mode is "demo"/],
		[
			'a bad schema version',
			(t) => edit(t, /"schemaVersion":\d+/, '"schemaVersion":0'),
			/schemaVersion is 0/
		],
		['a missing table', (t) => edit(t, /,"meta":\[.*\]\}\}/, '}}'), /^The backup lacks the meta table\.$/],
		[
			'an unknown table',
			(t) => edit(t, '"meta":[', '"meta":[],"trades":['),
			/table this Fillbook does not know: "trades"/
		],
		[
			'a table that is not a list',
			(t) => edit(t, /"meta":\[.*\]\}\}/, '"meta":{}}}'),
			/tables\.meta: expected a list of rows, found an object/
		],
		[
			'corrupted base64',
			(t) => edit(t, /"base64":"[A-Za-z0-9+/]{8}/, '"base64":"!!!!!!!!'),
			/^tables\.executionChunks\[0\]\.\w+: the \w+Array's base64 data is corrupted\.$/
		],
		[
			'a column of the wrong length',
			(t) =>
				edit(
					t,
					/"time":\{"\$type":"Float64Array","base64":"[^"]+"\}/,
					'"time":{"$type":"Float64Array","base64":"AAAAAAAA8D8="}'
				),
			/^tables\.executionChunks\[0\]\.time: expected 9 values \(the row's count\), found 1\.$/
		],
		[
			'a column of the wrong type',
			(t) => edit(t, '"side":{"$type":"Uint8Array"', '"side":{"$type":"Int8Array"'),
			/^tables\.executionChunks\[0\]\.side: expected a Uint8Array, found a Int8Array\.$/
		],
		[
			'bytes that do not fill a value',
			(t) =>
				edit(
					t,
					/"time":\{"\$type":"Float64Array","base64":"[^"]+"\}/,
					'"time":{"$type":"Float64Array","base64":"AAAA"}'
				),
			/3 bytes cannot hold a Float64Array/
		],
		[
			'an unknown value type',
			(t) => edit(t, '{"$type":"Float64Array"', '{"$type":"Float128Array"'),
			/unknown value type "Float128Array"/
		],
		[
			'a bad special number',
			(t) => edit(t, '"value":"NaN"', '"value":"nan"'),
			/"nan" is not a special number/
		],
		[
			'a field of the wrong type',
			(t) => edit(t, '"broker":"IBKR"', '"broker":7'),
			/^tables\.accounts\[1\]\.broker: expected text, found the number 7\.$/
		],
		['a missing field', (t) => edit(t, '"broker":"IBKR",', ''), /^tables\.accounts\[1\]\.broker: missing\.$/],
		[
			'a nested field of the wrong type',
			(t) => edit(t, '"reason":"is not a number"', '"reason":null'),
			/^tables\.imports\[0\]\.rejectedRows\[0\]\.reason: expected text, found null\.$/
		],
		[
			'a duplicate primary key',
			(t) => edit(t, '"id":"jt-2"', '"id":"jt-1"'),
			/^tables\.journalTrades\[1\]\.id: "jt-1" appears twice in journalTrades\.$/
		],
		[
			'a generated key in the file',
			(t) => edit(t, '"executionChunks":[{', '"executionChunks":[{"key":4,'),
			/executionChunks\[0\]\.key: executionChunks keys are generated/
		],
		[
			'a dictionary code out of range',
			(t) =>
				edit(
					t,
					/"symbol":\{"\$type":"Uint32Array","base64":"[^"]+"\}/,
					'"symbol":{"$type":"Uint32Array","base64":"' +
						Buffer.from(new Uint32Array(9).fill(99).buffer).toString('base64') +
						'"}'
				),
			/^tables\.executionChunks\[0\]\.symbol\[0\]: code 99 is outside the dictionary \(\d+ entries\)\.$/
		],
		['a reserved key', (t) => edit(t, '"$$$odd"', '"$odd"'), /unexpected key "\$odd"/],
		[
			'an execution edit with a price of zero',
			(t) => edit(t, '"price":50.0301', '"price":0'),
			/^tables\.executionEdits\[0\]: Price must be a number above zero\.$/
		],
		[
			'an encoding Fillbook does not read',
			(t) => edit(t, '"encoding":"utf-16le"', '"encoding":"ebcdic"'),
			/^tables\.imports\[1\]\.encoding: expected one of "utf-8", .*found text "ebcdic"\.$/
		]
	];

	it.each(cases)('refuses %s, saying why, and leaves the database as it was', async (_, corrupt, reason) => {
		const text = await validText();
		const real = database('real');
		await fill(real);
		await real.accounts.add({
			id: 'y|1',
			broker: 'Y',
			number: '1',
			currency: 'CHF',
			label: '',
			createdAt: 3
		});
		const before = await exportText(real);

		const read = readBackup(corrupt(text));
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.reason).toMatch(reason);
		expect(await exportText(real)).toBe(before);
		expect(await real.accounts.count()).toBe(3);
	});

	it('never throws, whatever the text', () => {
		fc.assert(
			fc.property(
				fc.oneof(
					fc.string(),
					fc.json(),
					fc.jsonValue().map((v) =>
						JSON.stringify({
							format: 'fillbook-backup',
							version: 1,
							mode: 'paper',
							schemaVersion: 2,
							tables: v
						})
					)
				),
				(text) => {
					expect(readBackup(text).ok).toBe(false);
				}
			),
			{ numRuns: 300 }
		);
	});

	it('refuses every truncation of a valid file', async () => {
		const text = await validText();
		fc.assert(
			fc.property(fc.nat(text.length - 2), (cut) => {
				const read = readBackup(text.slice(0, cut));
				expect(read.ok).toBe(false);
			}),
			{ numRuns: 200 }
		);
	});
});

describe('restoreBackup', () => {
	it('changes nothing when a write fails inside the transaction', async () => {
		const paper = database('paper');
		await fill(paper);
		const backup = parse(await exportText(paper));
		const real = database('real');
		await fillOther(real);
		const before = await exportText(real);
		const beforeContents = await contents(real);

		// The second journal trade fails, after accounts, imports and chunks were cleared and added.
		let added = 0;
		const failing = () => {
			if (++added === 2) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		real.journalTrades.hook('creating', failing);
		await expect(restoreBackup(real, backup)).rejects.toThrow();
		real.journalTrades.hook('creating').unsubscribe(failing);

		expect(added).toBe(2);
		expect(await exportText(real)).toBe(before);
		expect(await contents(real)).toEqual(beforeContents);
	});

	it('refuses a backup of a newer database schema, changing nothing', async () => {
		const paper = database('paper');
		await fill(paper);
		const before = await exportText(paper);
		const backup = parse(before);
		await expect(restoreBackup(paper, { ...backup, schemaVersion: paper.verno + 1 })).rejects.toThrow(
			`The backup was made by a newer Fillbook (database schema ${paper.verno + 1}; this one uses ${paper.verno}).`
		);
		expect(await exportText(paper)).toBe(before);
	});

	it('restores a backup of an older schema with the newer tables empty', async () => {
		const paper = database('paper');
		await fill(paper);
		const text = await exportText(paper);
		// (Schema 2 chunks had another layout: see the schema-3 test below.)
		const v2 = text
			.replace(/"schemaVersion":\d+/, '"schemaVersion":2')
			.replace(/"executionChunks":\[.*?\],"journalTrades"/, '"executionChunks":[],"journalTrades"')
			.replace(
				/"annotations":\[.*\],"deletedExecutions":\[.*?\],"matchDecisions":\[.*?\],"matchRuns":\[.*\],/,
				''
			);
		expect(v2).not.toContain('"annotations"');
		const real = database('real');
		await fillOther(real);
		await real.annotations.add({
			tradeId: 'x',
			notes: 'old',
			tags: [],
			strategy: '',
			mistakes: [],
			risk: null,
			updatedAt: 1
		});
		const counts = await restoreBackup(real, parse(v2));
		expect(counts).toMatchObject({ journalTrades: 3, annotations: 0, deletedExecutions: 0 });
		expect(await real.annotations.count()).toBe(0);
		expect(await real.journalTrades.count()).toBe(3);

		const inconsistent = text.replace(/"schemaVersion":\d+/, '"schemaVersion":2');
		expect(readBackup(inconsistent)).toEqual({
			ok: false,
			reason:
				'The backup has the annotations table, which database schema 2 (its stated schema) does not have.'
		});
	});

	it("reads a schema-3 backup's execution chunks (ids and id columns as text) in today's layout", async () => {
		const chunk = encodeExecutions(
			'imp-das',
			Array.from({ length: 6 }, (_, i) =>
				execution(i, { orderId: i % 2 ? null : `O${i}`, brokerExecutionId: i === 4 ? 'B-4' : null })
			)
		);
		const executions = decodeExecutions(chunk);
		// A backup as schema 3 wrote it: this code's file, with the chunk's id columns as lists of
		// text and without the tables schema 3 did not have.
		const db = database('paper');
		await db.executionChunks.add({ ...chunk });
		const file = JSON.parse(await exportText(db)) as {
			schemaVersion: number;
			tables: Record<string, Record<string, unknown>[]>;
		};
		db.close();
		file.schemaVersion = 3;
		delete file.tables.matchDecisions;
		delete file.tables.matchRuns;
		delete file.tables.paperSessions;
		delete file.tables.executionEdits;
		delete file.tables.paperActions;
		delete file.tables.strategies;
		delete file.tables.strategyVersions;
		delete file.tables.backtestRuns;
		delete file.tables.alertSources;
		delete file.tables.alerts;
		delete file.tables.levelAlerts;
		delete file.tables.priceMarks;
		delete file.tables.scanSchedules;
		delete file.tables.barAlternates;
		delete file.tables.barPreferences;
		delete file.tables.instruments;
		delete file.tables.positionSnapshots;
		Object.assign(file.tables.executionChunks![0]!, {
			id: executions.map((e) => e.id),
			orderId: executions.map((e) => e.orderId),
			brokerExecutionId: executions.map((e) => e.brokerExecutionId)
		});
		const text = JSON.stringify(file);
		expect(text).toContain('"schemaVersion":3');
		expect(text).toContain('"id":["0000000000000000","0000000000000001"');
		const backup = parse(text);
		expect(backup.tables.executionChunks).toEqual([chunk]);
		const real = database('real');
		await restoreBackup(real, backup);
		expect((await real.executionChunks.toArray()).flatMap(decodeExecutions)).toEqual(executions);
		// A schema-3 id that is not an id is refused like any other bad value.
		expect(readBackup(text.replace('"0000000000000001"', '"x1"'))).toMatchObject({
			ok: false,
			reason: expect.stringContaining('tables.executionChunks[0].id[1]: expected an execution id') as string
		});
	});

	it("reads a schema-7 backup's paper sessions (the log in the row) into today's session rows and action rows", async () => {
		const db = database('paper');
		await fill(db);
		const today = await contents(db);
		const file = JSON.parse(await exportText(db)) as {
			schemaVersion: number;
			tables: Record<string, Record<string, unknown>[]>;
		};
		db.close();
		// A backup as schema 7 wrote it: the log in the session's row, no paperActions table.
		file.schemaVersion = 7;
		delete file.tables.strategies;
		delete file.tables.strategyVersions;
		delete file.tables.backtestRuns;
		delete file.tables.alertSources;
		delete file.tables.alerts;
		delete file.tables.levelAlerts;
		delete file.tables.priceMarks;
		delete file.tables.scanSchedules;
		delete file.tables.barAlternates;
		delete file.tables.barPreferences;
		delete file.tables.instruments;
		delete file.tables.positionSnapshots;
		const session = file.tables.paperSessions![0]!;
		const { actionCount: _count, bars: _bars, ...v7 } = session;
		file.tables.paperSessions = [{ ...v7, actions: file.tables.paperActions!.map((a) => a.action) }];
		delete file.tables.paperActions;
		const backup = parse(JSON.stringify(file));
		expect(backup.tables.paperActions).toEqual(today.paperActions);
		expect(backup.tables.paperSessions).toEqual([{ ...v7, actionCount: 1 }]);
		const real = database('real');
		await restoreBackup(real, backup);
		expect(await real.paperActions.toArray()).toEqual(today.paperActions);
		// A schema-7 session without its log is refused like any other bad row.
		delete file.tables.paperSessions[0]!.actions;
		expect(readBackup(JSON.stringify(file))).toMatchObject({
			ok: false,
			reason: 'tables.paperSessions[0].actions: missing.'
		});
	});

	it('knows the current database schema (review backup.ts when the schema changes)', () => {
		const db = database('paper');
		expect(db.verno).toBe(NEWEST_KNOWN_SCHEMA);
		expect([...BACKUP_TABLES].sort()).toEqual(db.tables.map((t) => t.name).sort());
	});

	it('round-trips random accounts, journal trades and meta values exactly', async () => {
		const anyText = fc.string({ unit: 'binary', maxLength: 30 });
		const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(NaN, Infinity, -Infinity, -0));
		await fc.assert(
			fc.asyncProperty(
				fc.uniqueArray(
					fc.record({
						id: anyText,
						broker: anyText,
						number: anyText,
						currency: anyText,
						label: anyText,
						createdAt: anyNumber
					}),
					{ selector: (a) => a.id, maxLength: 5 }
				),
				fc.uniqueArray(
					fc.record({
						id: anyText,
						notes: anyText,
						tags: fc.array(anyText, { maxLength: 4 }),
						raw: fc.dictionary(anyText, anyText, { maxKeys: 4 }),
						netPnl: fc.option(anyNumber)
					}),
					{ selector: (t) => t.id, maxLength: 5 }
				),
				fc.uniqueArray(fc.record({ key: anyText, value: fc.oneof(anyText, anyNumber, fc.boolean()) }), {
					selector: (m) => m.key,
					maxLength: 4
				}),
				async (randomAccounts, trades, metaRows) => {
					await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
					const paper = new FillbookDb('paper');
					const real = new FillbookDb('real');
					try {
						await paper.accounts.bulkAdd(randomAccounts);
						await paper.journalTrades.bulkAdd(trades.map((t, i) => journalTrade(i, t.notes, t)));
						await paper.meta.bulkAdd(metaRows);
						const text = await exportText(paper);
						await restoreBackup(real, parse(text));
						expect(await exportText(real)).toBe(text.replace('"mode":"paper"', '"mode":"real"'));
						expect(await contents(real)).toEqual(await contents(paper));
					} finally {
						paper.close();
						real.close();
					}
				}
			),
			{ numRuns: 40 }
		);
		// 40 databases opened, filled, exported and restored: ~2 s alone on 2 cores, more when busy.
	}, 30_000);
});
