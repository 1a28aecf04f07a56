import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalsOf, ExactSum, roundCentsExact } from './decimal';

describe('decimalsOf', () => {
	it('counts the decimals of file numbers', () => {
		expect([0, 5, 50.99, 1214.845, 0.0001, 0.00012345, -2.5, 61234.56789012, 1.2e-7].map(decimalsOf)).toEqual(
			[0, 0, 2, 3, 4, 8, 1, 8, 8]
		);
	});
});

describe('ExactSum', () => {
	it('sums products exactly where doubles drift', () => {
		const s = new ExactSum();
		for (let i = 0; i < 10; i++) s.add(1, 0.1);
		expect(s.toNumber()).toBe(1);
		const t = new ExactSum();
		t.add(3, 1214.845);
		t.add(-3, 1214.9);
		expect(t.round(2)).toBe(-0.17); // -0.165 rounds away from zero
	});

	it('falls back to BigInt for large or fine-grained values without losing exactness', () => {
		const s = new ExactSum();
		s.add(123456789, 98765.4321);
		s.add(0.00012345, 61234.56789012);
		s.add(-123456789, 98765.4321);
		expect(s.round(8)).toBe(7.55940741);
		expect(s.round(2)).toBe(7.56);
	});

	it('is independent of the order of terms', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.tuple(
						fc.integer({ min: -100000, max: 100000 }),
						fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 10000)
					),
					{ maxLength: 50 }
				),
				(terms) => {
					const a = new ExactSum();
					const b = new ExactSum();
					terms.forEach(([q, p]) => a.add(q, p));
					[...terms].reverse().forEach(([q, p]) => b.add(q, p));
					expect(a.round(4)).toBe(b.round(4));
					expect(a.round(2)).toBe(b.round(2));
				}
			)
		);
	});

	it('adds sums', () => {
		const a = new ExactSum();
		a.add(1, 0.25);
		const b = new ExactSum();
		b.add(2, 0.125);
		a.addSum(b);
		expect(a.toNumber()).toBe(0.5);
	});
});

describe('roundCentsExact', () => {
	it('rounds the printed decimal half away from zero', () => {
		expect(roundCentsExact(2.675)).toBe(2.68);
		expect(roundCentsExact(-2.675)).toBe(-2.68);
		expect(roundCentsExact(1.005)).toBe(1.01);
		expect(roundCentsExact(0.1 + 0.2)).toBe(0.3);
	});
});
