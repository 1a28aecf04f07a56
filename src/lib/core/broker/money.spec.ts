import { describe, expect, it } from 'vitest';
import { orderCommissionCents } from '../costs/commission';
import { formatCents, shareOfCents, toCents, valueCents } from './money';

describe('valueCents', () => {
	it('rounds quantity × price to the cent once, half away from zero, exactly', () => {
		expect(valueCents(3, 10.005)).toBe(3002); // 30.015 (a double × would give 30.014999…)
		expect(valueCents(-3, 10.005)).toBe(-3002);
		expect(valueCents(100, 0.0001)).toBe(1);
		expect(valueCents(1, 1.004999)).toBe(100);
		expect(valueCents(0.00012345, 61234.56)).toBe(756); // 7.5594…
		expect(valueCents(1_000_000, 1234.5678)).toBe(123_456_780_000);
	});

	it('takes shares of a basis and converts dollars', () => {
		expect(shareOfCents(1001, 1, 3)).toBe(334);
		expect(shareOfCents(-1001, 1, 2)).toBe(-501);
		expect(toCents(2.675)).toBe(268);
		expect(toCents(100_000)).toBe(10_000_000);
	});
});

describe('orderCommissionCents', () => {
	it('charges per share with a minimum and an optional cap', () => {
		const m = { kind: 'per_share', perShare: 0.005, minimum: 1 } as const;
		expect(orderCommissionCents(m, 100, 100_000)).toBe(100); // 0.50 → minimum 1.00
		expect(orderCommissionCents(m, 1000, 1_000_000)).toBe(500);
		expect(orderCommissionCents(m, 301, 30_100)).toBe(151); // 1.505 → 1.51
		expect(orderCommissionCents({ ...m, maxPercentOfValue: 1 }, 100, 5_000)).toBe(50); // 1% of $50 caps the $1 minimum
		expect(orderCommissionCents(m, 0, 0)).toBe(0);
	});

	it('charges per order, a percent of value, or nothing', () => {
		expect(orderCommissionCents({ kind: 'per_order', amount: 4.95 }, 10, 1)).toBe(495);
		expect(orderCommissionCents({ kind: 'percent', percent: 0.1 }, 10, 123_45)).toBe(12); // 12.345 → 12
		expect(orderCommissionCents({ kind: 'percent', percent: 0.35 }, 10, 1_000)).toBe(4); // 3.5 → 4
		expect(orderCommissionCents({ kind: 'none' }, 10, 1_000)).toBe(0);
	});
});

describe('formatCents', () => {
	it('writes dollars with separators and a sign', () => {
		expect(formatCents(-123456)).toBe('−$1,234.56');
		expect(formatCents(5)).toBe('$0.05');
		expect(formatCents(100_000_000)).toBe('$1,000,000.00');
	});
});
