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
 *
 * The smoothing multiplies rather than divides (series.ts `wilder`), and DX is computed from the
 * two sums, whose ratio is the DIs' (S(TR) cancels): values equal TA-Lib's but for the last bits.
 */
import { checkPeriod, eachStretch, perBar, toHlc, wilder, type Column } from './series';

const { isMissingBar, trueRangeOf } = perBar;

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

/**
 * The move that counts as directional: `move` when it is positive and beats `other`, else 0.
 * Number(boolean) compiles to a flag rather than a branch; the two moves' order is random.
 */
function directional(move: number, other: number): number {
	return move * (Number(move > 0) * Number(move > other));
}

/** DX from the smoothed +DM and −DM: S(TR) cancels out of the DIs' ratio. */
function dxOf(plusDM: number, minusDM: number): number {
	return 100 * (Math.abs(minusDM - plusDM) / (minusDM + plusDM));
}

/** Whether there is a DX: TA-Lib skips it where the DIs (DM × `scale`, 100/S(TR)) sum to about 0. */
function hasDx(plusDM: number, minusDM: number, scale: number): boolean {
	return !nearZero((minusDM + plusDM) * scale);
}

/*
 * The stretch runs in three loops rather than one that tests the bar's index at every bar: the
 * sums' seed, the DX sum until the first ADX, then every later bar. Its columns and length are
 * parameters: a property read before the loop, made on the first call before V8 has type
 * feedback, made the optimised code bail out at the start of every later call.
 */
function adxStretch(
	h: Float64Array,
	l: Float64Array,
	c: Float64Array,
	adxOut: Float64Array,
	plusOut: Float64Array,
	minusOut: Float64Array,
	keep: number,
	take: number,
	period: number,
	n: number,
	start: number
): number {
	let previousHigh = h[start]!;
	let previousLow = l[start]!;
	let previousClose = c[start]!;
	if (isMissingBar(previousHigh, previousLow, previousClose)) return start;
	adxOut[start] = plusOut[start] = minusOut[start] = NaN;
	const firstDI = start + period;
	const firstAdx = start + 2 * period - 1;
	let plusDM = 0;
	let minusDM = 0;
	let range = 0;
	let value = 0;
	let i = start + 1;
	// The seed: plain sums over bars 1..period-1.
	for (; i < firstDI; i++) {
		if (i === n) return n;
		const high = h[i]!;
		const low = l[i]!;
		const close = c[i]!;
		if (isMissingBar(high, low, close)) return i;
		const up = high - previousHigh;
		const down = previousLow - low;
		plusDM += directional(up, down);
		minusDM += directional(down, up);
		range += trueRangeOf(high, low, previousClose);
		previousHigh = high;
		previousLow = low;
		previousClose = close;
		adxOut[i] = plusOut[i] = minusOut[i] = NaN;
	}
	// From the first DI on; until the first ADX `value` sums DX, and a skipped DX adds nothing.
	for (; i <= firstAdx; i++) {
		if (i === n) return n;
		const high = h[i]!;
		const low = l[i]!;
		const close = c[i]!;
		if (isMissingBar(high, low, close)) return i;
		const up = high - previousHigh;
		const down = previousLow - low;
		plusDM = plusDM * keep + directional(up, down);
		minusDM = minusDM * keep + directional(down, up);
		range = range * keep + trueRangeOf(high, low, previousClose);
		previousHigh = high;
		previousLow = low;
		previousClose = close;
		adxOut[i] = NaN;
		if (nearZero(range)) {
			plusOut[i] = minusOut[i] = 0;
			continue;
		}
		const scale = 100 / range;
		plusOut[i] = plusDM * scale;
		minusOut[i] = minusDM * scale;
		if (hasDx(plusDM, minusDM, scale)) value += dxOf(plusDM, minusDM);
	}
	value /= period;
	adxOut[firstAdx] = value;
	// Every later bar; a skipped DX keeps the ADX.
	for (; i < n; i++) {
		const high = h[i]!;
		const low = l[i]!;
		const close = c[i]!;
		if (isMissingBar(high, low, close)) return i;
		const up = high - previousHigh;
		const down = previousLow - low;
		plusDM = plusDM * keep + directional(up, down);
		minusDM = minusDM * keep + directional(down, up);
		range = range * keep + trueRangeOf(high, low, previousClose);
		previousHigh = high;
		previousLow = low;
		previousClose = close;
		if (nearZero(range)) {
			plusOut[i] = minusOut[i] = 0;
		} else {
			const scale = 100 / range;
			plusOut[i] = plusDM * scale;
			minusOut[i] = minusDM * scale;
			// DX before the test that may skip it rather than inside it: its division then starts
			// without waiting for the test, and the loop ran in 10 ms a million bars instead of 14.
			const dx = dxOf(plusDM, minusDM);
			if (hasDx(plusDM, minusDM, scale)) value = value * keep + dx * take;
		}
		adxOut[i] = value;
	}
	return n;
}

/**
 * Average Directional Index with +DI and −DI. The DIs start at index `period`, the ADX at
 * 2·period − 1 (14 and 27 for 14).
 * @example adx(highs, lows, closes, 14).adx[27] // the first ADX
 */
export function adx(high: Column, low: Column, close: Column, period: number): Adx {
	checkPeriod('adx', 'period', period);
	const bars = toHlc('adx', high, low, close);
	const n = bars[0].length;
	const out: Adx = { adx: new Float64Array(n), plusDI: new Float64Array(n), minusDI: new Float64Array(n) };
	const [h, l, c] = bars;
	const { keep, take } = wilder(period);
	eachStretch(n, [out.adx, out.plusDI, out.minusDI], (start) =>
		adxStretch(h, l, c, out.adx, out.plusDI, out.minusDI, keep, take, period, n, start)
	);
	return out;
}

/**
 * ADX, +DI and −DI one bar at a time, equal to `adx` at every bar.
 * @example const a = new AdxStream(14); for (const b of bars) a.push(b.high, b.low, b.close) // { adx, plusDI, minusDI }
 */
export class AdxStream {
	readonly #period: number;
	readonly #wilder: { keep: number; take: number };
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
		this.#wilder = wilder(period);
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
		if (n < period) {
			this.#plusDM += directional(up, down);
			this.#minusDM += directional(down, up);
			this.#range += tr;
			return { adx: NaN, plusDI: NaN, minusDI: NaN };
		}
		const { keep, take } = this.#wilder;
		this.#plusDM = this.#plusDM * keep + directional(up, down);
		this.#minusDM = this.#minusDM * keep + directional(down, up);
		this.#range = this.#range * keep + tr;
		const zero = nearZero(this.#range);
		const scale = 100 / this.#range;
		const plusDI = zero ? 0 : this.#plusDM * scale;
		const minusDI = zero ? 0 : this.#minusDM * scale;
		const dx = zero || !hasDx(this.#plusDM, this.#minusDM, scale) ? NaN : dxOf(this.#plusDM, this.#minusDM);
		const firstAdx = 2 * period - 1;
		if (n < firstAdx) {
			if (dx === dx) this.#adx += dx;
			return { adx: NaN, plusDI, minusDI };
		}
		if (n === firstAdx) this.#adx = (dx === dx ? this.#adx + dx : this.#adx) / period;
		else if (dx === dx) this.#adx = this.#adx * keep + dx * take;
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
