/**
 * Exact decimal amounts for costs: an integer count of 10^-scale currency units, in BigInt.
 * Rates (0.0035 a share), quantities, prices and the broker's sub-cent fees are decimals read
 * from text, so products and sums of them are exact here; an amount is rounded to the cent
 * once, where a figure is shown or booked (half away from zero, as statements round).
 */
import { decimalsOf, type ExactSum } from '../trades/decimal';

const POW10: bigint[] = [1n];
/** 10^n as a BigInt, from a table (the paper broker prices every execution with these). */
function pow10(n: number): bigint {
	while (POW10.length <= n) POW10.push(POW10[POW10.length - 1]! * 10n);
	return POW10[n]!;
}

export class Exact {
	/** value = int × 10^-scale */
	private constructor(
		readonly int: bigint,
		readonly scale: number
	) {}

	static readonly ZERO = new Exact(0n, 0);

	/**
	 * The decimal a number prints as (0.1 is exactly 1/10, not the nearest double).
	 * @example Exact.of(0.0035).times(Exact.of(100)).toNumber() // 0.35
	 */
	static of(x: number): Exact {
		if (!Number.isFinite(x)) throw new RangeError(`not a finite amount: ${x}`);
		const d = decimalsOf(x);
		if (d <= 15) return new Exact(BigInt(d === 0 ? x : Math.round(x * 10 ** d)), d);
		// Beyond doubles' exact powers of ten: read the printed digits.
		const [mantissa, exponent = '0'] = x.toExponential().split('e');
		const digits = mantissa!.replace('.', '').replace('-', '');
		const fraction = (mantissa!.split('.')[1] ?? '').length;
		const scale = fraction - Number(exponent);
		const int = BigInt(digits) * (x < 0 ? -1n : 1n);
		return scale >= 0 ? new Exact(int, scale) : new Exact(int * pow10(-scale), 0);
	}

	/** An exact sum (trades/decimal.ts) as an amount. */
	static ofSum(sum: ExactSum): Exact {
		const { int, scale } = sum.scaled();
		return new Exact(int, scale);
	}

	/** Integer cents as an amount. */
	static cents(cents: number): Exact {
		return new Exact(BigInt(cents), 2);
	}

	#at(scale: number): bigint {
		return scale === this.scale ? this.int : this.int * pow10(scale - this.scale);
	}

	plus(other: Exact): Exact {
		const scale = Math.max(this.scale, other.scale);
		return new Exact(this.#at(scale) + other.#at(scale), scale);
	}

	minus(other: Exact): Exact {
		return this.plus(new Exact(-other.int, other.scale));
	}

	times(other: Exact): Exact {
		return new Exact(this.int * other.int, this.scale + other.scale);
	}

	/** This amount divided by 10^digits (a rate per million is `shifted(6)`), exactly. */
	shifted(digits: number): Exact {
		return new Exact(this.int, this.scale + digits);
	}

	abs(): Exact {
		return this.int < 0n ? new Exact(-this.int, this.scale) : this;
	}

	compare(other: Exact): number {
		if (this.scale === other.scale) return this.int < other.int ? -1 : this.int > other.int ? 1 : 0;
		const scale = Math.max(this.scale, other.scale);
		const a = this.#at(scale);
		const b = other.#at(scale);
		return a < b ? -1 : a > b ? 1 : 0;
	}

	isZero(): boolean {
		return this.int === 0n;
	}

	/**
	 * Integer cents, half away from zero.
	 * @example Exact.of(0.125).toCents() // 13
	 */
	toCents(): number {
		if (this.scale <= 2) return Number(this.#at(2));
		const unit = pow10(this.scale - 2);
		const negative = this.int < 0n;
		const abs = negative ? -this.int : this.int;
		let q = abs / unit;
		if ((abs % unit) * 2n >= unit) q += 1n;
		const cents = Number(q);
		return negative && cents !== 0 ? -cents : cents;
	}

	/** The value as a number (for display; not for sums). */
	toNumber(): number {
		return Number(`${this.int}e-${this.scale}`);
	}
}

export const maxOf = (a: Exact, b: Exact): Exact => (a.compare(b) >= 0 ? a : b);
export const minOf = (a: Exact, b: Exact): Exact => (a.compare(b) <= 0 ? a : b);
