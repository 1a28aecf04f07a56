/** Matching journal trades to the round trips of the executions: runs, decisions, the audit trail. */
import type { Candidate, MatchSettings, OffsetFinding, PnlCheck } from '$lib/core/matching/types';
import type { ExecutionStats, VenueRow } from '$lib/core/matching/stats';
import type { Mode } from '$lib/core/model/mode';
import type { TradeFilter } from '$lib/core/trades/query';
import type { MatchCounts, MatchRunRow } from '$lib/db/schema';
import type { Result } from './journal';

/** A journal trade as the Matching page shows it. */
export interface JournalView {
	id: string;
	fileName: string;
	line: number;
	symbol: string;
	direction: 'long' | 'short';
	openTime: number;
	closeTime: number | null;
	volume: number;
	entryPrice: number | null;
	exitPrice: number | null;
	grossPnl: number | null;
	netPnl: number | null;
	initialRisk: number | null;
	pnlR: number | null;
	tags: string[];
	/** Its strategy: the first tag while that setting is on ('' when none). */
	strategy: string;
	notes: string;
	/**
	 * Hours the standing run added to its times (its day's offset, else its import's): the page
	 * shows the journal's times with them, beside the fills'.
	 */
	offsetHours: number;
}

/** A round trip as the Matching page shows it. */
export interface TripView {
	id: string;
	accountId: string;
	symbol: string;
	direction: 'long' | 'short';
	openTime: number;
	closeTime: number | null;
	entryQuantity: number;
	entryPrice: number;
	exitPrice: number | null;
	computedPnl: number;
	executionCount: number;
}

export interface RunSummary {
	id: string;
	at: number;
	trigger: MatchRunRow['trigger'];
	settings: MatchSettings;
	counts: MatchCounts;
	added: number;
	removed: number;
	rolledBackAt: number | null;
	/** What the decision that started it was, in words (decision runs). */
	decision: string | null;
}

export interface MatchingTotals {
	matched: number;
	ambiguous: number;
	unmatchedJournal: number;
	noFills: number;
	unmatchedTrips: number;
}

export interface MatchingOverview {
	settings: MatchSettings;
	journalCount: number;
	tripCount: number;
	journalImports: { id: string; fileName: string; trades: number }[];
	/** The standing run's result, or null before the first run. */
	current: {
		run: RunSummary;
		matched: { journal: JournalView; trip: TripView | null; manual: boolean; pnl: PnlCheck }[];
		ambiguous: {
			journal: JournalView;
			candidates: (Candidate & { trip: TripView | null })[];
			reason: string;
		}[];
		unmatchedJournal: { journal: JournalView; reason: string }[];
		noFills: JournalView[];
		unmatchedTrips: { trip: TripView; reason: string }[];
		offsets: (OffsetFinding & { fileName: string })[];
		/** How many entries of each list the filter let through (the lists hold at most 2,000 each). */
		totals: MatchingTotals;
	} | null;
	/** Every run, newest first. */
	runs: RunSummary[];
}

export interface TradeMatch {
	journal: JournalView;
	manual: boolean;
	pnl: PnlCheck;
	stats: ExecutionStats;
}

export type DecisionInput =
	| { journalId: string; kind: 'link' | 'unlink'; tradeId: string }
	| { journalId: string; kind: 'none' | 'reopen'; tradeId: null };

/** Aliases typed as text, read: `FB = META` per line. */
export interface ParsedAliases {
	aliases: Record<string, string>;
	errors: string[];
}

export interface MatchingApi {
	/**
	 * Settings, the standing run's result with what it refers to, and the audit trail; the lists
	 * hold only what the trade filter (days in `zone`) lets through, when one is given.
	 */
	matchingOverview(mode: Mode, filter?: TradeFilter, zone?: string): Promise<MatchingOverview>;
	/** Runs matching with these settings (saved for next time) and records the run. */
	runMatching(mode: Mode, settings: MatchSettings): Promise<RunSummary | { error: string }>;
	parseAliases(mode: Mode, text: string): ParsedAliases;
	/** Records the user's decision and runs matching again with it. */
	decideMatch(mode: Mode, decision: DecisionInput): Promise<RunSummary>;
	/** Rolls a run back: the run before it stands again. */
	rollbackMatchRun(mode: Mode, runId: string): Promise<Result>;
	/** The standing match of one round trip, with its execution statistics; null when unmatched. */
	tradeMatch(mode: Mode, tradeId: string): Promise<TradeMatch | null>;
	/** Fills, units and price improvement per venue across the standing run's matched round trips. */
	venueReport(mode: Mode): Promise<VenueRow[]>;
	exportMatchCsv(mode: Mode, zone: string): Promise<string>;
}
