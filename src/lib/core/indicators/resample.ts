/**
 * Multi-timeframe: bars of one timeframe grouped into a higher one, and a higher timeframe's
 * indicator laid onto the lower bars without look-ahead.
 *
 * Buckets follow a session (core/time/market-session.ts), or a bare IANA time zone: a day runs
 * from the zone's midnight to the next (23 or 25 hours across a daylight-saving change) — or, for
 * a session whose days open the evening before (futures, forex), from that evening's open
 * (18:00 New York for CME Globex: Monday's daily bar starts Sunday at 18:00) — and
 * intraday buckets start where the zone's wall clock shows the session's open plus a multiple of
 * the timeframe. So US equities' 1h bars start at 09:30, 10:30 … New York time (the first hour of
 * the regular session is one bar, not the tail of 09:00's), crypto's on UTC hours, and a bare zone's
 * on the local hour (also in zones with half-hour offsets such as Asia/Kolkata). Intraday
 * timeframes divide an hour, so a 1-hour clock change moves no bucket boundary.
 */
import { tzOffset } from '@date-fns/tz';
import type { BarColumns } from '../model/journal';
import type { MarketSession } from '../time/market-session';
import { isValidZone } from '../time/zone';
import { toColumn, type Column } from './series';

/** Bars as columns sorted by time (time is the bar's open, epoch ms UTC); see model/journal.ts. */
export type { BarColumns };

const COLUMNS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

/** A BarColumns with each column made by `make`. */
function mapColumns(make: (key: keyof BarColumns) => Float64Array): BarColumns {
	return Object.fromEntries(COLUMNS.map((key) => [key, make(key)])) as BarColumns;
}

export type Timeframe = '1m' | '5m' | '15m' | '30m' | '1h' | '1D';

const MINUTE = 60_000;
const INTRADAY: Record<Exclude<Timeframe, '1D'>, number> = {
	'1m': MINUTE,
	'5m': 5 * MINUTE,
	'15m': 15 * MINUTE,
	'30m': 30 * MINUTE,
	'1h': 60 * MINUTE
};

/**
 * The UTC offset (ms) of `zone` at an instant, cached per quarter hour: every transition of the
 * time zone database falls on a quarter hour of UTC, since offsets are whole quarter hours.
 */
function offsets(zone: string): (instant: number) => number {
	const cache = new Map<number, number>();
	return (instant) => {
		const key = Math.floor(instant / (15 * MINUTE));
		let offset = cache.get(key);
		if (offset === undefined) {
			offset = tzOffset(zone, new Date(key * 15 * MINUTE)) * MINUTE;
			if (cache.size > 100_000) cache.clear();
			cache.set(key, offset);
		}
		return offset;
	};
}

/** The local date of an instant as a UTC-midnight timestamp (only its y/m/d mean anything). */
function localDate(instant: number, offsetAt: (instant: number) => number): number {
	const local = instant + offsetAt(instant);
	return local - (((local % 86_400_000) + 86_400_000) % 86_400_000);
}

/**
 * The instant the zone's date turns to `date` (a UTC-midnight timestamp): local midnight, or the
 * moment the clock jumps past it when midnight is skipped. `hint` is an instant near it whose
 * offset is the first guess.
 */
function dayStart(date: number, hint: number, offsetAt: (instant: number) => number): number {
	const first = date - offsetAt(hint);
	const second = date - offsetAt(first);
	for (const candidate of [first, second]) {
		if (localDate(candidate, offsetAt) === date && localDate(candidate - 1, offsetAt) < date)
			return candidate;
	}
	// Not reached with the time zone database; the later guess never shows a bar too early.
	return Math.max(first, second);
}

/**
 * The instant the session day labelled `date` (a UTC-midnight timestamp) starts: the zone's wall
 * clock at `dayStartMinute` minutes from that date's midnight (negative: the evening before).
 * Session days start away from daylight-saving changes (Globex at 18:00), so the wall time exists
 * once; `hint` is an instant near it whose offset is the first guess.
 */
function sessionDayStart(
	date: number,
	dayStartMinute: number,
	hint: number,
	offsetAt: (instant: number) => number
): number {
	const wall = date + dayStartMinute * MINUTE;
	const first = wall - offsetAt(hint);
	const second = wall - offsetAt(first);
	return second + offsetAt(second) === wall ? second : first;
}

