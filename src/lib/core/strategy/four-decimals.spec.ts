import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fourDecimals } from './four-decimals';

const exact = (x: number) => String(Number(x.toFixed(4)));

describe('fourDecimals', () => {
	it('writes what String(Number(x.toFixed(4))) writes, for any double', () => {
		fc.assert(
			fc.property(fc.double(), (x) => {
				expect(fourDecimals(x)).toBe(exact(x));
			}),
			{ numRuns: 20_000 }
		);
	});

	it('agrees on prices, near ties and tiny values', () => {
		const near = fc
			.tuple(fc.integer({ min: -9_999_999_999, max: 9_999_999_999 }), fc.integer({ min: -3, max: 3 }))
			.map(([n, ulps]) => {
				// n.5 ten-thousandths, nudged a few ulps either way.
				let x = (n + 0.5) / 1e4;
				for (let i = 0; i < Math.abs(ulps); i++) x = ulps > 0 ? nextUp(x) : nextDown(x);
				return x;
			});
		fc.assert(
			fc.property(fc.oneof(near, fc.double({ min: -1e6, max: 1e6, noNaN: true })), (x) => {
				expect(fourDecimals(x)).toBe(exact(x));
			}),
			{ numRuns: 50_000 }
		);
		for (const x of [
			0,
			-0,
			1e-5,
			-1e-5,
			5e-5,
			-5e-5,
			0.00005,
			10.33335,
			1.00005,
			999_999.99995,
			1e6,
			-1e6,
			1e21,
			NaN,
			Infinity,
			-Infinity
		])
			expect(fourDecimals(x)).toBe(exact(x));
	});
});

const view = new DataView(new ArrayBuffer(8));
function step(x: number, up: boolean): number {
	if (x === 0) return up ? Number.MIN_VALUE : -Number.MIN_VALUE;
	view.setFloat64(0, x);
	const bits = view.getBigInt64(0);
	view.setBigInt64(0, bits + (x > 0 === up ? 1n : -1n));
	return view.getFloat64(0);
}
const nextUp = (x: number) => step(x, true);
const nextDown = (x: number) => step(x, false);
