/**
 * What matching shows and stores, built from what it computed: the settings' checks, a run's
 * counts and summary, the journal trades and round trips as the Matching page lists them, and
 * the fills behind a round trip's execution statistics. Pure functions of their inputs.
 */
import type { JournalView, RunSummary, TripView } from './contract';
import {
	matchTradeOf,
	type MatchTrade,
	type MatchJournal,
	type MatchResult,
	type MatchSettings
} from '$lib/core/matching/types';
import { type StatsFill } from '$lib/core/matching/stats';
import { journalDayOf } from '$lib/core/matching/offsets';
import type { JournalTrade } from '$lib/core/model/journal';
import { roundCents } from '$lib/core/model/money';
import type { Trade } from '$lib/core/trades/types';
import { journalStrategy, type FilterSubject } from '$lib/core/trades/query';
import type { MatchCounts, MatchDecisionRow, MatchRunRow } from '$lib/db/schema';
import type { Derived } from './engine-trades';

const isHalfHours = (hours: number) => Number.isInteger(hours * 2) && Math.abs(hours) <= 14;

/** What is wrong with settings, in words; null when they are fine. */
export function settingsProblem(s: MatchSettings): string | null {
	if (!(s.quantityTolerance >= 0) || !Number.isFinite(s.quantityTolerance))
		return 'The quantity tolerance must be a number of units, 0 or more.';
	if (!(s.windowMinutes > 0 && s.windowMinutes <= 24 * 60))
		return 'The time window must be between 1 minute and 24 hours.';
	if (!(s.pnlTolerance >= 0) || !Number.isFinite(s.pnlTolerance))
		return 'The P&L tolerance must be 0 or more.';
	for (const [id, hours] of Object.entries(s.offsetHours))
		if (!isHalfHours(hours))
			return `The hour offset of import ${id} must be whole or half hours from -14 to 14.`;
	for (const [id, days] of Object.entries(s.dayOffsetHours ?? {}))
		for (const [day, hours] of Object.entries(days)) {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return `"${day}" (import ${id}) is not a day (YYYY-MM-DD).`;
			if (!isHalfHours(hours))
				return `The hour offset of import ${id} on ${day} must be whole or half hours from -14 to 14.`;
		}
	return null;
}

export function countsOf(result: MatchResult, journal: number, roundTrips: number): MatchCounts {
	return {
		journal,
		roundTrips,
		matched: result.matched.length,
		manual: result.matched.filter((m) => m.manual).length,
		ambiguous: result.ambiguous.length,
		unmatchedJournal: result.unmatchedJournal.length,
		noFills: result.noFills.length,
		unmatchedTrades: result.unmatchedTrades.length,
		discrepancies: result.matched.filter((m) => m.pnl.discrepancy).length
	};
}

export function summary(row: MatchRunRow, decisions: readonly MatchDecisionRow[]): RunSummary {
	const d = decisions[0];
	return {
		id: row.id,
		at: row.at,
		trigger: row.trigger,
		settings: row.settings,
		counts: row.counts,
		added: row.added.length,
		removed: row.removed.length,
		rolledBackAt: row.rolledBackAt,
		decision: d
			? d.kind === 'link'
				? 'linked a journal trade'
				: d.kind === 'unlink'
					? 'unlinked a journal trade'
					: d.kind === 'reopen'
						? 'took back a "no fills"'
						: 'marked a journal trade as having no fills'
			: null
	};
}

/** A journal trade for matching; its day is its open's date in its import's zone (`zones`). */
export function toMatchJournal(j: JournalTrade, zones: ReadonlyMap<string, string>): MatchJournal {
	const zone = zones.get(j.importId);
	return {
		id: j.id,
		importId: j.importId,
		accountId: j.accountId,
		...(zone === undefined ? {} : { day: journalDayOf(j.openTime, zone) }),
		symbol: j.symbol,
		direction: j.direction,
		openTime: j.openTime,
		closeTime: j.closeTime,
		volume: j.volume,
		grossPnl: j.grossPnl,
		netPnl: j.netPnl
	};
}

