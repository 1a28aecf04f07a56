import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundToTick, tickDecimals, tickFor } from './tick';

describe('tickFor and roundToTick', () => {
	it('uses cents at $1 and above, hundredths of a cent below', () => {
		expect(tickFor(1)).toBe(0.01);
		expect(tickFor(49.598361)).toBe(0.01);
		expect(tickFor(0.9999)).toBe(0.0001);
		expect(tickDecimals(0.01)).toBe(2);
		expect(tickDecimals(0.0001)).toBe(4);
	});

	it('rounds to the nearest tick, half away from zero, as the decimal a trader types', () => {
		expect(roundToTick(49.598361)).toBe(49.6);
		expect(roundToTick(49.3668)).toBe(49.37);
		expect(roundToTick(13.375)).toBe(13.38);
		expect(roundToTick(0.123456)).toBe(0.1235);
		expect(roundToTick(49.20000000000001)).toBe(49.2);
		expect(roundToTick(-1.005)).toBe(-1.01);
	});

	it('always lands on a tick within half a tick of the price', () => {
		fc.assert(
			fc.property(fc.double({ min: 0.0001, max: 100_000, noNaN: true }), (p) => {
				const tick = tickFor(p);
				const r = roundToTick(p, tick);
				expect(Math.abs(r - p)).toBeLessThanOrEqual(tick / 2 + 1e-9);
				expect(Number(r.toFixed(tickDecimals(tick)))).toBe(r);
			})
		);
	});
});
