import { describe, expect, it } from 'vitest';
import { barTime, dayIn, formatBytes, formatDuration } from './format';

describe('formatBytes', () => {
	it('uses powers of 1024 and one decimal under 100', () => {
		expect(formatBytes(0)).toBe('0 B');
		expect(formatBytes(1023)).toBe('1023 B');
		expect(formatBytes(1536)).toBe('1.5 KB');
		expect(formatBytes(300 * 1024 ** 3)).toBe('300 GB');
	});

	it('shows a dash for figures that are not sizes', () => {
		expect(formatBytes(Number.NaN)).toBe('—');
		expect(formatBytes(-1)).toBe('—');
	});
});

describe('formatDuration', () => {
	it('says seconds, minutes and hours', () => {
		expect(formatDuration(0)).toBe('0 s');
		expect(formatDuration(45_400)).toBe('45 s');
		expect(formatDuration(185_000)).toBe('3 min 5 s');
		expect(formatDuration(3_720_000)).toBe('1 h 2 min');
	});
});

describe('one display zone', () => {
	const HOUR = 3_600_000;
	const DAY = 24 * HOUR;
	// 2025-10-14 02:30 UTC: still the 13th in New York, the 14th in Berlin and Tokyo.
	const late = Date.UTC(2025, 9, 14, 2, 30, 15);

	it('writes an intraday bar on the clock of the zone it is given, as every page does', () => {
		expect(barTime(late, 5 * 60_000, 'America/New_York')).toBe('2025-10-13 22:30:15');
		expect(barTime(late, HOUR, 'Europe/Berlin')).toBe('2025-10-14 04:30:15');
		expect(barTime(late, HOUR, 'UTC')).toBe('2025-10-14 02:30:15');
	});

	it("writes a daily bar by its own date in any zone (a file's midnight, exchange's or UTC)", () => {
		const nyMidnight = Date.UTC(2025, 9, 13, 4);
		for (const zone of ['America/New_York', 'Asia/Tokyo', 'Pacific/Honolulu', 'UTC']) {
			expect(barTime(nyMidnight, DAY, zone)).toBe('2025-10-13');
			expect(barTime(Date.UTC(2025, 9, 13), 7 * DAY, zone)).toBe('2025-10-13');
		}
	});

	it('names the day of an instant in the zone given, not in UTC', () => {
		expect(dayIn(late, 'America/New_York')).toBe('2025-10-13');
		expect(dayIn(late, 'Asia/Tokyo')).toBe('2025-10-14');
		expect(dayIn(Number.NaN, 'UTC')).toBe('—');
	});
});
