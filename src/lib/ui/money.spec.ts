import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	dateTime,
	duration,
	inUnit,
	money,
	price,
	rMultiple,
	signClass,
	tickPrice,
	tradePrice
} from './money';

describe('display formats', () => {
	it('money, price, R and duration', () => {
		expect(money(-1234.5)).toBe('−1,234.50');
		expect(money(null)).toBe('—');
		expect(price(50.99)).toBe('50.99');
		expect(price(1214.845)).toBe('1,214.845');
		expect(rMultiple(1.256)).toBe('+1.26R');
		expect(rMultiple(-0.5)).toBe('−0.50R');
		expect(duration(45_000)).toBe('45s');
		expect(duration(3 * 3600_000 + 20 * 60_000)).toBe('3h 20m');
		expect(duration(null)).toBe('open');
		expect([inUnit(-1234.5, '$'), inUnit(1.256, 'R'), inUnit(null, 'R')]).toEqual([
			'−1,234.50',
			'+1.26R',
			'—'
		]);
		expect([signClass(2), signClass(-0.01), signClass(0), signClass(null)]).toEqual(['gain', 'loss', '', '']);
		expect(dateTime(Date.UTC(2025, 9, 13, 13, 43, 10), 'America/New_York')).toBe('2025-10-13 09:43:10');
	});
});

describe('tickPrice', () => {
	it('writes a single price on its tick: a cent from $1, a hundredth of a cent below, a future its own', () => {
		expect(tickPrice(49.608103, 'SYN')).toBe('49.61');
		expect(tickPrice(49.598361, 'SYN')).toBe('49.60');
		expect(tickPrice(1214.845, 'SPY')).toBe('1,214.85');
		expect(tickPrice(0.123456, 'SNDL')).toBe('0.1235');
		expect(tickPrice(5012.4, 'ESZ5')).toBe('5,012.50');
		expect(tickPrice(42013, 'YMZ5')).toBe('42,013');
		expect(tickPrice(112.2, '/ZN')).toBe('112.203125');
		expect(tickPrice(null, 'SYN')).toBe('—');
		expect(tickPrice(Number.NaN, 'SYN')).toBe('—');
	});

	it('never writes more decimals than the tick has, nor fewer than it', () => {
		fc.assert(
			fc.property(fc.double({ min: 1, max: 1e5, noNaN: true }), (x) => {
				expect(tickPrice(x, 'AAPL')).toMatch(/^[\d,]+\.\d{2}$/);
			})
		);
	});
});

describe('tradePrice', () => {
	const row = { symbol: 'SYN', open: false, executionCount: 2, entryPrice: 49.608103, exitPrice: 49.598361 };

	it("writes a trade's single fills on the tick", () => {
		expect(tradePrice(row, 'entry')).toMatchObject({ text: '49.61', average: false });
		expect(tradePrice(row, 'exit')).toMatchObject({ text: '49.60', average: false });
		expect(tradePrice({ ...row, open: true, executionCount: 1, exitPrice: null }, 'entry')).toMatchObject({
			text: '49.61',
			average: false
		});
	});

	it('keeps a VWAP of several executions exact, marked as an average', () => {
		expect(tradePrice({ ...row, executionCount: 3 }, 'entry')).toMatchObject({
			text: '49.608103',
			average: true
		});
		expect(tradePrice({ ...row, open: true, executionCount: 2 }, 'entry').average).toBe(true);
	});

	it('writes a dash, not an average, for a price the trade has not got', () => {
		expect(tradePrice({ ...row, open: true, executionCount: 3, exitPrice: null }, 'exit')).toMatchObject({
			text: '—',
			average: false
		});
	});
});

describe('dateTime', () => {
	const at = Date.UTC(2025, 9, 13, 13, 43, 10, 999);

	it('writes an instant on the clock of the zone it is given, to the second', () => {
		expect(dateTime(at, 'America/New_York')).toBe('2025-10-13 09:43:10');
		expect(dateTime(at, 'UTC')).toBe('2025-10-13 13:43:10');
		expect(dateTime(at, 'Europe/Berlin')).toBe('2025-10-13 15:43:10');
		expect(dateTime(at, 'Asia/Kolkata')).toBe('2025-10-13 19:13:10');
	});

	it('crosses the date line in the zone, not in UTC', () => {
		expect(dateTime(Date.UTC(2025, 9, 14, 2, 0, 0), 'America/New_York')).toBe('2025-10-13 22:00:00');
		expect(dateTime(Date.UTC(2025, 9, 13, 23, 0, 0), 'Asia/Tokyo')).toBe('2025-10-14 08:00:00');
	});

	it('follows daylight saving: New York is 4 h behind UTC in October and 5 h in December', () => {
		expect(dateTime(Date.UTC(2025, 11, 1, 14, 30, 0), 'America/New_York')).toBe('2025-12-01 09:30:00');
	});

	it("always reads as Intl's clock of the zone (any instant 1990-2040, zones with odd offsets and clock changes)", () => {
		const zones = [
			'UTC',
			'America/New_York',
			'Europe/Berlin',
			'Asia/Kolkata',
			'Australia/Lord_Howe',
			'America/St_Johns'
		];
		const intl = new Map(
			zones.map((z) => [
				z,
				new Intl.DateTimeFormat('en-CA', {
					timeZone: z,
					year: 'numeric',
					month: '2-digit',
					day: '2-digit',
					hour: '2-digit',
					minute: '2-digit',
					second: '2-digit',
					hourCycle: 'h23'
				})
			])
		);
		fc.assert(
			fc.property(
				fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }),
				fc.constantFrom(...zones),
				(t, z) => {
					expect(dateTime(t, z)).toBe(intl.get(z)!.format(t).replace(',', ''));
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('writes a dash for no time', () => {
		expect([dateTime(null, 'UTC'), dateTime(Number.NaN, 'UTC')]).toEqual(['—', '—']);
	});
});
