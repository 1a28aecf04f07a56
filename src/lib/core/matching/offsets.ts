/**
 * What the Matching page proposes from a run's offset findings (detect-offsets.ts): the
 * hours for a journal import and for each of its trading days that disagree with the import's
 * majority, and the words for it ("Oct 16–17 look +0 h, the rest +3 h"). Pure.
 */
import { instantToWallTime } from '../time/zone';
import type { MatchSettings, OffsetFinding } from './types';

/** The settings an offset proposal would set for one journal import. */
export interface OffsetSuggestion {
	importId: string;
	/** Hours for the import's days that have no offset of their own (its majority). */
	hours: number;
	/** Hours of the days that disagree with the majority, by day (YYYY-MM-DD). */
	days: Record<string, number>;
	/** The disagreeing days grouped by their hours, in day order of each group's first day. */
	groups: { hours: number; days: string[] }[];
	/** Journal trades that agree with the suggestion (import's majority plus the days' own). */
	support: number;
	/** Journal trades with a plausible round trip at some offset. */
	of: number;
}

/**
 * The day a journal trade's clock offset is set for: the date of its open on the journal's own
 * clock (the zone its import was read in).
 * @example journalDayOf(Date.UTC(2025, 9, 16, 2, 30), 'America/New_York') // '2025-10-15'
 */
export function journalDayOf(openTime: number, zone: string): string {
	const w = instantToWallTime(openTime, zone);
	return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/**
 * The offsets a finding proposes, or null when there is nothing to change (no majority, or the
 * settings already say what it found). A day follows its own finding where it has one, else the
 * import's majority.
 */
export function offsetSuggestion(finding: OffsetFinding): OffsetSuggestion | null {
	const hours = finding.detected;
	if (hours === null) return null;
	const days: Record<string, number> = {};
	const groups = new Map<number, string[]>();
	let support = finding.support;
	let changes = finding.applied !== hours;
	for (const d of finding.days) {
		const wanted: number = d.detected ?? hours;
		if (wanted !== d.applied) changes = true;
		if (wanted === hours) continue;
		days[d.day] = wanted;
		const group = groups.get(wanted);
		if (group) group.push(d.day);
		else groups.set(wanted, [d.day]);
		// The day's trades counted for the majority elsewhere; here they count for their own hours.
		support += d.support;
	}
	if (!changes) return null;
	return {
		importId: finding.importId,
		hours,
		days,
		groups: [...groups].map(([h, list]) => ({ hours: h, days: list })),
		support: Math.min(support, finding.of),
		of: finding.of
	};
}

/** The settings with a suggestion applied: the import's hours, and its days' (replacing the ones it had). */
export function applySuggestion(settings: MatchSettings, s: OffsetSuggestion): MatchSettings {
	const dayOffsetHours = { ...settings.dayOffsetHours };
	if (Object.keys(s.days).length > 0) dayOffsetHours[s.importId] = { ...s.days };
	else delete dayOffsetHours[s.importId];
	return {
		...settings,
		offsetHours: { ...settings.offsetHours, [s.importId]: s.hours },
		dayOffsetHours
	};
}

/**
 * Hours as the page writes an offset: signed, `+0 h` for none, half hours as `.5`.
 * @example formatOffset(3) // '+3 h'
 * @example formatOffset(-2.5) // '−2.5 h'
 */
export function formatOffset(hours: number): string {
	return `${hours < 0 ? '−' : '+'}${Math.abs(hours)} h`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Days as short ranges: days next to each other in `all` (the import's trading days, in order)
 * run together.
 * @example dayRanges(['2025-10-16', '2025-10-17'], ['2025-10-15', '2025-10-16', '2025-10-17']) // 'Oct 16–17'
 * @example dayRanges(['2025-10-13', '2025-10-31', '2025-11-03'], [...]) // 'Oct 13, Oct 31–Nov 3'
 */
export function dayRanges(days: readonly string[], all: readonly string[]): string {
	const position = new Map(all.map((d, i) => [d, i]));
	const sorted = [...days].sort();
	const runs: [string, string][] = [];
	for (const day of sorted) {
		const last = runs.at(-1);
		if (last && position.get(day) === (position.get(last[1]) ?? NaN) + 1) last[1] = day;
		else runs.push([day, day]);
	}
	const month = (d: string) => MONTHS[Number(d.slice(5, 7)) - 1]!;
	const date = (d: string) => Number(d.slice(8, 10));
	return runs
		.map(([from, to]) =>
			from === to
				? `${month(from)} ${date(from)}`
				: month(from) === month(to)
					? `${month(from)} ${date(from)}–${date(to)}`
					: `${month(from)} ${date(from)}–${month(to)} ${date(to)}`
		)
		.join(', ');
}

/**
 * The proposal in words: "Oct 16–17 look +0 h, the rest +3 h"; "all days look +3 h" when no day
 * disagrees.
 */
export function describeSuggestion(s: OffsetSuggestion, finding: OffsetFinding): string {
	if (s.groups.length === 0) return `all days look ${formatOffset(s.hours)}`;
	const all = finding.days.map((d) => d.day);
	return `${s.groups.map((g) => `${dayRanges(g.days, all)} ${g.days.length === 1 ? 'looks' : 'look'} ${formatOffset(g.hours)}`).join('; ')}, the rest ${formatOffset(s.hours)}`;
}
