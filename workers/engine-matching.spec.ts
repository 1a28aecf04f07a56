import type { ImportRequest } from './contract';
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dasFiles, generateMatchingData, tradervueExport } from '../tests/support/matching-data';
import { DEFAULT_MATCH_SETTINGS } from '$lib/core/matching/types';
import {
	applySuggestion,
	describeSuggestion,
	journalDayOf,
	offsetSuggestion
} from '$lib/core/matching/offsets';
import { formatInstant } from '$lib/core/time/zone';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { matchSymbol, parseAliases } from '$lib/core/matching/symbols';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';

const DAYS = ['2025-10-13', '2025-10-14', '2025-10-15'];
const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone: 'America/New_York',
	tradeDate: null,
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};

afterEach(() => Dexie.delete(dbName('paper')));

/** The sample DAS days and the Tradervue export (whose times were read as Eastern). */
async function engineWithSamples() {
	const engine = createEngineApi({
		now: (() => {
			let t = 1_760_000_000_000;
			return () => (t += 1000);
		})()
	});
	for (const day of DAYS) {
		const text = readFileSync(`tests/fixtures/samples/das/Trades_${day}.csv`, 'utf8');
		const outcome = await engine.importFile(
			'paper',
			day,
			new File([text], `Trades_${day}.csv`),
			{ ...DAS, tradeDate: day },
			() => undefined
		);
		expect(outcome.ok).toBe(true);
	}
	const tv = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');
	const outcome = await engine.importFile(
		'paper',
		'tv',
		new File([tv], 'tradervue_export.csv'),
		{ ...DAS, formatId: 'tradervue-trades' },
		() => undefined
	);
	expect(outcome.ok).toBe(true);
	return { engine, tvImport: outcome.ok ? outcome.importId : '' };
}

