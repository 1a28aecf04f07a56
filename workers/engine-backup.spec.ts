import type { ImportRequest } from './contract';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isMode, type Mode } from '$lib/core/model/mode';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createBackup } from './engine-backup';
import { createEngineApi } from './engine-api';

const dasText = readFileSync('tests/fixtures/samples/das/Trades_2025-10-13.csv', 'utf8');
const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: '2025-10-13',
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
const NOW = new Date(2026, 10, 21, 12, 30).getTime();

/** The backup methods over their own connections, with a write queue that records its use. */
function setup() {
	const dbs = new Map<Mode, FillbookDb>();
	const db = (mode: Mode) => {
		if (!isMode(mode)) throw new TypeError(`Unknown mode: ${String(mode)}`);
		let open = dbs.get(mode);
		if (!open) dbs.set(mode, (open = new FillbookDb(mode)));
		return open;
	};
	let queue: Promise<unknown> = Promise.resolve();
	const queued = { writes: 0 };
	const write = <T>(task: () => Promise<T>): Promise<T> => {
		queued.writes++;
		const result = queue.then(task, task);
		queue = result.catch(() => undefined);
		return result;
	};
	const engine = createEngineApi({ now: () => 1_760_000_000_000 });
	return {
		backup: createBackup(db, write, () => NOW),
		engine,
		db,
		queued,
		close: async () => {
			await engine.close();
			await queue;
			for (const open of dbs.values()) open.close();
		}
	};
}

/** Paper mode with an import (executions, a new account) and an account added by hand. */
async function fillPaper(engine: ReturnType<typeof createEngineApi>): Promise<void> {
	const result = await engine.importFile(
		'paper',
		'job',
		new File([dasText], 'Trades_2025-10-13.csv'),
		DAS,
		() => undefined
	);
	expect(result.ok).toBe(true);
	await engine.addAccount('paper', { broker: 'IBKR', number: 'U1', currency: 'EUR', label: 'Épargne 📈' });
}

async function exportText(backup: ReturnType<typeof createBackup>, mode: Mode): Promise<string> {
	return (await backup.exportBackup(mode)).blob.text();
}

afterEach(async () => {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
});

