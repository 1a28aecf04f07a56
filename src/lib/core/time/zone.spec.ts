import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	formatInstant,
	instantToWallTime,
	isValidZone,
	wallTimeAsUtc,
	wallTimeToInstant,
	type WallTime
} from './zone';

const wall = (s: string): WallTime => {
	const [d, t] = s.split(' ');
	const [year, month, day] = d!.split('-').map(Number);
	const [hour, minute, second] = t!.split(':').map(Number);
	return {
		year: year!,
		month: month!,
		day: day!,
		hour: hour!,
		minute: minute!,
		second: second!,
		millisecond: 0
	};
};

describe('wallTimeAsUtc', () => {
	it('reads the wall time on the UTC clock, and round-trips through instantToWallTime in UTC', () => {
		expect(wallTimeAsUtc(wall('2025-10-13 09:30:00'))).toBe(Date.UTC(2025, 9, 13, 9, 30));
		expect(instantToWallTime(wallTimeAsUtc(wall('2024-02-29 23:59:59')), 'UTC')).toEqual(
			wall('2024-02-29 23:59:59')
		);
	});
});

describe('wallTimeToInstant', () => {
	it('converts New York wall time in summer (EDT) and winter (EST)', () => {
		expect(wallTimeToInstant(wall('2025-10-13 09:30:00'), 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2025, 9, 13, 13, 30)
		});
		expect(wallTimeToInstant(wall('2025-12-01 09:30:00'), 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2025, 11, 1, 14, 30)
		});
	});

	it('converts around the switch days correctly', () => {
		// 2025-03-09: clocks jump 02:00 -> 03:00 in New York.
		expect(wallTimeToInstant(wall('2025-03-09 01:59:59'), 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2025, 2, 9, 6, 59, 59)
		});
		expect(wallTimeToInstant(wall('2025-03-09 03:00:00'), 'America/New_York')).toEqual({
			ok: true,
			value: Date.UTC(2025, 2, 9, 7, 0, 0)
		});
	});

	it('refuses a wall time the clocks skipped', () => {
		const result = wallTimeToInstant(wall('2025-03-09 02:30:00'), 'America/New_York');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toContain('does not exist');
	});

	it('refuses a wall time that happens twice', () => {
		const result = wallTimeToInstant(wall('2025-11-02 01:30:00'), 'America/New_York');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reason).toContain('happens twice');
	});

	it('refuses impossible dates instead of rolling them over', () => {
		expect(wallTimeToInstant(wall('2025-02-30 10:00:00'), 'UTC').ok).toBe(false);
		expect(wallTimeToInstant(wall('2025-01-01 24:00:00'), 'UTC').ok).toBe(false);
	});

	it('round-trips with instantToWallTime wherever the wall time is unique', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
				fc.constantFrom('America/New_York', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'UTC'),
				(instant, zone) => {
					const second = Math.floor(instant / 1000) * 1000;
					const back = wallTimeToInstant(instantToWallTime(second, zone), zone);
					// Either the same instant, or refused as ambiguous (the repeated hour).
					expect(back.ok ? back.value : 'ambiguous').toBe(back.ok ? second : 'ambiguous');
					if (!back.ok) expect(back.reason).toContain('twice');
				}
			)
		);
	});
});

describe('helpers', () => {
	it('knows valid zones', () => {
		expect(isValidZone('America/New_York')).toBe(true);
		expect(isValidZone('Mars/Olympus')).toBe(false);
	});

	it('formats an instant in a zone', () => {
		expect(formatInstant(Date.UTC(2025, 9, 13, 13, 30), 'America/New_York')).toBe('2025-10-13 09:30:00');
	});
});
