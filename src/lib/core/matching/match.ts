/**
 * Matching journal trades (Tradervue) to the round trips built from executions (DAS…): pure,
 * deterministic, independent of input order.
 *
 * 1. Executions are grouped into round trips first (trades/group.ts), so a journal trade is
 *    matched to whole round trips: an execution belongs to at most one journal trade, back-to-back
 *    trades stay apart, reversals and positions held overnight (two files) are one round trip.
 * 2. Candidates of a journal trade: round trips of a compatible account, the same symbol (after
 *    matchSymbol) and direction, entry quantity within the tolerance, open and close within the
 *    window of the journal's (shifted by the offset of the journal trade's day, else of its
 *    import; a journal time on a whole minute may have been rounded, so the minute after it
 *    costs nothing).
 * 3. Decisions the user made are applied first and are never overridden.
 * 4. A pair is matched when its P&L agrees (gross, and net where both sides have one, within the
 *    tolerance) and each is the other's cheapest agreeing candidate by a clear margin; what is
 *    left with candidates goes to the review queue with the reason instead of being guessed. A
 *    pair whose P&L differs is never linked by a run, however close it is: only the user links it.
 */
import type { Trade } from '../trades/types';
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

const MINUTE = 60_000;
const HOUR = 3_600_000;
/** A pair wins only when its cost is this much (≈ seconds) below every rival's. */
const MARGIN = 30;
/**
 * …and by this share of its own cost: 30 s is telling when a pair is seconds apart, not when it
 * is half an hour apart (a wrong clock offset), where the nearer of two twins is chance.
 */
const RELATIVE_MARGIN = 0.5;

/** True when `rival` is not clearly (see MARGIN) costlier than `cost`. */
const close = (rival: number, cost: number) => rival - cost < Math.max(MARGIN, cost * RELATIVE_MARGIN);

/** How far apart two instants are, allowing for a journal time rounded down to the minute. */
function timeDistance(journalTime: number, tradeTime: number): number {
	const d = tradeTime - journalTime;
	if (journalTime % MINUTE === 0 && d >= 0 && d < MINUTE) return 0;
	return Math.abs(d);
}

/**
 * Round trips by symbol and direction, each list in open-time order (ties by id), as indices into
 * the round trips given, with the open times alongside for binary search.
 */
interface Index {
	trades: readonly MatchTrade[];
	byKey: Map<string, { at: Uint32Array; open: Float64Array }>;
	/** Symbols (normalised) that have round trips, with their directions. */
	symbols: Map<string, Set<string>>;
	/** matchSymbol with the run's aliases, remembered per spelling. */
	symbolOf: (symbol: string) => string;
	/** The list of a symbol as spelled (any spelling) and a direction. */
	listOf: (symbol: string, direction: 'long' | 'short') => { at: Uint32Array; open: Float64Array };
}

const EMPTY_LIST = { at: new Uint32Array(0), open: new Float64Array(0) };

