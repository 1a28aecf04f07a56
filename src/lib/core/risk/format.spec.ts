import { describe, expect, it } from 'vitest';
import { formatPercent, formatQuantity, formatUsd } from './format';

describe('formatUsd', () => {
	it('prints dollars to the cent with separators and a true minus sign', () => {
		expect(formatUsd(-2150.25)).toBe('\u2212$2,150.25');
		expect(formatUsd(-2000)).toBe('\u2212$2,000.00');
		expect(formatUsd(1234567.891)).toBe('$1,234,567.89');
		expect(formatUsd(999.995)).toBe('$1,000.00');
		expect(formatUsd(0.5)).toBe('$0.50');
		expect(formatUsd(-0)).toBe('$0.00');
		expect(formatUsd(-0.004)).toBe('$0.00');
		expect(formatUsd(100)).toBe('$100.00');
	});
});

describe('formatQuantity and formatPercent', () => {
	it('groups thousands and keeps up to 4 decimals', () => {
		expect(formatQuantity(5000)).toBe('5,000');
		expect(formatQuantity(1234.5)).toBe('1,234.5');
		expect(formatQuantity(0.00012345)).toBe('0.0001');
		expect(formatQuantity(-12)).toBe('\u221212');
	});
	it('prints percentages with 2 decimals', () => {
		expect(formatPercent(5.2)).toBe('5.20%');
		expect(formatPercent(10)).toBe('10.00%');
		expect(formatPercent(-0.5)).toBe('\u22120.50%');
	});
});
