import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	describeTiming,
	dueSlot,
	latestSlot,
	nextSlot,
	RUN_GRACE_MS,
	timingProblem,
	type ScheduleTiming
} from './schedule';

/** New York wall time in December 2026 (EST, UTC−5). */
const ny = (day: number, hh: number, mm: number) => Date.UTC(2026, 11, day, hh + 5, mm);
const close: ScheduleTiming = {
	kind: 'daily',
	time: '15:55',
	zone: 'America/New_York',
	tradingDaysOnly: true
};

describe('scan schedules', () => {
	it('puts every-N-minute slots on the clock', () => {
		const five: ScheduleTiming = { kind: 'every', minutes: 5 };
		expect(latestSlot(five, ny(7, 10, 37) + 12_000)).toBe(ny(7, 10, 35));
		expect(nextSlot(five, ny(7, 10, 35))).toBe(ny(7, 10, 40));
		expect(describeTiming(five)).toBe('every 5 min');
	});

	it('runs a daily slot at its wall time on trading days, skipping weekends and holidays', () => {
		// Friday 2026-12-04 15:55 → the next is Monday the 7th.
		expect(nextSlot(close, ny(4, 15, 55))).toBe(ny(7, 15, 55));
		expect(latestSlot(close, ny(6, 12, 0))).toBe(ny(4, 15, 55));
		// Christmas (Friday 25th, a market holiday): from Thursday's slot to Monday the 28th.
		expect(nextSlot(close, ny(24, 15, 55))).toBe(ny(28, 15, 55));
		// Every day includes the weekend.
		expect(nextSlot({ ...close, tradingDaysOnly: false }, ny(4, 15, 55))).toBe(ny(5, 15, 55));
		expect(describeTiming(close)).toBe('at 15:55 America/New_York on trading days');
	});

	it('keeps the wall time across a daylight-saving change', () => {
		// 2026-03-06 (EST, UTC−5) → Monday 2026-03-09 (EDT, UTC−4).
		const friday = Date.UTC(2026, 2, 6, 20, 55);
		expect(nextSlot(close, friday)).toBe(Date.UTC(2026, 2, 9, 19, 55));
	});

	it('runs the latest slot within the grace, reports an older one missed, and never the same slot twice', () => {
		const created = ny(7, 9, 0);
		expect(dueSlot(close, null, created, ny(7, 15, 56))).toEqual({ kind: 'run', slot: ny(7, 15, 55) });
		expect(dueSlot(close, ny(7, 15, 55), created, ny(7, 15, 58))).toBeNull();
		expect(dueSlot(close, null, created, ny(7, 18, 0))).toEqual({ kind: 'missed', slot: ny(7, 15, 55) });
		// Nothing before the schedule existed.
		expect(dueSlot(close, null, ny(7, 16, 0), ny(7, 16, 1))).toBeNull();
	});

	it('never runs a slot twice nor one from the future (any clock, any every-N)', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 240 }),
				fc.integer({ min: 0, max: 4e12 }),
				fc.integer({ min: 0, max: 3 * 3600_000 }),
				(minutes, t, later) => {
					const timing: ScheduleTiming = { kind: 'every', minutes };
					const first = dueSlot(timing, null, 0, t);
					if (first === null) return;
					expect(first.slot).toBeLessThanOrEqual(t);
					const again = dueSlot(timing, first.slot, 0, t + later);
					if (again) expect(again.slot).toBeGreaterThan(first.slot);
					if (first.kind === 'run') expect(t - first.slot).toBeLessThanOrEqual(RUN_GRACE_MS);
				}
			)
		);
	});

	it('says what is wrong with a timing', () => {
		expect(timingProblem({ kind: 'every', minutes: 0 })).toBe(
			'every must be a whole number of minutes from 1 to 1440, is 0'
		);
		expect(timingProblem({ ...close, time: '25:00' })).toBe('the time must be HH:MM (00:00–23:59), is 25:00');
		expect(timingProblem({ ...close, zone: 'Mars/Base' })).toBe(
			'Mars/Base is not a time zone Fillbook knows'
		);
		expect(timingProblem(close)).toBeNull();
	});
});
