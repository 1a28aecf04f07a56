/**
 * Trading dates and business days for the day-trade rule. A trading date is the calendar date
 * in New York (`YYYY-MM-DD`) of an instant. A business day is a weekday that is not a US market
 * holiday; the holidays are a plain list of dates the caller can replace (the default is NYSE's
 * full-day closures for 2025–2027; half days are business days). Dates outside the list's years
 * count every weekday, so a stale list errs towards a shorter look-back, never a wrong rejection
 * on a weekend.
 */
import { nyseHolidays, NYSE_SPECIAL_CLOSURES } from '../instruments/calendar';
import { isoDate, ZoneDates } from '../time/zone-dates';

/** The zone whose calendar defines trading dates. */
export const MARKET_ZONE = 'America/New_York';

/**
 * NYSE full-day closures, 2025–2027: the holidays by rule and the special closures (the
 * 9 January 2025 day of mourning), from the one NYSE calendar (core/instruments/calendar.ts).
 */
export const US_MARKET_HOLIDAYS: readonly string[] = [
	...[2025, 2026, 2027].flatMap((year) => nyseHolidays(year).map((d) => d.date)),
	...Object.keys(NYSE_SPECIAL_CLOSURES).filter((date) => date >= '2025')
].sort();

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY = 86_400_000;

/**
 * The New York calendar date of an instant (epoch ms, UTC).
 * @example tradingDate(Date.UTC(2026, 0, 6, 3)) // '2026-01-05' (22:00 the evening before in New York)
 */
export function tradingDate(instant: number): string {
	return marketDates.dateOf(instant);
}

/** New York dates, remembered for the day (the day-trade count asks at every execution). */
const marketDates = new ZoneDates(MARKET_ZONE, isoDate);

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, as a calendar date (no zone). */
function dayNumber(date: string): number {
	const utc = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
	return Math.round(utc / DAY);
}

function dateOf(dayNo: number): string {
	const d = new Date(dayNo * DAY);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Whether a `YYYY-MM-DD` date is a business day: Monday to Friday and not in `holidays`.
 * @example isBusinessDay('2026-11-21') // false (a Saturday)
 */
export function isBusinessDay(date: string, holidays: readonly string[] = US_MARKET_HOLIDAYS): boolean {
	const weekday = new Date(dayNumber(date) * DAY).getUTCDay();
	return weekday !== 0 && weekday !== 6 && !holidays.includes(date);
}

/**
 * The dates of a rolling window of `businessDays` business days ending on `date`: every
 * calendar date from the earliest of those business days up to `date`, so weekends and
 * holidays inside the window (and `date` itself when it is not a business day) are included.
 * @example businessDayWindow('2026-11-23', 5) // from '2026-11-17' (Tuesday) to '2026-11-23' (Monday)
 */
export function businessDayWindow(
	date: string,
	businessDays: number,
	holidays: readonly string[] = US_MARKET_HOLIDAYS
): Set<string> {
	const window = new Set<string>();
	let counted = 0;
	// A bounded walk: five business days never span more than a few weeks of closures.
	for (let day = dayNumber(date); counted < businessDays && window.size < 366; day--) {
		const d = dateOf(day);
		window.add(d);
		if (isBusinessDay(d, holidays)) counted++;
	}
	return window;
}
