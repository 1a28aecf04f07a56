/**
 * Trading sessions: when an instrument trades and which "trading day" an instant belongs to.
 * The desk's DAY orders end at a session's end, bars are grouped on its clock, and a trade's day
 * is its session's trading day.
 *
 * A session keeps one zone's wall clock. Its hours are windows in minutes from the trading
 * day's local midnight; a negative start is the evening before (CME Globex's Monday opens on
 * Sunday at 18:00 New York: -360). Trading days fall on the session's weekdays.
 * Exchange holidays and early closes are not modelled: a holiday looks like a trading day.
 *
 * Why UTC for crypto: crypto venues (Coinbase, Binance, Kraken) cut their daily candles and
 * daily statistics at 00:00 UTC, so a crypto "day" — a DAY order's life, a daily bar — is the UTC
 * date, not New York's.
 */
import { instantToWallTime, wallTimeToInstant } from '../time/zone';
import { NYSE_CALENDAR, type CalendarDay, type SessionCalendar } from './calendar';
import type { SessionId } from './types';

/** Where an instrument's day and hours start: what bars are grouped on (core/indicators/resample.ts). */
export interface MarketSession {
	/** The IANA zone whose wall clock the session keeps. */
	zone: string;
	/** Minutes after local midnight the regular session opens: hourly buckets start there (09:30 → 570). */
	openMinute: number;
	/**
	 * Minutes from a trading day's local midnight its day starts: daily bars start there. 0 for a
	 * day from midnight (US equities, crypto); negative for one that opens the evening before
	 * (CME Globex: -360, 18:00 New York the evening before).
	 */
	dayStartMinute: number;
	/** Trades around the clock, every day (crypto). */
	continuous: boolean;
	/** The session in a few words, for the UI. */
	label: string;
}

/** Trading hours: [start, end) in minutes from the trading day's local midnight; start may be negative. */
export interface SessionWindow {
	start: number;
	end: number;
}

/** A session definition. */
export interface TradingSession extends MarketSession {
	id: SessionId;
	/** Regular hours, in order. */
	regular: readonly SessionWindow[];
	/** Extended hours (US equities' pre- and after-market), or null when there are none beyond the regular. */
	extended: readonly SessionWindow[] | null;
	/** Weekdays a trading day can fall on: 0 Sunday … 6 Saturday. */
	weekdays: readonly number[];
	/** The exchange calendar's holidays and early closes, or null when none is modelled. */
	calendar: SessionCalendar | null;
}

const MON_FRI = Object.freeze([1, 2, 3, 4, 5]);
const h = (hours: number, minutes = 0) => hours * 60 + minutes;
const win = (start: number, end: number): SessionWindow => Object.freeze({ start, end });

/**
 * US equities: New York time, regular 09:30–16:00, extended 04:00–20:00, Monday to Friday, on the
 * NYSE calendar (no session on its holidays; 13:00 and 17:00 on its early-close days).
 */
export const US_EQUITY_SESSION: TradingSession = Object.freeze({
	id: 'us-equity',
	zone: 'America/New_York',
	openMinute: h(9, 30),
	dayStartMinute: 0,
	continuous: false,
	label:
		'US equities: New York time, hours from the 09:30 open (09:30, 10:30 …), days from New York midnight',
	regular: Object.freeze([win(h(9, 30), h(16))]),
	extended: Object.freeze([win(h(4), h(20))]),
	weekdays: MON_FRI,
	calendar: NYSE_CALENDAR
});

/** Crypto: 24/7, on UTC hours and UTC days. */
export const CRYPTO_SESSION: TradingSession = Object.freeze({
	id: 'crypto',
	zone: 'UTC',
	openMinute: 0,
	dayStartMinute: 0,
	continuous: true,
	label: 'Crypto: 24/7, on UTC hours (00:00, 01:00 …) and UTC days',
	regular: Object.freeze([win(0, h(24))]),
	extended: null,
	weekdays: Object.freeze([0, 1, 2, 3, 4, 5, 6]),
	calendar: null
});

/**
 * CME Globex equity-index, energy, metals, rates and currency futures: 18:00 to 17:00 New York
 * time, Sunday evening to Friday, with the daily 17:00–18:00 break. A trading day opens the
 * evening before (Monday's on Sunday at 18:00) and closes at 17:00.
 */
