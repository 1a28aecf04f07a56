/**
 * Precision and recall of matching on generated data with ground truth, through the real
 * pipeline: the DAS day files and the Tradervue export (written in US/Pacific, read as Eastern by
 * a user in New York) are parsed by their formats, executions are grouped into round trips, the
 * journal's clock offset is detected and applied (the import's, then each day's), then matched.
 *
 * Precision: matches to the round trip the journal trade was written from, over all matches.
 * Recall: over the matchable journal trades: their round trip is in the files, they are not truly
 * ambiguous (twins nothing tells apart belong in the review queue, and are checked to be there),
 * and their Gross P&L is the fills' (one that differs waits in the review queue for the user, and
 * is checked to be there with its reason).
 * Not generated: twins of which only one journal trade is truncated to the minute, which the
 * matcher could settle but does not yet (the known gap in match.spec.ts).
 * The figures print with the spec: npx vitest run src/lib/core/matching/accuracy.spec.ts
 */
import { describe, expect, it } from 'vitest';
import { das } from '../formats/das';
import { importText } from '../../../../tests/support/formats-testing';
import { tradervueTrades } from '../formats/tradervue-trades';
import type { ExecutionRecord, JournalTradeRecord } from '../model/records';
import { groupTrades } from '../trades/group';
import { isNewestFirst, tableFromRecords } from '../trades/table';
import {
	dasFiles,
	generateMatchingData,
	tradervueExport,
	tripKey,
	type GenerateOptions,
	type GeneratedData
} from '../../../../tests/support/matching-data';
import { detectOffsets } from './detect-offsets';
import { matchTrades } from './match';
import {
	DEFAULT_MATCH_SETTINGS,
	matchTradeOf,
	type MatchJournal,
	type MatchResult,
	type MatchSettings,
	type MatchTrade
} from './types';
import { applySuggestion, describeSuggestion, journalDayOf, offsetSuggestion } from './offsets';
import { parseAliases } from './symbols';

const JOURNAL_FILE = 'tradervue_export.csv';
/** The zone the user imports the journal in: theirs (New York); the journal was written in US/Pacific. */
const JOURNAL_ZONE = 'America/New_York';

/** Which offsets a run uses: none (the defaults), the import's detected one, or the per-day suggestion. */
type Offsets = 'defaults' | 'import' | 'per day';

interface Run {
	data: GeneratedData;
	journal: MatchJournal[];
	trades: MatchTrade[];
	/** tripKey of each round trip, by its id. */
	keyOf: Map<string, string>;
	detected: number | null;
	settings: MatchSettings;
	result: MatchResult;
}

/** Generates, renders, imports, groups, detects the offsets, matches. */
function run(options: Partial<GenerateOptions>, offsets: Offsets = 'import'): Run {
	const data = generateMatchingData(options);
	const records: ExecutionRecord[] = [];
	const ids: string[] = [];
	for (const file of dasFiles(data)) {
		const parsed = importText(das, file.text, { tradeDate: file.day, fileName: file.fileName });
		expect(parsed.errors).toEqual([]);
		let fileRecords = parsed.records as ExecutionRecord[];
		// Oldest first within each file, files in day order: executions of one second keep their order.
		if (isNewestFirst(fileRecords.map((r) => r.time))) fileRecords = [...fileRecords].reverse();
		for (const r of fileRecords) {
			records.push(r);
			// tableFromRecords numbers by line, which repeats from file to file.
			ids.push(`${file.fileName}:${r.line}`);
		}
	}
	const table = tableFromRecords(records);
	expect(table.id).toEqual(records.map((r) => `line ${r.line}`));
	const grouped = groupTrades({ ...table, id: ids });
	// DAS exports ECN fees but no commissions: there is no net figure to compare.
	const trades = grouped.map((t) => matchTradeOf(t));
	const keyOf = new Map(grouped.map((t) => [t.id, tripKey(t.accountId, t.symbol, t.openTime, t.direction)]));

	const parsed = importText(tradervueTrades, tradervueExport(data), {
		fileName: JOURNAL_FILE,
		zone: JOURNAL_ZONE
	});
	expect(parsed.errors).toEqual([]);
	const journal = (parsed.records as JournalTradeRecord[]).map((r, i): MatchJournal => ({
		id: `${JOURNAL_FILE}:${String(i).padStart(5, '0')}`,
		importId: JOURNAL_FILE,
		accountId: r.accountNumber,
		day: journalDayOf(r.openTime, JOURNAL_ZONE),
		symbol: r.symbol,
		direction: r.direction,
		openTime: r.openTime,
		closeTime: r.closeTime,
		volume: r.volume,
		grossPnl: r.grossPnl,
		netPnl: r.netPnl
	}));
	expect(journal).toHaveLength(data.journal.length);

	const { aliases, errors } = parseAliases(data.aliases);
	expect(errors).toEqual([]);
	const unaligned = { ...DEFAULT_MATCH_SETTINGS, aliases };
	const finding = detectOffsets(journal, trades, unaligned)[0]!;
	const detected = finding.detected;
	const suggestion = offsetSuggestion(finding);
	const settings =
		offsets === 'defaults'
			? unaligned
			: offsets === 'import'
				? { ...unaligned, offsetHours: { [JOURNAL_FILE]: detected ?? 0 } }
				: suggestion
					? applySuggestion(unaligned, suggestion)
					: unaligned;
	return {
		data,
		journal,
		trades,
		keyOf,
		detected,
		settings,
		result: matchTrades(journal, trades, [], settings)
	};
}

