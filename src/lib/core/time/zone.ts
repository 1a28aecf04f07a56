import { tzOffset } from '@date-fns/tz';

/** A wall-clock time as a file writes it, without a zone. Month is 1-12. */
export interface WallTime {
	year: number;
	month: number;
	day: number;
	hour: number;
	minute: number;
	second: number;
	millisecond: number;
}

export type InstantResult = { ok: true; value: number } | { ok: false; reason: string };

const HOUR = 3_600_000;
const offsetCache = new Map<string, number>();

/** UTC offset in minutes of `zone` at `instant`, cached per zone and UTC hour. */
function offsetAt(zone: string, instant: number): number {
	const key = `${zone}|${Math.floor(instant / HOUR)}`;
	let offset = offsetCache.get(key);
	if (offset === undefined) {
		offset = tzOffset(zone, new Date(instant));
		if (offsetCache.size > 200_000) offsetCache.clear();
		offsetCache.set(key, offset);
	}
	return offset;
}

/**
 * Whether `zone` is an IANA time zone name this runtime knows.
 * @example isValidZone('America/New_York') // true
 */
export function isValidZone(zone: string): boolean {
	if (knownZones.has(zone)) return true;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
		knownZones.add(zone);
		return true;
	} catch {
		return false;
	}
}

const knownZones = new Set<string>();

/**
 * The instant (epoch ms) at which UTC clocks show a wall time: the wall time read as UTC, the
 * start for any offset (`asUtc - offset`). Not checked: Feb 30 rolls over to March.
 * @example wallAsUtc({ year: 2025, month: 1, day: 2, hour: 3, minute: 0, second: 0, millisecond: 0 }) // Date.UTC(2025, 0, 2, 3)
 */
export function wallAsUtc(wall: WallTime): number {
	return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.millisecond);
}

/**
 * Converts a wall time in an IANA zone to an instant (epoch ms, UTC), using the runtime's time
 * zone database (through @date-fns/tz). A wall time that does not exist (skipped by a
 * daylight-saving change) or that exists twice (repeated by one) is an error, never a guess.
 * @example wallTimeToInstant({ year: 2025, month: 10, day: 13, hour: 9, minute: 30, second: 0, millisecond: 0 }, 'America/New_York')
 * // { ok: true, value: 1760362200000 }  (13:30 UTC)
 */
export function wallTimeToInstant(wall: WallTime, zone: string): InstantResult {
	if (!isValidZone(zone)) return { ok: false, reason: `"${zone}" is not a time zone` };
	const asUtc = wallAsUtc(wall);
	const check = new Date(asUtc);
	if (
		!Number.isFinite(asUtc) ||
		check.getUTCFullYear() !== wall.year ||
		check.getUTCMonth() !== wall.month - 1 ||
		check.getUTCDate() !== wall.day ||
		wall.hour > 23 ||
		wall.minute > 59 ||
		wall.second > 59
	) {
		return { ok: false, reason: `not a valid date or time: ${formatWall(wall)}` };
	}
	// Fast path: most wall-clock hours map to instants with one offset throughout. Such an
	// hour's offset is cached, so a million executions cost a million map lookups.
	const hourKey = `${zone}|${Math.floor(asUtc / HOUR)}`;
	const hourOffset = regularHours.get(hourKey);
	if (hourOffset !== undefined) return { ok: true, value: asUtc - hourOffset * 60_000 };
	const result = exactInstant(asUtc, zone, wall);
	if (!regularHours.has(hourKey)) {
		if (regularHours.size > 100_000) regularHours.clear();
		const start = Math.floor(asUtc / HOUR) * HOUR;
		const first = exactInstant(start, zone, wall);
		const last = exactInstant(start + HOUR - 1, zone, wall);
		if (first.ok && last.ok && first.value - start === last.value - (start + HOUR - 1))
			regularHours.set(hourKey, (start - first.value) / 60_000);
	}
	return result;
}

/** Wall hours (zone|hours since epoch of the wall time read as UTC) known to have one offset. */
const regularHours = new Map<string, number>();

/** The exact conversion: every offset in force around the wall time is tried. */
function exactInstant(asUtc: number, zone: string, wall: WallTime): InstantResult {
	// The offsets in force half a day either side bracket any daylight-saving change.
	const candidates = new Set([offsetAt(zone, asUtc - 12 * HOUR), offsetAt(zone, asUtc + 12 * HOUR)]);
	const instants: number[] = [];
	for (const offset of candidates) {
		const instant = asUtc - offset * 60_000;
		if (offsetAt(zone, instant) === offset) instants.push(instant);
	}
	if (instants.length === 1) return { ok: true, value: instants[0]! };
	if (instants.length === 0)
		return { ok: false, reason: `${formatWall(wall)} does not exist in ${zone} (clocks skipped it)` };
	return {
		ok: false,
		reason: `${formatWall(wall)} happens twice in ${zone} (clocks went back); the instant is ambiguous`
	};
}

/** The wall time of an instant in a zone, for display and for day boundaries. */
export function instantToWallTime(instant: number, zone: string): WallTime {
	const d = new Date(instant + offsetAt(zone, instant) * 60_000);
	return {
		year: d.getUTCFullYear(),
		month: d.getUTCMonth() + 1,
		day: d.getUTCDate(),
		hour: d.getUTCHours(),
		minute: d.getUTCMinutes(),
		second: d.getUTCSeconds(),
		millisecond: d.getUTCMilliseconds()
	};
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DD HH:MM:SS[.mmm]` of a wall time. */
export function formatWall(wall: WallTime): string {
	const base = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
	return wall.millisecond ? `${base}.${pad(wall.millisecond, 3)}` : base;
}

/** `YYYY-MM-DD HH:MM:SS` of an instant in a zone. */
export function formatInstant(instant: number, zone: string): string {
	return formatWall(instantToWallTime(instant, zone));
}
