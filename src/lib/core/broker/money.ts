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
	if (quantity === 0) return 0;
	return smallValueCents(quantity, price) ?? roundedRatio([quantity, price, 100], []);
}

/** Below it, products and remainders of scaled integers are exact doubles. */
const SMALL = 2 ** 50;
/** 10^k for k ≤ 16, each exact: a lookup, not a call to pow, once a bar. */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/**
 * valueCents without BigInt when the scaled integers are small (the common case: shares and
 * prices with a few decimals), the same rounding on the same integers; null when they are not.
 * Marking a position to every bar's close calls it once a bar, and BigInt costs a microsecond.
 */
function smallValueCents(quantity: number, price: number): number | null {
	const dq = decimalsOf(quantity);
	const dp = decimalsOf(price);
	const decimals = dq + dp;
	if (dq > 8 || dp > 8) return null;
	const product = Math.round(quantity * POW10[dq]!) * Math.round(price * POW10[dp]!);
	const abs = Math.abs(product);
	if (!(abs < SMALL)) return null;
	let cents: number;
	if (decimals <= 2) {
		cents = abs * POW10[2 - decimals]!;
		if (!Number.isSafeInteger(cents)) return null;
	} else {
		// round(abs / 10^(decimals − 2)), half away from zero, in exact integer steps.
		const unit = POW10[decimals - 2]!;
		let whole = Math.floor(abs / unit);
		let rest = abs - whole * unit;
		while (rest < 0) {
			whole--;
			rest += unit;
		}
		while (rest >= unit) {
			whole++;
			rest -= unit;
		}
		cents = rest * 2 >= unit ? whole + 1 : whole;
	}
	return product < 0 && cents !== 0 ? -cents : cents;
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
