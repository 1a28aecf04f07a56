import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundToTick, tickFor } from './tick';

describe('tick', () => {
	it('is a cent from $1 up and a hundredth of a cent below', () => {
		expect(tickFor(49.3668)).toBe(0.01);
		expect(tickFor(1)).toBe(0.01);
		expect(tickFor(0.9999)).toBe(0.0001);
		expect(tickFor(-2.5)).toBe(0.01);
	});

	it('rounds a price to its tick as the decimal it prints as', () => {
		expect(roundToTick(49.3668)).toBe(49.37);
		expect(roundToTick(49.598361)).toBe(49.6);
		expect(roundToTick(2.675)).toBe(2.68);
		expect(roundToTick(-2.675)).toBe(-2.68);
		expect(roundToTick(0.123456)).toBe(0.1235);
		expect(roundToTick(0.12345)).toBe(0.1235);
		expect(roundToTick(4512.13, 0.25)).toBe(4512.25);
		expect(roundToTick(4512.12, 0.25)).toBe(4512);
		expect(roundToTick(1.2345678, 0.00005)).toBe(1.23455);
	});

	it('leaves what is not a price alone', () => {
		expect(roundToTick(NaN)).toBeNaN();
		expect(roundToTick(Infinity)).toBe(Infinity);
		expect(roundToTick(12.345, 0)).toBe(12.345);
		expect(roundToTick(12.345, -1)).toBe(12.345);
	});

	it('lands on a whole number of ticks within half a tick, and is idempotent', () => {
		fc.assert(
			fc.property(
				fc.double({ min: -100_000, max: 100_000, noNaN: true }),
				fc.constantFrom(0.01, 0.0001, 0.25, 0.5, 0.1),
				(p, tick) => {
					const r = roundToTick(p, tick);
					expect(Math.abs(r - p)).toBeLessThanOrEqual(tick / 2 + 1e-9);
					expect(Math.abs(r / tick - Math.round(r / tick))).toBeLessThan(1e-6);
					expect(roundToTick(r, tick)).toBe(r);
				}
			)
		);
	});
});
