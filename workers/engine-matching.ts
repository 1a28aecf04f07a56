/**
 * The matching side of the engine: runs matchTrades over the mode's journal trades and round
 * trips, records every run (audit trail), keeps the user's decisions (facts that hold in every
 * later run), rolls runs back, and serves the views: the Matching page, a trade's match, the CSV
 * export and the venue report. All writes go through `write`.
 */
import type {
	DecisionInput,
	JournalView,
	MatchingApi,
	MatchingOverview,
	MatchingTotals,
	RunSummary,
	TradeMatch,
	TripView
} from './contract';
import { toCsv, type CsvCell } from '$lib/core/export/csv';
import { checkPnl } from '$lib/core/matching/candidates';
import { offsetHoursOf } from '$lib/core/matching/detect-offsets';
import { matchTrades } from '$lib/core/matching/match';
import { type MatchDecision, type MatchResult, type MatchSettings } from '$lib/core/matching/types';
import { executionStats, venueReport, type VenueRow } from '$lib/core/matching/stats';
import { parseAliases } from '$lib/core/matching/symbols';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/types';
import { passes, type FilterSubject, type TradeFilter } from '$lib/core/trades/query';
import { formatInstant } from '$lib/core/time/zone';
import type { FillbookDb, MatchDecisionRow, MatchRunRow } from '$lib/db/schema';
import { allImports } from '$lib/db/imports';
import {
	journalTrade,
	listDecisions,
	listJournalTrades,
	listRuns,
	recordRun,
	rollBackRun,
	runSettings,
	standingRun
} from '$lib/db/matching';
import { readSetting } from '$lib/db/settings';
import type { Derived } from './engine-trades';
import { portfolioFilter } from './engine-portfolios';
import {
	countsOf,
	fillsOf,
	pairSubject,
	settingsProblem,
	summary,
	toJournalView,
	toMatchJournal,
	toMatchTrade,
	toTripView,
	tripSubject
} from './matching-views';

/** Items per list sent to the page (the counts say how many there are in all). */
const LIST_LIMIT = 2000;