interface Figures {
	journal: number;
	trips: number;
	matched: number;
	correct: number;
	ambiguous: number;
	trulyAmbiguous: number;
	unmatchedJournal: number;
	unmatchedTrips: number;
	precision: number;
	recall: number;
}

function figures(r: Run): Figures {
	const truth = r.data.journal.map((j) => j.truth);
	const index = new Map(r.journal.map((j, i) => [j.id, i]));
	const correct = r.result.matched.filter(
		(m) => r.keyOf.get(m.tradeId) === truth[index.get(m.journalId)!]!.trip
	);
	const findable = truth.filter((t) => matchable(t)).length;
	return {
		journal: r.journal.length,
		trips: r.trades.length,
		matched: r.result.matched.length,
		correct: correct.length,
		ambiguous: r.result.ambiguous.length,
		trulyAmbiguous: truth.filter((t) => t.ambiguous).length,
		unmatchedJournal: r.result.unmatchedJournal.length,
		unmatchedTrips: r.result.unmatchedTrades.length,
		precision: r.result.matched.length === 0 ? 1 : correct.length / r.result.matched.length,
		recall: findable === 0 ? 1 : correct.length / findable
	};
}

/** A journal trade a run should link: its round trip is in the files, nothing else fits as well, its P&L agrees. */
const matchable = (t: GeneratedData['journal'][number]['truth']) =>
	t.trip !== null && !t.ambiguous && t.pnlAgrees;

const SEEDS = [1, 2, 3, 4, 5, 6];

/** The situations a journal trade is in, for the breakdown (a trade may be in several). */
function situations(r: Run, i: number): string[] {
	const j = r.data.journal[i]!;
	const t = j.truth;
	const out: string[] = [t.kind];
	if (t.trip === null) out.push('no fills');
	if (j.closeTime === null) out.push('open');
	if (t.rounded) out.push('rounded to the minute');
	if (t.quantityDiff !== 0) out.push('volume off (within tolerance)');
	if (!t.pnlAgrees) out.push('gross P&L off');
	const journalSymbol = r.journal[i]!.symbol;
	const trip = r.data.trips.find((x) => x.key === t.trip);
	if (trip && trip.symbol !== journalSymbol) out.push(`symbol ${journalSymbol} for ${trip.symbol}`);
	if (t.clockHours !== -3) out.push(`a day on another clock (${t.clockHours} h)`);
	return out;
}

