/**
 * ADX with +DI and −DI as TA_ADX, TA_PLUS_DI and TA_MINUS_DI compute them.
 *
 * - Directional moves: up = high − previous high, down = previous low − low; +DM = up when
 *   up > 0 and up > down, −DM = down when down > 0 and down > up, and a tie counts for neither.
 * - The smoothed sums S(+DM), S(−DM), S(TR) start as the plain sums over bars 1..n-1 (n-1 values,
 *   neither Wilder's textbook seed nor the ATR's) and then take S = S − S/n + x from bar n on,
 *   so the first DI is at index n. DI = 100·S(DM)/S(TR), and 0 when S(TR) ≈ 0.
 * - DX = 100·|−DI − +DI|/(−DI + +DI). ADX starts at 2n−1 as the plain mean of DX over bars
 *   n..2n−1, then ADX = (ADX·(n−1) + DX)/n. Where S(TR) ≈ 0 or the DI sum ≈ 0 there is no DX:
 *   it adds nothing to the first mean and leaves the ADX as it was afterwards.
 */
import { trueRangeOf } from './range';
import { checkPeriod, forEachRun, isMissingBar, nanColumn, toColumns, type Column } from './series';

export interface Adx {
	adx: Float64Array;
	plusDI: Float64Array;
	minusDI: Float64Array;
}

/** One bar's ADX and directional indicators. */
export interface AdxValue {
	adx: number;
	plusDI: number;
	minusDI: number;
}

/** TA-Lib's TA_IS_ZERO. */
function nearZero(x: number): boolean {
	return x > -1e-14 && x < 1e-14;
}

/** DX from the two DIs; NaN where TA-Lib skips it. */
function dxOf(plusDI: number, minusDI: number): number {
	const sum = minusDI + plusDI;
	return nearZero(sum) ? NaN : 100 * (Math.abs(minusDI - plusDI) / sum);
}

/**
 * Average Directional Index with +DI and −DI. The DIs start at index `period`, the ADX at
 * 2·period − 1 (14 and 27 for 14).
 * @example adx(highs, lows, closes, 14).adx[27] // the first ADX
 */
export function adx(high: Column, low: Column, close: Column, period: number): Adx {
	checkPeriod('adx', 'period', period);
	const [h, l, c] = toColumns('adx', { high, low, close }) as [Float64Array, Float64Array, Float64Array];
	const out: Adx = { adx: nanColumn(h.length), plusDI: nanColumn(h.length), minusDI: nanColumn(h.length) };
	forEachRun([h, l, c], (start, end) => {
		if (end - start <= period) return;
		let plusDM = 0;
		let minusDM = 0;
		let range = 0;
		for (let i = start + 1; i < start + period; i++) {
			const up = h[i]! - h[i - 1]!;
			const down = l[i - 1]! - l[i]!;
			if (down > 0 && up < down) minusDM += down;
			else if (up > 0 && up > down) plusDM += up;
			range += trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
		}
		const firstAdx = start + 2 * period - 1;
		let dxSum = 0;
		let value = NaN;
		for (let i = start + period; i < end; i++) {
			const up = h[i]! - h[i - 1]!;
			const down = l[i - 1]! - l[i]!;
			minusDM -= minusDM / period;
			plusDM -= plusDM / period;
			if (down > 0 && up < down) minusDM += down;
			else if (up > 0 && up > down) plusDM += up;
			range = range - range / period + trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
			let dx = NaN;
			if (nearZero(range)) {
				out.plusDI[i] = 0;
				out.minusDI[i] = 0;
			} else {
				const plusDI = 100 * (plusDM / range);
				const minusDI = 100 * (minusDM / range);
				out.plusDI[i] = plusDI;
				out.minusDI[i] = minusDI;
				dx = dxOf(plusDI, minusDI);
			}
			if (i < firstAdx) {
				if (dx === dx) dxSum += dx;
				continue;
			}
			if (i === firstAdx) value = (dx === dx ? dxSum + dx : dxSum) / period;
			else if (dx === dx) value = (value * (period - 1) + dx) / period;
			out.adx[i] = value;
		}
	});
	return out;
}

/**
 * ADX, +DI and −DI one bar at a time, equal to `adx` at every bar.
 * @example const a = new AdxStream(14); for (const b of bars) a.push(b.high, b.low, b.close) // { adx, plusDI, minusDI }
 */
export class AdxStream {
	readonly #period: number;
	#count = 0;
	#high = 0;
	#low = 0;
	#close = 0;
	#plusDM = 0;
	#minusDM = 0;
	#range = 0;
	/** The sum of DX during the warm-up, then the ADX. */
	#adx = 0;

	constructor(period: number) {
		checkPeriod('AdxStream', 'period', period);
		this.#period = period;
	}

	/** Appends a bar; NaNs during the warm-up, and for a missing bar (which restarts). */
	push(high: number, low: number, close: number): AdxValue {
		if (isMissingBar(high, low, close)) return this.reset();
		const n = this.#count++;
		const up = high - this.#high;
		const down = this.#low - low;
		const tr = trueRangeOf(high, low, this.#close);
		this.#high = high;
		this.#low = low;
		this.#close = close;
		const period = this.#period;
		if (n === 0) return { adx: NaN, plusDI: NaN, minusDI: NaN };
		if (n >= period) {
			this.#minusDM -= this.#minusDM / period;
			this.#plusDM -= this.#plusDM / period;
		}
		if (down > 0 && up < down) this.#minusDM += down;
		else if (up > 0 && up > down) this.#plusDM += up;
		this.#range = n >= period ? this.#range - this.#range / period + tr : this.#range + tr;
		if (n < period) return { adx: NaN, plusDI: NaN, minusDI: NaN };
		const zero = nearZero(this.#range);
		const plusDI = zero ? 0 : 100 * (this.#plusDM / this.#range);
		const minusDI = zero ? 0 : 100 * (this.#minusDM / this.#range);
		const dx = zero ? NaN : dxOf(plusDI, minusDI);
		const firstAdx = 2 * period - 1;
		if (n < firstAdx) {
			if (dx === dx) this.#adx += dx;
			return { adx: NaN, plusDI, minusDI };
		}
		if (n === firstAdx) this.#adx = (dx === dx ? this.#adx + dx : this.#adx) / period;
		else if (dx === dx) this.#adx = (this.#adx * (period - 1) + dx) / period;
		return { adx: this.#adx, plusDI, minusDI };
	}

	reset(): AdxValue {
		this.#count = 0;
		this.#plusDM = 0;
		this.#minusDM = 0;
		this.#range = 0;
		this.#adx = 0;
		return { adx: NaN, plusDI: NaN, minusDI: NaN };
	}
}
