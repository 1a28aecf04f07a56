import { describe, expect, it } from 'vitest';
import { dateTime, duration, inUnit, money, price, rMultiple, signClass } from './money';

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
