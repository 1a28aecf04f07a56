import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundCentsExact } from '../trades/decimal';
import { roundCents } from './money';

describe('roundCents', () => {
	it('rounds the printed decimal half away from zero', () => {
		expect(roundCents(2.675)).toBe(2.68);
		expect(roundCents(-2.675)).toBe(-2.68);
		expect(roundCents(1.005)).toBe(1.01);
		expect(roundCents(-0.125)).toBe(-0.13);
		expect(roundCents(0.1 + 0.2)).toBe(0.3);
		expect(roundCents(12.344)).toBe(12.34);
	});

	it('agrees with the exact rounding on amounts of up to 4 decimals within ±$20,000', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -20_000_000, max: 20_000_000 }),
				fc.constantFrom(1, 10, 100, 1000, 10_000),
				(units, scale) => {
					const amount = units / scale;
					// === so that -0 and 0 (both "no cents") are the same answer.
					expect(roundCents(amount) === roundCentsExact(amount), String(amount)).toBe(true);
				}
			),
			{ numRuns: 2000 }
		);
	});

	it('leaves whole cents as they are', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
				expect(roundCents(cents / 100)).toBe(cents / 100);
			})
		);
	});
});
