/**
 * Simple, exponential and weighted moving averages, as TA-Lib computes them (TA_SMA, TA_EMA,
 * TA_WMA, default compatibility): running sums in TA-Lib's order of operations, so that results
 * agree with it to the last bits rather than merely within rounding.
 */
import { checkPeriod, perBar, periodIndicator, type Column } from './series';

const { isMissing } = perBar;

/*
 * Each batch indicator computes a stretch of bars in a module-level function that takes its
 * columns as parameters (series.ts `eachStretch` calls it once per stretch). V8 keeps parameters
 * in registers; columns captured by a closure are reloaded from its context at every bar, which
 * made the same loop four times slower.
 */

function smaStretch(x: Float64Array, out: Float64Array, period: number, start: number): number {
	const n = x.length;
	const first = start + period - 1;
	let total = 0;
	let i = start;
	for (; i < first && i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		total += v;
		out[i] = NaN;
	}
	for (; i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		// TA-Lib divides the sum that includes the new value, then drops the oldest.
		total += v;
		out[i] = total / period;
		total -= x[i - period + 1]!;
	}
	return n;
}

/**
 * Simple moving average: the mean of the last `period` values. First value at index period - 1.
 * @example sma([1, 2, 3, 4], 2) // Float64Array [NaN, 1.5, 2.5, 3.5]
 */
export function sma(values: Column, period: number): Float64Array {
	return periodIndicator('sma', values, period, smaStretch);
}

/** The EMA smoothing factor TA-Lib uses (its PER_TO_K). */
export function emaFactor(period: number): number {
	return 2 / (period + 1);
}

function emaStretch(x: Float64Array, out: Float64Array, period: number, start: number): number {
	const k = emaFactor(period);
	const n = x.length;
	const first = start + period - 1;
	let value = 0;
	let i = start;
	for (; i <= first && i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		value += v;
		out[i] = NaN;
	}
	if (i <= first) return i;
	value /= period;
	out[first] = value;
	for (; i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		value = (v - value) * k + value;
		out[i] = value;
	}
	return n;
}

/**
 * Exponential moving average, k = 2 / (period + 1). TA-Lib seeds it with the SMA of the first
 * `period` values at index period - 1 (not with the first value), then ema = (x - ema)·k + ema.
 * @example ema([1, 2, 3, 4], 2) // Float64Array [NaN, 1.5, 2.5, 3.5]
 */
export function ema(values: Column, period: number): Float64Array {
	return periodIndicator('ema', values, period, emaStretch);
}

function wmaStretch(x: Float64Array, out: Float64Array, period: number, start: number): number {
	const n = x.length;
	const divider = (period * (period + 1)) / 2;
	// TA-Lib's scheme: `weighted` is Σ w·x and `plain` is Σ x over the window; each step adds
	// period·x_new and then takes away the plain sum, which lowers every older weight by one.
	const first = start + period - 1;
	let weighted = 0;
	let plain = 0;
	let i = start;
	for (; i < first && i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		plain += v;
		weighted += v * (i - start + 1);
		out[i] = NaN;
	}
	let trailingValue = 0;
	for (; i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		plain += v;
		plain -= trailingValue;
		weighted += v * period;
		trailingValue = x[i - period + 1]!;
		out[i] = weighted / divider;
		weighted -= plain;
	}
	return n;
}

/**
 * Weighted moving average: weights 1..period, the newest value weighing most. First value at
 * index period - 1.
 * @example wma([1, 2, 3], 3) // Float64Array [NaN, NaN, 2.3333…]  ((1·1 + 2·2 + 3·3) / 6)
 */
export function wma(values: Column, period: number): Float64Array {
	return periodIndicator('wma', values, period, wmaStretch);
}

/** The last `size` values pushed, for the incremental forms that drop the oldest one. */
export class Window {
	readonly #values: Float64Array;
	#next = 0;
	/** How many values were pushed since the last clear (not capped at the size). */
	count = 0;

	constructor(size: number) {
		this.#values = new Float64Array(size);
	}

	/** Adds a value and returns the oldest one still in the window (the value itself when size is 1). */
	push(x: number): number {
		this.#values[this.#next] = x;
		this.#next = this.#next + 1 === this.#values.length ? 0 : this.#next + 1;
		this.count++;
		return this.#values[this.#next]!;
	}

	clear(): void {
		this.#next = 0;
		this.count = 0;
	}
}

/**
 * SMA one bar at a time: `push` returns the same value `sma` gives at that bar, in O(1).
 * @example const s = new SmaStream(2); s.push(1); s.push(2) // 1.5
 */
export class SmaStream {
	readonly #period: number;
	readonly #window: Window;
	#total = 0;

	constructor(period: number) {
		checkPeriod('SmaStream', 'period', period);
		this.#period = period;
		this.#window = new Window(period);
	}

	/** Appends a value; NaN before the first full window, and for a missing value (which restarts). */
	push(x: number): number {
		if (isMissing(x)) return this.reset();
		const oldest = this.#window.push(x);
		this.#total += x;
		if (this.#window.count < this.#period) return NaN;
		const value = this.#total / this.#period;
		this.#total -= oldest;
		return value;
	}

	/** Forgets every value (returns NaN, for `return this.reset()`). */
	reset(): number {
		this.#window.clear();
		this.#total = 0;
		return NaN;
	}
}

/**
 * EMA one bar at a time, equal to `ema` at every bar.
 * @example const e = new EmaStream(2); e.push(1); e.push(2); e.push(3) // 2.5
 */
export class EmaStream {
	readonly #period: number;
	readonly #k: number;
	#count = 0;
	#value = 0;

	constructor(period: number) {
		checkPeriod('EmaStream', 'period', period);
		this.#period = period;
		this.#k = emaFactor(period);
	}

	/** Appends a value; NaN during the warm-up, and for a missing value (which restarts). */
	push(x: number): number {
		if (isMissing(x)) return this.reset();
		if (this.#count < this.#period) {
			// #value holds the seed's running sum until the seed is complete.
			this.#value += x;
			if (++this.#count < this.#period) return NaN;
			this.#value /= this.#period;
			return this.#value;
		}
		this.#value = (x - this.#value) * this.#k + this.#value;
		return this.#value;
	}

	reset(): number {
		this.#count = 0;
		this.#value = 0;
		return NaN;
	}
}

/**
 * WMA one bar at a time, equal to `wma` at every bar.
 * @example const w = new WmaStream(3); w.push(1); w.push(2); w.push(3) // 2.3333…
 */
export class WmaStream {
	readonly #period: number;
	readonly #divider: number;
	readonly #window: Window;
	#weighted = 0;
	#plain = 0;
	#trailingValue = 0;

	constructor(period: number) {
		checkPeriod('WmaStream', 'period', period);
		this.#period = period;
		this.#divider = (period * (period + 1)) / 2;
		this.#window = new Window(period);
	}

	/** Appends a value; NaN before the first full window, and for a missing value (which restarts). */
	push(x: number): number {
		if (isMissing(x)) return this.reset();
		const oldest = this.#window.push(x);
		const n = this.#window.count;
		this.#plain += x;
		if (n < this.#period) {
			this.#weighted += x * n;
			return NaN;
		}
		this.#plain -= this.#trailingValue;
		this.#weighted += x * this.#period;
		this.#trailingValue = oldest;
		const value = this.#weighted / this.#divider;
		this.#weighted -= this.#plain;
		return value;
	}

	reset(): number {
		this.#window.clear();
		this.#weighted = 0;
		this.#plain = 0;
		this.#trailingValue = 0;
		return NaN;
	}
}
