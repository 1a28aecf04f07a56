/**
 * Matching's storage: the journal trades it matches (imported with their files; imports.ts
 * writes them), the audit trail of its runs (`matchRuns`) and the user's decisions
 * (`matchDecisions`), and its settings (settings.ts). A run and the decision that started it
 * are recorded together, and a rollback undoes both, each in one transaction.
 */
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '$lib/core/matching/types';
import type { JournalTrade } from '$lib/core/model/journal';
import type { FillbookDb, MatchDecisionRow, MatchRunRow } from './schema';
import { writeSetting } from './settings';

/** Every journal trade of the mode, in id order. */
export function listJournalTrades(db: FillbookDb): Promise<JournalTrade[]> {
	return db.journalTrades.toArray();
}

/** One journal trade, or undefined when there is none with this id. */
export function journalTrade(db: FillbookDb, id: string): Promise<JournalTrade | undefined> {
	return db.journalTrades.get(id);
}

/** The journal trades with these ids, in their order (undefined where one is gone). */
export function journalTradesOf(
	db: FillbookDb,
	ids: readonly string[]
): Promise<(JournalTrade | undefined)[]> {
	return db.journalTrades.bulkGet([...ids]);
}

/** Every run, rolled back or not, newest first. */
export function listRuns(db: FillbookDb): Promise<MatchRunRow[]> {
	return db.matchRuns.orderBy('at').reverse().toArray();
}

/** The run that stands: the newest not rolled back (undefined before the first run). */
export async function standingRun(db: FillbookDb): Promise<MatchRunRow | undefined> {
	let found: MatchRunRow | undefined;
	await db.matchRuns
		.orderBy('at')
		.reverse()
		.until(() => found !== undefined)
		.each((run) => {
			if (run.rolledBackAt === null) found ??= run;
		});
	return found;
}

/** A run's settings, with what older versions did not store (per-day offsets) filled in. */
export function runSettings(run: MatchRunRow): MatchSettings {
	return { ...DEFAULT_MATCH_SETTINGS, ...run.settings };
}

/** Every decision the user made that stands (a rolled-back run's decision is removed). */
export function listDecisions(db: FillbookDb): Promise<MatchDecisionRow[]> {
	return db.matchDecisions.toArray();
}

/** Records a run, the decision that started it (if any) and its settings as the saved ones, in one transaction. */
export function recordRun(
	db: FillbookDb,
	run: MatchRunRow,
	decision: MatchDecisionRow | null,
	settings: MatchSettings
): Promise<void> {
	return db.transaction('rw', [db.matchRuns, db.matchDecisions, db.meta], async () => {
		await db.matchRuns.add(run);
		if (decision) await db.matchDecisions.add(decision);
		await writeSetting(db, 'matchSettings', settings);
	});
}

/**
 * Rolls a run back at `at`, in one transaction: it no longer stands, the decision it recorded
 * is removed, and the saved settings (offsets per import and per day included) go back to the
 * ones of the run that stands again, or to the defaults before the first run.
 */
export function rollBackRun(db: FillbookDb, runId: string, at: number): Promise<void> {
	return db.transaction('rw', [db.matchRuns, db.matchDecisions, db.meta], async () => {
		await db.matchRuns.update(runId, { rolledBackAt: at });
		await db.matchDecisions.where('runId').equals(runId).delete();
		const before = await standingRun(db);
		await writeSetting(db, 'matchSettings', before ? runSettings(before) : DEFAULT_MATCH_SETTINGS);
	});
}
