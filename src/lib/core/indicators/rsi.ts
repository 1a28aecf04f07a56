/**
 * RSI as TA_RSI computes it (default compatibility, not Metastock): the first value at index
 * `period`, seeded with the plain means of the first `period` gains and losses (changes 1..period),
 * then Wilder's smoothing avg = (avg·(period-1) + x) / period (series.ts `wilder`).
 */
import { checkPeriod, perBar, periodIndicator, wilder, type Column } from './series';

const { isMissing, positivePart } = perBar;

/** RSI from the smoothed gain and loss: TA-Lib gives 0, not 50, when both are (nearly) zero. */
function rsiOf(gain: number, loss: number): number {
	const total = gain + loss;
	return total > -1e-14 && total < 1e-14 ? 0 : 100 * (gain / total);
}

function rsiStretch(x: Float64Array, out: Float64Array, period: number, start: number): number {
	const n = x.length;
	let previous = x[start]!;
	if (isMissing(previous)) return start;
	out[start] = NaN;
	const first = start + period;
	let gain = 0;
	let loss = 0;
	// The seed: plain sums of the first `period` gains and losses, then their means.
	for (let i = start + 1; i <= first; i++) {
		if (i === n) return n;
		const v = x[i]!;
		if (isMissing(v)) return i;
		// A rise is a gain and a fall a loss; the other side gets 0, without a branch: rises and
		// falls alternate at random, which a branch predictor cannot learn.
		const change = v - previous;
		previous = v;
		gain += positivePart(change);
		loss += positivePart(-change);
		out[i] = NaN;
	}
	gain /= period;
	loss /= period;
	out[first] = rsiOf(gain, loss);
	const { keep, take } = wilder(period);
	return rsiLoop(x, out, keep, take, gain, loss, previous, first + 1);
}

/** Every bar after the seed (series.ts `eachStretch` says why this loop is a function of its own). */
function rsiLoop(
	x: Float64Array,
	out: Float64Array,
	keep: number,
	take: number,
	gain: number,
	loss: number,
	previous: number,
	from: number
): number {
	let i = from;
	for (; i < x.length; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		const change = v - previous;
		previous = v;
		gain = gain * keep + positivePart(change) * take;
		loss = loss * keep + positivePart(-change) * take;
		out[i] = rsiOf(gain, loss);
	}
	return i;
}

/**
 * Relative Strength Index, 0..100. First value at index `period` (14 for RSI(14)).
 * @example rsi(closes, 14)[14] // the first RSI value
 */
export function rsi(values: Column, period: number): Float64Array {
	return periodIndicator('rsi', values, period, rsiStretch);
}

/**
 * RSI one bar at a time, equal to `rsi` at every bar.
 * @example const r = new RsiStream(14); for (const c of closes) r.push(c) // the last bar's RSI
 */
export class RsiStream {
	readonly #period: number;
	readonly #wilder: { keep: number; take: number };
	#count = 0;
	#previous = 0;
	#gain = 0;
	#loss = 0;

	constructor(period: number) {
		checkPeriod('RsiStream', 'period', period);
		this.#period = period;
		this.#wilder = wilder(period);
	}

	/** Appends a value; NaN during the warm-up, and for a missing value (which restarts). */
	push(x: number): number {
		if (isMissing(x)) return this.reset();
		const n = this.#count++;
		const change = x - this.#previous;
		this.#previous = x;
		if (n === 0) return NaN;
		const period = this.#period;
		if (n > period) {
			const { keep, take } = this.#wilder;
			this.#gain = this.#gain * keep + positivePart(change) * take;
			this.#loss = this.#loss * keep + positivePart(-change) * take;
			return rsiOf(this.#gain, this.#loss);
		}
		this.#gain += positivePart(change);
		this.#loss += positivePart(-change);
		if (n < period) return NaN;
		this.#gain /= period;
		this.#loss /= period;
		return rsiOf(this.#gain, this.#loss);
	}

	reset(): number {
		this.#count = 0;
		this.#previous = 0;
		this.#gain = 0;
		this.#loss = 0;
		return NaN;
	}
}
