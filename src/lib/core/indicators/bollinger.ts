/**
 * Bollinger Bands as TA_BBANDS(period, k, k, SMA) computes them: the middle band is the SMA, the
 * bands are k population standard deviations (÷N, not N-1) either side of it.
 */
import { Window } from './moving-average';
import { checkMultiplier, checkPeriod, eachStretch, perBar, toColumn, type Column } from './series';

const { isMissing } = perBar;

export interface Bands {
	upper: Float64Array;
	middle: Float64Array;
	lower: Float64Array;
}

/** One bar's bands. */
export interface BandsValue {
	upper: number;
	middle: number;
	lower: number;
}

/**
 * TA-Lib's standard deviation from running sums, sqrt(E[x²] − mean²). The variance is
 * cancellation noise when the window is flat; TA-Lib rounds anything below 1e-14 to a deviation
 * of 0, and so does this, which is why the formula is kept rather than a two-pass one.
 */
function deviation(meanOfSquares: number, mean: number): number {
	const variance = meanOfSquares - mean * mean;
	return variance < 1e-14 ? 0 : Math.sqrt(variance);
}

function bollingerStretch(x: Float64Array, bands: Bands, period: number, k: number, start: number): number {
	const { upper, middle, lower } = bands;
	const n = x.length;
	const first = start + period - 1;
	let total = 0;
	let squares = 0;
	let i = start;
	for (; i < first && i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		total += v;
		squares += v * v;
		upper[i] = middle[i] = lower[i] = NaN;
	}
	for (; i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		// The SMA's and the squares' running sums, each in TA-Lib's order (add, divide, drop).
		total += v;
		squares += v * v;
		const mid = total / period;
		// deviation(), written out: a call here kept V8 from scheduling the loop as tightly.
		const variance = squares / period - mid * mid;
		const old = x[i - period + 1]!;
		total -= old;
		squares -= old * old;
		const width = (variance < 1e-14 ? 0 : Math.sqrt(variance)) * k;
		middle[i] = mid;
		upper[i] = mid + width;
		lower[i] = mid - width;
	}
	return n;
}

/**
 * Bollinger Bands: middle = SMA(period), upper/lower = middle ± k·σ (population σ). All three
 * start at index period - 1.
 * @example bollinger([1, 2, 3], 3, 2) // { upper: [NaN, NaN, 3.633], middle: [NaN, NaN, 2], lower: [NaN, NaN, 0.367] }
 */
export function bollinger(values: Column, period: number, k: number): Bands {
	checkPeriod('bollinger', 'period', period);
	checkMultiplier('bollinger', 'k', k);
	const x = toColumn(values);
	const n = x.length;
	const bands: Bands = {
		upper: new Float64Array(n),
		middle: new Float64Array(n),
		lower: new Float64Array(n)
	};
	eachStretch(n, [bands.upper, bands.middle, bands.lower], (start) =>
		bollingerStretch(x, bands, period, k, start)
	);
	return bands;
}

/**
 * Bollinger Bands one bar at a time, equal to `bollinger` at every bar.
 * @example const b = new BollingerStream(3, 2); b.push(1); b.push(2); b.push(3) // { upper: 3.633, middle: 2, lower: 0.367 }
 */
export class BollingerStream {
	readonly #period: number;
	readonly #k: number;
	readonly #window: Window;
	#total = 0;
	#squares = 0;

	constructor(period: number, k: number) {
		checkPeriod('BollingerStream', 'period', period);
		checkMultiplier('BollingerStream', 'k', k);
		this.#period = period;
		this.#k = k;
		this.#window = new Window(period);
	}

	/** Appends a value; NaNs before the first full window, and for a missing value (which restarts). */
	push(x: number): BandsValue {
		if (isMissing(x)) return this.reset();
		const oldest = this.#window.push(x);
		this.#total += x;
		this.#squares += x * x;
		if (this.#window.count < this.#period) return { upper: NaN, middle: NaN, lower: NaN };
		const middle = this.#total / this.#period;
		const meanOfSquares = this.#squares / this.#period;
		this.#total -= oldest;
		this.#squares -= oldest * oldest;
		const width = deviation(meanOfSquares, middle) * this.#k;
		return { upper: middle + width, middle, lower: middle - width };
	}

	reset(): BandsValue {
		this.#window.clear();
		this.#total = 0;
		this.#squares = 0;
		return { upper: NaN, middle: NaN, lower: NaN };
	}
}
