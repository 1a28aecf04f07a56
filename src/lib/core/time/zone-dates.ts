/**
 * Calendar dates of instants in one time zone, for code that asks at every bar or order: the
 * date found for an instant is reused for every later instant surely on the same wall-clock
 * day, so the zone is consulted about once a day instead of at every call.
 */
import { instantToWallTime, type WallTime } from './zone';

const HOUR_MS = 3_600_000;
const MARGIN_MS = 3 * HOUR_MS;
const DAY_MS = 24 * HOUR_MS;

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
		const sinceMidnight = ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
		// The wall clock may jump within the day (an hour for daylight saving, two at most anywhere today): a margin of three at both ends.
		this.#from = Math.min(time, time - sinceMidnight + MARGIN_MS);
		this.#until = time + DAY_MS - sinceMidnight - MARGIN_MS;
		return this.#date;
	}
}
