import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { marketSession, US_EQUITY_SESSION as MARKET_US_EQUITY } from '../time/market-session';
import {
	calendarDay,
	CBOT_GRAINS_SESSION,
	dayOrderEnd,
	nextTradingDay,
	CME_GLOBEX_SESSION,
	CRYPTO_SESSION,
	FX_SESSION,
	isOpen,
	sessionEnd,
	SESSIONS,
	sessionStart,
	sessionWindows,
	tradingDayOf,
	US_EQUITY_SESSION
} from './sessions';

const at = (iso: string) => Date.parse(iso);

describe('tradingDayOf', () => {
	it("puts a Globex trade from 18:00 New York on the next day's trading day, and a weekend's on Monday", () => {
		// 2025-03-09 is a Sunday (New York on daylight time from 02:00 that day: UTC-4).
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-09T23:00:00Z'))).toBe('2025-03-10'); // Sun 19:00
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-09T21:00:00Z'))).toBe('2025-03-10'); // Sun 17:00
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-10T20:59:00Z'))).toBe('2025-03-10'); // Mon 16:59
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-10T21:30:00Z'))).toBe('2025-03-10'); // Mon 17:30
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-10T22:00:00Z'))).toBe('2025-03-11'); // Mon 18:00
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-14T22:30:00Z'))).toBe('2025-03-17'); // Fri 18:30
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-03-15T15:00:00Z'))).toBe('2025-03-17'); // Sat
		// Winter: New York on UTC-5.
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-01-05T23:00:00Z'))).toBe('2025-01-06'); // Sun 18:00
		expect(tradingDayOf(CME_GLOBEX_SESSION, at('2025-01-05T22:59:00Z'))).toBe('2025-01-06'); // Sun 17:59
	});

	it("keeps crypto on the UTC date and equities on New York's", () => {
		expect(tradingDayOf(CRYPTO_SESSION, at('2025-03-09T23:59:59Z'))).toBe('2025-03-09');
		expect(tradingDayOf(CRYPTO_SESSION, at('2025-03-10T00:00:00Z'))).toBe('2025-03-10');
		expect(tradingDayOf(US_EQUITY_SESSION, at('2025-03-10T02:00:00Z'))).toBe('2025-03-09'); // Sun 22:00 NY
		expect(tradingDayOf(US_EQUITY_SESSION, at('2025-03-15T15:00:00Z'))).toBe('2025-03-15'); // Sat
	});

	it('moves CBOT grains and forex to the next day from their evening opens', () => {
		expect(tradingDayOf(CBOT_GRAINS_SESSION, at('2025-03-10T00:00:00Z'))).toBe('2025-03-10'); // Sun 19:00 CT
		expect(tradingDayOf(CBOT_GRAINS_SESSION, at('2025-03-09T23:59:00Z'))).toBe('2025-03-10'); // Sun 18:59 CT: weekend
		expect(tradingDayOf(CBOT_GRAINS_SESSION, at('2025-03-10T23:59:00Z'))).toBe('2025-03-10'); // Mon 18:59 CT
		expect(tradingDayOf(FX_SESSION, at('2025-03-10T21:00:00Z'))).toBe('2025-03-11'); // Mon 17:00 NY
	});
});