describe('matching generated DAS days against a Tradervue export (ground truth)', () => {
	const runs = SEEDS.map((seed) => ({ seed, run: run({ seed }) }));

	it('detects the journal clock 3 hours behind (US/Pacific against Eastern)', () => {
		for (const { run: r } of runs) {
			expect(r.detected).toBe(3);
			expect(r.result.offsets).toEqual([expect.objectContaining({ applied: 3, detected: 3 })]);
		}
	});

	it('generates every situation it is meant to, so that the figures below cover them', () => {
		const seen = new Set(runs.flatMap(({ run: r }) => r.data.journal.flatMap((_, i) => situations(r, i))));
		const withoutJournal = runs.flatMap(({ run: r }) => r.data.trips.filter((t) => t.withoutJournal));
		for (const situation of [
			'plain',
			'back-to-back',
			'reversal',
			'overnight',
			'mirror',
			'ambiguous-pair',
			'ambiguous-single',
			'near-twin',
			'no fills',
			'open',
			'rounded to the minute',
			'volume off (within tolerance)',
			'gross P&L off',
			'symbol BRK B for BRK.B',
			'symbol BRK/B for BRK.B',
			'symbol FB for META'
		])
			expect(seen).toContain(situation);
		expect(withoutJournal.filter((t) => !t.kind.startsWith('ambiguous')).length).toBeGreaterThan(5);
	});

	it('makes no false match, finds every findable journal trade, queues every truly ambiguous one', () => {
		const total: Figures = {
			journal: 0,
			trips: 0,
			matched: 0,
			correct: 0,
			ambiguous: 0,
			trulyAmbiguous: 0,
			unmatchedJournal: 0,
			unmatchedTrips: 0,
			precision: 0,
			recall: 0
		};
		for (const { seed, run: r } of runs) {
			const f = figures(r);
			console.log(
				`seed ${seed}: ${f.journal} journal trades, ${f.trips} round trips; matched ${f.matched} (correct ${f.correct}), ` +
					`ambiguous ${f.ambiguous} (truly ${f.trulyAmbiguous}), unmatched journal ${f.unmatchedJournal}, ` +
					`unmatched round trips ${f.unmatchedTrips}; precision ${f.precision.toFixed(3)}, recall ${f.recall.toFixed(3)}`
			);
			for (const key of Object.keys(total) as (keyof Figures)[]) total[key] += f[key];
			expect(f.precision).toBe(1);
			expect(f.recall).toBe(1);
		}
		console.log(
			`all ${SEEDS.length} sets: ${total.journal} journal trades, ${total.trips} round trips; matched ${total.matched} ` +
				`(correct ${total.correct}), ambiguous ${total.ambiguous} (truly ${total.trulyAmbiguous}), ` +
				`unmatched journal ${total.unmatchedJournal}, unmatched round trips ${total.unmatchedTrips}; ` +
				`precision ${(total.correct / total.matched).toFixed(3)}`
		);
	});

	it('puts exactly the truly ambiguous journal trades and those whose P&L differs in the review queue, their round trip among the candidates', () => {
		for (const { run: r } of runs) {
			const queued = new Map(r.result.ambiguous.map((a) => [a.journalId, a]));
			r.data.journal.forEach((j, i) => {
				const item = queued.get(r.journal[i]!.id);
				const pnlOff = j.truth.trip !== null && !j.truth.pnlAgrees;
				// A journal trade without fills waits there too when a round trip of another P&L is near.
				if (j.truth.trip === null) {
					if (item) expect(item.reason).toMatch(/^P&L differs/);
					return;
				}
				expect(item !== undefined, `journal row ${i}: in the queue`).toBe(j.truth.ambiguous || pnlOff);
				if (!item) return;
				expect(item.candidates.map((c) => r.keyOf.get(c.tradeId))).toContain(j.truth.trip);
				if (j.truth.ambiguous) {
					expect(item.candidates).toHaveLength(2);
					expect(item.reason).toBe('2 round trips fit it about equally well');
				} else expect(item.reason).toMatch(/^P&L differs/);
			});
		}
	});

	it('leaves unmatched exactly the journal trades without fills and the round trips without a journal trade', () => {
		for (const { run: r } of runs) {
			const withoutFills = r.journal
				.filter((_, i) => r.data.journal[i]!.truth.trip === null)
				.map((j) => j.id);
			const queued = new Set(r.result.ambiguous.map((a) => a.journalId));
			expect(r.result.unmatchedJournal.map((u) => u.journalId).sort()).toEqual(
				withoutFills.filter((id) => !queued.has(id)).sort()
			);
			// Round trips nobody describes, and the round trips of the review queue until the user decides.
			const waiting = new Set(
				r.data.journal.filter((j) => j.truth.trip !== null && !j.truth.pnlAgrees).map((j) => j.truth.trip)
			);
			const expected = r.data.trips
				.filter(
					(t) =>
						!t.withoutExecutions && (t.withoutJournal || t.kind.startsWith('ambiguous') || waiting.has(t.key))
				)
				.map((t) => t.key)
				.sort();
			expect(r.result.unmatchedTrades.map((u) => r.keyOf.get(u.tradeId)).sort()).toEqual(expected);
		}
	});

	it('never links a journal trade whose Gross P&L is off: it waits in the review queue with both figures', () => {
		let waiting = 0;
		for (const { run: r } of runs) {
			const index = new Map(r.journal.map((j, i) => [j.id, i]));
			for (const m of r.result.matched) {
				const i = index.get(m.journalId)!;
				expect(m.pnl.discrepancy, `journal row ${i}`).toBe(false);
				const trip = r.data.trips.find((t) => t.key === r.data.journal[i]!.truth.trip)!;
				expect(m.pnl.fillsGross).toBe(trip.grossCents / 100);
				expect(m.pnl.journalGross).toBe(r.journal[i]!.grossPnl);
			}
			for (const a of r.result.ambiguous) {
				const i = index.get(a.journalId)!;
				const truth = r.data.journal[i]!.truth;
				if (truth.pnlAgrees) continue;
				waiting++;
				const trip = r.data.trips.find((t) => t.key === truth.trip)!;
				if (a.candidates.length === 1)
					expect(a.reason).toBe(
						`P&L differs: journal ${r.journal[i]!.grossPnl!.toFixed(2)}, fills ${(trip.grossCents / 100).toFixed(2)}`
					);
			}
		}
		expect(waiting).toBeGreaterThan(5);
	});

	it('matches each situation: the breakdown', () => {
		const rows = new Map<string, { journal: number; correct: number; queued: number; unmatched: number }>();
		for (const { run: r } of runs) {
			const matched = new Map(r.result.matched.map((m) => [m.journalId, m.tradeId]));
			const queued = new Set(r.result.ambiguous.map((a) => a.journalId));
			r.data.journal.forEach((j, i) => {
				const id = r.journal[i]!.id;
				for (const situation of situations(r, i)) {
					const row = rows.get(situation) ?? { journal: 0, correct: 0, queued: 0, unmatched: 0 };
					row.journal++;
					const tradeId = matched.get(id);
					if (tradeId !== undefined && r.keyOf.get(tradeId) === j.truth.trip) row.correct++;
					else if (queued.has(id)) row.queued++;
					else if (tradeId === undefined) row.unmatched++;
					rows.set(situation, row);
				}
			});
		}
		for (const [situation, row] of [...rows].sort((a, b) => b[1].journal - a[1].journal))
			console.log(
				`${situation.padEnd(32)} ${String(row.journal).padStart(4)} journal trades: ${row.correct} matched correctly, ` +
					`${row.queued} in the review queue, ${row.unmatched} unmatched`
			);
		expect(rows.get('ambiguous-pair')?.queued).toBe(rows.get('ambiguous-pair')?.journal);
		const noFills = rows.get('no fills')!;
		expect(noFills.unmatched + noFills.queued).toBe(noFills.journal);
		expect(noFills.correct).toBe(0);
	});
});

