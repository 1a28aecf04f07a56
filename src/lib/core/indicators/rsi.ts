/**
 * RSI as TA_RSI computes it (default compatibility, not Metastock): the first value at index
 * `period`, seeded with the plain means of the first `period` gains and losses (changes 1..period),
 * then Wilder's smoothing avg = (avg·(period-1) + x) / period.
 */
import { checkPeriod, forEachRun, isMissing, nanColumn, toColumn, type Column } from './series';

/** RSI from the smoothed gain and loss: TA-Lib gives 0, not 50, when both are (nearly) zero. */
function rsiOf(gain: number, loss: number): number {
	const total = gain + loss;
	return total > -1e-14 && total < 1e-14 ? 0 : 100 * (gain / total);
}

/**
 * Relative Strength Index, 0..100. First value at index `period` (14 for RSI(14)).
 * @example rsi(closes, 14)[14] // the first RSI value
 */
export function rsi(values: Column, period: number): Float64Array {
	checkPeriod('rsi', 'period', period);
	const x = toColumn(values);
	const out = nanColumn(x.length);
	forEachRun([x], (start, end) => {
		if (end - start <= period) return;
		let gain = 0;
		let loss = 0;
		for (let i = start + 1; i <= start + period; i++) {
			const change = x[i]! - x[i - 1]!;
			if (change < 0) loss -= change;
			else gain += change;
		}
		gain /= period;
		loss /= period;
		out[start + period] = rsiOf(gain, loss);
		for (let i = start + period + 1; i < end; i++) {
			const change = x[i]! - x[i - 1]!;
			// Kept as TA-Lib's multiply, add, divide so that both round alike.
			gain *= period - 1;
			loss *= period - 1;
			if (change < 0) loss -= change;
			else gain += change;
			gain /= period;
			loss /= period;
			out[i] = rsiOf(gain, loss);
		}
	});
	return out;
}

/**
 * RSI one bar at a time, equal to `rsi` at every bar.
 * @example const r = new RsiStream(14); for (const c of closes) r.push(c) // the last bar's RSI
 */
export class RsiStream {
	readonly #period: number;
	#count = 0;
	#previous = 0;
	#gain = 0;
	#loss = 0;

	constructor(period: number) {
		checkPeriod('RsiStream', 'period', period);
		this.#period = period;
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
			this.#gain *= period - 1;
			this.#loss *= period - 1;
		}
		if (change < 0) this.#loss -= change;
		else this.#gain += change;
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
