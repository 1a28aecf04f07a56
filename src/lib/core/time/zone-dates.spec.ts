import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantToWallTime } from './zone';
import { ZoneDates } from './zone-dates';

const format = (w: { year: number; month: number; day: number }) => `${w.year}-${w.month}-${w.day}`;
const HOUR = 3_600_000;

describe('ZoneDates', () => {
	it('gives the date the zone gives at every instant, asked in time order across clock changes and midnights', () => {
		// From a week before the 2025 March change to after the November one, in zones whose clocks
		// change at 02:00, at midnight (Santiago, Havana) and never (UTC, Kolkata).
		const zones = [
			'America/New_York',
			'Europe/London',
			'America/Santiago',
			'America/Havana',
			'UTC',
			'Asia/Kolkata'
		];
		fc.assert(
			fc.property(
				fc.constantFrom(...zones),
				fc.integer({ min: Date.UTC(2025, 2, 1), max: Date.UTC(2025, 10, 10) }),
				fc.array(fc.integer({ min: 0, max: 5 * HOUR }), { minLength: 1, maxLength: 200 }),
				(zone, start, steps) => {
					const dates = new ZoneDates(zone, format);
					let time = start;
					for (const step of steps) {
						time += step;
						expect(dates.dateOf(time)).toBe(format(instantToWallTime(time, zone)));
					}
				}
			),
			{ numRuns: 300 }
		);
	});

	it('knows the New York day ends at midnight on the days the clocks change', () => {
		const dates = new ZoneDates('America/New_York', format);
		// 2025-03-09: 23 hours long; 23:59:59.999 EDT and 00:00 EDT the next day.
		expect(dates.dateOf(Date.UTC(2025, 2, 9, 5, 30))).toBe('2025-3-9');
		expect(dates.dateOf(Date.UTC(2025, 2, 10, 3, 59, 59, 999))).toBe('2025-3-9');
		expect(dates.dateOf(Date.UTC(2025, 2, 10, 4))).toBe('2025-3-10');
		// 2025-11-02: 25 hours long.
		expect(dates.dateOf(Date.UTC(2025, 10, 2, 4))).toBe('2025-11-2');
		expect(dates.dateOf(Date.UTC(2025, 10, 3, 4, 59, 59, 999))).toBe('2025-11-2');
		expect(dates.dateOf(Date.UTC(2025, 10, 3, 5))).toBe('2025-11-3');
	});
});
