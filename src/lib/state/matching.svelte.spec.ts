import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { JournalView, MatchingOverview, RunSummary, TripView } from '$workers/contract';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '$lib/core/matching/types';
import { MatchingState } from './matching.svelte';

const engine = vi.hoisted(() => ({
	matchingOverview: vi.fn(),
	venueReport: vi.fn(),
	parseAliases: vi.fn(),
	runMatching: vi.fn(),
	decideMatch: vi.fn(),
	rollbackMatchRun: vi.fn(),
	exportMatchCsv: vi.fn()
}));
vi.mock('./engine', () => ({ engine }));

const settings: MatchSettings = {
	...DEFAULT_MATCH_SETTINGS,
	windowMinutes: 15,
	aliases: { FB: 'META' },
	offsetHours: { imp1: 3 },
	dayOffsetHours: { imp1: { '2025-10-16': 0, '2025-10-17': 0 } }
};
const counts = {
	matched: 1,
	ambiguous: 0,
	discrepancies: 0,
	unmatchedJournal: 1,
	noFills: 0,
	unmatchedTrades: 2
};
const run = (id: string, rolledBackAt: number | null = null) =>
	({
		id,
		at: 1,
		trigger: 'run',
		settings,
		counts,
		added: 1,
		removed: 0,
		rolledBackAt,
		decision: null
	}) as RunSummary;
const trip = (id: string, symbol: string, direction: 'long' | 'short') =>
	({ id, symbol, direction }) as TripView;
const journal = { id: 'j1', symbol: 'FB', direction: 'long' } as JournalView;
const day = (d: string, applied: number, detected: number) => ({
	day: d,
	applied,
	detected,
	support: 5,
	of: 5
});

function overview(): MatchingOverview {
	return {
		settings,
		journalCount: 10,
		tripCount: 10,
		journalImports: [{ id: 'imp1', fileName: 'tv.csv', trades: 10 }],
		current: {
			run: run('r2'),
			matched: [],
			ambiguous: [],
			unmatchedJournal: [{ journal, reason: 'no candidate' }],
			noFills: [],
			totals: { matched: 0, ambiguous: 0, unmatchedJournal: 1, noFills: 0, unmatchedTrips: 3 },
			unmatchedTrips: [
				{ trip: trip('t1', 'META', 'long'), reason: '' },
				{ trip: trip('t2', 'META', 'short'), reason: '' },
				{ trip: trip('t3', 'AAPL', 'long'), reason: '' }
			],
			offsets: [
				{
					importId: 'imp1',
					fileName: 'tv.csv',
					applied: 3,
					detected: 3,
					support: 20,
					appliedSupport: 10,
					of: 20,
					days: [day('2025-10-15', 3, 0), day('2025-10-16', 0, 3), day('2025-10-17', 0, 3)]
				}
			]
		},
		runs: [run('r3', 5), run('r2'), run('r1')]
	};
}

let matching: MatchingState;

beforeEach(async () => {
	vi.clearAllMocks();
	engine.matchingOverview.mockResolvedValue(overview());
	engine.venueReport.mockResolvedValue([]);
	engine.parseAliases.mockResolvedValue({ aliases: { FB: 'META' }, errors: [] });
	matching = new MatchingState();
	await matching.load(true);
});

