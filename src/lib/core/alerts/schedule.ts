/**
 * When a scheduled scan runs: every N minutes (on the clock: every 5 minutes is :00, :05, …) or
 * once a day at a wall time in a zone (optionally on trading days only: weekdays that are not US
 * market holidays). Runs happen only while the app is open: a slot that passed while it was closed
 * is reported as missed, never run late (`dueSlot`).
 */
import { isBusinessDay } from '../risk/calendar';
import { instantToWallTime, isValidZone, wallTimeToInstant } from '../time/zone';

export type ScheduleTiming =
	| { kind: 'every'; minutes: number }
	| { kind: 'daily'; time: string; zone: string; tradingDaysOnly: boolean };

const MINUTE = 60_000;
const DAY = 86_400_000;
/** How late a slot may still run (the app was busy or a tab just woke up); older ones are missed. */
export const RUN_GRACE_MS = 5 * MINUTE;

/**
 * What is wrong with a timing, or null.
 * @example timingProblem({ kind: 'daily', time: '25:00', zone: 'America/New_York', tradingDaysOnly: true }) // 'the time must be HH:MM (00:00–23:59), is 25:00'
 */
export function timingProblem(timing: ScheduleTiming): string | null {
	if (timing.kind === 'every') {
		const m = timing.minutes;
		return Number.isInteger(m) && m >= 1 && m <= 1440
			? null
			: `every must be a whole number of minutes from 1 to 1440, is ${m}`;
	}
	if (!parseTime(timing.time)) return `the time must be HH:MM (00:00–23:59), is ${timing.time}`;
	return isValidZone(timing.zone) ? null : `${timing.zone} is not a time zone Fillbook knows`;
}

function parseTime(text: string): { hour: number; minute: number } | null {
	const m = /^(\d{2}):(\d{2})$/.exec(text);
	if (!m) return null;
	const hour = Number(m[1]);
	const minute = Number(m[2]);
	return hour < 24 && minute < 60 ? { hour, minute } : null;
}

/** The timing in words: `every 5 min`, `at 15:55 America/New_York on trading days`. */
export function describeTiming(timing: ScheduleTiming): string {
	if (timing.kind === 'every') return timing.minutes === 1 ? 'every minute' : `every ${timing.minutes} min`;
	return `at ${timing.time} ${timing.zone}${timing.tradingDaysOnly ? ' on trading days' : ' every day'}`;
}

/** A daily timing's slot on the zone's calendar day `offset` days from `at`'s, or null when not allowed. */
function dailySlot(
	timing: Extract<ScheduleTiming, { kind: 'daily' }>,
	at: number,
	offset: number
): number | null {
	const time = parseTime(timing.time)!;
	const wall = instantToWallTime(at, timing.zone);
	const day = instantToWallTime(Date.UTC(wall.year, wall.month - 1, wall.day) + offset * DAY, 'UTC');
	if (timing.tradingDaysOnly && !isBusinessDay(`${day.year}-${pad(day.month)}-${pad(day.day)}`)) return null;
	const slot = wallTimeToInstant(
		{ ...day, hour: time.hour, minute: time.minute, second: 0, millisecond: 0 },
		timing.zone
	);
	return slot.ok ? slot.value : null;
}

/**
 * The latest slot at or before `at`, or null when none in the last two weeks (epoch ms).
 * @example latestSlot({ kind: 'every', minutes: 5 }, Date.UTC(2026, 0, 5, 14, 37)) // Date.UTC(2026, 0, 5, 14, 35)
 */
export function latestSlot(timing: ScheduleTiming, at: number): number | null {
	if (timing.kind === 'every') {
		const step = timing.minutes * MINUTE;
		return Math.floor(at / step) * step;
	}
	for (let offset = 0; offset > -15; offset--) {
		const slot = dailySlot(timing, at, offset);
		if (slot !== null && slot <= at) return slot;
	}
	return null;
}

/** The first slot after `at`, or null when none in the next two weeks. */
export function nextSlot(timing: ScheduleTiming, at: number): number | null {
	if (timing.kind === 'every') return latestSlot(timing, at)! + timing.minutes * MINUTE;
	for (let offset = 0; offset < 15; offset++) {
		const slot = dailySlot(timing, at, offset);
		if (slot !== null && slot > at) return slot;
	}
	return null;
}

/**
 * What to do now: run the latest slot (`run`), record it as missed (the app was closed past it by
 * more than the grace), or nothing (it ran already, or no slot since the schedule was made).
 * @example dueSlot({ kind: 'every', minutes: 5 }, null, t0, t0 + 6 * 60_000) // { kind: 'run', slot: … }
 */
export function dueSlot(
	timing: ScheduleTiming,
	lastSlot: number | null,
	createdAt: number,
	now: number
): { kind: 'run' | 'missed'; slot: number } | null {
	const slot = latestSlot(timing, now);
	if (slot === null || slot <= createdAt || (lastSlot !== null && slot <= lastSlot)) return null;
	return { kind: now - slot <= RUN_GRACE_MS ? 'run' : 'missed', slot };
}

const pad = (n: number) => String(n).padStart(2, '0');