export const CME_GLOBEX_SESSION: TradingSession = Object.freeze({
	id: 'cme-globex',
	zone: 'America/New_York',
	openMinute: h(18),
	dayStartMinute: h(18) - h(24),
	continuous: false,
	label: 'CME Globex: 18:00–17:00 New York time, Sunday to Friday; a day opens the evening before',
	regular: Object.freeze([win(h(18) - h(24), h(17))]),
	extended: null,
	weekdays: MON_FRI,
	calendar: null
});

/**
 * CBOT grains (corn, soybeans, wheat) on Globex: 19:00–07:45 and 08:30–13:20 Chicago time,
 * Sunday evening to Friday.
 */
export const CBOT_GRAINS_SESSION: TradingSession = Object.freeze({
	id: 'cbot-grains',
	zone: 'America/Chicago',
	openMinute: h(19),
	dayStartMinute: h(19) - h(24),
	continuous: false,
	label: 'CBOT grains: 19:00–07:45 and 08:30–13:20 Chicago time, Sunday to Friday',
	regular: Object.freeze([win(h(19) - h(24), h(7, 45)), win(h(8, 30), h(13, 20))]),
	extended: null,
	weekdays: MON_FRI,
	calendar: null
});

/** Spot forex: around the clock from Sunday 17:00 to Friday 17:00 New York time, days from 17:00. */
export const FX_SESSION: TradingSession = Object.freeze({
	id: 'fx',
	zone: 'America/New_York',
	openMinute: h(17),
	dayStartMinute: h(17) - h(24),
	continuous: false,
	label: 'Forex: 17:00–17:00 New York time, Sunday to Friday; a day opens the evening before',
	regular: Object.freeze([win(h(17) - h(24), h(17))]),
	extended: null,
	weekdays: MON_FRI,
	calendar: null
});

/** Every session, by id. */
export const SESSIONS: Readonly<Record<SessionId, TradingSession>> = Object.freeze({
	'us-equity': US_EQUITY_SESSION,
	crypto: CRYPTO_SESSION,
	'cme-globex': CME_GLOBEX_SESSION,
	'cbot-grains': CBOT_GRAINS_SESSION,
	fx: FX_SESSION
});

/** Which hours count: the regular session only (the default), or extended hours too. */
export interface SessionHours {
	extended?: boolean;
}

function windowsOf(session: TradingSession, hours: SessionHours | undefined): readonly SessionWindow[] {
	return hours?.extended && session.extended ? session.extended : session.regular;
}

/** Minutes before local midnight a trading day starts (0 when it starts on its own date). */
function dayStart(session: TradingSession): number {
	let start = 0;
	for (const w of [...session.regular, ...(session.extended ?? [])]) start = Math.min(start, w.start);
	return start;
}

const DAY_MS = 86_400_000;
const dateText = (utcMidnight: number) => new Date(utcMidnight).toISOString().slice(0, 10);

/** The UTC midnight of a `YYYY-MM-DD` date (a calendar day count), or a RangeError. */
function parseDay(tradingDay: string): number {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(tradingDay);
	const t = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
	if (!m || !Number.isFinite(t) || dateText(t) !== tradingDay)
		throw new RangeError(`"${tradingDay}" is not a trading day (YYYY-MM-DD)`);
	return t;
}

/**
 * The trading day (`YYYY-MM-DD`) an instant belongs to: the session zone's date, moved to the
 * next date from the evening hour a day opens at (Globex: 18:00 New York). For a session whose
 * days open the evening before, an instant on a day without trading (a weekend) belongs to the
 * next trading day; US equities and crypto keep the plain date (New York's, UTC's).
 * @example tradingDayOf(CME_GLOBEX_SESSION, Date.parse('2025-03-09T23:00:00Z')) // '2025-03-10' (Sunday 19:00 New York)
 * @example tradingDayOf(CRYPTO_SESSION, Date.parse('2025-03-09T23:00:00Z')) // '2025-03-09'
 * @example tradingDayOf(US_EQUITY_SESSION, Date.parse('2025-03-10T02:00:00Z')) // '2025-03-09' (22:00 New York)
 */