describe('engine matching', () => {
	it('runs, proposes the hour offset, matches with it, and records each run', async () => {
		const { engine, tvImport } = await engineWithSamples();
		expect((await engine.matchingOverview('paper')).current).toBeNull();
		const first = await engine.runMatching('paper', DEFAULT_MATCH_SETTINGS);
		expect('error' in first).toBe(false);
		let overview = await engine.matchingOverview('paper');
		expect(overview.current?.run.counts).toMatchObject({
			journal: 33,
			matched: 10,
			ambiguous: 0,
			discrepancies: 0
		});
		expect(overview.current?.offsets).toEqual([
			expect.objectContaining({
				importId: tvImport,
				fileName: 'tradervue_export.csv',
				applied: 0,
				detected: 3,
				support: 23,
				of: 33
			})
		]);
		// With the proposed offset, the export's other trades find their round trips.
		await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [tvImport]: 3 } });
		overview = await engine.matchingOverview('paper');
		expect(overview.current?.run.counts).toMatchObject({ matched: 23, discrepancies: 0 });
		expect(overview.current?.run).toMatchObject({ added: 23, removed: 10, trigger: 'run' });
		expect(overview.runs.map((r) => r.counts.matched)).toEqual([23, 10]);
		// Every match agrees on symbol (after normalisation), direction and P&L.
		for (const m of overview.current!.matched) {
			expect(matchSymbol(m.trip!.symbol)).toBe(matchSymbol(m.journal.symbol));
			expect(m.trip!.direction).toBe(m.journal.direction);
			expect(m.pnl.fillsGross).toBe(m.journal.grossPnl);
		}
		// The trade filter narrows every list, and the totals say how many it let through.
		const all = overview.current!;
		expect(all.totals).toEqual({
			matched: all.matched.length,
			ambiguous: all.ambiguous.length,
			unmatchedJournal: all.unmatchedJournal.length,
			noFills: all.noFills.length,
			unmatchedTrips: all.unmatchedTrips.length
		});
		const symbol = all.matched[0]!.journal.symbol;
		const shorts = (
			await engine.matchingOverview('paper', { ...EMPTY_FILTER, side: 'short' }, 'America/New_York')
		).current!;
		expect(shorts.matched.length).toBe(all.matched.filter((m) => m.journal.direction === 'short').length);
		expect(shorts.matched.length).toBeGreaterThan(0);
		expect(shorts.matched.length).toBeLessThan(all.matched.length);
		expect(shorts.unmatchedTrips.every((u) => u.trip.direction === 'short')).toBe(true);
		const one = (await engine.matchingOverview('paper', { ...EMPTY_FILTER, symbols: [symbol] }, 'UTC'))
			.current!;
		expect(one.matched.map((m) => m.journal.symbol)).toEqual(
			all.matched.filter((m) => m.journal.symbol === symbol).map(() => symbol)
		);
		expect(one.totals.matched).toBe(one.matched.length);
		// A day with no trades empties every list.
		const none = (
			await engine.matchingOverview('paper', { ...EMPTY_FILTER, from: '2024-01-01', to: '2024-01-01' }, 'UTC')
		).current!;
		expect(none.totals).toEqual({
			matched: 0,
			ambiguous: 0,
			unmatchedJournal: 0,
			noFills: 0,
			unmatchedTrips: 0
		});
		// DAS writes BRK B, the journal BRK.B: one symbol.
		expect(
			overview.current!.matched.some((m) => m.journal.symbol === 'BRK.B' && m.trip!.symbol === 'BRK B')
		).toBe(true);
		// The matched round trip's row takes the journal's tags and initial risk (R).
		const brk = overview.current!.matched.find((m) => m.journal.symbol === 'BRK.B')!;
		const rows = await engine.listTrades('paper', {
			filter: { ...EMPTY_FILTER, tags: ['halt_resume'] },
			sort: { key: 'openTime', dir: 'asc' },
			offset: 0,
			limit: 10,
			zone: 'America/New_York'
		});
		const row = rows.rows.find((r) => r.id === brk.trip!.id);
		expect(row).toMatchObject({ risk: 401.02, tags: ['halt_resume'] });
		expect(row!.rMultiple).toBeCloseTo(row!.netPnl / 401.02, 12);
		await engine.close();
	});

	it("takes a journal trade's first tag as its strategy, on by default, and not once the setting is off", async () => {
		const { engine, tvImport } = await engineWithSamples();
		await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [tvImport]: 3 } });
		const query = {
			filter: EMPTY_FILTER,
			sort: { key: 'openTime', dir: 'asc' },
			offset: 0,
			limit: 1000,
			zone: 'America/New_York'
		} as const;
		const matched = (await engine.matchingOverview('paper')).current!.matched;
		const brk = matched.find((m) => m.journal.symbol === 'BRK.B')!;
		expect(brk.journal.tags).toEqual(['halt_resume']);
		expect(brk.journal.strategy).toBe('halt_resume');
		expect(await engine.firstTagIsStrategy('paper')).toBe(true);
		const row = (await engine.listTrades('paper', query)).rows.find((r) => r.id === brk.trip!.id)!;
		expect(row.strategy).toBe('halt_resume');
		expect((await engine.tradeFacets('paper')).strategies).toContain('halt_resume');
		// The trade's own strategy wins over the journal's.
		await engine.saveAnnotation('paper', {
			tradeId: row.id,
			notes: '',
			tags: [],
			strategy: 'Gap and go',
			mistakes: [],
			risk: null
		});
		expect((await engine.listTrades('paper', query)).rows.find((r) => r.id === row.id)!.strategy).toBe(
			'Gap and go'
		);

		expect(await engine.setFirstTagIsStrategy('paper', false)).toEqual({ ok: true });
		expect(await engine.firstTagIsStrategy('paper')).toBe(false);
		const off = (await engine.matchingOverview('paper')).current!.matched.find(
			(m) => m.journal.id === brk.journal.id
		)!;
		expect(off.journal.strategy).toBe('');
		const rows = (await engine.listTrades('paper', query)).rows;
		expect(rows.find((r) => r.id === row.id)!.strategy).toBe('Gap and go');
		expect(rows.filter((r) => r.strategy !== '').map((r) => r.id)).toEqual([row.id]);
		await engine.close();
	});

	it('keeps decisions through later runs, and a rollback undoes the run and its decision', async () => {
		const { engine, tvImport } = await engineWithSamples();
		const settings = { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [tvImport]: 3 } };
		await engine.runMatching('paper', settings);
		let overview = await engine.matchingOverview('paper');
		// AAGR was traded in Eastern time: with the +3 h offset it is unmatched; link it by hand.
		const brk = overview.current!.unmatchedJournal.find((u) => u.journal.symbol === 'AAGR')!;
		expect(brk.reason).toMatch(/AAGR round trip opens 3\.0 h earlier/);
		const trip = overview.current!.unmatchedTrips.find((u) => u.trip.symbol === 'AAGR')!.trip;
		const decided = await engine.decideMatch('paper', {
			journalId: brk.journal.id,
			kind: 'link',
			tradeId: trip.id
		});
		expect(decided).toMatchObject({ trigger: 'decision', added: 1, decision: 'linked a journal trade' });
		await engine.runMatching('paper', settings);
		overview = await engine.matchingOverview('paper');
		const linked = overview.current!.matched.find((m) => m.journal.id === brk.journal.id);
		expect(linked).toMatchObject({
			manual: true,
			trip: { id: trip.id },
			pnl: { journalGross: 1.4, fillsGross: 1.4 }
		});
		// The trade page's view: execution statistics of the linked round trip.
		const match = await engine.tradeMatch('paper', trip.id);
		expect(match?.stats.entry).toMatchObject({ fills: 2, quantity: 14000, spanMs: 1000 });
		expect(match?.stats.entry.vwap).toBeCloseTo(0.4278, 12);
		expect(match?.stats.exit.versusJournal).toBeCloseTo(0, 12);
		expect(match?.stats.venues.map((v) => v.venue)).toEqual(['BATS', 'NSDQ', 'SMRT']);
		expect(match?.journal.tags).toEqual(['vwap_reclaim', 'momentum']);

		// Rolling back the newest run, then the decision's run, takes the link away.
		const [newest, decisionRun] = overview.runs;
		expect(await engine.rollbackMatchRun('paper', decisionRun!.id)).toMatchObject({ ok: false });
		expect(await engine.rollbackMatchRun('paper', newest!.id)).toEqual({ ok: true });
		expect((await engine.matchingOverview('paper')).current?.run.id).toBe(decisionRun!.id);
		expect(await engine.rollbackMatchRun('paper', decisionRun!.id)).toEqual({ ok: true });
		await engine.runMatching('paper', settings);
		overview = await engine.matchingOverview('paper');
		expect(overview.current!.matched.some((m) => m.journal.id === brk.journal.id)).toBe(false);
		expect(overview.runs.filter((r) => r.rolledBackAt !== null)).toHaveLength(2);
		await engine.close();
	});

	it('takes a "no fills" back: the journal trade is matched again like any other', async () => {
		const { engine, tvImport } = await engineWithSamples();
		const settings = { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [tvImport]: 3 } };
		await engine.runMatching('paper', settings);
		const matched = (await engine.matchingOverview('paper')).current!.matched[0]!;
		await engine.decideMatch('paper', { journalId: matched.journal.id, kind: 'none', tradeId: null });
		let current = (await engine.matchingOverview('paper')).current!;
		expect(current.noFills.map((j) => j.id)).toEqual([matched.journal.id]);
		expect(current.matched.some((m) => m.journal.id === matched.journal.id)).toBe(false);
		const reopened = await engine.decideMatch('paper', {
			journalId: matched.journal.id,
			kind: 'reopen',
			tradeId: null
		});
		expect(reopened).toMatchObject({ decision: 'took back a "no fills"', added: 1 });
		await engine.runMatching('paper', settings);
		current = (await engine.matchingOverview('paper')).current!;
		expect(current.noFills).toEqual([]);
		expect(current.matched.find((m) => m.journal.id === matched.journal.id)?.trip?.id).toBe(matched.trip!.id);
		await engine.close();
	});

	it('exports the match as CSV with files and rows, and reports venues', async () => {
		const { engine, tvImport } = await engineWithSamples();
		await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, offsetHours: { [tvImport]: 3 } });
		const csv = await engine.exportMatchCsv('paper', 'America/New_York');
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe(
			'Status,Journal file,Journal row,Symbol,Direction,Journal open (America/New_York),Journal close (America/New_York),Journal offset (h),Volume,Execution file,Execution row,Execution time (America/New_York),Side,Quantity,Price,Venue,Reason'
		);
		expect(lines.filter((l) => l.startsWith('matched,tradervue_export.csv,')).length).toBeGreaterThan(23);
		expect(
			lines.some(
				(l) => l.startsWith('unmatched journal trade,tradervue_export.csv,') && l.includes('3.0 h earlier')
			)
		).toBe(true);
		expect(lines.some((l) => /^unmatched executions,+Trades_2025-10-1\d\.csv,\d+,/.test(l))).toBe(true);
		const venues = await engine.venueReport('paper');
		expect(venues.length).toBeGreaterThan(2);
		expect(venues.reduce((n, v) => n + v.fills, 0)).toBeGreaterThan(23);
		await engine.close();
	});

	it('refuses settings that make no sense', async () => {
		const engine = createEngineApi();
		expect(await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, windowMinutes: 0 })).toEqual({
			error: 'The time window must be between 1 minute and 24 hours.'
		});
		expect(
			await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, offsetHours: { x: 1.25 } })
		).toEqual({ error: 'The hour offset of import x must be whole or half hours from -14 to 14.' });
		expect(
			await engine.runMatching('paper', {
				...DEFAULT_MATCH_SETTINGS,
				dayOffsetHours: { x: { '2025-10-16': 15 } }
			})
		).toEqual({
			error: 'The hour offset of import x on 2025-10-16 must be whole or half hours from -14 to 14.'
		});
		expect(
			await engine.runMatching('paper', { ...DEFAULT_MATCH_SETTINGS, dayOffsetHours: { x: { 'Oct 16': 0 } } })
		).toEqual({ error: '"Oct 16" (import x) is not a day (YYYY-MM-DD).' });
		// Nothing was run or saved.
		expect((await engine.matchingOverview('paper')).runs).toEqual([]);
		await engine.close();
	});

	it('applies the per-day suggestion: offsets per day are kept with the settings and the run, shown beside the fills, and rolled back', async () => {
		const data = generateMatchingData({ seed: 3, days: 5, dayClock: { 3: 0, 4: 0 } });
		const engine = createEngineApi();
		for (const file of dasFiles(data)) {
			const outcome = await engine.importFile(
				'paper',
				file.day,
				new File([file.text], file.fileName),
				{ ...DAS, tradeDate: file.day },
				() => undefined
			);
			expect(outcome.ok).toBe(true);
		}
		const imported = await engine.importFile(
			'paper',
			'tv',
			new File([tradervueExport(data)], 'tradervue_export.csv'),
			{ ...DAS, formatId: 'tradervue-trades' },
			() => undefined
		);
		if (!imported.ok) throw new Error(imported.message);
		const tv = imported.importId;
		// The user's alias for the renamed ticker; no offsets yet.
		const defaults = { ...DEFAULT_MATCH_SETTINGS, aliases: parseAliases(data.aliases).aliases };
		await engine.runMatching('paper', defaults);
		let overview = await engine.matchingOverview('paper');
		const finding = overview.current!.offsets[0]!;
		const suggestion = offsetSuggestion(finding)!;
		expect(describeSuggestion(suggestion, finding)).toBe('Oct 16–17 look +0 h, the rest +3 h');
		const applied = applySuggestion(overview.settings, suggestion);
		expect(applied).toMatchObject({
			offsetHours: { [tv]: 3 },
			dayOffsetHours: { [tv]: { '2025-10-16': 0, '2025-10-17': 0 } }
		});
		await engine.runMatching('paper', applied);
		overview = await engine.matchingOverview('paper');
		// Saved for the next run, and recorded with the run.
		expect(overview.settings.dayOffsetHours).toEqual({ [tv]: { '2025-10-16': 0, '2025-10-17': 0 } });
		expect(overview.runs[0]!.settings.dayOffsetHours).toEqual(applied.dayOffsetHours);
		expect(offsetSuggestion(overview.current!.offsets[0]!)).toBeNull();
		const matchable = data.journal.filter(
			(j) => j.truth.trip !== null && !j.truth.ambiguous && j.truth.pnlAgrees
		);
		expect(overview.current!.run.counts.matched).toBe(matchable.length);
		// Each journal trade carries the hours its day was shifted by.
		for (const m of overview.current!.matched) {
			expect(m.journal.offsetHours).toBe(
				['2025-10-16', '2025-10-17'].includes(journalDayOf(m.journal.openTime, 'America/New_York')) ? 0 : 3
			);
			// With it, the journal's open is within the minute of the fills'.
			const open = m.journal.openTime + m.journal.offsetHours * 3_600_000;
			expect(Math.abs(m.trip!.openTime - open)).toBeLessThan(60_000);
		}
		// The CSV shows the journal's times with the offset, beside the fills'.
		const csv = (await engine.exportMatchCsv('paper', 'America/New_York')).trim().split('\r\n');
		const first = overview.current!.matched.find((m) => m.journal.offsetHours === 3)!;
		const line = csv.find((l) => l.startsWith(`matched,tradervue_export.csv,${first.journal.line},`))!;
		const cells = line.split(',');
		expect(cells[5]).toBe(formatInstant(first.journal.openTime + 3 * 3_600_000, 'America/New_York'));
		expect(cells[7]).toBe('3');
		// A later run keeps them; rolling it back, and then the run that set them, takes them back.
		await engine.runMatching('paper', overview.settings);
		overview = await engine.matchingOverview('paper');
		expect(overview.current!.run.settings.dayOffsetHours).toEqual(applied.dayOffsetHours);
		expect(await engine.rollbackMatchRun('paper', overview.runs[0]!.id)).toEqual({ ok: true });
		expect((await engine.matchingOverview('paper')).settings.dayOffsetHours).toEqual(applied.dayOffsetHours);
		expect(await engine.rollbackMatchRun('paper', overview.runs[1]!.id)).toEqual({ ok: true });
		overview = await engine.matchingOverview('paper');
		expect(overview.settings).toEqual(defaults);
		expect(overview.current!.run.settings).toEqual(defaults);
		await engine.close();
	});
});