/**
 * What buckets follow: an instrument's session, or a bare IANA zone (buckets on its midnight and
 * its hours). A session whose days open the evening before (`dayStartMinute` < 0: CME Globex
 * from 18:00 New York, forex from 17:00) has its daily bars start there, so Sunday evening's
 * trading is in Monday's bar; without `dayStartMinute` days start at midnight.
 */
export type BucketClock =
	string | (Pick<MarketSession, 'zone' | 'openMinute'> & Partial<Pick<MarketSession, 'dayStartMinute'>>);

/** Bucket boundaries for one timeframe and clock: where the bucket holding an instant starts and ends. */
function buckets(
	timeframe: Timeframe,
	clock: BucketClock
): { start: (t: number) => number; end: (t: number) => number } {
	const zone = typeof clock === 'string' ? clock : clock.zone;
	if (!isValidZone(zone)) throw new RangeError(`"${zone}" is not an IANA time zone`);
	const offsetAt = offsets(zone);
	const dayStartMinute = typeof clock === 'string' ? 0 : (clock.dayStartMinute ?? 0);
	if (timeframe === '1D' && dayStartMinute !== 0) {
		if (!(dayStartMinute > -1440 && dayStartMinute < 1440))
			throw new RangeError(`dayStartMinute ${dayStartMinute} is not within a day of midnight`);
		// The session's date of an instant: its local wall time moved by the day's start.
		const dateOf = (t: number) => {
			const shifted = t + offsetAt(t) - dayStartMinute * MINUTE;
			return shifted - (((shifted % 86_400_000) + 86_400_000) % 86_400_000);
		};
		return {
			start: (t) => sessionDayStart(dateOf(t), dayStartMinute, t, offsetAt),
			end: (t) => sessionDayStart(dateOf(t) + 86_400_000, dayStartMinute, t, offsetAt)
		};
	}
	if (timeframe === '1D') {
		return {
			start: (t) => dayStart(localDate(t, offsetAt), t, offsetAt),
			end: (t) => dayStart(localDate(t, offsetAt) + 86_400_000, t, offsetAt)
		};
	}
	const size = INTRADAY[timeframe];
	if (size === undefined) throw new RangeError(`unknown timeframe "${String(timeframe)}"`);
	// Buckets line up with the open: 09:30 is a 1h boundary, and so are 08:30 and 16:30.
	const open = typeof clock === 'string' ? 0 : clock.openMinute * MINUTE;
	const start = (t: number) => {
		const local = t + offsetAt(t) - open;
		return local - (((local % size) + size) % size) + open - offsetAt(t);
	};
	return { start, end: (t) => start(t) + size };
}

/**
 * The instant the bar of `timeframe` holding `time` closes in `zone` (epoch ms, UTC): when its
 * value stops changing and may be used.
 * @example barEnd(Date.UTC(2024, 2, 8, 15), '1D', 'America/New_York') // Date.UTC(2024, 2, 9, 5): midnight in New York
 */
export function barEnd(time: number, timeframe: Timeframe, clock: BucketClock): number {
	return buckets(timeframe, clock).end(time);
}

/**
 * Groups bars into bars of a higher timeframe: open of the first, high and low over all, close of
 * the last, volume summed over the bars that have one (NaN when none has). Each bar is stamped
 * with its bucket's start. Buckets without bars are left out. `bars` must be sorted by time.
 * @example resample(oneMinuteBars, '1h', marketSession('SPY')) // hourly bars from 09:30, 10:30 … New York time
 * @example resample(oneMinuteBars, '1h', 'America/New_York') // hourly bars on the hour, New York time
 */
