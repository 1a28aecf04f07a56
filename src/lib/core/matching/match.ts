/**
 * Matching journal trades (Tradervue) to the round trips built from executions (DAS…): pure,
 * deterministic, independent of input order.
 *
 * 1. Executions are grouped into round trips first (trades/group.ts), so a journal trade is
 *    matched to whole round trips: an execution belongs to at most one journal trade, back-to-back
 *    trades stay apart, reversals and positions held overnight (two files) are one round trip.
 * 2. Candidates of a journal trade: round trips of a compatible account, the same symbol (after
 *    matchSymbol) and direction, entry quantity within the tolerance, open and close within the
 *    window of the journal's (shifted by the import's hour offset; a journal time on a whole
 *    minute may have been rounded, so the minute after it costs nothing).
 * 3. Decisions the user made are applied first and are never overridden.
 * 4. A pair is matched when each is the other's cheapest candidate by a clear margin; what is
 *    left with candidates goes to the review queue (ambiguous) instead of being guessed.
 */
import type { Trade } from '../trades/group';
import { matchSymbol } from './symbols';

export interface MatchSettings {
	/** Entry quantity may differ from the journal's volume by this much (units). */
	quantityTolerance: number;
	/** Open and close may differ from the journal's by this much (minutes). */
	windowMinutes: number;
	/** A P&L difference above this (money) is a discrepancy. */
	pnlTolerance: number;
	/** User aliases, normalised (parseAliases). */
	aliases: Record<string, string>;
	/** Hours to add to a journal import's times to bring them to the executions' clock, by import id. */
	offsetHours: Record<string, number>;
}

export const DEFAULT_MATCH_SETTINGS: MatchSettings = {
	quantityTolerance: 100,
	windowMinutes: 30,
	pnlTolerance: 0.01,
	aliases: {},
	offsetHours: {}
};

