/**
 * Exchange calendars: the days a session does not trade, and the days it closes early.
 *
 * The NYSE's (US equities') is computed by rule, as the NYSE states it (Rule 7.2 and its
 * published holiday lists), not read from a table that ends in a year nobody updates:
 * - Holidays: New Year's Day, Martin Luther King Jr. Day (3rd Monday of January), Washington's
 *   Birthday (3rd Monday of February), Good Friday (two days before Easter Sunday), Memorial Day
 *   (last Monday of May), Juneteenth (June 19, from 2022), Independence Day (July 4), Labor Day
 *   (1st Monday of September), Thanksgiving (4th Thursday of November), Christmas (December 25).
 * - A holiday on a Sunday is kept on the Monday after; one on a Saturday on the Friday before —
 *   except New Year's Day: the Friday before it ends a month and a year, and the NYSE trades
 *   then (2022-01-01 was a Saturday and 2021-12-31 a full day).
 * - Early closes at 13:00 New York (after-hours trading to 17:00): July 3 when it falls Monday
 *   to Thursday (a Friday July 3 is the observed holiday itself), the day after Thanksgiving, and
 *   December 24 when it falls Monday to Thursday.
 * - Closures no rule foresees (a national day of mourning, a storm) are listed by date in
 *   NYSE_SPECIAL_CLOSURES.
 *
 * Why by rule and not a package: the npm packages found (nyse-holidays, date-holidays) either
 * know no early closes or carry every country's holidays to give a few NYSE rules; these rules
 * are a page and are checked against the NYSE's published 2024–2027 dates (calendar.spec.ts).
 */

/** What a calendar says about one date: a holiday (no session) or an early close. */
export type CalendarDay =
	| { kind: 'holiday'; name: string }
	| {
			kind: 'early-close';
			name: string;
			/** Minutes after local midnight the regular session closes (13:00 → 780). */
			close: number;
			/** Minutes after local midnight extended hours close (17:00 → 1020). */
			extendedClose: number;
	  };

/** An exchange calendar: what it says about a `YYYY-MM-DD` date, or null for an ordinary day. */
export interface SessionCalendar {
	/** Short name, for the UI and docs ('NYSE'). */
	name: string;
	day(date: string): CalendarDay | null;
}

const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => Date.UTC(year, month - 1, day);
const weekday = (t: number) => new Date(t).getUTCDay();

/** The `n`-th (1-based) `dow` (0 Sunday … 6 Saturday) of a month; n = -1 for the last. */
function nthWeekday(year: number, month: number, dow: number, n: number): number {
	if (n < 0) {
		const last = utc(year, month + 1, 0);
		return last - ((weekday(last) - dow + 7) % 7) * DAY_MS;
	}
	const first = utc(year, month, 1);
	return first + (((dow - weekday(first) + 7) % 7) + (n - 1) * 7) * DAY_MS;
}

/**
 * Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, Meeus/Jones/Butcher), as
 * a UTC midnight.
 * @example iso(easterSunday(2025)) // '2025-04-20'
 */
export function easterSunday(year: number): number {
	const a = year % 19;
	const b = Math.floor(year / 100);
	const c = year % 100;
	const d = Math.floor(b / 4);
	const e = b % 4;
	const f = Math.floor((b + 8) / 25);
	const g = Math.floor((b - f + 1) / 3);
	const h = (19 * a + b - d - g + 15) % 30;
	const i = Math.floor(c / 4);
	const k = c % 4;
	const l = (32 + 2 * e + 2 * i - h - k) % 7;
	const m = Math.floor((a + 11 * h + 22 * l) / 451);
	const month = Math.floor((h + l - 7 * m + 114) / 31);
	const day = ((h + l - 7 * m + 114) % 31) + 1;
	return utc(year, month, day);
}

/** A fixed-date holiday moved off a weekend: Saturday to Friday, Sunday to Monday. */
function observed(t: number): number {
	const dow = weekday(t);
	return dow === 6 ? t - DAY_MS : dow === 0 ? t + DAY_MS : t;
}

/** Days the NYSE closed for reasons no rule gives (national days of mourning, storms). */
export const NYSE_SPECIAL_CLOSURES: Readonly<Record<string, string>> = Object.freeze({
	'2012-10-29': 'Hurricane Sandy',
	'2012-10-30': 'Hurricane Sandy',
	'2018-12-05': 'National Day of Mourning (George H. W. Bush)',
	'2025-01-09': 'National Day of Mourning (Jimmy Carter)'
});

