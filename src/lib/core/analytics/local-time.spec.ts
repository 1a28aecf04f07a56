import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayText, isoWeekday, localClock } from './local-time';
import { dayKey } from '../trades/query';

/** Zones with every kind of change: whole hours, half an hour (Lord Howe), at midnight (Santiago), a skipped day (Apia, 2011), +5:45. */
const ZONES = [
	'America/New_York',
	'Europe/London',
	'Australia/Lord_Howe',
	'America/Santiago',
	'Pacific/Apia',
	'Asia/Kathmandu',
	'UTC'
];

const formats = new Map<string, Intl.DateTimeFormat>();
/** The wall time of an instant in a zone by Intl, as "local epoch ms" to the minute. */
function intlLocal(instant: number, zone: string): number {
	let f = formats.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			hourCycle: 'h23'
		});
		formats.set(zone, f);
	}
	const part = (type: string) => Number(f.formatToParts(instant).find((p) => p.type === type)!.value);
	return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

const intlHour = (instant: number, zone: string) => new Date(intlLocal(instant, zone)).getUTCHours();

describe('localClock', () => {
	it("gives the same day and hour as Intl's time zone data, anywhere in time", () => {
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2035, 0, 1) }),
				fc.constantFrom(...ZONES),
				(instant, zone) => {
					const clock = localClock(zone);
					expect(dayText(clock.day(instant))).toBe(dayKey(instant, zone));
					expect(clock.hour(instant)).toBe(intlHour(instant, zone));
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('is right minute by minute across the changes', () => {
		const days = [
			['America/New_York', Date.UTC(2025, 2, 9)],
			['America/New_York', Date.UTC(2025, 10, 2)],
			['Australia/Lord_Howe', Date.UTC(2025, 3, 5, 12)],
			// Daylight time starts at 02:00 at +10:30, which is 15:30 UTC: in the middle of a UTC hour.
			['Australia/Lord_Howe', Date.UTC(2025, 9, 4)],
			['America/Santiago', Date.UTC(2025, 3, 5, 12)],
			['Pacific/Apia', Date.UTC(2011, 11, 29, 12)]
		] as const;
		for (const [zone, start] of days) {
			const clock = localClock(zone);
			for (let t = start; t < start + 36 * 3_600_000; t += 5 * 60_000) {
				expect(dayText(clock.day(t))).toBe(dayKey(t, zone));
				expect(clock.hour(t)).toBe(intlHour(t, zone));
				expect(clock.local(t)).toBe(intlLocal(t, zone));
			}
		}
	});

	it('refuses a zone it does not know', () => {
		expect(() => localClock('Atlantis/Capital')).toThrow(RangeError);
	});

	it('numbers weekdays from Monday', () => {
		expect(isoWeekday(0)).toBe(4); // 1 January 1970, a Thursday
		expect(isoWeekday(-1)).toBe(3);
		expect(localClock('America/New_York').day(Date.UTC(2025, 0, 2, 3))).toBe(20089);
		expect(dayText(20089)).toBe('2025-01-01');
		expect(isoWeekday(20089)).toBe(3); // a Wednesday
	});
});
