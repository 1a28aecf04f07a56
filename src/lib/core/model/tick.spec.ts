import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUTURES_TICKS, roundToTick, tickDecimals, tickFor } from './tick';

describe('tickFor', () => {
	it('is a cent from $1 up and a hundredth of a cent below', () => {
		expect(tickFor('AAPL', 187.4)).toBe(0.01);
		expect(tickFor('SYN', 1)).toBe(0.01);
		expect(tickFor('SNDL', 0.9999)).toBe(0.0001);
		expect(tickFor('SNDL', -0.5)).toBe(0.0001);
	});

	it("takes a futures contract's own tick, however the contract is written", () => {
		expect(tickFor('ESZ5', 5012.3)).toBe(0.25);
		expect(tickFor('/MESU4', 5012.3)).toBe(0.25);
		expect(tickFor('NQ1!', 21000)).toBe(0.25);
		expect(tickFor('CLF26', 0.5)).toBe(0.01);
		expect(tickFor('gcz2025', 2400)).toBe(0.1);
		expect(tickFor('ES DEC 25', 5000)).toBe(0.25);
		expect(tickFor('/ZN', 110)).toBe(1 / 64);
	});

	it('reads a bare root as the stock of that ticker, and an unknown root by the stock rule', () => {
		expect(tickFor('ES', 60.5)).toBe(0.01);
		expect(tickFor('CL', 80.25)).toBe(0.01);
		expect(tickFor('XYZZ5', 3)).toBe(0.01);
	});
});

describe('roundToTick', () => {
	it('rounds to the nearest tick, halves away from zero, written as the decimal it prints as', () => {
		expect(roundToTick(49.608103, 0.01)).toBe(49.61);
		expect(roundToTick(49.598361, 0.01)).toBe(49.6);
		expect(roundToTick(0.123456, 0.0001)).toBe(0.1235);
		expect(roundToTick(5012.4, 0.25)).toBe(5012.5);
		expect(roundToTick(5012.375, 0.25)).toBe(5012.5);
		expect(roundToTick(2.675, 0.01)).toBe(2.68);
		expect(roundToTick(-2.675, 0.01)).toBe(-2.68);
		expect(roundToTick(0.1 + 0.2, 0.1)).toBe(0.3);
		expect(roundToTick(112.2, 1 / 32)).toBe(112.1875);
		expect(roundToTick(-0.001, 0.01)).toBe(0);
		expect(Object.is(roundToTick(-0.001, 0.01), 0)).toBe(true);
	});

	it('passes what is not a price through, and leaves a price alone for a tick that is not one', () => {
		expect(roundToTick(Number.NaN, 0.01)).toBeNaN();
		expect(roundToTick(Number.POSITIVE_INFINITY, 0.01)).toBe(Number.POSITIVE_INFINITY);
		expect(roundToTick(1.234, 0)).toBe(1.234);
		expect(roundToTick(1.234, -0.01)).toBe(1.234);
		expect(roundToTick(1.234, Number.NaN)).toBe(1.234);
	});

	const ticks = fc.constantFrom(0.01, 0.0001, ...Object.values(FUTURES_TICKS));
	const prices = fc.double({ min: -1e6, max: 1e6, noNaN: true });

	it('always lands on a tick, within half a tick of the price, and stays there when rounded again', () => {
		fc.assert(
			fc.property(prices, ticks, (p, tick) => {
				const r = roundToTick(p, tick);
				const steps = r / tick;
				expect(Math.abs(steps - Math.round(steps))).toBeLessThan(1e-6);
				expect(Math.abs(r - p)).toBeLessThanOrEqual(tick / 2 + 1e-9 * Math.max(1, Math.abs(p)));
				expect(roundToTick(r, tick)).toBe(r);
			})
		);
	});

	it('prints with no more decimals than its tick has', () => {
		fc.assert(
			fc.property(prices, ticks, (p, tick) => {
				const [, decimals = ''] = String(roundToTick(p, tick)).split('.');
				expect(decimals.length).toBeLessThanOrEqual(tickDecimals(tick));
			})
		);
	});
});

describe('tickDecimals', () => {
	it('counts the decimals of a tick', () => {
		expect(tickDecimals(1)).toBe(0);
		expect(tickDecimals(0.25)).toBe(2);
		expect(tickDecimals(0.0001)).toBe(4);
		expect(tickDecimals(1 / 64)).toBe(6);
		expect(tickDecimals(0.0000005)).toBe(7);
	});
});

describe('roundToTick at the edges (from the charts)', () => {
	it('rounds halves away from zero as the decimal it prints as', () => {
		expect(roundToTick(49.3668, 0.01)).toBe(49.37);
		expect(roundToTick(2.675, 0.01)).toBe(2.68);
		expect(roundToTick(-2.675, 0.01)).toBe(-2.68);
		expect(roundToTick(0.12345, 0.0001)).toBe(0.1235);
		expect(roundToTick(4512.12, 0.25)).toBe(4512);
		expect(roundToTick(1.2345678, 0.00005)).toBe(1.23455);
		expect(roundToTick(12.345, 0)).toBe(12.345);
		expect(roundToTick(Number.NaN, 0.01)).toBeNaN();
	});
});