/** A NYSE date with its name, as the NYSE lists it. */
export interface NamedDate {
	date: string;
	name: string;
}

/**
 * The NYSE's holidays of a year by rule (special closures not included), in date order.
 * @example nyseHolidays(2026).map((d) => d.date) // ['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']
 */
export function nyseHolidays(year: number): NamedDate[] {
	if (!Number.isInteger(year)) throw new RangeError(`${year} is not a year`);
	const days: [number, string][] = [];
	const newYear = utc(year, 1, 1);
	// Saturday's New Year's Day is not moved to the Friday before (the year's last trading day).
	if (weekday(newYear) !== 6) days.push([observed(newYear), "New Year's Day"]);
	days.push([nthWeekday(year, 1, 1, 3), 'Martin Luther King Jr. Day']);
	days.push([nthWeekday(year, 2, 1, 3), "Washington's Birthday"]);
	days.push([easterSunday(year) - 2 * DAY_MS, 'Good Friday']);
	days.push([nthWeekday(year, 5, 1, -1), 'Memorial Day']);
	if (year >= 2022) days.push([observed(utc(year, 6, 19)), 'Juneteenth National Independence Day']);
	days.push([observed(utc(year, 7, 4)), 'Independence Day']);
	days.push([nthWeekday(year, 9, 1, 1), 'Labor Day']);
	days.push([nthWeekday(year, 11, 4, 4), 'Thanksgiving Day']);
	days.push([observed(utc(year, 12, 25)), 'Christmas Day']);
	return days.sort((a, b) => a[0] - b[0]).map(([t, name]) => ({ date: iso(t), name }));
}

/** 13:00 and 17:00 as minutes after midnight. */
const EARLY_CLOSE = 13 * 60;
const EARLY_EXTENDED_CLOSE = 17 * 60;

/**
 * The NYSE's early closes (13:00 New York) of a year by rule, in date order.
 * @example nyseEarlyCloses(2025).map((d) => d.date) // ['2025-07-03', '2025-11-28', '2025-12-24']
 */
export function nyseEarlyCloses(year: number): NamedDate[] {
	if (!Number.isInteger(year)) throw new RangeError(`${year} is not a year`);
	const days: NamedDate[] = [];
	const monToThu = (t: number) => weekday(t) >= 1 && weekday(t) <= 4;
	const july3 = utc(year, 7, 3);
	if (monToThu(july3)) days.push({ date: iso(july3), name: 'Independence Day eve' });
	days.push({ date: iso(nthWeekday(year, 11, 4, 4) + DAY_MS), name: 'Day after Thanksgiving' });
	const christmasEve = utc(year, 12, 24);
	if (monToThu(christmasEve)) days.push({ date: iso(christmasEve), name: 'Christmas Eve' });
	return days;
}

/** Each year's NYSE days by date, computed once. */
const nyseYears = new Map<number, Map<string, CalendarDay>>();

function nyseYear(year: number): Map<string, CalendarDay> {
	let days = nyseYears.get(year);
	if (!days) {
		days = new Map<string, CalendarDay>();
		for (const { date, name } of nyseEarlyCloses(year))
			days.set(date, { kind: 'early-close', name, close: EARLY_CLOSE, extendedClose: EARLY_EXTENDED_CLOSE });
		for (const { date, name } of nyseHolidays(year)) days.set(date, { kind: 'holiday', name });
		for (const [date, name] of Object.entries(NYSE_SPECIAL_CLOSURES))
			if (date.startsWith(`${year}-`)) days.set(date, { kind: 'holiday', name });
		nyseYears.set(year, days);
	}
	return days;
}

/**
 * The NYSE calendar: holidays (no session), early closes (13:00 New York) and special closures.
 * @example NYSE_CALENDAR.day('2025-07-04') // { kind: 'holiday', name: 'Independence Day' }
 * @example NYSE_CALENDAR.day('2025-11-28') // { kind: 'early-close', name: 'Day after Thanksgiving', close: 780, extendedClose: 1020 }
 * @example NYSE_CALENDAR.day('2025-03-10') // null
 */
export const NYSE_CALENDAR: SessionCalendar = Object.freeze({
	name: 'NYSE',
	day(date: string): CalendarDay | null {
		const year = Number(date.slice(0, 4));
		if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new RangeError(`"${date}" is not a date (YYYY-MM-DD)`);
		return nyseYear(year).get(date) ?? null;
	}
});