describe('isOpen', () => {
	it('opens US equities 09:30–16:00 New York, or 04:00–20:00 with extended hours, on weekdays', () => {
		const open = (iso: string, extended = false) => isOpen(US_EQUITY_SESSION, at(iso), { extended });
		expect(open('2025-03-10T13:29:59Z')).toBe(false);
		expect(open('2025-03-10T13:30:00Z')).toBe(true);
		expect(open('2025-03-10T19:59:59Z')).toBe(true);
		expect(open('2025-03-10T20:00:00Z')).toBe(false);
		expect(open('2025-03-10T20:00:00Z', true)).toBe(true);
		expect(open('2025-03-10T08:00:00Z', true)).toBe(true);
		expect(open('2025-03-10T07:59:00Z', true)).toBe(false);
		expect(open('2025-03-11T00:00:00Z', true)).toBe(false);
		expect(open('2025-03-15T15:00:00Z', true)).toBe(false);
		// Winter: 09:30 New York is 14:30 UTC.
		expect(open('2025-01-06T14:29:00Z')).toBe(false);
		expect(open('2025-01-06T14:30:00Z')).toBe(true);
	});

	it('opens Globex from Sunday 18:00 to Friday 17:00 New York with the daily 17:00–18:00 break', () => {
		const open = (iso: string) => isOpen(CME_GLOBEX_SESSION, at(iso));
		expect(open('2025-03-09T21:59:00Z')).toBe(false); // Sun 17:59
		expect(open('2025-03-09T22:00:00Z')).toBe(true); // Sun 18:00
		expect(open('2025-03-10T20:59:00Z')).toBe(true); // Mon 16:59
		expect(open('2025-03-10T21:00:00Z')).toBe(false); // Mon 17:00
		expect(open('2025-03-10T21:59:00Z')).toBe(false); // Mon 17:59
		expect(open('2025-03-10T22:00:00Z')).toBe(true); // Mon 18:00
		expect(open('2025-03-14T20:59:00Z')).toBe(true); // Fri 16:59
		expect(open('2025-03-14T21:00:00Z')).toBe(false); // Fri 17:00
		expect(open('2025-03-14T23:00:00Z')).toBe(false); // Fri 19:00
		expect(open('2025-03-15T15:00:00Z')).toBe(false); // Sat
	});

	it('keeps crypto always open, and grains closed in their morning break', () => {
		expect(isOpen(CRYPTO_SESSION, at('2025-03-15T03:17:00Z'))).toBe(true);
		expect(isOpen(CBOT_GRAINS_SESSION, at('2025-03-10T12:00:00Z'))).toBe(true); // Mon 07:00 CT
		expect(isOpen(CBOT_GRAINS_SESSION, at('2025-03-10T13:00:00Z'))).toBe(false); // Mon 08:00 CT
		expect(isOpen(CBOT_GRAINS_SESSION, at('2025-03-10T14:00:00Z'))).toBe(true); // Mon 09:00 CT
		expect(isOpen(CBOT_GRAINS_SESSION, at('2025-03-10T18:20:00Z'))).toBe(false); // Mon 13:20 CT
	});

	it("is open exactly inside its trading day's windows", () => {
		const sessions = Object.values(SESSIONS);
		fc.assert(
			fc.property(
				fc.integer({ min: at('2020-01-01T00:00:00Z'), max: at('2030-01-01T00:00:00Z') }),
				fc.constantFrom(...sessions),
				fc.boolean(),
				(t, session, extended) => {
					const day = tradingDayOf(session, t);
					const windows = sessionWindows(session, day, { extended });
					const inside = windows.some((w) => w.start <= t && t < w.end);
					expect(isOpen(session, t, { extended })).toBe(session.continuous || inside);
					if (inside) {
						expect(sessionStart(session, day, { extended })).toBeLessThanOrEqual(t);
						expect(sessionEnd(session, day, { extended })).toBeGreaterThan(t);
					}
				}
			)
		);
	});
});

describe('sessionEnd and sessionStart', () => {
	it("ends a trading day's DAY orders at its close", () => {
		expect(sessionEnd(US_EQUITY_SESSION, '2025-03-10')).toBe(at('2025-03-10T20:00:00Z'));
		expect(sessionEnd(US_EQUITY_SESSION, '2025-03-10', { extended: true })).toBe(at('2025-03-11T00:00:00Z'));
		expect(sessionEnd(US_EQUITY_SESSION, '2025-01-06')).toBe(at('2025-01-06T21:00:00Z'));
		expect(sessionEnd(CME_GLOBEX_SESSION, '2025-03-10')).toBe(at('2025-03-10T21:00:00Z'));
		expect(sessionEnd(CRYPTO_SESSION, '2025-03-10')).toBe(at('2025-03-11T00:00:00Z'));
		expect(sessionEnd(CRYPTO_SESSION, '2025-03-15')).toBe(at('2025-03-16T00:00:00Z'));
		expect(sessionEnd(CBOT_GRAINS_SESSION, '2025-03-10')).toBe(at('2025-03-10T18:20:00Z'));
		expect(sessionEnd(US_EQUITY_SESSION, '2025-03-15')).toBeNull();
	});

	it('starts a Globex day the evening before, across a clock change', () => {
		expect(sessionStart(CME_GLOBEX_SESSION, '2025-03-10')).toBe(at('2025-03-09T22:00:00Z'));
		// Sunday 2025-11-02 New York goes back to UTC-5 at 02:00; the session opens at 18:00 EST.
		expect(sessionStart(CME_GLOBEX_SESSION, '2025-11-03')).toBe(at('2025-11-02T23:00:00Z'));
		expect(sessionStart(US_EQUITY_SESSION, '2025-03-10', { extended: true })).toBe(
			at('2025-03-10T08:00:00Z')
		);
		expect(sessionStart(FX_SESSION, '2025-03-10')).toBe(at('2025-03-09T21:00:00Z'));
	});

	it('rejects a trading day that is not a date', () => {
		expect(() => sessionEnd(US_EQUITY_SESSION, '2025-02-30')).toThrow(
			'"2025-02-30" is not a trading day (YYYY-MM-DD)'
		);
		expect(() => sessionEnd(US_EQUITY_SESSION, '10/03/2025')).toThrow(RangeError);
	});
});

