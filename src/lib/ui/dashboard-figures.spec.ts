import { describe, expect, it } from 'vitest';
import { drawdownOf, ratioText } from './dashboard-figures';

const dd = (amount: number, fraction: number | null, ofEquity: number | null = null) => ({
	amount,
	fraction,
	peak: fraction === null ? 0 : amount / fraction,
	ofEquity,
	peakTime: null,
	troughTime: null
});

describe('drawdownOf', () => {
	it('gives a share of the peak only while the fall stays within the peak', () => {
		expect(drawdownOf(dd(50, 0.25), '$')).toBe('25.0% of the peak');
		expect(drawdownOf(dd(200, 1), '$')).toBe('100.0% of the peak');
		// A $5 peak and a $500 fall: 10,000% of the peak says nothing; the amounts do.
		expect(drawdownOf(dd(500, 100), '$')).toBe('from a peak of 5.00, to below the start');
		expect(drawdownOf(dd(3, 1.5), 'R')).toBe('from a peak of +2.00R, to below the start');
		expect(drawdownOf(dd(40, null), '$')).toBe('from the start');
		expect(drawdownOf(dd(0, null), '$')).toBe('never below a peak');
		// With the starting equity known: a share of the account at the peak, whatever the curve did.
		expect(drawdownOf(dd(500, 100, 0.0199), '$')).toBe('2.0% of equity at the peak');
	});
});

describe('ratioText', () => {
	it('writes ratios to two decimals and Kelly as a percentage', () => {
		expect(ratioText(1.23456, 'sharpe')).toBe('1.23');
		expect(ratioText(0.3333, 'kelly')).toBe('33.3%');
		expect(ratioText(null, 'sqn')).toBe('—');
		// The journal's minus sign, and no −0.00.
		expect(ratioText(-0.005, 'kelly')).toBe('−0.5%');
		expect(ratioText(-1.5, 'sharpe')).toBe('−1.50');
		expect(ratioText(-0.001, 'sortino')).toBe('0.00');
	});
});