export function createMatching(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	now: () => number,
	trades: (mode: Mode) => Promise<Derived>
): MatchingApi {
	/** Runs matching with `settings` and records the run (inside a write). */
	async function run(
		mode: Mode,
		settings: MatchSettings,
		trigger: MatchRunRow['trigger'],
		newDecision: DecisionInput | null
	): Promise<RunSummary> {
		const d = db(mode);
		const derived = await trades(mode);
		const [journal, zones] = await Promise.all([listJournalTrades(d), importZones(d)]);
		const runId = crypto.randomUUID();
		const at = now();
		const decision: MatchDecisionRow | null = newDecision && {
			...newDecision,
			id: crypto.randomUUID(),
			runId,
			at
		};
		const decisions: MatchDecision[] = [...(await listDecisions(d)), ...(decision ? [decision] : [])];
		const result = matchTrades(
			journal.map((j) => toMatchJournal(j, zones)),
			derived.trades.map((t) => toMatchTrade(t, derived)),
			decisions,
			settings
		);
		const previous = await standingRun(d);
		const pairs = (r: MatchResult | undefined) =>
			new Set((r?.matched ?? []).map((m) => `${m.journalId}\u0001${m.tradeId}`));
		const before = pairs(previous?.result);
		const after = pairs(result);
		const split = (key: string) => key.split('\u0001') as [string, string];
		const row: MatchRunRow = {
			id: runId,
			at,
			trigger,
			settings,
			result,
			counts: countsOf(result, journal.length, derived.trades.length),
			added: [...after].filter((k) => !before.has(k)).map(split),
			removed: [...before].filter((k) => !after.has(k)).map(split),
			rolledBackAt: null
		};
		await recordRun(d, row, decision, settings);
		return summary(row, decision ? [decision] : []);
	}

	return {
		/** Settings, the standing run's result with what it refers to, and the audit trail. */
		async matchingOverview(mode: Mode, asked?: TradeFilter, zone = 'UTC'): Promise<MatchingOverview> {
			const d = db(mode);
			const filter = asked && (await portfolioFilter(d, asked));
			const [settings, journal, imports, runs, decisions, derived, firstTag] = await Promise.all([
				readSetting(d, 'matchSettings'),
				listJournalTrades(d),
				allImports(d),
				listRuns(d),
				listDecisions(d),
				trades(mode),
				readSetting(d, 'journalFirstTagStrategy')
			]);
			const fileNames = new Map(imports.map((i) => [i.id, i.fileName]));
			const zones = new Map(imports.map((i) => [i.id, i.zone]));
			const journalById = new Map(journal.map((j) => [j.id, j]));
			const current = runs.find((r) => r.rolledBackAt === null);
			const applied = current ? runSettings(current) : null;
			const journalView = (id: string): JournalView | null => {
				const j = journalById.get(id);
				return j
					? toJournalView(j, fileNames, applied && offsetHoursOf(toMatchJournal(j, zones), applied), firstTag)
					: null;
			};
			const tripView = (id: string) => {
				const t = derived.byId.get(id);
				return t ? toTripView(t) : null;
			};
			const journalImports = imports
				.filter((i) => i.produces === 'journal')
				.map((i) => ({
					id: i.id,
					fileName: i.fileName,
					trades: journal.filter((j) => j.importId === i.id).length
				}));
			const byRun = new Map<string, MatchDecisionRow[]>();
			for (const dec of decisions) byRun.set(dec.runId, [...(byRun.get(dec.runId) ?? []), dec]);
			// Each list: the entries the filter lets through (all of them counted in `totals`), the
			// first LIST_LIMIT of them viewed.
			const totals: MatchingTotals = {
				matched: 0,
				ambiguous: 0,
				unmatchedJournal: 0,
				noFills: 0,
				unmatchedTrips: 0
			};
			const some = <T, U>(
				list: keyof MatchingTotals,
				items: T[],
				view: (item: T) => U | null,
				subject: (v: U) => FilterSubject
			): U[] => {
				const out: U[] = [];
				for (const item of items) {
					const v = view(item);
					if (v === null || (filter && !passes(subject(v), filter, zone))) continue;
					totals[list]++;
					if (out.length < LIST_LIMIT) out.push(v);
				}
				return out;
			};
			const bySide = (v: { journal: JournalView; trip?: TripView | null }) =>
				pairSubject(v.journal, v.trip ?? null);
			return {
				settings,
				journalCount: journal.length,
				tripCount: derived.trades.length,
				journalImports,
				current: current
					? {
							run: summary(current, byRun.get(current.id) ?? []),
							matched: some(
								'matched',
								current.result.matched,
								(m) => {
									const j = journalView(m.journalId);
									return j && { journal: j, trip: tripView(m.tradeId), manual: m.manual, pnl: m.pnl };
								},
								bySide
							),
							ambiguous: some(
								'ambiguous',
								current.result.ambiguous,
								(a) => {
									const j = journalView(a.journalId);
									return (
										j && {
											journal: j,
											candidates: a.candidates.map((c) => ({ ...c, trip: tripView(c.tradeId) })),
											// Runs recorded before reasons were kept.
											reason: a.reason ?? 'more than one round trip fits it'
										}
									);
								},
								bySide
							),
							unmatchedJournal: some(
								'unmatchedJournal',
								current.result.unmatchedJournal,
								(u) => {
									const j = journalView(u.journalId);
									return j && { journal: j, reason: u.reason };
								},
								bySide
							),
							noFills: some('noFills', current.result.noFills, journalView, (j) => pairSubject(j, null)),
							unmatchedTrips: some(
								'unmatchedTrips',
								current.result.unmatchedTrades,
								(u) => {
									const t = tripView(u.tradeId);
									return t && { trip: t, reason: u.reason };
								},
								(u) => tripSubject(u.trip)
							),
							totals,
							offsets: current.result.offsets.map((o) => ({
								...o,
								fileName: fileNames.get(o.importId) ?? o.importId
							}))
						}
					: null,
				runs: runs.map((r) => summary(r, byRun.get(r.id) ?? []))
			};
		},

		/** Runs matching with these settings (saved for next time) and records the run. */
		runMatching(mode: Mode, settings: MatchSettings): Promise<RunSummary | { error: string }> {
			const problem = settingsProblem(settings);
			if (problem) return Promise.resolve({ error: problem });
			return write(() => run(mode, settings, 'run', null));
		},

		/** Checks aliases typed as text ("FB = META" per line). */
		parseAliases(_mode: Mode, text: string) {
			return parseAliases(text);
		},

		/**
		 * Records a decision (link, unlink, no fills) and runs matching again with the saved
		 * settings, so the decision shows at once; the run can be rolled back, which removes it.
		 */
		decideMatch(mode: Mode, decision: DecisionInput): Promise<RunSummary> {
			return write(async () => run(mode, await readSetting(db(mode), 'matchSettings'), 'decision', decision));
		},

		/**
		 * Rolls back the standing run: the run before it stands again, and a decision the run
		 * recorded is removed. Only the newest standing run can be rolled back.
		 */
		rollbackMatchRun(mode: Mode, runId: string): Promise<{ ok: true } | { ok: false; message: string }> {
			return write(async () => {
				const d = db(mode);
				const latest = await standingRun(d);
				if (!latest) return { ok: false, message: 'There is no run to roll back.' };
				if (latest.id !== runId)
					return {
						ok: false,
						message: 'Only the newest run that stands can be rolled back: roll back the newer ones first.'
					};
				await rollBackRun(d, runId, now());
				return { ok: true };
			});
		},

		/** The standing match of one round trip, with its execution statistics; null when unmatched. */
		async tradeMatch(mode: Mode, tradeId: string): Promise<TradeMatch | null> {
			const d = db(mode);
			const current = await standingRun(d);
			const match = current?.result.matched.find((m) => m.tradeId === tradeId);
			if (!match) return null;
			const [journal, imports, derived] = await Promise.all([
				journalTrade(d, match.journalId),
				allImports(d),
				trades(mode)
			]);
			const trade = derived.byId.get(tradeId);
			if (!journal || !trade) return null;
			const m = toMatchJournal(journal, new Map(imports.map((i) => [i.id, i.zone])));
			const settings = runSettings(current!);
			return {
				journal: toJournalView(
					journal,
					new Map(imports.map((i) => [i.id, i.fileName])),
					offsetHoursOf(m, settings),
					await readSetting(d, 'journalFirstTagStrategy')
				),
				manual: match.manual,
				pnl: checkPnl(m, toMatchTrade(trade, derived), settings.pnlTolerance),
				stats: executionStats(fillsOf(trade, derived), trade.direction, journal.entryPrice, journal.exitPrice)
			};
		},

		/** Fills, units and price improvement per venue across the standing run's matched round trips. */
		async venueReport(mode: Mode): Promise<VenueRow[]> {
			const current = await standingRun(db(mode));
			const derived = await trades(mode);
			const trips = (current?.result.matched ?? [])
				.map((m) => derived.byId.get(m.tradeId))
				.filter((t): t is Trade => t !== undefined)
				.map((t) => ({ direction: t.direction, fills: fillsOf(t, derived) }));
			return venueReport(trips);
		},

		/**
		 * The standing run as CSV: one line per matched execution (journal file and row, execution
		 * file and row), then the ambiguous and unmatched items with their reasons.
		 */
		async exportMatchCsv(mode: Mode, zone: string): Promise<string> {
			const d = db(mode);
			const current = await standingRun(d);
			const [journal, imports, derived] = await Promise.all([
				listJournalTrades(d),
				allImports(d),
				trades(mode)
			]);
			const fileNames = new Map(imports.map((i) => [i.id, i.fileName]));
			const zones = new Map(imports.map((i) => [i.id, i.zone]));
			const journalById = new Map(journal.map((j) => [j.id, j]));
			const settings = current ? runSettings(current) : null;
			const rows: CsvCell[][] = [];
			const time = (t: number | null) => (t === null ? null : formatInstant(t, zone));
			// The journal's times with the offset the run applied, so that they sit beside the fills'.
			const journalCells = (id: string): CsvCell[] => {
				const j = journalById.get(id);
				if (!j) return [null, null, null, null, null, null, null, null];
				const hours = settings ? offsetHoursOf(toMatchJournal(j, zones), settings) : 0;
				const shift = (t: number | null) => (t === null ? null : t + hours * 3_600_000);
				return [
					fileNames.get(j.importId) ?? j.importId,
					j.line,
					j.symbol,
					j.direction,
					time(shift(j.openTime)),
					time(shift(j.closeTime)),
					hours,
					j.volume
				];
			};
			const executionCells = (trade: Trade | undefined): CsvCell[][] => {
				if (!trade) return [[null, null, null, null, null, null, null]];
				const t = derived.table;
				return trade.legs.map((leg) => {
					const i = leg.execution;
					return [
						fileNames.get(t.importId[i]!) ?? t.importId[i]!,
						t.line[i]!,
						time(t.time[i]!),
						t.side[i] === 0 ? 'buy' : 'sell',
						leg.quantity,
						t.price[i]!,
						t.venue[i] ?? null
					];
				});
			};
			const emptyExecution = [null, null, null, null, null, null, null];
			for (const m of current?.result.matched ?? [])
				for (const e of executionCells(derived.byId.get(m.tradeId)))
					rows.push([
						m.manual ? 'matched (by you)' : 'matched',
						...journalCells(m.journalId),
						...e,
						m.pnl.discrepancy
							? `P&L differs: journal ${m.pnl.journalGross ?? '—'}, fills ${m.pnl.fillsGross}`
							: ''
					]);
			for (const a of current?.result.ambiguous ?? [])
				rows.push([
					'ambiguous',
					...journalCells(a.journalId),
					...emptyExecution,
					`${a.candidates.length} candidates: in the review queue (${a.reason ?? 'more than one round trip fits it'})`
				]);
			for (const u of current?.result.unmatchedJournal ?? [])
				rows.push(['unmatched journal trade', ...journalCells(u.journalId), ...emptyExecution, u.reason]);
			for (const id of current?.result.noFills ?? [])
				rows.push(['no fills (by you)', ...journalCells(id), ...emptyExecution, 'marked as having no fills']);
			for (const u of current?.result.unmatchedTrades ?? [])
				for (const e of executionCells(derived.byId.get(u.tradeId)))
					rows.push(['unmatched executions', null, null, null, null, null, null, null, null, ...e, u.reason]);
			return toCsv(
				[
					'Status',
					'Journal file',
					'Journal row',
					'Symbol',
					'Direction',
					`Journal open (${zone})`,
					`Journal close (${zone})`,
					'Journal offset (h)',
					'Volume',
					'Execution file',
					'Execution row',
					`Execution time (${zone})`,
					'Side',
					'Quantity',
					'Price',
					'Venue',
					'Reason'
				],
				rows
			);
		}
	};
}

/** Each import's zone, by id: a journal trade's day is the date of its open there. */
async function importZones(d: FillbookDb): Promise<Map<string, string>> {
	return new Map((await allImports(d)).map((i) => [i.id, i.zone]));
}