describe('market-session (symbol only)', () => {
	it('hands out the same session objects as the catalogue', () => {
		expect(MARKET_US_EQUITY).toBe(US_EQUITY_SESSION);
		expect(marketSession('BTC-USD')).toBe(CRYPTO_SESSION);
		expect(marketSession('ESZ5')).toBe(CME_GLOBEX_SESSION);
	});
});

describe('the NYSE calendar in the US equity session', () => {
	it('has no session on a holiday (2025-07-04) and a 13:00 close on a half day (2025-11-28)', () => {
		expect(sessionWindows(US_EQUITY_SESSION, '2025-07-04')).toEqual([]);
		expect(sessionWindows(US_EQUITY_SESSION, '2025-07-04', { extended: true })).toEqual([]);
		expect(isOpen(US_EQUITY_SESSION, at('2025-07-04T15:00:00Z'))).toBe(false);
		expect(sessionWindows(US_EQUITY_SESSION, '2025-11-28')).toEqual([
			{ start: at('2025-11-28T14:30:00Z'), end: at('2025-11-28T18:00:00Z') }
		]);
		expect(sessionEnd(US_EQUITY_SESSION, '2025-11-28', { extended: true })).toBe(at('2025-11-28T22:00:00Z'));
		expect(isOpen(US_EQUITY_SESSION, at('2025-11-28T18:30:00Z'))).toBe(false);
		expect(calendarDay(US_EQUITY_SESSION, '2025-11-28')?.name).toBe('Day after Thanksgiving');
		expect(calendarDay(CME_GLOBEX_SESSION, '2025-07-04')).toBeNull();
		expect(nextTradingDay(US_EQUITY_SESSION, '2025-07-03')).toBe('2025-07-07');
	});

	it('keeps 09:30–16:00 New York across both clock changes (2025-03-09, 2025-11-02)', () => {
		// Friday before (EST, UTC-5) and Monday after (EDT, UTC-4) the spring change.
		expect(sessionWindows(US_EQUITY_SESSION, '2025-03-07')[0]).toEqual({
			start: at('2025-03-07T14:30:00Z'),
			end: at('2025-03-07T21:00:00Z')
		});
		expect(sessionWindows(US_EQUITY_SESSION, '2025-03-10')[0]).toEqual({
			start: at('2025-03-10T13:30:00Z'),
			end: at('2025-03-10T20:00:00Z')
		});
		expect(sessionWindows(US_EQUITY_SESSION, '2025-11-03')[0]!.start).toBe(at('2025-11-03T14:30:00Z'));
		// Globex Monday across each change: Sunday 18:00 to Monday 17:00, 23 hours.
		expect(sessionWindows(CME_GLOBEX_SESSION, '2025-03-10')).toEqual([
			{ start: at('2025-03-09T22:00:00Z'), end: at('2025-03-10T21:00:00Z') }
		]);
		expect(sessionWindows(CME_GLOBEX_SESSION, '2025-11-03')).toEqual([
			{ start: at('2025-11-02T23:00:00Z'), end: at('2025-11-03T22:00:00Z') }
		]);
	});
});