/**
 * A round trip for matching. Its net P&L is compared with the journal's only where the broker's
 * file gives commissions: for account and symbol groups whose every execution carries one
 * (found in one pass over the table, not by reading every round trip's executions).
 */
export function toMatchTrade(t: Trade, derived: Derived): MatchTrade {
	return matchTradeOf(
		t,
		costedGroups(derived).has(`${t.accountId}\u0001${t.symbol}`)
			? roundCents(t.computedPnl - t.commission - t.fees)
			: null
	);
}

const costed = new WeakMap<Derived, Set<string>>();
/** The account/symbol groups of the table whose every execution has a commission. */
function costedGroups(derived: Derived): Set<string> {
	let set = costed.get(derived);
	if (set) return set;
	const table = derived.table;
	const missing = new Uint8Array(table.groups.length);
	for (let i = 0; i < table.count; i++) if (Number.isNaN(table.commission[i]!)) missing[table.group[i]!] = 1;
	set = new Set(
		table.groups.filter((_, g) => missing[g] === 0).map((g) => `${g.accountId}\u0001${g.symbol}`)
	);
	costed.set(derived, set);
	return set;
}

/** The round trip's fills for the statistics: an entry adds to the position, an exit reduces it. */
export function fillsOf(t: Trade, derived: Derived): StatsFill[] {
	const table = derived.table;
	let before = 0;
	return t.legs.map((leg) => {
		const entry = Math.abs(leg.position) > Math.abs(before);
		before = leg.position;
		const i = leg.execution;
		return {
			time: table.time[i]!,
			price: table.price[i]!,
			quantity: leg.quantity,
			venue: table.venue[i] ?? null,
			entry
		};
	});
}

export function toJournalView(
	j: JournalTrade,
	fileNames: Map<string, string>,
	offsetHours: number | null,
	firstTagIsStrategy: boolean
): JournalView {
	return {
		id: j.id,
		fileName: fileNames.get(j.importId) ?? j.importId,
		line: j.line,
		symbol: j.symbol,
		direction: j.direction,
		openTime: j.openTime,
		closeTime: j.closeTime,
		volume: j.volume,
		entryPrice: j.entryPrice,
		exitPrice: j.exitPrice,
		grossPnl: j.grossPnl,
		netPnl: j.netPnl,
		initialRisk: j.initialRisk,
		pnlR: j.pnlR,
		tags: j.tags,
		strategy: journalStrategy(j.tags, firstTagIsStrategy),
		notes: j.notes,
		offsetHours: offsetHours ?? 0
	};
}

export function toTripView(t: Trade): TripView {
	return {
		id: t.id,
		accountId: t.accountId,
		symbol: t.symbol,
		direction: t.direction,
		openTime: t.openTime,
		closeTime: t.closeTime,
		entryQuantity: t.entryQuantity,
		entryPrice: t.entryPrice,
		exitPrice: t.exitPrice,
		computedPnl: t.computedPnl,
		executionCount: t.executionCount
	};
}

/**
 * What the trade filter judges of a journal trade and the round trip matched to it: the journal's
 * side, symbol, times, P&L, tags and strategy, and the round trip's account (a journal trade has none).
 */
export function pairSubject(journal: JournalView, trip: TripView | null): FilterSubject {
	return {
		direction: journal.direction,
		open: journal.closeTime === null,
		netPnl: journal.netPnl ?? trip?.computedPnl ?? null,
		accountId: trip?.accountId,
		symbol: journal.symbol,
		strategy: journal.strategy,
		tags: journal.tags,
		openTime: journal.openTime,
		closeTime: journal.closeTime
	};
}

/** What the trade filter judges of a round trip no journal trade was matched to (no tags of its own). */
export function tripSubject(trip: TripView): FilterSubject {
	return {
		direction: trip.direction,
		open: trip.closeTime === null,
		netPnl: trip.closeTime === null ? null : trip.computedPnl,
		accountId: trip.accountId,
		symbol: trip.symbol,
		openTime: trip.openTime,
		closeTime: trip.closeTime
	};
}
