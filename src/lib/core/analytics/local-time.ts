/**
 * Calendar fields of instants in a zone, fast enough for 100,000 trades per filter change.
 *
 * Formatting each instant with Intl costs about a microsecond; the zone's UTC offset changes only
 * a couple of times a year. So the offset is looked up once per UTC day (at its first and last
 * millisecond): when both agree, the whole day has that offset; a day with a change in it is
 * looked up per UTC hour the same way, and an hour with a change in it per instant. No day is
 * assumed to hold two changes that cancel out (no zone has them). Caches live per zone for the
 * life of the worker, so a filter change pays only for days it has not seen.
 */
import { tzOffset } from '@date-fns/tz';
import { isValidZone } from '../time/zone';

const MINUTE = 60_000;
const HOUR = 3_600_000;
export const DAY = 86_400_000;

const clocks = new Map<string, LocalClock>();

/**
 * The clock of a zone: local time of instants as "local epoch ms" (the instant shifted by the
 * zone's offset, so that UTC calendar arithmetic on it gives the zone's wall time). One clock per
 * zone, kept with its caches.
 * @throws RangeError when the zone is not an IANA zone this runtime knows.
 * @example localClock('America/New_York').day(Date.UTC(2025, 0, 2, 3)) // 20089 (1 Jan 2025, 22:00 there)
 */
export function localClock(zone: string): LocalClock {
	let clock = clocks.get(zone);
	if (!clock) {
		if (!isValidZone(zone)) throw new RangeError(`"${zone}" is not a time zone`);
		clock = new LocalClock(zone);
		clocks.set(zone, clock);
	}
	return clock;
}

export class LocalClock {
	readonly #zone: string;
	/** Offsets in ms by UTC day, then by UTC hour; NaN marks a day or hour with a change inside. */
	readonly #days = new Map<number, number>();
	readonly #hours = new Map<number, number>();
	/** The last steady day looked up: trades in close order mostly share a day with the one before. */
	#lastDay = NaN;
	#lastOffset = 0;

	constructor(zone: string) {
		this.#zone = zone;
	}

	/** Local epoch ms of an instant (epoch ms, UTC). */
	local(instant: number): number {
		return instant + this.#offset(instant);
	}

	/** Local calendar day of an instant, as days since 1970-01-01. */
	day(instant: number): number {
		return Math.floor(this.local(instant) / DAY);
	}

	/** Local hour of the day, 0-23. */
	hour(instant: number): number {
		const local = this.local(instant);
		return Math.floor((local - Math.floor(local / DAY) * DAY) / HOUR);
	}

	#offset(instant: number): number {
		const day = Math.floor(instant / DAY);
		if (day === this.#lastDay) return this.#lastOffset;
		let offset = this.#days.get(day);
		if (offset === undefined) {
			offset = this.#steady(day * DAY, DAY);
			this.#days.set(day, offset);
		}
		if (!Number.isNaN(offset)) {
			this.#lastDay = day;
			this.#lastOffset = offset;
			return offset;
		}
		const hour = Math.floor(instant / HOUR);
		offset = this.#hours.get(hour);
		if (offset === undefined) {
			offset = this.#steady(hour * HOUR, HOUR);
			this.#hours.set(hour, offset);
		}
		return Number.isNaN(offset) ? this.#at(instant) : offset;
	}

	/** The offset over [start, start + span) if it is one offset throughout, else NaN. */
	#steady(start: number, span: number): number {
		const first = this.#at(start);
		return first === this.#at(start + span - 1) ? first : NaN;
	}

	#at(instant: number): number {
		return Math.round(tzOffset(this.#zone, new Date(instant)) * MINUTE);
	}
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dayText(day: number): string {
	return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO day of the week of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(day: number): number {
	return ((((day + 3) % 7) + 7) % 7) + 1;
}