/** What matching reads of a journal trade. */
export interface MatchJournal {
	id: string;
	importId: string;
	/** Null when the journal names no account (any account may match). */
	accountId: string | null;
	symbol: string;
	direction: 'long' | 'short';
	/** Epoch ms, UTC, as imported (before the import's offset). */
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
	| { journalId: string; kind: 'none'; tradeId: null; at: number };

export interface Candidate {
	tradeId: string;
	/** Lower is closer: seconds of time difference, quantity and P&L differences weighed in. */
	cost: number;
	/** Round trip minus journal (after the offset), ms; close null when either is open. */
	openDiffMs: number;
	closeDiffMs: number | null;
	quantityDiff: number;
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
	/** The hours this run used (the setting, else 0). */
	applied: number;
	/** The whole-hour offset most journal trades agree on; null when none stands out. */
	detected: number | null;
	/** Journal trades of the import that agree with `detected`, and with `applied`. */
	support: number;
	appliedSupport: number;
	/** Journal trades of the import that have a plausible round trip at some whole-hour offset. */
	of: number;
}

export interface MatchResult {
	matched: Match[];
	ambiguous: { journalId: string; candidates: Candidate[] }[];
	unmatchedJournal: { journalId: string; reason: string }[];
	/** Journal trades the user marked as having no fills. */
	noFills: string[];
	unmatchedTrades: { tradeId: string; reason: string }[];
	offsets: OffsetFinding[];
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A pair wins only when its cost is this much (≈ seconds) below every rival's. */
const MARGIN = 30;

/** How far apart two instants are, allowing for a journal time rounded down to the minute. */
function timeDistance(journalTime: number, tradeTime: number): number {
	const d = tradeTime - journalTime;
	if (journalTime % MINUTE === 0 && d >= 0 && d < MINUTE) return 0;
	return Math.abs(d);
}

interface Index {
	/** Round trips by symbol and direction, by open time. */
	byKey: Map<string, MatchTrade[]>;
	/** Symbols (normalised) that have round trips, with their directions. */
	symbols: Map<string, Set<string>>;
}

function buildIndex(trades: readonly MatchTrade[], aliases: Record<string, string>): Index {
	const byKey = new Map<string, MatchTrade[]>();
	const symbols = new Map<string, Set<string>>();
	for (const t of trades) {
		const symbol = matchSymbol(t.symbol, aliases);
		const key = `${symbol}\u0001${t.direction}`;
		let list = byKey.get(key);
		if (!list) byKey.set(key, (list = []));
		list.push(t);
		let directions = symbols.get(symbol);
		if (!directions) symbols.set(symbol, (directions = new Set()));
		directions.add(t.direction);
	}
	for (const list of byKey.values()) list.sort((a, b) => a.openTime - b.openTime || compare(a.id, b.id));
	return { byKey, symbols };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first index in `list` (by open time) at or after `time`. */
function lowerBound(list: readonly MatchTrade[], time: number): number {
	let lo = 0;
	let hi = list.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (list[mid]!.openTime < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Round trips of j's symbol and direction whose open is within `slackMs` of `openTime`. */
function near(
	index: Index,
	j: MatchJournal,
	openTime: number,
	slackMs: number,
	aliases: Record<string, string>
) {
	const list = index.byKey.get(`${matchSymbol(j.symbol, aliases)}\u0001${j.direction}`) ?? [];
	const out: MatchTrade[] = [];
	for (let i = lowerBound(list, openTime - slackMs); i < list.length; i++) {
		const t = list[i]!;
		if (t.openTime > openTime + slackMs) break;
		if (j.accountId === null || j.accountId === t.accountId) out.push(t);
	}
	return out;
}

function candidateOf(
	j: MatchJournal,
	t: MatchTrade,
	offsetMs: number,
	settings: MatchSettings
): Candidate | null {
	const windowMs = settings.windowMinutes * MINUTE;
	const quantityDiff = t.entryQuantity - j.volume;
	if (Math.abs(quantityDiff) > settings.quantityTolerance + 1e-9) return null;
	const open = j.openTime + offsetMs;
	const openDistance = timeDistance(open, t.openTime);
	if (openDistance > windowMs) return null;
	let closeDistance = 0;
	let closeDiffMs: number | null = null;
	if (j.closeTime === null || t.closeTime === null) {
		if ((j.closeTime === null) !== (t.closeTime === null)) return null;
	} else {
		const close = j.closeTime + offsetMs;
		closeDistance = timeDistance(close, t.closeTime);
		if (closeDistance > windowMs) return null;
		closeDiffMs = t.closeTime - close;
	}
	const pnlDiff = j.grossPnl === null ? 0 : Math.min(600, Math.abs(t.computedPnl - j.grossPnl));
	return {
		tradeId: t.id,
		cost: openDistance / 1000 + closeDistance / 1000 + Math.abs(quantityDiff) * 0.6 + pnlDiff * 0.5,
		openDiffMs: t.openTime - open,
		closeDiffMs,
		quantityDiff
	};
}

/** Compares P&L recomputed from the fills with the journal's. */
export function checkPnl(j: MatchJournal, t: MatchTrade, tolerance: number): PnlCheck {
	const beyond = (a: number | null, b: number | null) =>
		a !== null && b !== null && Math.abs(a - b) > tolerance + 1e-9;
	return {
		journalGross: j.grossPnl,
		fillsGross: t.computedPnl,
		journalNet: j.netPnl,
		fillsNet: t.netPnl,
		discrepancy: beyond(j.grossPnl, t.computedPnl) || beyond(j.netPnl, t.netPnl)
	};
}

/**
 * The whole-hour offset between each journal import's clock and the executions', from the
 * journal trades that have a plausible round trip (same symbol, direction, quantity) opening a
 * whole number of hours away (give or take the minute's rounding).
 */
export function detectOffsets(
	journal: readonly MatchJournal[],
	trades: readonly MatchTrade[],
	settings: MatchSettings
): OffsetFinding[] {
	const index = buildIndex(trades, settings.aliases);
	const byImport = new Map<string, MatchJournal[]>();
	for (const j of journal) {
		const list = byImport.get(j.importId) ?? [];
		list.push(j);
		byImport.set(j.importId, list);
	}
	const findings: OffsetFinding[] = [];
	for (const [importId, list] of [...byImport].sort((a, b) => compare(a[0], b[0]))) {
		const votes = new Map<number, number>();
		let of = 0;
		for (const j of list) {
			const hours = new Set<number>();
			for (const t of near(index, j, j.openTime, 14 * HOUR + MINUTE, settings.aliases)) {
				if (Math.abs(t.entryQuantity - j.volume) > settings.quantityTolerance) continue;
				const h = Math.round((t.openTime - j.openTime) / HOUR);
				if (timeDistance(j.openTime + h * HOUR, t.openTime) <= MINUTE) hours.add(h);
			}
			if (hours.size > 0) of++;
			for (const h of hours) votes.set(h, (votes.get(h) ?? 0) + 1);
		}
		const applied = settings.offsetHours[importId] ?? 0;
		let detected: number | null = null;
		let support = 0;
		for (const [h, n] of [...votes].sort((a, b) => a[0] - b[0]))
			if (n > support || (n === support && Math.abs(h) < Math.abs(detected ?? Infinity))) {
				detected = h;
				support = n;
			}
		// One agreeing trade is chance; an offset must be backed by at least two and by most.
		if (support < 2 || support * 2 < of) detected = null;
		findings.push({
			importId,
			applied,
			detected,
			support: detected === null ? 0 : support,
			appliedSupport: votes.get(applied) ?? 0,
			of
		});
	}
	return findings;
}

/**
 * Matches journal trades to round trips. Journal trades and round trips may come in any order;
 * the result is the same.
 */
export function matchTrades(
	journalIn: readonly MatchJournal[],
	tradesIn: readonly MatchTrade[],
	decisions: readonly MatchDecision[],
	settings: MatchSettings
): MatchResult {
	const journal = [...journalIn].sort((a, b) => compare(a.id, b.id));
	const trades = [...tradesIn].sort((a, b) => compare(a.id, b.id));
	const tradeById = new Map(trades.map((t) => [t.id, t]));
	const journalById = new Map(journal.map((j) => [j.id, j]));
	const result: MatchResult = {
		matched: [],
		ambiguous: [],
		unmatchedJournal: [],
		noFills: [],
		unmatchedTrades: [],
		offsets: detectOffsets(journal, trades, settings)
	};

	// Decisions: the latest per journal trade for link / none; every unlink forbids its pair.
	const forbidden = new Set<string>();
	const latest = new Map<string, MatchDecision>();
	// Decisions of the same millisecond in a fixed order (link, none, unlink: the cautious one last),
	// not in the order they were passed.
	const ordered = [...decisions].sort(
		(a, b) =>
			a.at - b.at ||
			compare(a.journalId, b.journalId) ||
			compare(a.kind, b.kind) ||
			compare(a.tradeId ?? '', b.tradeId ?? '')
	);
	for (const d of ordered) {
		if (d.kind === 'unlink') {
			forbidden.add(`${d.journalId}\u0001${d.tradeId}`);
			const current = latest.get(d.journalId);
			if (current?.kind === 'link' && current.tradeId === d.tradeId) latest.delete(d.journalId);
		} else latest.set(d.journalId, d);
	}
	const taken = new Set<string>();
	const settled = new Set<string>();
	for (const j of journal) {
		const d = latest.get(j.id);
		if (!d) continue;
		settled.add(j.id);
		if (d.kind === 'none') result.noFills.push(j.id);
		else {
			const t = tradeById.get(d.tradeId);
			if (!t)
				result.unmatchedJournal.push({
					journalId: j.id,
					reason: 'the round trip you linked no longer exists'
				});
			else if (taken.has(t.id))
				result.unmatchedJournal.push({
					journalId: j.id,
					reason: 'the round trip you linked is linked to another journal trade too'
				});
			else {
				taken.add(t.id);
				result.matched.push({
					journalId: j.id,
					tradeId: t.id,
					manual: true,
					cost: 0,
					pnl: checkPnl(j, t, settings.pnlTolerance)
				});
			}
		}
	}

	// Candidates of every other journal trade.
	const index = buildIndex(trades, settings.aliases);
	const windowMs = settings.windowMinutes * MINUTE;
	const candidates = new Map<string, Candidate[]>();
	const rivals = new Map<string, { journalId: string; cost: number }[]>();
	/** Why a journal trade lost round trips that fit it to the user's decisions (for the reason). */
	const decided = new Map<string, string>();
	for (const j of journal) {
		if (settled.has(j.id)) continue;
		const offsetMs = (settings.offsetHours[j.importId] ?? 0) * HOUR;
		const list: Candidate[] = [];
		for (const t of near(index, j, j.openTime + offsetMs, windowMs + MINUTE, settings.aliases)) {
			const linked = taken.has(t.id);
			const unlinked = forbidden.has(`${j.id}\u0001${t.id}`);
			if ((linked || unlinked) && !decided.has(j.id) && candidateOf(j, t, offsetMs, settings))
				decided.set(
					j.id,
					linked
						? 'its only candidates belong to other journal trades'
						: 'its only candidates are round trips you unlinked from it'
				);
			if (linked || unlinked) continue;
			const c = candidateOf(j, t, offsetMs, settings);
			if (!c) continue;
			list.push(c);
			const r = rivals.get(t.id) ?? [];
			r.push({ journalId: j.id, cost: c.cost });
			rivals.set(t.id, r);
		}
		list.sort((a, b) => a.cost - b.cost || compare(a.tradeId, b.tradeId));
		candidates.set(j.id, list);
	}

	// Mutual best by a clear margin, repeated: a match can leave another pair clear.
	const open = new Set(candidates.keys());
	for (let changed = true; changed;) {
		changed = false;
		for (const journalId of [...open]) {
			const mine = candidates.get(journalId)!.filter((c) => !taken.has(c.tradeId));
			if (mine.length === 0) continue;
			const best = mine[0]!;
			if (mine.length > 1 && mine[1]!.cost - best.cost < MARGIN) continue;
			const others = rivals
				.get(best.tradeId)!
				.filter((r) => r.journalId !== journalId && open.has(r.journalId));
			if (others.some((r) => r.cost - best.cost < MARGIN)) continue;
			const j = journalById.get(journalId)!;
			const t = tradeById.get(best.tradeId)!;
			taken.add(t.id);
			open.delete(journalId);
			result.matched.push({
				journalId,
				tradeId: t.id,
				manual: false,
				cost: best.cost,
				pnl: checkPnl(j, t, settings.pnlTolerance)
			});
			changed = true;
		}
	}

	for (const journalId of open) {
		const j = journalById.get(journalId)!;
		const all = candidates.get(journalId)!;
		const free = all.filter((c) => !taken.has(c.tradeId));
		if (free.length > 0) result.ambiguous.push({ journalId, candidates: free });
		else
			result.unmatchedJournal.push({
				journalId,
				reason:
					all.length > 0
						? 'its only candidates belong to other journal trades'
						: (decided.get(journalId) ?? whyNoCandidate(j, index, settings))
			});
	}
	const inQueue = new Set(result.ambiguous.flatMap((a) => a.candidates.map((c) => c.tradeId)));
	for (const t of trades)
		if (!taken.has(t.id))
			result.unmatchedTrades.push({
				tradeId: t.id,
				reason: inQueue.has(t.id)
					? 'a candidate of a journal trade in the review queue'
					: rivals.has(t.id)
						? 'its journal trades matched other round trips'
						: 'no journal trade of this symbol and direction within the window'
			});
	result.matched.sort((a, b) => compare(a.journalId, b.journalId));
	result.unmatchedJournal.sort((a, b) => compare(a.journalId, b.journalId));
	result.ambiguous.sort((a, b) => compare(a.journalId, b.journalId));
	return result;
}

/** Says which criterion the nearest round trip fails, in the user's words. */
function whyNoCandidate(j: MatchJournal, index: Index, settings: MatchSettings): string {
	const symbol = matchSymbol(j.symbol, settings.aliases);
	const directions = index.symbols.get(symbol);
	if (!directions) return `no executions in ${symbol}`;
	if (!directions.has(j.direction)) return `only ${[...directions].join(' and ')} round trips in ${symbol}`;
	const offsetMs = (settings.offsetHours[j.importId] ?? 0) * HOUR;
	const open = j.openTime + offsetMs;
	const list = (index.byKey.get(`${symbol}\u0001${j.direction}`) ?? []).filter(
		(t) => j.accountId === null || t.accountId === j.accountId
	);
	if (list.length === 0) return `no ${j.direction} round trips in ${symbol} in this account`;
	let nearest = list[0]!;
	for (const t of list) if (Math.abs(t.openTime - open) < Math.abs(nearest.openTime - open)) nearest = t;
	const minutes = Math.round((nearest.openTime - open) / MINUTE);
	if (timeDistance(open, nearest.openTime) > settings.windowMinutes * MINUTE)
		return `the nearest ${j.direction} ${symbol} round trip opens ${fmtMinutes(minutes)} (window ±${settings.windowMinutes} min)`;
	if (Math.abs(nearest.entryQuantity - j.volume) > settings.quantityTolerance)
		return `the nearest ${j.direction} ${symbol} round trip entered ${nearest.entryQuantity} against the journal's ${j.volume} (tolerance ±${settings.quantityTolerance})`;
	if ((j.closeTime === null) !== (nearest.closeTime === null))
		return j.closeTime === null
			? `the journal trade is open, the nearest ${symbol} round trip is closed`
			: `the nearest ${symbol} round trip is still open`;
	return `the nearest ${j.direction} ${symbol} round trip closes outside the window (±${settings.windowMinutes} min)`;
}

function fmtMinutes(minutes: number): string {
	const abs = Math.abs(minutes);
	const text = abs >= 120 ? `${(abs / 60).toFixed(1)} h` : `${abs} min`;
	return minutes < 0 ? `${text} earlier` : `${text} later`;
}
