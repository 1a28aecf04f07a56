import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { isMode, type Mode } from '$lib/core/model/mode';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createBackup } from './engine-backup';
import { createEngineApi } from './engine-api';
import type { ImportRequest } from './engine-imports';

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

		const restored = await backup.restoreBackup('real', new File([blob], fileName));
		expect(restored).toEqual({
			ok: true,
			backupMode: 'paper',
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
			counts: expect.objectContaining({ accounts: 2, imports: 1, executionChunks: 1 }) as unknown
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
		const outcome = await backup.restoreBackup('real', new File([blob], 'paper.json'));
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
});