describe('dayOrderEnd', () => {
	it('ends an equity DAY order at 16:00 New York, or 13:00 on a half day', () => {
		expect(dayOrderEnd(US_EQUITY_SESSION, at('2025-03-10T14:00:00Z'))).toEqual({
			tradingDay: '2025-03-10',
			end: at('2025-03-10T20:00:00Z')
		});
		expect(dayOrderEnd(US_EQUITY_SESSION, at('2025-11-28T15:00:00Z'))).toEqual({
			tradingDay: '2025-11-28',
			end: at('2025-11-28T18:00:00Z')
		});
		// After the close, or on a holiday: to New York midnight, as the desk did before.
		expect(dayOrderEnd(US_EQUITY_SESSION, at('2025-03-10T21:00:00Z'))).toEqual({
			tradingDay: '2025-03-10',
			end: at('2025-03-11T04:00:00Z')
		});
		expect(dayOrderEnd(US_EQUITY_SESSION, at('2025-07-04T15:00:00Z')).end).toBe(at('2025-07-05T04:00:00Z'));
	});

	it('ends a futures DAY order at 17:00 New York; one placed in the break or on a weekend works the next session', () => {
		expect(dayOrderEnd(CME_GLOBEX_SESSION, at('2025-03-09T23:00:00Z'))).toEqual({
			tradingDay: '2025-03-10',
			end: at('2025-03-10T21:00:00Z')
		});
		expect(dayOrderEnd(CME_GLOBEX_SESSION, at('2025-03-10T21:30:00Z'))).toEqual({
			tradingDay: '2025-03-11',
			end: at('2025-03-11T21:00:00Z')
		});
		expect(dayOrderEnd(CME_GLOBEX_SESSION, at('2025-03-14T21:30:00Z'))).toEqual({
			tradingDay: '2025-03-17',
			end: at('2025-03-17T21:00:00Z')
		});
	});

	it('gives a crypto DAY order 24 hours from when it starts working', () => {
		expect(dayOrderEnd(CRYPTO_SESSION, at('2025-03-09T23:00:00Z'))).toEqual({
			tradingDay: '2025-03-09',
			end: at('2025-03-10T23:00:00Z')
		});
	});

	it('always ends after the order starts, within its trading day’s session or the day (property)', () => {
		const from = at('2024-01-01T00:00:00Z');
		fc.assert(
			fc.property(
				fc.constantFrom(
					US_EQUITY_SESSION,
					CME_GLOBEX_SESSION,
					FX_SESSION,
					CBOT_GRAINS_SESSION,
					CRYPTO_SESSION
				),
				fc.integer({ min: 0, max: 4 * 366 * 24 * 60 }),
				(session, minutes) => {
					const t = from + minutes * 60_000;
					const { tradingDay, end } = dayOrderEnd(session, t);
					expect(end).toBeGreaterThan(t);
					expect(end - t).toBeLessThanOrEqual(4 * 86_400_000);
					const close = sessionEnd(session, tradingDay);
					if (session.continuous) expect(end - t).toBe(86_400_000);
					else if (close !== null && close > t) expect(end).toBe(close);
				}
			),
			{ numRuns: 500 }
		);
	});
});

describe('session windows and trading days agree (property)', () => {
	it('gives every instant inside a window of a day that day as its trading day', () => {
		const from = Date.UTC(2024, 0, 1);
		fc.assert(
			fc.property(
				fc.constantFrom(
					US_EQUITY_SESSION,
					CME_GLOBEX_SESSION,
					FX_SESSION,
					CBOT_GRAINS_SESSION,
					CRYPTO_SESSION
				),
				fc.integer({ min: 0, max: 4 * 366 }),
				fc.boolean(),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(session, dayIndex, extended, where) => {
					const day = new Date(from + dayIndex * 86_400_000).toISOString().slice(0, 10);
					for (const w of sessionWindows(session, day, { extended })) {
						const t = w.start + Math.floor((w.end - w.start - 1) * where);
						expect(tradingDayOf(session, t)).toBe(day);
					}
				}
			),
			{ numRuns: 500 }
		);
	});
});
