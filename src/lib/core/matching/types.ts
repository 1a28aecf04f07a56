/**
 * What matching reads (journal trades, round trips, the user's settings and decisions) and what
 * it returns (matches, the review queue, clock-offset findings).
 */
import type { Trade } from '../trades/types';

export interface MatchSettings {
	/** Entry quantity may differ from the journal's volume by this much (units). */
	quantityTolerance: number;
	/** Open and close may differ from the journal's by this much (minutes). */
	windowMinutes: number;
	/** A P&L difference above this (money) is a discrepancy. */
	pnlTolerance: number;
	/** User aliases, normalised (parseAliases). */
	aliases: Record<string, string>;
	/**
	 * Hours (whole or half) to add to a journal import's times to bring them to the executions'
	 * clock, by import id.
	 */
	offsetHours: Record<string, number>;
	/**
	 * Hours for single trading days of an import, where they differ from the import's (the
	 * journal's clock changed on those days): import id → journal day (YYYY-MM-DD) → hours.
	 */
	dayOffsetHours: Record<string, Record<string, number>>;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
	quantityTolerance: 100,
	windowMinutes: 30,
	pnlTolerance: 0.01,
	aliases: {},
	offsetHours: {},
	dayOffsetHours: {}
};

/** What matching reads of a journal trade. */
export interface MatchJournal {
	id: string;
	importId: string;
	/** Null when the journal names no account (any account may match). */
	accountId: string | null;
	symbol: string;
	direction: 'long' | 'short';
	/**
	 * The trading day on the journal's own clock (YYYY-MM-DD, the open's date in the import's
	 * zone): the unit a clock offset is detected and set for. Without it, the open's UTC date.
	 */
	day?: string;
	/** Epoch ms, UTC, as imported (before the offset). */
	openTime: number;
	closeTime: number | null;
	/** Units entered (Tradervue `Volume`). */
	volume: number;
	grossPnl: number | null;
	netPnl: number | null;
}

/** What matching reads of a round trip (a Trade). */
export interface MatchTrade {
	id: string;
	accountId: string;
	symbol: string;
	direction: 'long' | 'short';
	openTime: number;
	closeTime: number | null;
	entryQuantity: number;
	/** Gross P&L recomputed from the fills (Trade.computedPnl). */
	computedPnl: number;
	/** Net P&L from the fills; null when the executions carry no costs to compare. */
	netPnl: number | null;
}

/**
 * What matching reads of a grouped round trip. A Trade is a view with getters, so its fields are
 * read one by one (a spread would copy none of them). `netPnl`: the caller's, null unless every
 * execution carries its costs.
 * @example matchTradeOf(groupTrades(table)[0]!).entryQuantity
 */
export function matchTradeOf(t: Trade, netPnl: number | null = null): MatchTrade {
	return {
		id: t.id,
		accountId: t.accountId,
		symbol: t.symbol,
		direction: t.direction,
		openTime: t.openTime,
		closeTime: t.closeTime,
		entryQuantity: t.entryQuantity,
		computedPnl: t.computedPnl,
		netPnl
	};
}

/** A decision of the user's; it holds in every later run. */
export type MatchDecision =
	| { journalId: string; kind: 'link'; tradeId: string; at: number }
	| { journalId: string; kind: 'unlink'; tradeId: string; at: number }
	| { journalId: string; kind: 'none'; tradeId: null; at: number }
	/** Takes back a "no fills" of the same journal trade. */
	| { journalId: string; kind: 'reopen'; tradeId: null; at: number };

export interface Candidate {
	tradeId: string;
	/** Lower is closer: seconds of time difference, quantity and P&L differences weighed in. */
	cost: number;
	/** Round trip minus journal (after the offset), ms; close null when either is open. */
	openDiffMs: number;
	closeDiffMs: number | null;
	quantityDiff: number;
	/** Fills gross minus journal gross; null when the journal has no gross P&L. */
	pnlDiff: number | null;
	/** The P&L agrees within the tolerance (gross, and net where both sides have one). */
	pnlAgrees: boolean;
}

export interface PnlCheck {
	journalGross: number | null;
	fillsGross: number;
	journalNet: number | null;
	fillsNet: number | null;
	/** True when a figure both sides have differs by more than the tolerance. */
	discrepancy: boolean;
}

export interface Match {
	journalId: string;
	tradeId: string;
	/** Linked by the user (a decision), not by a run. */
	manual: boolean;
	cost: number;
	pnl: PnlCheck;
}

export interface OffsetFinding {
	importId: string;
	/** The hours this run used for the import's days without an offset of their own (the setting, else 0). */
	applied: number;
	/** The offset (whole or half hours) most journal trades agree on; null when none stands out. */
	detected: number | null;
	/** Journal trades of the import that agree with `detected`, and with `applied`. */
	support: number;
	appliedSupport: number;
	/** Journal trades of the import that have a plausible round trip at some offset. */
	of: number;
	/** The same per trading day of the journal, in day order. */
	days: DayOffsetFinding[];
}

export interface DayOffsetFinding {
	/** YYYY-MM-DD on the journal's clock (MatchJournal.day). */
	day: string;
	/** The hours this run used for the day (its own setting, else the import's). */
	applied: number;
	/** The offset most of the day's journal trades agree on; null when none stands out. */
	detected: number | null;
	support: number;
	of: number;
}

export interface MatchResult {
	matched: Match[];
	/** The review queue: journal trades with candidates no run may settle, and why. */
	ambiguous: { journalId: string; candidates: Candidate[]; reason: string }[];
	unmatchedJournal: { journalId: string; reason: string }[];
	/** Journal trades the user marked as having no fills. */
	noFills: string[];
	unmatchedTrades: { tradeId: string; reason: string }[];
	offsets: OffsetFinding[];
}
