import { describe, expect, it } from 'vitest';
import { businessDayWindow, isBusinessDay, tradingDate, US_MARKET_HOLIDAYS } from './calendar';

describe('tradingDate', () => {
	it('is the New York calendar date, across midnight UTC and daylight saving', () => {
		expect(tradingDate(Date.UTC(2026, 0, 6, 3))).toBe('2026-01-05'); // 22:00 EST
		expect(tradingDate(Date.UTC(2026, 0, 6, 5))).toBe('2026-01-06'); // 00:00 EST
		expect(tradingDate(Date.UTC(2026, 6, 7, 3, 59))).toBe('2026-07-06'); // 23:59 EDT
		expect(tradingDate(Date.UTC(2026, 6, 7, 4))).toBe('2026-07-07'); // 00:00 EDT
	});
});

describe('business days', () => {
	it('are weekdays that are not market holidays', () => {
		expect(isBusinessDay('2026-11-20')).toBe(true); // Friday
		expect(isBusinessDay('2026-11-21')).toBe(false); // Saturday
		expect(isBusinessDay('2026-11-22')).toBe(false); // Sunday
		expect(isBusinessDay('2026-11-26')).toBe(false); // Thanksgiving
		expect(isBusinessDay('2026-11-26', [])).toBe(true);
	});
	it('windows reach back over weekends and holidays', () => {
		// Monday 23 Nov 2026: Mon, Fri, Thu, Wed, Tue are the five business days.
		expect([...businessDayWindow('2026-11-23', 5)].sort()).toEqual([
			'2026-11-17',
			'2026-11-18',
			'2026-11-19',
			'2026-11-20',
			'2026-11-21',
			'2026-11-22',
			'2026-11-23'
		]);
		// Monday 30 Nov 2026: Mon 30, Fri 27, Wed 25, Tue 24 and, with Thanksgiving (Thu 26)
		// skipped, Mon 23 is the fifth; without the holiday list Tue 24 would be.
		const afterThanksgiving = businessDayWindow('2026-11-30', 5);
		expect(afterThanksgiving.has('2026-11-23')).toBe(true);
		expect(afterThanksgiving.has('2026-11-20')).toBe(false);
		expect(businessDayWindow('2026-11-30', 5, []).has('2026-11-23')).toBe(false);
		// On a Sunday the window is the Sunday and the five weekdays before it.
		const sunday = [...businessDayWindow('2026-11-22', 5)].sort();
		expect(sunday[0]).toBe('2026-11-16');
		expect(sunday).toHaveLength(7);
	});
});

describe('US_MARKET_HOLIDAYS', () => {
	it('are the NYSE’s published full-day closures of 2025–2027, from the one calendar', () => {
		expect(US_MARKET_HOLIDAYS).toEqual([
			'2025-01-01',
			'2025-01-09',
			'2025-01-20',
			'2025-02-17',
			'2025-04-18',
			'2025-05-26',
			'2025-06-19',
			'2025-07-04',
			'2025-09-01',
			'2025-11-27',
			'2025-12-25',
			'2026-01-01',
			'2026-01-19',
			'2026-02-16',
			'2026-04-03',
			'2026-05-25',
			'2026-06-19',
			'2026-07-03',
			'2026-09-07',
			'2026-11-26',
			'2026-12-25',
			'2027-01-01',
			'2027-01-18',
			'2027-02-15',
			'2027-03-26',
			'2027-05-31',
			'2027-06-18',
			'2027-07-05',
			'2027-09-06',
			'2027-11-25',
			'2027-12-24'
		]);
	});
});