describe('MatchingState', () => {
	it('fills the form from the saved settings and opens the list there is something in', () => {
		expect(matching.view.form).toEqual({
			quantityTolerance: '100',
			windowMinutes: '15',
			pnlTolerance: '0.01',
			aliasesText: 'FB = META',
			offsets: { imp1: '3' }
		});
		expect(matching.view.tab).toBe('unmatchedJournal');
		expect(matching.standingId).toBe('r2');
		expect(matching.ownDays('imp1')).toBe('Oct 16–17 +0 h');
		expect(matching.runDays(run('r1'))).toBe(' (Oct 16–17 +0 h)');
	});

	it('offers the round trips of the same symbol (through aliases) and direction to link by hand', () => {
		expect(matching.linkable(journal).map((t) => t.id)).toEqual(['t1']);
	});

	it('proposes a detected offset more journal trades agree with, and runs with it applied', async () => {
		expect(matching.proposals).toHaveLength(1);
		expect(matching.proposals[0]!.words).toBe('Oct 15 looks +0 h, the rest +3 h');
		engine.runMatching.mockResolvedValue({ ...run('r4'), counts: { ...counts, ambiguous: 1 } });
		const after = overview();
		after.current!.ambiguous = [{ journal, candidates: [], reason: 'two candidates' }];
		engine.matchingOverview.mockResolvedValue(after);
		matching.setForm({ windowMinutes: '20' });
		await matching.run(matching.proposals[0]!.suggestion);
		expect(engine.runMatching).toHaveBeenCalledWith({
			...settings,
			windowMinutes: 20,
			dayOffsetHours: { imp1: { '2025-10-15': 0 } }
		});
		expect(matching.view.message).toBe('Run finished: 1 matched, 1 links added, 0 removed.');
		expect(matching.view.tab).toBe('review');
	});

	it('runs with the typed offsets, without an import’s own days once cleared, and refuses unreadable aliases', async () => {
		engine.runMatching.mockResolvedValue(run('r4'));
		matching.setOffset('imp1', '');
		matching.clearDayOffsets('imp1');
		await matching.run();
		expect(engine.runMatching.mock.calls[0]?.[0]).toMatchObject({ offsetHours: {}, dayOffsetHours: {} });
		engine.parseAliases.mockResolvedValue({ aliases: {}, errors: ['Line 1: no “=”.'] });
		await matching.run();
		expect(matching.view.message).toBe('Line 1: no “=”.');
		expect(engine.runMatching).toHaveBeenCalledTimes(1);
	});

	it('records a decision, keeping the form as typed', async () => {
		matching.setForm({ windowMinutes: '45' });
		await matching.decide({ journalId: 'j1', kind: 'unlink', tradeId: 't1' });
		expect(engine.decideMatch).toHaveBeenCalledWith({ journalId: 'j1', kind: 'unlink', tradeId: 't1' });
		expect(matching.view.message).toBe('Unlinked. This pair will not be matched again.');
		expect(matching.view.form.windowMinutes).toBe('45');
		engine.rollbackMatchRun.mockResolvedValue({
			ok: false,
			message: 'Only the standing run can be rolled back.'
		});
		await matching.rollback(run('r1'));
		expect(matching.view.message).toBe('Only the standing run can be rolled back.');
		// A rollback puts the saved settings back in the form.
		expect(matching.view.form.windowMinutes).toBe('15');
		matching.reset();
		expect([matching.view.overview, matching.view.tab, matching.view.form.windowMinutes]).toEqual([
			null,
			'review',
			'30'
		]);
	});
});

describe('MatchingState pages', () => {
	const rows = Array.from({ length: 123 }, (_, i) => i);

	it('shows a long list 50 at a time, saying which of how many', () => {
		expect(matching.paged(rows)).toEqual({
			rows: rows.slice(0, 50),
			page: 0,
			pages: 3,
			from: 1,
			to: 50,
			total: 123
		});
		matching.setPage(2);
		expect(matching.paged(rows)).toMatchObject({ rows: rows.slice(100), page: 2, from: 101, to: 123 });
	});

	it('keeps to the pages there are: past the last shows the last, before the first the first', () => {
		matching.setPage(9);
		expect(matching.paged(rows)).toMatchObject({ page: 2, from: 101, to: 123 });
		expect(matching.paged(rows.slice(0, 10))).toMatchObject({ page: 0, pages: 1, from: 1, to: 10 });
		matching.setPage(-3);
		expect(matching.view.page).toBe(0);
		expect(matching.paged([])).toEqual({ rows: [], page: 0, pages: 1, from: 0, to: 0, total: 0 });
	});

	it('opens another list at its first page, and a fresh page at the first', () => {
		matching.setPage(2);
		matching.setTab('matched');
		expect(matching.view.page).toBe(0);
		matching.setPage(1);
		matching.reset();
		expect(matching.view.page).toBe(0);
	});
});
