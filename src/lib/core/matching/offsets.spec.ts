import { describe, expect, it } from 'vitest';
import { DEFAULT_MATCH_SETTINGS, type OffsetFinding } from './types';
import {
	applySuggestion,
	dayRanges,
	describeSuggestion,
	formatOffset,
	journalDayOf,
	offsetSuggestion
} from './offsets';

const DAYS = [
	'2025-10-13',
	'2025-10-14',
	'2025-10-15',
	'2025-10-16',
	'2025-10-17',
	'2025-10-20',
	'2025-10-31',
	'2025-11-03'
];

/** A finding with the import's majority at 3 h and these days' own detections. */
function finding(
	own: Record<string, number | null>,
	applied = 0,
	dayApplied: Record<string, number> = {}
): OffsetFinding {
	return {
		importId: 'tv',
		applied,
		detected: 3,
		support: 20,
		appliedSupport: 0,
		of: 30,
		days: DAYS.map((day) => ({
			day,
			applied: dayApplied[day] ?? applied,
			detected: day in own ? own[day]! : 3,
			support: 3,
			of: 3
		}))
	};
}

describe('offset suggestions', () => {
	it('names the days that disagree with the majority, in runs of trading days', () => {
		const f = finding({
			'2025-10-16': 0,
			'2025-10-17': 0,
			'2025-10-20': 0,
			'2025-10-31': 2.5,
			'2025-11-03': 2.5
		});
		const s = offsetSuggestion(f)!;
		expect(s.days).toEqual({
			'2025-10-16': 0,
			'2025-10-17': 0,
			'2025-10-20': 0,
			'2025-10-31': 2.5,
			'2025-11-03': 2.5
		});
		// Oct 17 (Friday) and Oct 20 (Monday) are next to each other among the trading days.
		expect(describeSuggestion(s, f)).toBe('Oct 16–20 look +0 h; Oct 31–Nov 3 look +2.5 h, the rest +3 h');
		expect(describeSuggestion(offsetSuggestion(finding({}))!, finding({}))).toBe('all days look +3 h');
	});

	it('is null when nothing would change or nothing stands out; a day without a finding follows the import', () => {
		expect(offsetSuggestion(finding({}, 3))).toBeNull();
		expect(offsetSuggestion(finding({ '2025-10-16': 0 }, 3, { '2025-10-16': 0 }))).toBeNull();
		expect(offsetSuggestion(finding({ '2025-10-16': null }, 3))).toBeNull();
		expect(offsetSuggestion({ ...finding({}), detected: null })).toBeNull();
		// A day set by hand that detection no longer backs goes back to the import's hours.
		expect(offsetSuggestion(finding({}, 3, { '2025-10-16': 0 }))).toMatchObject({ hours: 3, days: {} });
	});

	it('applies to the settings: the import’s hours, its days replaced, other imports kept', () => {
		const settings = {
			...DEFAULT_MATCH_SETTINGS,
			offsetHours: { other: 1 },
			dayOffsetHours: { other: { '2025-10-13': 2 }, tv: { '2025-10-14': 5 } }
		};
		const s = offsetSuggestion(finding({ '2025-10-16': 0 }))!;
		expect(applySuggestion(settings, s)).toEqual({
			...settings,
			offsetHours: { other: 1, tv: 3 },
			dayOffsetHours: { other: { '2025-10-13': 2 }, tv: { '2025-10-16': 0 } }
		});
		const none = applySuggestion(settings, offsetSuggestion(finding({}))!);
		expect(none.dayOffsetHours).toEqual({ other: { '2025-10-13': 2 } });
	});

	it('writes hours signed, and days as ranges and single days', () => {
		expect([3, 0, -2.5, 5.5].map(formatOffset)).toEqual(['+3 h', '+0 h', '−2.5 h', '+5.5 h']);
		expect(dayRanges(['2025-10-13', '2025-10-15'], DAYS)).toBe('Oct 13, Oct 15');
		expect(dayRanges(['2025-10-31', '2025-11-03'], DAYS)).toBe('Oct 31–Nov 3');
	});

	it('dates a journal trade on its own clock', () => {
		// 02:30 UTC on Oct 16 is still Oct 15 in New York.
		expect(journalDayOf(Date.UTC(2025, 9, 16, 2, 30), 'America/New_York')).toBe('2025-10-15');
		expect(journalDayOf(Date.UTC(2025, 9, 16, 2, 30), 'UTC')).toBe('2025-10-16');
	});
});
