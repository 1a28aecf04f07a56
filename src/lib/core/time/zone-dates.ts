/**
 * Calendar dates of instants in one time zone, for code that asks at every bar or order: the
 * date found for an instant is reused for every instant of the same wall-clock day (from its
 * midnight to the next), so the zone is consulted about once a day instead of at every call.
 */
import { instantToWallTime, wallTimeToInstant, type WallTime } from './zone';

const HOUR_MS = 3_600_000;
/** Clocks jump an hour for daylight saving, two at most anywhere today: three is safe. */
const MARGIN_MS = 3 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * `YYYY-MM-DD` of a wall time, as `Date.toISOString` writes a UTC date.
 * @example isoDate({ year: 2025, month: 3, day: 9, hour: 0, minute: 0, second: 0, millisecond: 0 }) // '2025-03-09'
 */
export const isoDate = (w: WallTime): string =>
	`${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;

/**
 * @example const dates = new ZoneDates('America/New_York', (w) => `${w.year}-${w.month}-${w.day}`); dates.dateOf(Date.UTC(2025, 2, 3, 15))
 */
export class ZoneDates {
	readonly #zone: string;
	readonly #format: (wall: WallTime) => string;
	/** Instants in [#from, #until) are surely on #date's wall-clock day. */
	#from = Infinity;
	#until = -Infinity;
	#date = '';

	constructor(zone: string, format: (wall: WallTime) => string) {
		this.#zone = zone;
		this.#format = format;
	}

	/** The date of `time` in the zone, as `format` writes it. */
	dateOf(time: number): string {
		if (time >= this.#from && time < this.#until) return this.#date;
		const wall = instantToWallTime(time, this.#zone);
		this.#date = this.#format(wall);
		// The day runs from its midnight to the next; when either does not exist or happens twice
		// (a clock change at midnight), only what is surely the same day, a margin from each end.
		const midnight = (year: number, month: number, day: number) =>
			wallTimeToInstant({ year, month, day, hour: 0, minute: 0, second: 0, millisecond: 0 }, this.#zone);
		const next = new Date(Date.UTC(wall.year, wall.month - 1, wall.day + 1));
		const start = midnight(wall.year, wall.month, wall.day);
		const end = midnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
		if (start.ok && end.ok && start.value <= time && time < end.value) {
			this.#from = start.value;
			this.#until = end.value;
		} else {
			const sinceMidnight = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
			this.#from = Math.min(time, time - sinceMidnight + MARGIN_MS);
			this.#until = time + DAY_MS - sinceMidnight - MARGIN_MS;
		}
		return this.#date;
	}
}
