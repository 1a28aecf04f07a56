import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '$lib/core/matching/types';
import { listDecisions, listRuns, recordRun, rollBackRun, runSettings, standingRun } from './matching';
import { dbName, FillbookDb, type MatchDecisionRow, type MatchRunRow } from './schema';
import { readSetting } from './settings';

afterEach(() => Dexie.delete(dbName('paper')));

const settings = (windowMinutes: number): MatchSettings => ({ ...DEFAULT_MATCH_SETTINGS, windowMinutes });

const run = (id: string, at: number, windowMinutes: number): MatchRunRow => ({
	id,
	at,
	trigger: 'run',
	settings: settings(windowMinutes),
	result: { matched: [], ambiguous: [], unmatchedJournal: [], noFills: [], unmatchedTrades: [], offsets: [] },
	counts: {
		journal: 0,
		roundTrips: 0,
		matched: 0,
		manual: 0,
		ambiguous: 0,
		unmatchedJournal: 0,
		noFills: 0,
		unmatchedTrades: 0,
		discrepancies: 0
	},
	added: [],
	removed: [],
	rolledBackAt: null
});

const decision = (runId: string): MatchDecisionRow => ({
	id: `d-${runId}`,
	runId,
	journalId: 'j1',
	kind: 'none',
	tradeId: null,
	at: 1
});

describe('matching runs', () => {
	it('records a run with its decision and settings; the newest run stands', async () => {
		const db = new FillbookDb('paper');
		expect(await standingRun(db)).toBeUndefined();
		await recordRun(db, run('r1', 1, 10), null, settings(10));
		await recordRun(db, run('r2', 2, 20), decision('r2'), settings(20));
		expect((await standingRun(db))?.id).toBe('r2');
		expect((await listRuns(db)).map((r) => r.id)).toEqual(['r2', 'r1']);
		expect(await listDecisions(db)).toEqual([decision('r2')]);
		expect((await readSetting(db, 'matchSettings')).windowMinutes).toBe(20);
		db.close();
	});

	it('rolls a run back with its decision, and the settings of the run standing again', async () => {
		const db = new FillbookDb('paper');
		await recordRun(db, run('r1', 1, 10), null, settings(10));
		await recordRun(db, run('r2', 2, 20), decision('r2'), settings(20));
		await rollBackRun(db, 'r2', 5);
		expect((await standingRun(db))?.id).toBe('r1');
		expect((await listRuns(db))[0]).toMatchObject({ id: 'r2', rolledBackAt: 5 });
		expect(await listDecisions(db)).toEqual([]);
		expect((await readSetting(db, 'matchSettings')).windowMinutes).toBe(10);
		// Before the first run the settings are the defaults again.
		await rollBackRun(db, 'r1', 6);
		expect(await standingRun(db)).toBeUndefined();
		expect(await readSetting(db, 'matchSettings')).toEqual(DEFAULT_MATCH_SETTINGS);
		db.close();
	});

	it('fills in settings older runs did not store', () => {
		const { dayOffsetHours: _, ...old } = settings(15);
		expect(runSettings({ ...run('r', 1, 15), settings: old as MatchSettings })).toEqual(settings(15));
	});

	it('writes nothing of a run when its transaction fails', async () => {
		const db = new FillbookDb('paper');
		await recordRun(db, run('r1', 1, 10), decision('r1'), settings(10));
		// A decision id already stored: its add fails after the run's, and the run is not kept either.
		await expect(recordRun(db, run('r2', 2, 20), decision('r1'), settings(20))).rejects.toThrow();
		expect((await listRuns(db)).map((r) => r.id)).toEqual(['r1']);
		expect((await readSetting(db, 'matchSettings')).windowMinutes).toBe(10);
		db.close();
	});
});
