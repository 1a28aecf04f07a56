import fc from 'fast-check';
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

	it('gives the exact BigInt rounding for any decimal quantity and price (the fast path changes no cent)', () => {
		/** A decimal with `d` places from an integer, as text would give it. */
		const decimal = (int: number, d: number) =>
			Number(`${int < 0 ? '-' : ''}${(Math.abs(int) / 10 ** d).toFixed(d)}`);
		/** round(|q × p × 100|) half away from zero, in BigInt on the decimal digits. */
		const reference = (qi: bigint, dq: number, pi: bigint, dp: number): number => {
			const num = qi * pi * 100n;
			const den = 10n ** BigInt(dq + dp);
			const abs = num < 0n ? -num : num;
			const q = Number((abs * 2n + den) / (2n * den));
			return num < 0n && q !== 0 ? -q : q;
		};
		fc.assert(
			fc.property(
				fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
				fc.integer({ min: 0, max: 8 }),
				fc.integer({ min: 1, max: 2 ** 40 }),
				fc.integer({ min: 0, max: 8 }),
				(qInt, dq, pInt, dp) => {
					const q = decimal(qInt, dq);
					const p = decimal(pInt, dp);
					// The reference reads the numbers back to their digits as the money code does.
					const digits = (x: number) => {
						const text = String(Math.abs(x));
						if (text.includes('e')) return null;
						const [whole, frac = ''] = text.split('.');
						return { int: BigInt((x < 0 ? '-' : '') + whole + frac), d: frac.length };
					};
					const a = digits(q);
					const b = digits(p);
					fc.pre(a !== null && b !== null);
					expect(valueCents(q, p)).toBe(reference(a.int, a.d, b.int, b.d));
				}
			),
			{ numRuns: 2000 }
		);
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