function buildIndex(trades: readonly MatchTrade[], aliases: Record<string, string>): Index {
	const spellings = new Map<string, string>();
	const symbolOf = (symbol: string) => {
		let s = spellings.get(symbol);
		if (s === undefined) spellings.set(symbol, (s = matchSymbol(symbol, aliases)));
		return s;
	};
	// Lists by normalised symbol, long then short (no key string per round trip).
	const lists = new Map<string, [number[], number[]]>();
	const open = new Float64Array(trades.length);
	for (let i = 0; i < trades.length; i++) {
		const t = trades[i]!;
		open[i] = t.openTime;
		const symbol = symbolOf(t.symbol);
		let pair = lists.get(symbol);
		if (!pair) lists.set(symbol, (pair = [[], []]));
		pair[t.direction === 'long' ? 0 : 1].push(i);
	}
	const byKey = new Map<string, { at: Uint32Array; open: Float64Array }>();
	const symbols = new Map<string, Set<string>>();
	for (const [symbol, pair] of lists) {
		symbols.set(
			symbol,
			new Set(pair[0].length > 0 ? (pair[1].length > 0 ? ['long', 'short'] : ['long']) : ['short'])
		);
		pair.forEach((list, d) => {
			if (list.length === 0) return;
			const at = Uint32Array.from(list);
			// Grouping gives round trips by account, symbol and open time: often sorted already.
			let sorted = true;
			for (let k = 1; sorted && k < at.length; k++) if (open[at[k]!]! <= open[at[k - 1]!]!) sorted = false;
			if (!sorted) at.sort((x, y) => open[x]! - open[y]! || compare(trades[x]!.id, trades[y]!.id));
			byKey.set(`${symbol}\u0001${d === 0 ? 'long' : 'short'}`, {
				at,
				open: Float64Array.from(at, (i) => open[i]!)
			});
		});
	}
	// Per spelling, the long and short lists (journal trades repeat spellings: no key strings per trade).
	const bySpelling = new Map<
		string,
		[{ at: Uint32Array; open: Float64Array }, { at: Uint32Array; open: Float64Array }]
	>();
	const listOf = (symbol: string, direction: 'long' | 'short') => {
		let pair = bySpelling.get(symbol);
		if (!pair) {
			const s = symbolOf(symbol);
			pair = [byKey.get(`${s}\u0001long`) ?? EMPTY_LIST, byKey.get(`${s}\u0001short`) ?? EMPTY_LIST];
			bySpelling.set(symbol, pair);
		}
		return pair[direction === 'long' ? 0 : 1];
	};
	return { trades, byKey, symbols, symbolOf, listOf };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first position in `open` (ascending) at or after `time`. */
function lowerBound(open: Float64Array, time: number): number {
	let lo = 0;
	let hi = open.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (open[mid]! < time) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

/** Calls `visit` with each round trip (index) of j's symbol and direction and a compatible account opening within `slackMs` of `openTime`. */
function near(
	index: Index,
	j: MatchJournal,
	openTime: number,
	slackMs: number,
	visit: (t: number) => void
): void {
	const list = index.listOf(j.symbol, j.direction);
	for (let k = lowerBound(list.open, openTime - slackMs); k < list.at.length; k++) {
		if (list.open[k]! > openTime + slackMs) break;
		const t = list.at[k]!;
		if (j.accountId === null || j.accountId === index.trades[t]!.accountId) visit(t);
	}
}

/** The cost of t as a candidate of j (see Candidate.cost); NaN when it is not one. */
function costOf(j: MatchJournal, t: MatchTrade, offsetMs: number, settings: MatchSettings): number {
	// A round trip whose P&L cannot be computed (Trade.problem) is no candidate: a match would
	// carry its missing figures into the run.
	if (!Number.isFinite(t.computedPnl)) return NaN;
	const windowMs = settings.windowMinutes * MINUTE;
	const quantityDiff = Math.abs(t.entryQuantity - j.volume);
	if (quantityDiff > settings.quantityTolerance + 1e-9) return NaN;
	const openDistance = timeDistance(j.openTime + offsetMs, t.openTime);
	if (openDistance > windowMs) return NaN;
	let closeDistance = 0;
	if (j.closeTime === null || t.closeTime === null) {
		if ((j.closeTime === null) !== (t.closeTime === null)) return NaN;
	} else {
		closeDistance = timeDistance(j.closeTime + offsetMs, t.closeTime);
		if (closeDistance > windowMs) return NaN;
	}
	const pnlDiff = j.grossPnl === null ? 0 : Math.min(600, Math.abs(t.computedPnl - j.grossPnl));
	return openDistance / 1000 + closeDistance / 1000 + quantityDiff * 0.6 + pnlDiff * 0.5;
}

/** t as a candidate of j, with the differences the review queue shows; null when it is not one. */
function candidateOf(
	j: MatchJournal,
	t: MatchTrade,
	offsetMs: number,
	settings: MatchSettings
): Candidate | null {
	const cost = costOf(j, t, offsetMs, settings);
	if (Number.isNaN(cost)) return null;
	const open = j.openTime + offsetMs;
	return {
		tradeId: t.id,
		cost,
		openDiffMs: t.openTime - open,
		closeDiffMs: j.closeTime === null || t.closeTime === null ? null : t.closeTime - (j.closeTime + offsetMs),
		quantityDiff: t.entryQuantity - j.volume,
		pnlDiff: j.grossPnl === null ? null : Math.round((t.computedPnl - j.grossPnl) * 100) / 100,
		pnlAgrees: pnlAgrees(j, t, settings.pnlTolerance)
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

/** Journal trades per trading day that offset detection reads (evenly spread over the day). */
const DAY_SAMPLE = 60;
const HALF_HOUR = 1_800_000;

/**
 * The day a journal trade's clock offset is set for (MatchJournal.day; without one, the UTC date
 * of its open).
 * @example journalDay({ ...j, day: '2025-10-16' }) // '2025-10-16'
 */
export function journalDay(j: MatchJournal): string {
	if (j.day !== undefined) return j.day;
	// A time no date can hold (a trade that cannot be computed) has no day to set a clock for.
	return Math.abs(j.openTime) <= 8.64e15 ? new Date(j.openTime).toISOString().slice(0, 10) : 'no date';
}

/**
 * Hours to add to a journal trade's times under these settings: its day's offset, else its
 * import's, else 0.
 * @example offsetHoursOf(j, { ...settings, offsetHours: { tv: 3 }, dayOffsetHours: { tv: { '2025-10-16': 0 } } })
 */
export function offsetHoursOf(j: MatchJournal, settings: MatchSettings): number {
	return settings.dayOffsetHours[j.importId]?.[journalDay(j)] ?? settings.offsetHours[j.importId] ?? 0;
}

/** The P&L of the pair agrees within the tolerance (gross, and net where both sides have one). */
function pnlAgrees(j: MatchJournal, t: MatchTrade, tolerance: number): boolean {
	return !checkPnl(j, t, tolerance).discrepancy;
}

/** Why the P&L of a pair differs, in words; empty when it agrees. */
function pnlDifference(j: MatchJournal, t: MatchTrade, tolerance: number): string {
	const c = checkPnl(j, t, tolerance);
	if (!c.discrepancy) return '';
	const grossDiffers = c.journalGross !== null && Math.abs(c.journalGross - c.fillsGross) > tolerance + 1e-9;
	return grossDiffers
		? `P&L differs: journal ${c.journalGross!.toFixed(2)}, fills ${c.fillsGross.toFixed(2)}`
		: `net P&L differs: journal ${c.journalNet!.toFixed(2)}, fills ${c.fillsNet!.toFixed(2)}`;
}

/**
 * The offset (whole or half hours) between each journal import's clock and the executions', for
 * the import and for each of its trading days, from the journal trades that have a plausible
 * round trip (same symbol, direction and quantity, open and close) opening a whole number of
 * half hours away, give or take the minute's rounding. Where some of those round trips also agree
 * on P&L, only they count. Each day is judged on up to DAY_SAMPLE journal trades spread evenly
 * over it; the import on all its days' together.
 */
export function detectOffsets(
	journal: readonly MatchJournal[],
	trades: readonly MatchTrade[],
	settings: MatchSettings
): OffsetFinding[] {
	return offsetsOf(journal, buildIndex(trades, settings.aliases), settings);
}

/**
 * The offset (in half hours) most trades vote for: ties go to `preferred`, then to the smallest.
 * Null unless backed by at least two trades and by at least half of `of` (one is chance).
 */
function majority(
	votes: Map<number, number>,
	of: number,
	preferred: number | null
): { steps: number | null; support: number } {
	let steps: number | null = null;
	let support = 0;
	const rank = (k: number) => (k === preferred ? -1 : Math.abs(k));
	for (const [k, n] of [...votes].sort((a, b) => a[0] - b[0]))
		if (n > support || (n === support && steps !== null && rank(k) < rank(steps))) {
			steps = k;
			support = n;
		}
	return support < 2 || support * 2 < of ? { steps: null, support: 0 } : { steps, support };
}

function offsetsOf(journal: readonly MatchJournal[], index: Index, settings: MatchSettings): OffsetFinding[] {
	const byImport = new Map<string, Map<string, MatchJournal[]>>();
	for (const j of journal) {
		let days = byImport.get(j.importId);
		if (!days) byImport.set(j.importId, (days = new Map<string, MatchJournal[]>()));
		const day = journalDay(j);
		const list = days.get(day);
		if (list) list.push(j);
		else days.set(day, [j]);
	}
	const findings: OffsetFinding[] = [];
	const tolerance = settings.pnlTolerance;
	const timed = new Set<number>();
	const agreeing = new Set<number>();
	for (const [importId, days] of [...byImport].sort((a, b) => compare(a[0], b[0]))) {
		const importVotes = new Map<number, number>();
		let importOf = 0;
		const perDay: { day: string; votes: Map<number, number>; of: number }[] = [];
		for (const [day, all] of [...days].sort((a, b) => compare(a[0], b[0]))) {
			let list = all;
			if (all.length > DAY_SAMPLE) {
				const sorted = [...all].sort(byOpenThenId);
				list = Array.from(
					{ length: DAY_SAMPLE },
					(_, k) => sorted[Math.floor((k * sorted.length) / DAY_SAMPLE)]!
				);
			}
			const votes = new Map<number, number>();
			let of = 0;
			for (const j of list) {
				timed.clear();
				agreeing.clear();
				near(index, j, j.openTime, 14 * HOUR + MINUTE, (i) => {
					const t = index.trades[i]!;
					if (Math.abs(t.entryQuantity - j.volume) > settings.quantityTolerance) return;
					if ((j.closeTime === null) !== (t.closeTime === null)) return;
					const k = Math.round((t.openTime - j.openTime) / HALF_HOUR);
					const shift = k * HALF_HOUR;
					if (timeDistance(j.openTime + shift, t.openTime) > MINUTE) return;
					if (j.closeTime !== null && timeDistance(j.closeTime + shift, t.closeTime!) > MINUTE) return;
					timed.add(k);
					if (pnlAgrees(j, t, tolerance)) agreeing.add(k);
				});
				const steps = agreeing.size > 0 ? agreeing : timed;
				if (steps.size > 0) of++;
				for (const k of steps) votes.set(k, (votes.get(k) ?? 0) + 1);
			}
			for (const [k, n] of votes) importVotes.set(k, (importVotes.get(k) ?? 0) + n);
			importOf += of;
			perDay.push({ day, votes, of });
		}
		const applied = settings.offsetHours[importId] ?? 0;
		const found = majority(importVotes, importOf, null);
		const ownDays = settings.dayOffsetHours[importId] ?? {};
		findings.push({
			importId,
			applied,
			detected: found.steps === null ? null : found.steps / 2,
			support: found.support,
			appliedSupport: importVotes.get(applied * 2) ?? 0,
			of: importOf,
			days: perDay.map(({ day, votes, of }) => {
				const d = majority(votes, of, found.steps);
				return {
					day,
					applied: ownDays[day] ?? applied,
					detected: d.steps === null ? null : d.steps / 2,
					support: d.support,
					of
				};
			})
		});
	}
	return findings;
}

/** Canonical order of results: by open time, then id (the id only breaks ties). */
const byOpenThenId = (a: { openTime: number; id: string }, b: { openTime: number; id: string }) =>
	a.openTime - b.openTime || compare(a.id, b.id);

/**
 * Matches journal trades to round trips. Journal trades, round trips and decisions may come in
 * any order; the result is the same (a pair is taken only when it is clear whatever else is
 * taken, so the order of taking does not matter, and every list comes out in a fixed order).
 */
export function matchTrades(
	journal: readonly MatchJournal[],
	trades: readonly MatchTrade[],
	decisions: readonly MatchDecision[],
	settings: MatchSettings
): MatchResult {
	const index = buildIndex(trades, settings.aliases);
	const matched: { j: number; t: number; manual: boolean; cost: number }[] = [];
	const ambiguous: { j: number; candidates: Candidate[]; reason: string }[] = [];
	const unmatchedJournal: { j: number; reason: string }[] = [];
	const noFills: number[] = [];
	const taken = new Uint8Array(trades.length);
	const settled = new Uint8Array(journal.length);

	// Decisions: the latest per journal trade for link / none (a reopen takes a none back); every
	// unlink forbids its pair.
	const forbidden = new Set<string>();
	if (decisions.length > 0) {
		const latest = new Map<string, MatchDecision>();
		// Decisions of the same millisecond in a fixed order (link, none, reopen, unlink: the cautious
		// one last), not in the order they were passed.
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
			} else if (d.kind === 'reopen') {
				if (latest.get(d.journalId)?.kind === 'none') latest.delete(d.journalId);
			} else latest.set(d.journalId, d);
		}
		const tradeAt = new Map<string, number>();
		for (const d of latest.values()) if (d.kind === 'link') tradeAt.set(d.tradeId, -1);
		trades.forEach((t, i) => {
			if (tradeAt.has(t.id)) tradeAt.set(t.id, i);
		});
		// Links in a fixed order, so that two links to one round trip resolve the same way.
		const decided = journal
			.map((j, i) => ({ j, i, d: latest.get(j.id) }))
			.filter((x) => x.d !== undefined)
			.sort((a, b) => compare(a.j.id, b.j.id));
		for (const { i, d } of decided) {
			settled[i] = 1;
			// The latest decision kept per journal trade is a link or a "no fills".
			if (d!.kind !== 'link') {
				noFills.push(i);
				continue;
			}
			const t = tradeAt.get(d!.tradeId) ?? -1;
			if (t < 0) unmatchedJournal.push({ j: i, reason: 'the round trip you linked no longer exists' });
			else if (taken[t] === 1)
				unmatchedJournal.push({
					j: i,
					reason: 'the round trip you linked is linked to another journal trade too'
				});
			else {
				taken[t] = 1;
				matched.push({ j: i, t, manual: true, cost: 0 });
			}
		}
	}

	// Candidates of every other journal trade, flat: journal i's are at [start[i], start[i+1]),
	// cheapest first, each marked whether its P&L agrees. Each round trip's rivals (the journal
	// trades it is an agreeing candidate of): the first in typed arrays, any more in a map (most
	// round trips fit one journal trade at most).
	const windowMs = settings.windowMinutes * MINUTE;
	const start = new Int32Array(journal.length + 1);
	const candTrade: number[] = [];
	const candCost: number[] = [];
	const candAgrees: boolean[] = [];
	const firstRival = new Int32Array(trades.length).fill(-1);
	const firstRivalCost = new Float64Array(trades.length);
	const moreRivals = new Map<number, number[]>();
	/** Round trips that are a candidate of some journal trade (agreeing or not), for their reason. */
	const nearJournal = new Uint8Array(trades.length);
	/** Why a journal trade lost round trips that fit it to the user's decisions (for the reason). */
	const lostToDecisions = new Map<number, string>();
	const offsetMsOf = new Float64Array(journal.length);
	const pending: number[] = [];
	for (let i = 0; i < journal.length; i++) {
		start[i] = candTrade.length;
		if (settled[i] === 1) continue;
		const j = journal[i]!;
		const offsetMs = (offsetMsOf[i] = offsetHoursOf(j, settings) * HOUR);
		const trips = index.listOf(j.symbol, j.direction);
		const from = j.openTime + offsetMs - windowMs - MINUTE;
		const to = j.openTime + offsetMs + windowMs + MINUTE;
		const first = candTrade.length;
		for (let k = lowerBound(trips.open, from); k < trips.at.length && trips.open[k]! <= to; k++) {
			const t = trips.at[k]!;
			const trade = trades[t]!;
			if (j.accountId !== null && j.accountId !== trade.accountId) continue;
			const cost = costOf(j, trade, offsetMs, settings);
			if (Number.isNaN(cost)) continue;
			const linked = taken[t] === 1;
			if (linked || (forbidden.size > 0 && forbidden.has(`${j.id}\u0001${trade.id}`))) {
				if (!lostToDecisions.has(i))
					lostToDecisions.set(
						i,
						linked
							? 'its only candidates belong to other journal trades'
							: 'its only candidates are round trips you unlinked from it'
					);
				continue;
			}
			const agrees = pnlAgrees(j, trade, settings.pnlTolerance);
			// Insert in cost order (ties by round trip id): lists are short.
			let at = candTrade.length;
			candTrade.push(t);
			candCost.push(cost);
			candAgrees.push(agrees);
			while (
				at > first &&
				(candCost[at - 1]! > cost ||
					(candCost[at - 1] === cost && compare(trades[candTrade[at - 1]!]!.id, trade.id) > 0))
			) {
				candTrade[at] = candTrade[at - 1]!;
				candCost[at] = candCost[at - 1]!;
				candAgrees[at] = candAgrees[at - 1]!;
				at--;
			}
			candTrade[at] = t;
			candCost[at] = cost;
			candAgrees[at] = agrees;
			nearJournal[t] = 1;
			if (!agrees) continue;
			if (firstRival[t] === -1) {
				firstRival[t] = i;
				firstRivalCost[t] = cost;
			} else {
				const more = moreRivals.get(t);
				if (more) more.push(i, cost);
				else moreRivals.set(t, [i, cost]);
			}
		}
		pending.push(i);
	}
	start[journal.length] = candTrade.length;

	// Mutual best among the pairs whose P&L agrees, by a clear margin, repeated: a match can leave
	// another pair clear.
	const isOpen = new Uint8Array(journal.length);
	for (const i of pending) isOpen[i] = 1;
	/** True when an open journal trade other than i agrees with t within the margin of `cost`. */
	const rivalled = (t: number, i: number, cost: number) => {
		const r = firstRival[t]!;
		if (r !== -1 && r !== i && isOpen[r] === 1 && close(firstRivalCost[t]!, cost)) return true;
		const more = moreRivals.get(t);
		if (more)
			for (let k = 0; k < more.length; k += 2)
				if (more[k] !== i && isOpen[more[k]!] === 1 && close(more[k + 1]!, cost)) return true;
		return false;
	};
	/** The cheapest two free agreeing candidates of i (positions in the flat lists; -1 for none). */
	const bestTwo = (i: number): [number, number] => {
		let best = -1;
		for (let k = start[i]!; k < start[i + 1]!; k++)
			if (candAgrees[k] && taken[candTrade[k]!] === 0) {
				if (best >= 0) return [best, k];
				best = k;
			}
		return [best, -1];
	};
	let left = pending;
	for (let changed = true; changed;) {
		changed = false;
		const next: number[] = [];
		for (const i of left) {
			const [best, second] = bestTwo(i);
			const t = best < 0 ? -1 : candTrade[best]!;
			if (
				best < 0 ||
				(second >= 0 && close(candCost[second]!, candCost[best]!)) ||
				rivalled(t, i, candCost[best]!)
			) {
				next.push(i);
				continue;
			}
			taken[t] = 1;
			isOpen[i] = 0;
			matched.push({ j: i, t, manual: false, cost: candCost[best]! });
			changed = true;
		}
		left = next;
	}

	const inQueue = new Uint8Array(trades.length);
	for (const i of left) {
		const j = journal[i]!;
		const offsetMs = offsetMsOf[i]!;
		const free: Candidate[] = [];
		let firstFree = -1;
		for (let k = start[i]!; k < start[i + 1]!; k++) {
			const t = candTrade[k]!;
			if (taken[t] === 1) continue;
			if (firstFree < 0) firstFree = t;
			free.push(candidateOf(j, trades[t]!, offsetMs, settings)!);
			inQueue[t] = 1;
		}
		if (free.length > 0) ambiguous.push({ j: i, candidates: free, reason: queueReason(i, free, firstFree) });
		else
			unmatchedJournal.push({
				j: i,
				reason:
					start[i + 1]! > start[i]!
						? 'its only candidates belong to other journal trades'
						: (lostToDecisions.get(i) ?? whyNoCandidate(j, index, settings))
			});
	}

	/** Why journal trade i waits in the review queue with these free candidates (`first`: the cheapest's index). */
	function queueReason(i: number, free: readonly Candidate[], first: number): string {
		const agreeing = free.filter((c) => c.pnlAgrees);
		if (agreeing.length === 0)
			return free.length > 1
				? `P&L differs from all ${free.length} candidates`
				: pnlDifference(journal[i]!, trades[first]!, settings.pnlTolerance);
		const [best, second] = bestTwo(i);
		if (second >= 0 && close(candCost[second]!, candCost[best]!))
			return `${agreeing.length} round trips fit it about equally well`;
		return 'its round trip fits another journal trade about as well';
	}

	const journalOpen = Float64Array.from(journal, (j) => j.openTime);
	const byJournal = (a: { j: number }, b: { j: number }) =>
		journalOpen[a.j]! - journalOpen[b.j]! || compare(journal[a.j]!.id, journal[b.j]!.id);
	const unmatchedTrades: number[] = [];
	for (let t = 0; t < trades.length; t++) if (taken[t] === 0) unmatchedTrades.push(t);
	return {
		matched: matched.sort(byJournal).map(({ j, t, manual, cost }) => ({
			journalId: journal[j]!.id,
			tradeId: trades[t]!.id,
			manual,
			cost,
			pnl: checkPnl(journal[j]!, trades[t]!, settings.pnlTolerance)
		})),
		ambiguous: ambiguous
			.sort(byJournal)
			.map((a) => ({ journalId: journal[a.j]!.id, candidates: a.candidates, reason: a.reason })),
		unmatchedJournal: unmatchedJournal
			.sort(byJournal)
			.map((u) => ({ journalId: journal[u.j]!.id, reason: u.reason })),
		noFills: noFills.sort((a, b) => byOpenThenId(journal[a]!, journal[b]!)).map((i) => journal[i]!.id),
		unmatchedTrades: unmatchedTrades
			.sort((a, b) => byOpenThenId(trades[a]!, trades[b]!))
			.map((t) => ({
				tradeId: trades[t]!.id,
				reason:
					inQueue[t] === 1
						? 'a candidate of a journal trade in the review queue'
						: nearJournal[t] === 1
							? 'its journal trades matched other round trips'
							: 'no journal trade of this symbol and direction within the window'
			})),
		offsets: offsetsOf(journal, index, settings)
	};
}

/** Says which criterion the nearest round trip fails, in the user's words. */
function whyNoCandidate(j: MatchJournal, index: Index, settings: MatchSettings): string {
	const symbol = index.symbolOf(j.symbol);
	const directions = index.symbols.get(symbol);
	if (!directions) return `no executions in ${symbol}`;
	if (!directions.has(j.direction)) return `only ${[...directions].join(' and ')} round trips in ${symbol}`;
	const offsetMs = offsetHoursOf(j, settings) * HOUR;
	const open = j.openTime + offsetMs;
	const list = index.byKey.get(`${symbol}\u0001${j.direction}`) ?? EMPTY_LIST;
	// The nearest by open time in the account: walk out both ways from where `open` would sit.
	const fits = (k: number) => j.accountId === null || index.trades[list.at[k]!]!.accountId === j.accountId;
	let after = lowerBound(list.open, open);
	let before = after - 1;
	while (after < list.at.length && !fits(after)) after++;
	while (before >= 0 && !fits(before)) before--;
	if (after >= list.at.length && before < 0)
		return `no ${j.direction} round trips in ${symbol} in this account`;
	const k =
		before < 0 || (after < list.at.length && list.open[after]! - open < open - list.open[before]!)
			? after
			: before;
	const nearest = index.trades[list.at[k]!]!;
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