/**
 * The case: 60 trading days of a journal in US/Pacific read as Eastern, two days of which
 * (Oct 16–17... here days 10-11) were exported on an Eastern machine and one on a clock 2.5 h
 * behind, through the real pipeline, at the defaults, with the import's offset, and with the
 * per-day suggestion applied.
 */
describe('a 60-day journal whose clock changes by day', () => {
	const options: Partial<GenerateOptions> = { seed: 60, days: 60, dayClock: { 10: 0, 11: 0, 35: -2.5 } };
	const runs = (['defaults', 'import', 'per day'] as const).map((offsets) => ({
		offsets,
		run: run(options, offsets)
	}));
	const [atDefaults, withImport, perDay] = runs.map((x) => x.run) as [Run, Run, Run];

	it('suggests the import’s offset and the days that disagree with it, by name', () => {
		const finding = atDefaults.result.offsets[0]!;
		const suggestion = offsetSuggestion(finding)!;
		expect(suggestion.hours).toBe(3);
		const days = atDefaults.data.days;
		expect(suggestion.days).toEqual({ [days[10]!]: 0, [days[11]!]: 0, [days[35]!]: 2.5 });
		expect(describeSuggestion(suggestion, finding)).toBe(
			'Oct 27–28 look +0 h; Dec 1 looks +2.5 h, the rest +3 h'
		);
		// Once applied, nothing is left to suggest.
		expect(offsetSuggestion(perDay.result.offsets[0]!)).toBeNull();
	});

	it('never links wrongly, at the defaults or after the suggestions; finds ≥ 99.5 % of matchable trades once the days are set', () => {
		for (const { offsets, run: r } of runs) {
			const f = figures(r);
			const heldBack = r.result.ambiguous.filter((a) => a.reason.startsWith('P&L differs')).length;
			console.log(
				`60 days, ${offsets}: ${f.journal} journal trades, ${f.trips} round trips; matched ${f.matched} (correct ${f.correct}), ` +
					`review queue ${f.ambiguous} (${heldBack} because P&L differs; truly ambiguous ${f.trulyAmbiguous}), ` +
					`unmatched journal ${f.unmatchedJournal}; precision ${f.precision.toFixed(4)}, recall ${f.recall.toFixed(4)}`
			);
			expect(f.precision).toBe(1);
		}
		expect(figures(withImport).recall).toBeLessThan(0.99);
		expect(figures(perDay).recall).toBeGreaterThanOrEqual(0.995);
	});

	it('never links wrongly at wider settings either', () => {
		for (const over of [
			{ windowMinutes: 120, quantityTolerance: 500 },
			{ windowMinutes: 24 * 60, pnlTolerance: 1 },
			{ windowMinutes: 5, quantityTolerance: 0, pnlTolerance: 0 }
		]) {
			const r = {
				...withImport,
				result: matchTrades(withImport.journal, withImport.trades, [], { ...withImport.settings, ...over })
			};
			const f = figures(r);
			console.log(
				`60 days, import offset, ${JSON.stringify(over)}: matched ${f.matched}, precision ${f.precision.toFixed(4)}`
			);
			expect(f.precision).toBe(1);
		}
	});
});
