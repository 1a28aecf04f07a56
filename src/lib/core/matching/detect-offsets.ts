/**
 * Clock offsets between a journal's times and the executions': the offset (whole or half hours)
 * a journal import and each of its trading days appear to have (offsets.ts turns a finding into
 * a proposal), and the offset the settings give a journal trade.
 */
import {
	buildIndex,
	byOpenThenId,
	compare,
	HOUR,
	MINUTE,
	near,
	pnlAgrees,
	timeDistance,
	type Index
} from './candidates';
import type { MatchJournal, MatchSettings, MatchTrade, OffsetFinding } from './types';

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

export function offsetsOf(
	journal: readonly MatchJournal[],
	index: Index,
	settings: MatchSettings
): OffsetFinding[] {
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
