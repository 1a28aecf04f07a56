import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAmount } from './instruments.svelte';

describe('parseAmount', () => {
	it('reads decimals, a decimal comma and fractions (bond ticks) as typed', () => {
		expect(parseAmount('0.25')).toBe(0.25);
		expect(parseAmount(' 0,05 ')).toBe(0.05);
		expect(parseAmount('1/32')).toBe(0.03125);
		expect(parseAmount('1 / 64')).toBe(0.015625);
		expect(parseAmount('50')).toBe(50);
		expect(parseAmount('.5')).toBe(0.5);
		expect(parseAmount('5e-7')).toBe(0.0000005);
		// Zero and negatives are read: the catalogue's check says why they cannot be a tick.
		expect(parseAmount('0')).toBe(0);
		expect(parseAmount('-0.01')).toBe(-0.01);
	});

	it('refuses what is not a number rather than guessing', () => {
		for (const text of ['', 'abc', '0.25.1', '1/', '$50', '1,000.5', 'NaN', 'Infinity'])
			expect(parseAmount(text)).toBeNull();
	});

	it('reads back every finite number as JavaScript prints it', () => {
		fc.assert(
			fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
				expect(parseAmount(String(x))).toBe(Object.is(x, -0) ? 0 : x);
			})
		);
	});
});
