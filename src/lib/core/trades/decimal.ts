/**
 * Exact money arithmetic for trades. Prices and quantities come from decimal text, so each is a
 * whole number of some power-of-ten unit. Sums of quantity × price are done as integers in that
 * unit: with plain numbers while they stay below 2^53 (shares and prices with up to 4 decimals,
 * the common case), else with BigInt. Results are rounded to the cent (half away from zero)
 * only at the end, so a trade's P&L is exact before that one rounding.
 */

/**
 * Decimal places of a number as written in a file, e.g. 50.995 -> 3. A number parsed from
 * decimal text prints back as that text (shortest round-trip), so the count is exact.
 */
export function decimalsOf(x: number): number {
	if (Number.isInteger(x)) return 0;
	// Fast exact test: the d-decimal number nearest to x, read back, is x itself.
	for (let d = 1; d <= 8; d++) {
		const p = POW10[d]!;
		const scaled = Math.round(x * p);
		if (Math.abs(scaled) < 2 ** 53 && scaled / p === x) return d;
	}
	const text = String(x);
	const e = text.indexOf('e');
	if (e < 0) return text.length - text.indexOf('.') - 1;
	const mantissa = text.slice(0, e);
	const exponent = Number(text.slice(e + 1));
	const dot = mantissa.indexOf('.');
	const mantissaDecimals = dot < 0 ? 0 : mantissa.length - dot - 1;
	return Math.max(0, mantissaDecimals - exponent);
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];

/** A sum of products q·p kept exact: an integer count of 10^-scale units. */
export class ExactSum {
	#scale = 0;
	#small = 0;
	#big: bigint | null = null;

	/** Adds q × p (signed). */
	add(q: number, p: number): void {
		const dq = decimalsOf(q);
		const dp = decimalsOf(p);
		const d = dq + dp;
		if (d > this.#scale) this.#rescale(d);
		const qi = Math.round(q * 10 ** dq);
		const pi = Math.round(p * 10 ** dp);
		const factor = 10 ** (this.#scale - d);
		if (this.#big === null) {
			const product = qi * pi * factor;
			const next = this.#small + product;
			if (Number.isSafeInteger(qi * pi) && Number.isSafeInteger(product) && Number.isSafeInteger(next)) {
				this.#small = next;
				return;
			}
			this.#big = BigInt(this.#small);
		}
		this.#big += BigInt(qi) * BigInt(pi) * 10n ** BigInt(this.#scale - d);
	}

	/** Adds another sum. */
	addSum(other: ExactSum): void {
		const scale = Math.max(this.#scale, other.#scale);
		this.#rescale(scale);
		const o = other.#asBig() * 10n ** BigInt(scale - other.#scale);
		if (this.#big === null) {
			const next = this.#small + Number(o);
			if (Number.isSafeInteger(next) && BigInt(next) === BigInt(this.#small) + o) {
				this.#small = next;
				return;
			}
			this.#big = BigInt(this.#small);
		}
		this.#big += o;
	}

	#rescale(scale: number): void {
		if (scale <= this.#scale) return;
		const factor = 10 ** (scale - this.#scale);
		if (this.#big === null && Number.isSafeInteger(this.#small * factor)) this.#small *= factor;
		else this.#big = this.#asBig() * 10n ** BigInt(scale - this.#scale);
		this.#scale = scale;
	}

	#asBig(): bigint {
		return this.#big ?? BigInt(this.#small);
	}

	/** This sum times a decimal factor (e.g. a contract multiplier), exactly. */
	times(factor: number): ExactSum {
		const d = decimalsOf(factor);
		const product = new ExactSum();
		product.#scale = this.#scale + d;
		product.#big = this.#asBig() * BigInt(Math.round(factor * 10 ** d));
		return product;
	}

	/** The exact value as an integer count of 10^-scale units. */
	scaled(): { int: bigint; scale: number } {
		return { int: this.#asBig(), scale: this.#scale };
	}

	/** The value as a number (for display and ratios; not for sums). */
	toNumber(): number {
		return this.#big === null ? this.#small / 10 ** this.#scale : Number(this.#big) / 10 ** this.#scale;
	}

	/** The value rounded to `places` decimals, half away from zero, exactly. */
	round(places = 2): number {
		if (this.#scale <= places) return this.toNumber();
		const big = this.#asBig();
		const unit = 10n ** BigInt(this.#scale - places);
		const negative = big < 0n;
		const abs = negative ? -big : big;
		let q = abs / unit;
		if ((abs % unit) * 2n >= unit) q += 1n;
		const value = Number(q) / 10 ** places;
		return negative && value !== 0 ? -value : value;
	}
}

/**
 * Rounds to cents, half away from zero, treating the number as the decimal it prints as, exactly
 * at any size and number of decimals. Slower than `roundCents` (model/money.ts), which agrees with
 * it on everyday amounts: for figures written out once, such as an export.
 * @example roundCentsExact(2.675) // 2.68 (Math.round would give 2.67)
 */
export function roundCentsExact(x: number): number {
	const s = new ExactSum();
	s.add(1, x);
	return s.round(2);
}
