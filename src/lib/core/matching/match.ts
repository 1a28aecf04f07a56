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
import {
	buildIndex,
	byOpenThenId,
	candidateOf,
	checkPnl,
	compare,
	costOf,
	EMPTY_LIST,
	HOUR,
	lowerBound,
	MINUTE,
	pnlAgrees,
	pnlDifference,
	timeDistance,
	type Index
} from './candidates';
import { offsetHoursOf, offsetsOf } from './detect-offsets';
import type { Candidate, MatchDecision, MatchJournal, MatchResult, MatchSettings, MatchTrade } from './types';

/** A pair wins only when its cost is this much (≈ seconds) below every rival's. */
const MARGIN = 30;
/**
 * …and by this share of its own cost: 30 s is telling when a pair is seconds apart, not when it
 * is half an hour apart (a wrong clock offset), where the nearer of two twins is chance.
 */
const RELATIVE_MARGIN = 0.5;

/** True when `rival` is not clearly (see MARGIN) costlier than `cost`. */
const close = (rival: number, cost: number) => rival - cost < Math.max(MARGIN, cost * RELATIVE_MARGIN);

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