export function resample(bars: BarColumns, timeframe: Timeframe, clock: BucketClock): BarColumns {
	const { start } = buckets(timeframe, clock);
	const n = bars.time.length;
	for (const key of COLUMNS) {
		if (bars[key].length !== n)
			throw new RangeError(`resample: ${key} has ${bars[key].length} values for ${n} times`);
	}
	const out = mapColumns(() => new Float64Array(n));
	let count = 0;
	let bucket = NaN;
	let previous = -Infinity;
	for (let i = 0; i < n; i++) {
		const t = bars.time[i]!;
		if (!(t >= previous)) throw new RangeError(`resample: bars must be sorted by time (bar ${i})`);
		previous = t;
		const b = start(t);
		const v = bars.volume[i]!;
		if (b !== bucket) {
			bucket = b;
			out.time[count] = b;
			out.open[count] = bars.open[i]!;
			out.high[count] = bars.high[i]!;
			out.low[count] = bars.low[i]!;
			out.volume[count] = v;
			count++;
		} else {
			const j = count - 1;
			if (bars.high[i]! > out.high[j]!) out.high[j] = bars.high[i]!;
			if (bars.low[i]! < out.low[j]!) out.low[j] = bars.low[i]!;
			const sum = out.volume[j]!;
			if (v === v) out.volume[j] = sum === sum ? sum + v : v;
		}
		out.close[count - 1] = bars.close[i]!;
	}
	return mapColumns((key) => out[key].slice(0, count));
}

/**
 * Lays values computed on higher-timeframe bars onto lower-timeframe bars without look-ahead: a
 * lower bar sees the value of the latest higher bar that had closed when the lower bar opened
 * (higher close ≤ lower open time), NaN before the first. So a higher bar's value first shows on
 * the first lower bar after it, never on a lower bar inside it, and the still-forming last higher
 * bar of a resample shows nowhere.
 * @example
 * const daily = resample(minutes, '1D', zone);
 * alignToLower(daily.time, rsi(daily.close, 14), minutes.time, '1D', zone) // yesterday's RSI on each minute
 */
export function alignToLower(
	higherTimes: Column,
	higherValues: Column,
	lowerTimes: Column,
	timeframe: Timeframe,
	clock: BucketClock
): Float64Array {
	const { end } = buckets(timeframe, clock);
	const times = toColumn(higherTimes);
	const values = toColumn(higherValues);
	const lower = toColumn(lowerTimes);
	if (times.length !== values.length)
		throw new RangeError(`alignToLower: ${values.length} values for ${times.length} higher bars`);
	const out = new Float64Array(lower.length).fill(NaN);
	let next = 0;
	let nextEnd = times.length > 0 ? end(times[0]!) : Infinity;
	let value = NaN;
	for (let j = 0; j < lower.length; j++) {
		const t = lower[j]!;
		if (j > 0 && !(t >= lower[j - 1]!))
			throw new RangeError(`alignToLower: lower bars must be sorted by time (bar ${j})`);
		while (nextEnd <= t) {
			value = values[next]!;
			next++;
			const following = next < times.length ? end(times[next]!) : Infinity;
			if (following < nextEnd)
				throw new RangeError(`alignToLower: higher bars must be sorted by time (bar ${next})`);
			nextEnd = following;
		}
		out[j] = value;
	}
	return out;
}

/**
 * A replay's revealed bars at a higher timeframe, without look-ahead: only the bars that opened
 * at or before `now` (the last revealed bar's open) enter, so the last, still-forming bar holds
 * the revealed part of its bucket and never a later bar's high, low, close or volume. `forming`
 * says whether that last bucket has more bars to come (it ends after `now + baseMs`, the close of
 * the last revealed bar). `bars` must be sorted by time; it may hold bars not yet revealed.
 * @example resampleRevealed(minutes, '5m', marketSession('SPY'), at0932, 60_000) // …, the 09:30 bar from 09:30–09:32 only; forming: true
 */
export function resampleRevealed(
	bars: BarColumns,
	timeframe: Timeframe,
	clock: BucketClock,
	now: number | null,
	baseMs: number
): { bars: BarColumns; forming: boolean } {
	let n = 0;
	if (now !== null) {
		// The first bar after `now`, by binary search: the revealed ones come before it.
		let hi = bars.time.length;
		while (n < hi) {
			const mid = (n + hi) >>> 1;
			if (bars.time[mid]! <= now) n = mid + 1;
			else hi = mid;
		}
	}
	const out = resample(
		mapColumns((key) => bars[key].subarray(0, n)),
		timeframe,
		clock
	);
	const last = out.time.length - 1;
	const forming = last >= 0 && now !== null && barEnd(out.time[last]!, timeframe, clock) > now + baseMs;
	return { bars: out, forming };
}
