import { describe, expect, it } from 'vitest';
import { easterSunday, NYSE_CALENDAR, nyseEarlyCloses, nyseHolidays } from './calendar';

const dates = (list: { date: string }[]) => list.map((d) => d.date);

describe('the NYSE calendar, by rule', () => {
	it('gives the holidays the NYSE published for 2024–2027', () => {
		expect(dates(nyseHolidays(2024))).toEqual([
			'2024-01-01',
			'2024-01-15',
			'2024-02-19',
			'2024-03-29',
			'2024-05-27',
			'2024-06-19',
			'2024-07-04',
			'2024-09-02',
			'2024-11-28',
			'2024-12-25'
		]);
		expect(dates(nyseHolidays(2025))).toEqual([
			'2025-01-01',
			'2025-01-20',
			'2025-02-17',
			'2025-04-18',
			'2025-05-26',
			'2025-06-19',
			'2025-07-04',
			'2025-09-01',
			'2025-11-27',
			'2025-12-25'
		]);
		expect(dates(nyseHolidays(2026))).toEqual([
			'2026-01-01',
			'2026-01-19',
			'2026-02-16',
			'2026-04-03',
			'2026-05-25',
			'2026-06-19',
			'2026-07-03',
			'2026-09-07',
			'2026-11-26',
			'2026-12-25'
		]);
		expect(dates(nyseHolidays(2027))).toEqual([
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

	it('gives the early closes the NYSE published for 2024–2027', () => {
		expect(dates(nyseEarlyCloses(2024))).toEqual(['2024-07-03', '2024-11-29', '2024-12-24']);
		expect(dates(nyseEarlyCloses(2025))).toEqual(['2025-07-03', '2025-11-28', '2025-12-24']);
		// 2026: July 3 is the observed Independence Day, so no early close before it.
		expect(dates(nyseEarlyCloses(2026))).toEqual(['2026-11-27', '2026-12-24']);
		// 2027: July 3 is a Saturday and December 24 the observed Christmas.
		expect(dates(nyseEarlyCloses(2027))).toEqual(['2027-11-26']);
	});

	it('keeps New Year’s Day on a Saturday off the Friday before, and moves a Sunday’s to Monday', () => {
		expect(dates(nyseHolidays(2022))[0]).toBe('2022-01-17'); // 2022-01-01 Saturday: no holiday for it
		expect(NYSE_CALENDAR.day('2021-12-31')).toBeNull();
		expect(dates(nyseHolidays(2023))[0]).toBe('2023-01-02'); // 2023-01-01 Sunday
		expect(dates(nyseHolidays(2021))).not.toContain('2021-06-18'); // Juneteenth only from 2022
	});

	it('answers for a day: holiday, early close with its hours, special closure, or nothing', () => {
		expect(NYSE_CALENDAR.day('2025-07-04')).toEqual({ kind: 'holiday', name: 'Independence Day' });
		expect(NYSE_CALENDAR.day('2025-11-28')).toEqual({
			kind: 'early-close',
			name: 'Day after Thanksgiving',
			close: 780,
			extendedClose: 1020
		});
		expect(NYSE_CALENDAR.day('2025-01-09')).toEqual({
			kind: 'holiday',
			name: 'National Day of Mourning (Jimmy Carter)'
		});
		expect(NYSE_CALENDAR.day('2025-03-10')).toBeNull();
		expect(() => NYSE_CALENDAR.day('2025-3-10')).toThrow(RangeError);
	});

	it('finds Easter Sunday', () => {
		const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
		expect([2024, 2025, 2026, 2027, 2038].map((y) => iso(easterSunday(y)))).toEqual([
			'2024-03-31',
			'2025-04-20',
			'2026-04-05',
			'2027-03-28',
			'2038-04-25'
		]);
	});
});