export function tradingDayOf(session: TradingSession, epochMs: number): string {
	const wall = instantToWallTime(epochMs, session.zone);
	let day = Date.UTC(wall.year, wall.month - 1, wall.day);
	const start = dayStart(session);
	if (start < 0) {
		if (wall.hour * 60 + wall.minute >= h(24) + start) day += DAY_MS;
		for (let i = 0; i < 7 && !session.weekdays.includes(new Date(day).getUTCDay()); i++) day += DAY_MS;
	}
	return dateText(day);
}

/** The instant of `minute` minutes from the local midnight of the day at UTC midnight `day`. */
function instantAt(session: TradingSession, day: number, minute: number): number {
	const d = new Date(day + Math.floor(minute / h(24)) * DAY_MS);
	const inDay = ((minute % h(24)) + h(24)) % h(24);
	const wall = {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: Math.floor(inDay / 60),
		minute: inDay % 60,
		second: 0,
		millisecond: 0
	};
	const instant = wallTimeToInstant(wall, session.zone);
	// Session edges are chosen away from daylight-saving changes (02:00); one that is not has a
	// bug in its definition, not in the data.
	if (!instant.ok) throw new Error(`session ${session.id}: ${instant.reason}`);
	return instant.value;
}

/**
 * A trading day's hours as instants: [start, end) pairs, in order; none when the day is not a
 * trading day (a weekend, a holiday of the session's calendar). An early-close day's windows end
 * at the early close (US equities: 13:00 New York, extended hours 17:00). Throws a RangeError for
 * a day that is not `YYYY-MM-DD`.
 * @example sessionWindows(US_EQUITY_SESSION, '2025-03-10') // [{ start: Date.parse('2025-03-10T13:30:00Z'), end: Date.parse('2025-03-10T20:00:00Z') }]
 * @example sessionWindows(US_EQUITY_SESSION, '2025-07-04') // [] (Independence Day)
 * @example sessionWindows(US_EQUITY_SESSION, '2025-11-28')[0].end // Date.parse('2025-11-28T18:00:00Z') (13:00 New York)
 */
export function sessionWindows(
	session: TradingSession,
	tradingDay: string,
	hours?: SessionHours
): { start: number; end: number }[] {
	const day = parseDay(tradingDay);
	if (!session.weekdays.includes(new Date(day).getUTCDay())) return [];
	const special = session.calendar?.day(tradingDay) ?? null;
	if (special?.kind === 'holiday') return [];
	const extended = Boolean(hours?.extended && session.extended);
	const close =
		special?.kind === 'early-close' ? (extended ? special.extendedClose : special.close) : Infinity;
	return windowsOf(session, hours)
		.filter((w) => w.start < close)
		.map((w) => ({
			start: instantAt(session, day, w.start),
			end: instantAt(session, day, Math.min(w.end, close))
		}));
}

/**
 * What the calendar says about a trading day: a holiday or an early close with its name, or
 * null for an ordinary day (and for any day of a session without a calendar).
 * @example calendarDay(US_EQUITY_SESSION, '2025-11-28')?.name // 'Day after Thanksgiving'
 */
export function calendarDay(session: TradingSession, tradingDay: string): CalendarDay | null {
	parseDay(tradingDay);
	return session.calendar?.day(tradingDay) ?? null;
}

/** The trading day after `tradingDay` that has a session (weekends and holidays skipped), within a month. */
export function nextTradingDay(session: TradingSession, tradingDay: string): string {
	let day = parseDay(tradingDay);
	for (let i = 0; i < 31; i++) {
		day += DAY_MS;
		const text = dateText(day);
		if (sessionWindows(session, text).length) return text;
	}
	throw new RangeError(`session ${session.id}: no trading day within a month after ${tradingDay}`);
}

/** How long a DAY order of a 24/7 session lives: a day from when it starts working. */
export const CONTINUOUS_DAY_MS = DAY_MS;

