import Dexie from 'dexie';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import type { ImportRequest } from './engine-imports';
import { utf16 } from '../tests/fuzz/mutate';

const dasText = readFileSync('tests/fixtures/samples/das/Trades_2025-10-13.csv', 'utf8');
const dasFile = (text = dasText, name = 'Trades_2025-10-13.csv') =>
	new File([text], name, { type: 'text/csv' });
const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: '2025-10-13',
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
const noProgress = () => undefined;
const dataRows = dasText.trim().split('\n').length - 1;

afterEach(async () => {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
});

describe('engine imports', () => {
	it('sniffs a DAS file: format, trade date from the name', async () => {
		const engine = createEngineApi();
		const sniff = await engine.sniffFile('paper', dasFile());
		expect(sniff.candidates[0]?.id).toBe('das-trades');
		expect(sniff.tradeDateFromName).toBe('2025-10-13');
		await engine.close();
	});

	it('finds no format in a garbage file', async () => {
		const engine = createEngineApi();
		const sniff = await engine.sniffFile(
			'paper',
			new File(['\u0000\u0001 hello there\nnot,a,trade\n'], 'notes.txt')
		);
		expect(sniff.candidates).toEqual([]);
		await engine.close();
	});

	it('previews rows as they will be stored and names the new accounts', async () => {
		const engine = createEngineApi();
		const preview = await engine.previewFile('paper', dasFile(), DAS);
		expect(preview.ok).toBe(true);
		expect(preview.rows[0]?.cells).toMatchObject({
			Time: '2025-10-13 15:45:07',
			Symbol: 'NFLX',
			Side: 'sell short',
			Quantity: '3',
			Price: '1,214.9'
		});
		expect(preview.newAccounts).toEqual(['TRPA61247']);
		await engine.close();
	});

	it('imports atomically, records the import, and re-importing stores nothing twice', async () => {
		const engine = createEngineApi({ now: () => 1_760_000_000_000 });
		const progress: number[] = [];
		const first = await engine.importFile('real', 'job-1', dasFile(), DAS, (p) => progress.push(p.bytes));
		expect(first).toMatchObject({
			ok: true,
			counts: { rows: dataRows + 1, imported: dataRows, duplicates: 0, rejected: 0, skipped: 1 }
		});
		expect(progress.at(-1)).toBe(dasFile().size);
		const [row] = await engine.listImports('real');
		expect(row).toMatchObject({
			fileName: 'Trades_2025-10-13.csv',
			formatId: 'das-trades',
			zone: 'America/New_York',
			hash: expect.stringMatching(/^[0-9a-f]{64}$/) as unknown
		});
		expect((await engine.listAccounts('real')).map((a) => [a.broker, a.number, a.currency])).toEqual([
			['DAS Trader', 'TRPA61247', 'USD']
		]);

		const again = await engine.importFile('real', 'job-2', dasFile(), DAS, noProgress);
		expect(again).toMatchObject({ ok: true, counts: { imported: 0, duplicates: dataRows } });
		expect((await engine.storageStats('paper')).tables.find((t) => t.name === 'executionChunks')?.rows).toBe(
			0
		);
		await engine.close();
	});

	it('stores an overlapping export only for its new rows', async () => {
		const engine = createEngineApi();
		const lines = dasText.trim().split('\n');
		const early = [lines[0], ...lines.slice(20)].join('\n');
		await engine.importFile('paper', 'a', dasFile(early), DAS, noProgress);
		const full = await engine.importFile('paper', 'b', dasFile(), DAS, noProgress);
		expect(full).toMatchObject({ ok: true, counts: { imported: 19, duplicates: dataRows - 19 } });
		await engine.close();
	});

	it('undoes an import as a unit, with the accounts it created', async () => {
		const engine = createEngineApi();
		const result = await engine.importFile('paper', 'a', dasFile(), DAS, noProgress);
		if (!result.ok) throw new Error(result.message);
		expect(await engine.undoImport('paper', result.importId)).toBe(true);
		const stats = await engine.storageStats('paper');
		expect(stats.tables.filter((t) => t.rows > 0)).toEqual([]);
		await engine.close();
	});

	it('names the encoding and warns of a damaged optional column in the preview, the outcome and the import record', async () => {
		const lines = dasText.trim().split('\n');
		// "P / L" damaged into "P / X": its values would be dropped without a word.
		const text = [lines[0]!.replace('P / L', 'P / X'), ...lines.slice(1)].join('\r\n');
		const file = new File([utf16(text, 'le')], 'Trades_2025-10-13.csv');
		const engine = createEngineApi();
		const warning = 'line 1: expected columns not found (their values are not read): P / L';
		expect((await engine.sniffFile('paper', file)).encoding).toBe('utf-16le');
		const preview = await engine.previewFile('paper', file, DAS);
		expect([preview.encoding, preview.warnings]).toEqual(['utf-16le', [warning]]);
		const outcome = await engine.importFile('paper', 'job-w', file, DAS, noProgress);
		expect(outcome).toMatchObject({
			ok: true,
			encoding: 'utf-16le',
			warnings: [warning],
			counts: { rows: dataRows + 1, imported: dataRows, rejected: 0 }
		});
		const [row] = await engine.listImports('paper');
		expect([row?.encoding, row?.warnings]).toEqual(['utf-16le', [warning]]);
		await engine.close();
	});

	it('keeps rejected rows with line, column, reason and cells', async () => {
		const engine = createEngineApi();
		const text =
			'Time,Symbol,Side,Price,Qty,Route,Account,\n09:30:00,MU,B,50.5,100,ARCA,TR1,\n09:31:00,MU,S,,100,ARCA,TR1,\n';
		const result = await engine.importFile(
			'paper',
			'a',
			dasFile(text, 'Trades_2025-10-13.csv'),
			DAS,
			noProgress
		);
		expect(result).toMatchObject({ ok: true, counts: { imported: 1, rejected: 1 } });
		const [row] = await engine.listImports('paper');
		expect(row?.rejectedRows).toEqual([
			{
				line: 3,
				column: 'Price',
				reason: 'is empty',
				cells: ['09:31:00', 'MU', 'S', '', '100', 'ARCA', 'TR1', '']
			}
		]);
		await engine.close();
	});

	it('refuses a request that lacks what the format needs, storing nothing', async () => {
		const engine = createEngineApi();
		expect(await engine.importFile('paper', 'a', dasFile(), { ...DAS, tradeDate: null }, noProgress)).toEqual(
			{
				ok: false,
				cancelled: false,
				message: 'DAS Trader — Trades window files have no dates: enter the trade date.'
			}
		);
		expect(
			await engine.importFile('paper', 'b', dasFile(), { ...DAS, newAccountCurrency: null }, noProgress)
		).toMatchObject({
			ok: false,
			message: 'The file names new accounts (TRPA61247): choose their currency.'
		});
		expect(await engine.listImports('paper')).toEqual([]);
		await engine.close();
	});

	it('cancelled midway, stores nothing', async () => {
		const engine = createEngineApi();
		const rows = ['Time,Symbol,Side,Price,Qty,Route,Account,'];
		for (let i = 0; i < 120_000; i++)
			rows.push(
				`09:${String(30 + (i % 29)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},MU,B,${(50 + (i % 100) / 100).toFixed(2)},${1 + (i % 500)},ARCA,TR1,`
			);
		const big = dasFile(rows.join('\n'), 'Trades_2025-10-13.csv');
		let cancelled = false;
		const outcome = await engine.importFile('paper', 'big', big, DAS, (p) => {
			if (!cancelled && p.bytes > 0 && p.bytes < p.total) {
				cancelled = true;
				engine.cancelImport('paper', 'big');
			}
		});
		expect(cancelled).toBe(true);
		expect(outcome).toEqual({
			ok: false,
			cancelled: true,
			message: 'The import was cancelled; nothing was stored.'
		});
		const stats = await engine.storageStats('paper');
		expect(stats.tables.filter((t) => t.rows > 0)).toEqual([]);
		await engine.close();
	});

	it('imports Tradervue journal trades with their risk, notes and tags exactly as exported', async () => {
		const engine = createEngineApi();
		const text = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');
		const result = await engine.importFile(
			'real',
			'tv',
			new File([text], 'trades.csv'),
			{
				formatId: 'tradervue-trades',
				zone: 'America/Los_Angeles',
				tradeDate: null,
				symbol: null,
				accountId: null,
				newAccountCurrency: null
			},
			noProgress
		);
		expect(result).toMatchObject({ ok: true, counts: { imported: 33, rejected: 0 } });
		await engine.close();
	});

	it('a randomly corrupted file never crashes the import nor stores part of a row: every row is counted once', async () => {
		const lines = dasText.trim().split('\n');
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(fc.nat(lines.length - 2), fc.nat(12), fc.string({ maxLength: 6 })), {
					maxLength: 25
				}),
				fc.array(fc.nat(lines.length - 2), { maxLength: 5 }),
				async (edits, truncations) => {
					await Dexie.delete(dbName('paper'));
					const rows = lines.slice(1).map((l) => l.split(','));
					for (const [r, c, text] of edits) rows[r]![c] = text.replace(/[",\r\n]/g, '');
					for (const r of truncations) rows[r] = rows[r]!.slice(0, 3);
					const body = [lines[0], ...rows.map((r) => r.join(','))].join('\n');
					const engine = createEngineApi();
					const outcome = await engine.importFile('paper', 'fuzz', dasFile(body), DAS, noProgress);
					if (!outcome.ok) throw new Error(outcome.message);
					const { rows: read, imported, duplicates, rejected, skipped } = outcome.counts;
					expect(imported + duplicates + rejected + skipped).toBe(read);
					const stored = await engine.storageStats('paper');
					const [history] = await engine.listImports('paper');
					expect(history?.counts.imported).toBe(imported);
					expect(stored.tables.find((t) => t.name === 'imports')?.rows).toBe(1);
					await engine.close();
				}
			),
			{ numRuns: 25 }
		);
	});
});
