import type { ImportRequest } from './contract';
import Dexie from 'dexie';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { formatById } from '$lib/core/formats';
import { splitCsv } from '../tests/support/formats-testing';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { utf16 } from '../tests/fuzz/mutate';
import { barsRequest, ny } from '../tests/support/paper-day';

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

describe('engine imports: bars that disagree with the stored ones', () => {
	const bars = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
	// Another source: the 15:10 bar spikes, 15:05 is a cent off, and one new bar at 15:11.
	const other = bars
		.replace(
			'2025-10-13 15:10:00-04:00,13.34,13.37,13.33,13.36',
			'2025-10-13 15:10:00-04:00,13.37,14.10,13.33,14.00'
		)
		.replace(
			'2025-10-13 15:05:00-04:00,13.35,13.36,13.32,13.33',
			'2025-10-13 15:05:00-04:00,13.35,13.36,13.32,13.34'
		)
		.concat('2025-10-13 15:11:00-04:00,13.36,13.38,13.35,13.37,13.37,50000\n');
	const closeAt = async (engine: ReturnType<typeof createEngineApi>, time: number) => {
		const chart = await engine.priceChart('real', {
			symbol: 'RIVN',
			timeframe: null,
			studies: [],
			zone: 'UTC'
		});
		const i = chart!.bars.time.indexOf(time);
		return i < 0 ? null : chart!.bars.close[i]!;
	};

	it('keeps the file’s bars aside, says which differ and how, and reads the stored ones until another file is preferred', async () => {
		let clock = 1;
		const engine = createEngineApi({ now: () => clock++ });
		const first = await engine.importFile(
			'real',
			'a',
			new File([bars], 'RIVN.csv'),
			barsRequest('RIVN'),
			noProgress
		);
		expect(first).toMatchObject({ ok: true, warnings: [] });
		expect(other.split('\n').length).toBe(bars.split('\n').length + 1);
		const result = await engine.importFile(
			'real',
			'b',
			new File([other], 'RIVN-tv.csv'),
			barsRequest('RIVN'),
			noProgress
		);
		// Stored: the new 15:11 bar and the two that differ (aside); the 24 that agree are repeats.
		expect(result).toMatchObject({
			ok: true,
			counts: { imported: 3, duplicates: 24 },
			disagreeing: ['RIVN']
		});
		expect(result.ok && result.warnings).toEqual([
			"2 bars of RIVN differ from the bars already stored (the first at 2025-10-13 15:05:00, line 22: stored O 13.35 H 13.36 L 13.32 C 13.33, this file O 13.35 H 13.36 L 13.32 C 13.34); this file's are kept beside them: compare the files and choose which to use in Charts → Bar sources"
		]);
		const [a, b] = [first.ok ? first.importId : '', result.ok ? result.importId : ''];
		// Every reader sees the first file's bars where they disagree, and the new bar.
		expect([
			await closeAt(engine, ny(15, 5)),
			await closeAt(engine, ny(15, 10)),
			await closeAt(engine, ny(15, 11))
		]).toEqual([13.33, 13.36, 13.37]);
		expect(await engine.barSymbols('real')).toMatchObject([
			{ symbol: 'RIVN', count: 27, files: 2, disagreeing: 2 }
		]);

		// Side by side: both files, the two times, each file's bar there.
		const view = await engine.barSources('real', 'RIVN');
		expect(view).toMatchObject({
			symbol: 'RIVN',
			spacingMs: 60_000,
			spacingLabel: '1m',
			preferred: null,
			total: 2,
			offset: 0,
			files: [
				{
					importId: a,
					fileName: 'RIVN.csv',
					bars: 26,
					disagreeing: 2,
					firstTime: ny(14, 45),
					lastTime: ny(15, 10)
				},
				{
					importId: b,
					fileName: 'RIVN-tv.csv',
					bars: 3,
					disagreeing: 2,
					firstTime: ny(15, 5),
					lastTime: ny(15, 11)
				}
			]
		});
		expect(view!.disagreements.map((d) => [d.time, d.versions.map((v) => [v.importId, v.close])])).toEqual([
			[
				ny(15, 5),
				[
					[a, 13.33],
					[b, 13.34]
				]
			],
			[
				ny(15, 10),
				[
					[a, 13.36],
					[b, 14]
				]
			]
		]);
		expect(view!.disagreements[1]!.closeSpreadPct).toBeCloseTo(((14 - 13.36) / 13.36) * 100, 12);
		// Two files that disagree: the validator cannot tell which is right.
		const price = await engine.priceAt('real', 'RIVN', ny(15, 10));
		expect([price.price, price.confidence]).toEqual([13.68, 'low']);

		// The second file preferred: its bars where the files disagree, everywhere bars are read.
		await engine.setPreferredBarFile('real', 'RIVN', b);
		expect((await engine.barSources('real', 'RIVN'))!.preferred).toBe(b);
		expect([
			await closeAt(engine, ny(15, 5)),
			await closeAt(engine, ny(15, 10)),
			await closeAt(engine, ny(14, 45))
		]).toEqual([13.34, 14, 13.28]);
		await expect(engine.setPreferredBarFile('real', 'RIVN', 'nope')).rejects.toThrow(
			'Not preferred: that file has no bars of RIVN.'
		);
		await engine.setPreferredBarFile('real', 'RIVN', null);
		expect(await closeAt(engine, ny(15, 10))).toBe(13.36);
		await engine.setPreferredBarFile('real', 'RIVN', b);

		// The same file again stores nothing twice, and says nothing differs.
		const again = await engine.importFile(
			'real',
			'c',
			new File([other], 'RIVN-tv.csv'),
			barsRequest('RIVN'),
			noProgress
		);
		expect(again).toMatchObject({
			ok: true,
			counts: { imported: 0, duplicates: 27 },
			warnings: [],
			disagreeing: []
		});
		expect((await engine.barSources('real', 'RIVN'))!.total).toBe(2);

		// Undoing the preferred file: its bars and the preference go; the first file's are read again.
		expect(await engine.undoImport('real', b)).toBe(true);
		expect(await engine.barSources('real', 'RIVN')).toMatchObject({
			preferred: null,
			total: 0,
			files: [{ importId: a }]
		});
		expect([await closeAt(engine, ny(15, 10)), await closeAt(engine, ny(15, 11))]).toEqual([13.36, null]);
		await engine.close();
	});

	it('keeps a file’s new bars at the file’s spacing, however far apart they are', async () => {
		const engine = createEngineApi({ now: () => 1 });
		await engine.importFile('real', 'a', new File([bars], 'RIVN.csv'), barsRequest('RIVN'), noProgress);
		// The same bars with one more before and one after: the two new bars are 27 minutes apart.
		const lines = bars.trimEnd().split('\n');
		const wider = [
			lines[0],
			'2025-10-13 14:44:00-04:00,13.30,13.31,13.27,13.28,13.28,50000',
			...lines.slice(1),
			'2025-10-13 15:11:00-04:00,13.36,13.38,13.35,13.37,13.37,50000'
		].join('\n');
		const result = await engine.importFile(
			'real',
			'b',
			new File([wider], 'RIVN-wide.csv'),
			barsRequest('RIVN'),
			noProgress
		);
		expect(result).toMatchObject({ ok: true, counts: { imported: 2, duplicates: 26 } });
		expect(await engine.barSymbols('real')).toMatchObject([
			{ symbol: 'RIVN', nativeLabel: '1m', count: 28, files: 2 }
		]);
		const chart = await engine.priceChart('real', {
			symbol: 'RIVN',
			timeframe: null,
			studies: [],
			zone: 'UTC'
		});
		expect([chart!.bars.time.length, chart!.bars.time[0], chart!.bars.time[27]]).toEqual([
			28,
			ny(14, 44),
			ny(15, 11)
		]);
		await engine.close();
	});

	it('undoing the first file leaves the other file’s own bars (those it did not share) readable', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const first = await engine.importFile(
			'real',
			'a',
			new File([bars], 'RIVN.csv'),
			barsRequest('RIVN'),
			noProgress
		);
		await engine.importFile('real', 'b', new File([other], 'RIVN-tv.csv'), barsRequest('RIVN'), noProgress);
		expect(await engine.undoImport('real', first.ok ? first.importId : '')).toBe(true);
		// What the second file stored: its new bar and the two it kept aside (its 24 repeats were the first file's).
		const chart = await engine.priceChart('real', {
			symbol: 'RIVN',
			timeframe: null,
			studies: [],
			zone: 'UTC'
		});
		expect([...chart!.bars.time]).toEqual([ny(15, 5), ny(15, 10), ny(15, 11)]);
		expect([...chart!.bars.close]).toEqual([13.34, 14, 13.37]);
		expect((await engine.barSources('real', 'RIVN'))!.total).toBe(0);
		await engine.close();
	});
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
			counts: { rows: dataRows, imported: dataRows, duplicates: 0, rejected: 0, skipped: 0 }
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
			counts: { rows: dataRows, imported: dataRows, rejected: 0 }
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

	it('counts every row once: rows read = imported + already stored + rejected + skipped, the header not a row', async () => {
		const engine = createEngineApi();
		const outcome = await engine.importFile('paper', 'counts', dasFile(), DAS, noProgress);
		// 70 lines: the header and 69 executions.
		expect(dasText.trim().split('\n')).toHaveLength(70);
		expect(outcome).toMatchObject({
			ok: true,
			counts: { rows: 69, imported: 69, duplicates: 0, rejected: 0, skipped: 0 },
			rejected: [],
			skipped: []
		});
		const [row] = await engine.listImports('paper');
		expect(row?.counts).toEqual({ rows: 69, imported: 69, duplicates: 0, rejected: 0, skipped: 0 });
		await engine.close();
	});

	it('a row with two problems is one rejected row, listed once with both', async () => {
		const engine = createEngineApi();
		const text =
			'Time,Symbol,Side,Price,Qty,Route,Account,\n09:30:00,MU,B,50.5,100,ARCA,TR1,\n09:31:00,MU,Q,,100,ARCA,TR1,\n';
		const outcome = await engine.importFile(
			'paper',
			'two',
			dasFile(text, 'Trades_2025-10-14.csv'),
			DAS,
			noProgress
		);
		expect(outcome).toMatchObject({
			ok: true,
			counts: { rows: 2, imported: 1, duplicates: 0, rejected: 1, skipped: 0 }
		});
		if (!outcome.ok) throw new Error(outcome.message);
		expect(outcome.rejected).toEqual([
			{ line: 3, reason: 'Side "Q" is not a side (buy or sell); Price is empty' }
		]);
		await engine.close();
	});

	it('lists an IBKR statement’s non-trade lines and a money movement as skipped, with their reasons', async () => {
		const engine = createEngineApi();
		const statement = readFileSync('tests/fixtures/formats/ibkr-activity/activity-statement.csv', 'utf8');
		const ibkr = await engine.importFile(
			'paper',
			'ibkr',
			new File([statement], 'activity-statement.csv'),
			{ ...DAS, formatId: 'ibkr-activity', tradeDate: null },
			noProgress
		);
		if (!ibkr.ok) throw new Error(ibkr.message);
		expect(ibkr.counts).toEqual({ rows: 36, imported: 8, duplicates: 0, rejected: 0, skipped: 28 });
		expect(ibkr.skipped[0]).toEqual({
			line: 2,
			reason: "a line of the statement's Statement section, not Trades"
		});
		expect(ibkr.skipped.map((s) => s.reason)).toContain('a Total line of the Trades section, not a trade');
		const tasty = readFileSync('tests/fixtures/formats/tastytrade/transactions-with-total.csv', 'utf8');
		const money = await engine.importFile(
			'paper',
			'tasty',
			new File([tasty], 'transactions.csv'),
			{ ...DAS, formatId: 'tastytrade', tradeDate: null },
			noProgress
		);
		if (!money.ok) throw new Error(money.message);
		expect(money.skipped.map((s) => s.reason)).toContain('a money movement, not a trade');
		const [history] = await engine.listImports('paper');
		expect(history?.skippedRows).toEqual(money.skipped);
		await engine.close();
	});

	it('the counts add up for every fixture of every format, imported once and again', async () => {
		const root = 'tests/fixtures/formats';
		const files = readdirSync(root).flatMap((dir) =>
			readdirSync(join(root, dir)).map((f) => join(root, dir, f))
		);
		expect(files.length).toBeGreaterThanOrEqual(35);
		for (const path of files) {
			await Promise.all([Dexie.delete(dbName('paper'))]);
			const engine = createEngineApi();
			const name = path.split('/').at(-1)!;
			const text = readFileSync(path, 'utf8');
			const file = new File([text], name);
			const sniff = await engine.sniffFile('paper', file);
			const format = formatById(sniff.candidates[0]!.id)!;
			let accountId: string | null = null;
			if (!format.hasAccountColumn && format.produces !== 'bars') {
				const added = await engine.addAccount('paper', { broker: 'Test', number: 'T1', currency: 'USD' });
				if (!added.ok) throw new Error('account');
				accountId = added.account.id;
			}
			const request: ImportRequest = {
				formatId: format.id,
				zone: format.defaultZone ?? 'UTC',
				tradeDate: format.needsTradeDate ? (sniff.tradeDateFromName ?? '2025-10-13') : null,
				symbol: format.needsSymbol ? (sniff.symbolFromName ?? 'SPY') : null,
				accountId,
				newAccountCurrency: 'USD'
			};
			const first = await engine.importFile('paper', 'a', file, request, noProgress);
			if (!first.ok) throw new Error(`${name}: ${first.message}`);
			const c = first.counts;
			// The header is not a row; every other non-blank line is one.
			expect(c.rows, name).toBe(splitCsv(text).length - 1);
			expect(c.imported + c.duplicates + c.rejected + c.skipped, name).toBe(c.rows);
			expect(first.skipped, name).toHaveLength(c.skipped);
			expect(first.rejected, name).toHaveLength(c.rejected);
			for (const s of first.skipped) expect(s.reason, name).toMatch(/\w/);
			const again = await engine.importFile('paper', 'b', file, request, noProgress);
			if (!again.ok) throw new Error(`${name}: ${again.message}`);
			expect(again.counts, name).toEqual({
				rows: c.rows,
				imported: 0,
				duplicates: c.imported + c.duplicates,
				rejected: c.rejected,
				skipped: c.skipped
			});
			await engine.close();
		}
	});

	it('says when the same bytes were imported before, in that mode only', async () => {
		const engine = createEngineApi({ now: () => 1_760_000_000_000 });
		expect(await engine.sameFileImported('paper', dasFile())).toBeNull();
		const first = await engine.importFile('paper', 'one', dasFile(), DAS, noProgress);
		if (!first.ok) throw new Error(first.message);
		expect(await engine.sameFileImported('paper', dasFile(dasText, 'renamed.csv'))).toEqual({
			importId: first.importId,
			fileName: 'Trades_2025-10-13.csv',
			importedAt: 1_760_000_000_000
		});
		expect(await engine.sameFileImported('real', dasFile())).toBeNull();
		expect(await engine.sameFileImported('paper', dasFile(`${dasText}\n`))).toBeNull();
		await engine.close();
	});
});
