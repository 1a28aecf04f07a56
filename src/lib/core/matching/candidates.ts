/**
 * A journal trade's candidates among the round trips: the index that finds the round trips of a
 * symbol and direction near a time, the cost of a pair (how far apart its times, quantities and
 * P&L are) and whether its P&L agrees.
 */
import { matchSymbol } from './symbols';
import type { Candidate, MatchJournal, MatchSettings, MatchTrade, PnlCheck } from './types';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;

/** How far apart two instants are, allowing for a journal time rounded down to the minute. */
export function timeDistance(journalTime: number, tradeTime: number): number {
	const d = tradeTime - journalTime;
	if (journalTime % MINUTE === 0 && d >= 0 && d < MINUTE) return 0;
	return Math.abs(d);
}

/**
 * Round trips by symbol and direction, each list in open-time order (ties by id), as indices into
 * the round trips given, with the open times alongside for binary search.
 */
export interface Index {
	trades: readonly MatchTrade[];
	byKey: Map<string, { at: Uint32Array; open: Float64Array }>;
	/** Symbols (normalised) that have round trips, with their directions. */
	symbols: Map<string, Set<string>>;
	/** matchSymbol with the run's aliases, remembered per spelling. */
	symbolOf: (symbol: string) => string;
	/** The list of a symbol as spelled (any spelling) and a direction. */
	listOf: (symbol: string, direction: 'long' | 'short') => { at: Uint32Array; open: Float64Array };
}

export const EMPTY_LIST = { at: new Uint32Array(0), open: new Float64Array(0) };

export function buildIndex(trades: readonly MatchTrade[], aliases: Record<string, string>): Index {
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

export const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The first position in `open` (ascending) at or after `time`. */
export function lowerBound(open: Float64Array, time: number): number {
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
export function near(
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
export function costOf(j: MatchJournal, t: MatchTrade, offsetMs: number, settings: MatchSettings): number {
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
export function candidateOf(
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

/** The P&L of the pair agrees within the tolerance (gross, and net where both sides have one). */
export function pnlAgrees(j: MatchJournal, t: MatchTrade, tolerance: number): boolean {
	return !checkPnl(j, t, tolerance).discrepancy;
}

/** Why the P&L of a pair differs, in words; empty when it agrees. */
export function pnlDifference(j: MatchJournal, t: MatchTrade, tolerance: number): string {
	const c = checkPnl(j, t, tolerance);
	if (!c.discrepancy) return '';
	const grossDiffers = c.journalGross !== null && Math.abs(c.journalGross - c.fillsGross) > tolerance + 1e-9;
	return grossDiffers
		? `P&L differs: journal ${c.journalGross!.toFixed(2)}, fills ${c.fillsGross.toFixed(2)}`
		: `net P&L differs: journal ${c.journalNet!.toFixed(2)}, fills ${c.fillsNet!.toFixed(2)}`;
}

/** Canonical order of results: by open time, then id (the id only breaks ties). */
export const byOpenThenId = (a: { openTime: number; id: string }, b: { openTime: number; id: string }) =>
	a.openTime - b.openTime || compare(a.id, b.id);
