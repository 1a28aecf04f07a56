/**
 * Money for the paper broker: integer cents, computed exactly from decimal prices and quantities.
 *
 * Every price and quantity is a double read from decimal text (or rounded to a few decimals by
 * the broker), so it is exactly some integer × 10^-d (see decimalsOf). Products and ratios are done
 * in BigInt on those integers and rounded ONCE to the cent, half away from zero — the way a
 * broker statement rounds each execution's value. Sums of cents are then exact integers.
 */

import { decimalsOf } from '../trades/decimal';

function scaled(x: number): { int: bigint; decimals: number } {
	const decimals = decimalsOf(x);
	return { int: BigInt(Math.round(x * 10 ** decimals)), decimals };
}

/** round(Π numerators / Π denominators), half away from zero, as an exact integer. */
function roundedRatio(numerators: number[], denominators: number[]): number {
	let num = 1n;
	let den = 1n;
	let numDecimals = 0;
	let denDecimals = 0;
	for (const x of numerators) {
		const s = scaled(x);
		num *= s.int;
		numDecimals += s.decimals;
	}
	for (const x of denominators) {
		const s = scaled(x);
		den *= s.int;
		denDecimals += s.decimals;
	}
	// x = int / 10^d, so Π num / Π den = (num · 10^denDecimals) / (den · 10^numDecimals).
	num *= 10n ** BigInt(denDecimals);
	den *= 10n ** BigInt(numDecimals);
	if (den === 0n) throw new RangeError('division by zero');
	if (den < 0n) {
		num = -num;
		den = -den;
	}
	const negative = num < 0n;
	const abs = negative ? -num : num;
	const q = (abs * 2n + den) / (2n * den);
	const value = Number(q);
	return negative && value !== 0 ? -value : value;
}

/**
 * Cents of quantity × price, half away from zero.
 * @example valueCents(3, 10.005) // 3002 (30.015 → 30.02)
 */
export function valueCents(quantity: number, price: number): number {
	return roundedRatio([quantity, price, 100], []);
}

/**
 * Cents × numerator / denominator, half away from zero; for taking a share of a cost basis.
 * @example shareOfCents(1001, 1, 3) // 334
 */
export function shareOfCents(cents: number, numerator: number, denominator: number): number {
	return roundedRatio([cents, numerator], [denominator]);
}

/** Currency units (dollars) to cents, half away from zero. */
export function toCents(amount: number): number {
	return roundedRatio([amount, 100], []);
}

/**
 * `$1,234.56` / `−$0.05` for messages.
 * @example formatCents(-123456) // '−$1,234.56'
 */
export function formatCents(cents: number): string {
	const abs = Math.abs(cents);
	const whole = Math.floor(abs / 100)
		.toString()
		.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
	const text = `$${whole}.${String(abs % 100).padStart(2, '0')}`;
	return cents < 0 ? `−${text}` : text;
}
