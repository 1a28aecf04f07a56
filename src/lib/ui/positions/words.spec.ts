import { describe, expect, it } from 'vitest';
import { heldText, signedMoney, weightText } from './words';

describe('position words', () => {
	it('writes P&L with its sign and two decimals', () => {
		expect(signedMoney(2)).toBe('+2.00');
		expect(signedMoney(-1234.5)).toBe('−1,234.50');
		expect(signedMoney(0)).toBe('0.00');
		expect(signedMoney(null)).toBe('—');
	});

	it('writes a weight as a percentage with two decimals', () => {
		expect(weightText(1)).toBe('100.00 %');
		expect(weightText(2 / 3)).toBe('66.67 %');
		expect(weightText(null)).toBe('—');
	});

	it('writes a held quantity signed, fractions kept', () => {
		expect(heldText(100)).toBe('100');
		expect(heldText(-50)).toBe('−50');
		expect(heldText(0.00012345)).toBe('0.00012345');
		expect(heldText(null)).toBe('—');
	});
});