/**
 * When a DAY order that starts working at `epochMs` ends, and the trading day it belongs to.
 * - Placed before the close of its trading day's regular session: it ends at that close (US
 *   equities 16:00 New York or the NYSE early close, CME Globex 17:00 New York).
 * - A session whose days open the evening before (futures, forex): placed in the daily break, on
 *   a weekend or a holiday, it works the next trading day's session and ends at its close.
 * - A session whose days start at midnight (US equities): placed after the close, on a weekend
 *   or a holiday, it ends when the zone's date changes (New York midnight), as the desk has
 *   always done — after-hours orders are not queued for the next day's session.
 * - A 24/7 session (crypto) has no close: the order lives 24 hours from `epochMs`, and its day
 *   is the date (in the session's zone) it started working on.
 * @example dayOrderEnd(US_EQUITY_SESSION, Date.parse('2025-11-28T15:00:00Z')) // { tradingDay: '2025-11-28', end: Date.parse('2025-11-28T18:00:00Z') }
 * @example dayOrderEnd(CME_GLOBEX_SESSION, Date.parse('2025-03-14T21:30:00Z')) // { tradingDay: '2025-03-17', end: Date.parse('2025-03-17T21:00:00Z') } (Friday 17:30: Monday's session)
 * @example dayOrderEnd(CRYPTO_SESSION, Date.parse('2025-03-09T23:00:00Z')) // { tradingDay: '2025-03-09', end: Date.parse('2025-03-10T23:00:00Z') }
 */
export function dayOrderEnd(session: TradingSession, epochMs: number): { tradingDay: string; end: number } {
	const first = tradingDayOf(session, epochMs);
	if (session.continuous) return { tradingDay: first, end: epochMs + CONTINUOUS_DAY_MS };
	if (session.dayStartMinute >= 0) {
		const close = sessionEnd(session, first);
		if (close !== null && close > epochMs) return { tradingDay: first, end: close };
		return { tradingDay: first, end: instantAt(session, parseDay(first) + DAY_MS, 0) };
	}
	let day = first;
	for (let i = 0; i < 31; i++) {
		const end = sessionEnd(session, day);
		if (end !== null && end > epochMs) return { tradingDay: day, end };
		day = dateText(parseDay(day) + DAY_MS);
	}
	throw new RangeError(`session ${session.id}: no session ends within a month after ${first}`);
}

/**
 * Whether the session trades at an instant (regular hours, or extended ones when asked).
 * @example isOpen(US_EQUITY_SESSION, Date.parse('2025-03-10T14:00:00Z')) // true (10:00 New York)
 * @example isOpen(CME_GLOBEX_SESSION, Date.parse('2025-03-10T21:30:00Z')) // false (17:30 New York: the daily break)
 */
export function isOpen(session: TradingSession, epochMs: number, hours?: SessionHours): boolean {
	if (session.continuous) return true;
	const day = tradingDayOf(session, epochMs);
	return sessionWindows(session, day, hours).some((w) => w.start <= epochMs && epochMs < w.end);
}

/**
 * When a trading day's session ends (epoch ms): the close of its last window, where the desk's
 * DAY orders expire. Extended hours end later (US equities: 20:00 instead of 16:00). A day the
 * session does not trade on has no end: null. Throws a RangeError for a day that is not
 * `YYYY-MM-DD`.
 * @example sessionEnd(US_EQUITY_SESSION, '2025-03-10') // Date.parse('2025-03-10T20:00:00Z') (16:00 New York)
 * @example sessionEnd(CRYPTO_SESSION, '2025-03-10') // Date.parse('2025-03-11T00:00:00Z')
 */
export function sessionEnd(session: TradingSession, tradingDay: string, hours?: SessionHours): number | null {
	const windows = sessionWindows(session, tradingDay, hours);
	return windows.length ? windows[windows.length - 1]!.end : null;
}

/**
 * When a trading day's session starts (epoch ms), or null on a day it does not trade.
 * @example sessionStart(CME_GLOBEX_SESSION, '2025-03-10') // Date.parse('2025-03-09T22:00:00Z') (Sunday 18:00 New York)
 */
export function sessionStart(
	session: TradingSession,
	tradingDay: string,
	hours?: SessionHours
): number | null {
	const windows = sessionWindows(session, tradingDay, hours);
	return windows.length ? windows[0]!.start : null;
}