describe('engine backup', () => {
	it('exports a mode to a dated file that restores into the other mode, identically', async () => {
		const { backup, engine, close, queued } = setup();
		await fillPaper(engine);
		const { blob, fileName } = await backup.exportBackup('paper');
		expect(fileName).toBe('fillbook-paper-backup-2026-11-21.json');
		expect(blob.type).toBe('application/json');
		const text = await blob.text();

		// A paper backup goes into real mode only when "real" is typed to confirm it.
		const restored = await backup.restoreBackup('real', new File([blob], fileName), { confirmMode: 'real' });
		expect(restored).toEqual({
			ok: true,
			backupMode: 'paper',
			orphanNotes: 0,
			counts: {
				accounts: 2,
				imports: 1,
				executionChunks: 1,
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
				// The DAS file's 11 symbols, as its import revealed them.
				instruments: 11,
				positionSnapshots: 0,
				meta: 0
			}
		});
		expect(queued.writes).toBe(1);
		expect(await engine.listImports('real')).toEqual(await engine.listImports('paper'));
		expect(await engine.listAccounts('real')).toEqual(await engine.listAccounts('paper'));
		expect((await engine.storageStats('real')).tables).toEqual((await engine.storageStats('paper')).tables);
		expect(await exportText(backup, 'real')).toBe(text.replace('"mode":"paper"', '"mode":"real"'));
		await close();
	});

	it('inspects a backup without changing anything', async () => {
		const { backup, engine, close } = setup();
		await fillPaper(engine);
		const { blob, fileName } = await backup.exportBackup('paper');
		const before = await exportText(backup, 'real');
		expect(await backup.inspectBackup('real', new File([blob], fileName))).toEqual({
			ok: true,
			backupMode: 'paper',
			schemaVersion: new FillbookDb('paper').verno,
			counts: expect.objectContaining({ accounts: 2, imports: 1, executionChunks: 1 }) as unknown,
			encrypted: false,
			orphanNotes: 0
		});
		expect(await backup.inspectBackup('real', new File(['{"format":"x"}'], 'x.json'))).toEqual({
			ok: false,
			message:
				'x.json cannot be restored. This is not a Fillbook backup: its format is "x", not "fillbook-backup". Nothing was changed.'
		});
		expect(await exportText(backup, 'real')).toBe(before);
		await close();
	});

	it('refuses a corrupted or truncated file, says why, and changes nothing', async () => {
		const { backup, engine, close, queued } = setup();
		await fillPaper(engine);
		const text = await exportText(backup, 'paper');
		const before = await exportText(backup, 'paper');

		const truncated = await backup.restoreBackup(
			'paper',
			new File([text.slice(0, text.length / 2)], 'half.json')
		);
		expect(truncated).toMatchObject({ ok: false });
		if (!truncated.ok)
			expect(truncated.message).toMatch(
				/^half\.json cannot be restored\. The file is incomplete .* Nothing was changed\.$/
			);

		const corrupted = await backup.restoreBackup(
			'paper',
			new File([text.replace('"base64":"', '"base64":"@')], 'bad.json')
		);
		expect(corrupted).toMatchObject({ ok: false });
		if (!corrupted.ok) expect(corrupted.message).toMatch(/base64 data is corrupted/);

		expect(await backup.restoreBackup('paper', new File([new Uint8Array([0xff, 0xfe, 0])], 'b.bin'))).toEqual(
			{
				ok: false,
				message: expect.stringMatching(/^b\.bin cannot be restored\. The file is/) as unknown
			}
		);
		// A bad file never takes a turn in the write queue.
		expect(queued.writes).toBe(0);
		expect(await exportText(backup, 'paper')).toBe(before);
		await close();
	});

	it('refuses a backup from a newer Fillbook', async () => {
		const { backup, engine, close } = setup();
		await fillPaper(engine);
		const text = await exportText(backup, 'paper');
		const newer = text.replace(/"schemaVersion":(\d+)/, (_, v: string) => `"schemaVersion":${Number(v) + 1}`);
		const outcome = await backup.restoreBackup('paper', new File([newer], 'future.json'));
		expect(outcome).toMatchObject({ ok: false });
		if (!outcome.ok)
			expect(outcome.message).toMatch(
				/^future\.json cannot be restored\. The backup was made by a newer Fillbook/
			);
		expect(await exportText(backup, 'paper')).toBe(text);
		await close();
	});

	it('changes nothing when the restore fails midway (quota)', async () => {
		const { backup, engine, db, close } = setup();
		await fillPaper(engine);
		const { blob } = await backup.exportBackup('paper');
		await engine.addAccount('real', { broker: 'X', number: '1', currency: 'USD' });
		const before = await exportText(backup, 'real');

		const full = () => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		};
		db('real').executionChunks.hook('creating', full);
		const outcome = await backup.restoreBackup('real', new File([blob], 'paper.json'), {
			confirmMode: 'real'
		});
		db('real').executionChunks.hook('creating').unsubscribe(full);

		expect(outcome).toEqual({
			ok: false,
			message:
				'The browser has no room left to restore paper.json. Nothing was changed; free space and try again.'
		});
		expect(await exportText(backup, 'real')).toBe(before);
		await close();
	});

	it('checks the mode it is given', async () => {
		const { backup, close } = setup();
		await expect(backup.exportBackup('demo' as Mode)).rejects.toThrow('Unknown mode: demo');
		await expect(backup.restoreBackup('demo' as Mode, new File(['{}'], 'x.json'))).rejects.toThrow(
			'Unknown mode: demo'
		);
		await close();
	});

	it('refuses a backup of the other mode until that mode is typed, and says which mode it holds', async () => {
		const { backup, engine, close, queued } = setup();
		await fillPaper(engine);
		await engine.addAccount('real', { broker: 'X', number: '1', currency: 'USD' });
		const { blob } = await backup.exportBackup('paper');
		const before = await exportText(backup, 'real');
		const file = new File([blob], 'practice.json');

		expect(await backup.inspectBackup('real', file)).toMatchObject({ ok: true, backupMode: 'paper' });
		for (const confirmMode of [undefined, '', 'paper', 'rea', 'real mode']) {
			expect(await backup.restoreBackup('real', file, { confirmMode })).toEqual({
				ok: false,
				needsModeConfirmation: true,
				message:
					'practice.json holds paper-mode data. Restoring it replaces everything in real mode; type "real" to confirm. Nothing was changed.'
			});
		}
		expect(queued.writes).toBe(0);
		expect(await exportText(backup, 'real')).toBe(before);
		// Typed, with a capital and spaces around it, as people type.
		expect(await backup.restoreBackup('real', file, { confirmMode: ' Real ' })).toMatchObject({ ok: true });
		// A backup of the same mode needs no typing.
		expect(await backup.restoreBackup('paper', file)).toMatchObject({ ok: true, backupMode: 'paper' });
		await close();
	});

	describe("applies the importers' bounds and references, naming the row", () => {
		/** The paper backup's text with one change made by hand, and what restoring it says. */
		async function restoreEdited(edit: (json: BackupJson) => void): Promise<string> {
			const { backup, engine, close, queued } = setup();
			await fillPaper(engine);
			const json = JSON.parse(await exportText(backup, 'paper')) as BackupJson;
			edit(json);
			const before = await exportText(backup, 'paper');
			const outcome = await backup.restoreBackup('paper', new File([JSON.stringify(json)], 'edited.json'));
			expect(outcome.ok).toBe(false);
			expect(queued.writes).toBe(0);
			expect(await exportText(backup, 'paper')).toBe(before);
			await close();
			return outcome.ok ? '' : outcome.message;
		}
		type BackupJson = { tables: Record<string, Record<string, unknown>[]> };

		const journalTrade = (volume: unknown, accountId: string | null = null) => ({
			id: 'jt-1',
			importId: 'IMPORT',
			accountId,
			symbol: 'AAPL',
			direction: 'long',
			openTime: 1_760_000_000_000,
			closeTime: 1_760_000_600_000,
			volume,
			executionCount: 2,
			entryPrice: 187.25,
			exitPrice: 188.5,
			grossPnl: 250,
			netPnl: 248,
			commissions: 2,
			fees: null,
			initialRisk: null,
			pnlR: null,
			notes: '',
			tags: [],
			raw: {},
			line: 2
		});
		const importId = (json: BackupJson) => json.tables.imports![0]!.id as string;

		it('a volume of −5', async () => {
			const message = await restoreEdited((json) => json.tables.journalTrades!.push(journalTrade(-5)));
			expect(message).toContain('journalTrades[0] (AAPL, line 2): volume -5 is not between 0 and 1e+12.');
			expect(message).toMatch(/^edited\.json cannot be restored: it holds what no import would store\. /);
			expect(message).toMatch(/ Nothing was changed\.$/);
		});

		it('a volume of 1e308', async () => {
			const message = await restoreEdited((json) => {
				json.tables.journalTrades!.push({ ...journalTrade(1e308), importId: importId(json) });
			});
			expect(message).toBe(
				'edited.json cannot be restored: it holds what no import would store. journalTrades[0] (AAPL, line 2): volume 1e+308 is not between 0 and 1e+12. Nothing was changed.'
			);
		});

		it('an import naming an unknown account', async () => {
			const message = await restoreEdited((json) => {
				json.tables.imports![0]!.accountId = 'ghost|0';
			});
			expect(message).toContain(
				'imports[0] (Trades_2025-10-13.csv) names account "ghost|0", which the backup does not have.'
			);
		});

		it('a paper action of no session, and a session missing part of its log', async () => {
			const session = {
				id: 'ps-1',
				symbol: 'RIVN',
				from: 1,
				to: 2,
				cursor: 1,
				status: 'running',
				createdAt: 1,
				importId: 'paper-ps-1',
				storedExecutions: 0,
				broker: {},
				risk: {},
				actionCount: 2
			};
			const action = (sessionId: string, index: number) => ({
				id: `${sessionId}/${index}`,
				sessionId,
				index,
				action: { kind: 'flatten', at: 0 }
			});
			const message = await restoreEdited((json) => {
				json.tables.paperSessions!.push(session);
				json.tables.paperActions!.push(action('ps-1', 0), action('ghost', 0));
			});
			expect(message).toContain(
				'paperActions[1] belongs to paper session "ghost", which the backup does not have.'
			);
			expect(message).toContain('paperSessions[0] (RIVN) logs 2 actions; the backup has 1 of them.');
		});

		it('a note that can never belong to a trade', async () => {
			const message = await restoreEdited((json) => {
				json.tables.annotations!.push({
					tradeId: 'not-a-trade',
					notes: 'orphan',
					tags: [],
					strategy: '',
					mistakes: [],
					risk: null,
					updatedAt: 1
				});
			});
			expect(message).toContain(
				'annotations[0]: "not-a-trade" is not a trade id, so the note can never belong to a trade.'
			);
		});

		it('a NaN setting, as a number or inside a setting', async () => {
			expect(
				await restoreEdited((json) => {
					json.tables.meta!.push({ key: 'defaultRisk', value: { $type: 'number', value: 'NaN' } });
				})
			).toContain('setting "defaultRisk" is NaN, not a number a setting can be.');
			expect(
				await restoreEdited((json) => {
					json.tables.meta!.push({ key: 'pointValues', value: '{"ES":"NaN"}' });
				})
			).toContain('setting "pointValues" holds "NaN", not a number a setting can be.');
			expect(
				await restoreEdited((json) => {
					json.tables.meta!.push({ key: 'defaultRisk', value: '{"kind":"money","amount":1e999}' });
				})
			).toContain('setting "defaultRisk" holds Infinity, not a number a setting can be.');
		});
	});

	it('keeps notes of trades whose executions are not in the backup, and says how many', async () => {
		const { backup, engine, close } = setup();
		await fillPaper(engine);
		const json = JSON.parse(await exportText(backup, 'paper')) as { tables: Record<string, object[]> };
		json.tables.annotations!.push({
			tradeId: 'ffffffffffffffff',
			notes: 'from an import that was undone',
			tags: [],
			strategy: '',
			mistakes: [],
			risk: null,
			updatedAt: 1
		});
		const file = new File([JSON.stringify(json)], 'notes.json');
		expect(await backup.inspectBackup('paper', file)).toMatchObject({ ok: true, orphanNotes: 1 });
		expect(await backup.restoreBackup('paper', file)).toMatchObject({ ok: true, orphanNotes: 1 });
		await close();
	});

	it('encrypts with a passphrase: the mode is readable, nothing else is, and it round-trips', async () => {
		const { backup, engine, close } = setup();
		await fillPaper(engine);
		const plain = await exportText(backup, 'paper');
		const { blob, fileName } = await backup.exportBackup('paper', { passphrase: 'correct horse battery' });
		expect(fileName).toBe('fillbook-paper-backup-2026-11-21-encrypted.json');
		const sealed = await blob.text();
		const header = JSON.parse(sealed) as Record<string, unknown>;
		expect(header).toMatchObject({
			format: 'fillbook-backup-encrypted',
			version: 1,
			mode: 'paper',
			kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 },
			cipher: { name: 'AES-GCM' }
		});
		// No account, symbol or file name of the data shows through.
		for (const secret of ['NFLX', 'Trades_2025-10-13', 'Épargne', 'IBKR'])
			expect(sealed).not.toContain(secret);

		const file = new File([sealed], fileName);
		expect(await backup.inspectBackup('paper', file)).toEqual({
			ok: false,
			locked: { backupMode: 'paper', wrongPassphrase: false },
			message: `${fileName} is an encrypted backup of paper mode: enter its passphrase to open it.`
		});
		expect(await backup.inspectBackup('paper', file, 'correct horse batterY')).toEqual({
			ok: false,
			locked: { backupMode: 'paper', wrongPassphrase: true },
			message: `${fileName}: The passphrase is wrong, or the file was changed after it was encrypted. Nothing was changed.`
		});
		expect(await backup.restoreBackup('paper', file, { passphrase: 'wrong passphrase' })).toMatchObject({
			ok: false,
			locked: { backupMode: 'paper', wrongPassphrase: true }
		});
		expect(await backup.inspectBackup('paper', file, 'correct horse battery')).toMatchObject({
			ok: true,
			encrypted: true,
			backupMode: 'paper'
		});
		await engine.clearAll('paper');
		expect(await backup.restoreBackup('paper', file, { passphrase: 'correct horse battery' })).toMatchObject({
			ok: true
		});
		expect(await exportText(backup, 'paper')).toBe(plain);

		// The clear header is authenticated: claiming another mode breaks the seal.
		const relabelled = new File([sealed.replace('"mode":"paper"', '"mode":"real"')], 'relabelled.json');
		expect(
			await backup.restoreBackup('real', relabelled, { passphrase: 'correct horse battery' })
		).toMatchObject({
			ok: false,
			locked: { backupMode: 'real', wrongPassphrase: true }
		});
		await close();
	}, 30_000);
});
