/**
 * MACD as TA_MACD(fast, slow, signal) computes it. Its seeding is what most reimplementations
 * miss: both EMAs are aligned at index slow - 1, so the fast EMA is seeded with the SMA of the
 * `fast` values ending there (close[14..25] for 12/26), not of the first `fast` values; it is not
 * a standalone EMA(fast). The signal line is an EMA(signal) of the MACD line seeded with the SMA
 * of its first `signal` values, and all three outputs start together at (slow - 1) + (signal - 1).
 */
import { emaFactor } from './moving-average';
import { checkPeriods, eachStretch, perBar, toColumn, type Column } from './series';

const { isMissing } = perBar;

export interface Macd {
	/** Fast EMA − slow EMA. */
	macd: Float64Array;
	signal: Float64Array;
	/** MACD − signal. */
	histogram: Float64Array;
}

/** One bar's MACD. */
export interface MacdValue {
	macd: number;
	signal: number;
	histogram: number;
}

function checkMacd(indicator: string, fast: number, slow: number, signal: number): void {
	checkPeriods(indicator, { fast, slow, signal });
	// TA-Lib silently swaps a fast period longer than the slow one; a caller who did that most
	// likely mixed up the arguments, so say so instead.
	if (fast >= slow) throw new RangeError(`${indicator}: fast (${fast}) must be shorter than slow (${slow})`);
}

/*
 * The stretch runs in three loops rather than one with a test of the bar's index at every bar:
 * the EMAs' seeds, the signal's seed, then every later bar with nothing but the arithmetic. One
 * loop with the warm-up's branches inside it ran twice as slow over a million bars.
 */
function macdStretch(
	x: Float64Array,
	line: Float64Array,
	signalLine: Float64Array,
	histogram: Float64Array,
	periods: { fast: number; slow: number; signal: number },
	start: number
): number {
	const { fast, slow, signal } = periods;
	const n = x.length;
	const kFast = emaFactor(fast);
	const kSlow = emaFactor(slow);
	const kSignal = emaFactor(signal);
	const aligned = start + slow - 1;
	const first = aligned + signal - 1;
	let slowEma = 0;
	let fastEma = 0;
	let i = start;
	// The two EMAs' seeds: plain sums until they align, then their means.
	for (; i <= aligned; i++) {
		if (i === n) return n;
		const v = x[i]!;
		if (isMissing(v)) return i;
		slowEma += v;
		if (i > aligned - fast) fastEma += v;
		line[i] = signalLine[i] = histogram[i] = NaN;
	}
	slowEma /= slow;
	fastEma /= fast;
	// The signal's seed: a plain sum of the MACD line from the alignment on.
	let signalEma = fastEma - slowEma;
	for (; i <= first; i++) {
		if (i === n) return n;
		const v = x[i]!;
		if (isMissing(v)) return i;
		slowEma = (v - slowEma) * kSlow + slowEma;
		fastEma = (v - fastEma) * kFast + fastEma;
		signalEma += fastEma - slowEma;
		line[i] = signalLine[i] = histogram[i] = NaN;
	}
	signalEma /= signal;
	const seeded = fastEma - slowEma;
	line[first] = seeded;
	signalLine[first] = signalEma;
	histogram[first] = seeded - signalEma;
	for (; i < n; i++) {
		const v = x[i]!;
		if (isMissing(v)) return i;
		slowEma = (v - slowEma) * kSlow + slowEma;
		fastEma = (v - fastEma) * kFast + fastEma;
		const m = fastEma - slowEma;
		signalEma = (m - signalEma) * kSignal + signalEma;
		line[i] = m;
		signalLine[i] = signalEma;
		histogram[i] = m - signalEma;
	}
	return n;
}

/**
 * MACD line, signal line and histogram; all start at index (slow - 1) + (signal - 1), 33 for
 * 12/26/9.
 * @example macd(closes, 12, 26, 9).histogram[33] // the first histogram value
 */
export function macd(values: Column, fast: number, slow: number, signal: number): Macd {
	checkMacd('macd', fast, slow, signal);
	const x = toColumn(values);
	const n = x.length;
	const out: Macd = {
		macd: new Float64Array(n),
		signal: new Float64Array(n),
		histogram: new Float64Array(n)
	};
	const periods = { fast, slow, signal };
	eachStretch(n, [out.macd, out.signal, out.histogram], (start) =>
		macdStretch(x, out.macd, out.signal, out.histogram, periods, start)
	);
	return out;
}

/**
 * MACD one bar at a time, equal to `macd` at every bar.
 * @example const m = new MacdStream(12, 26, 9); for (const c of closes) m.push(c) // the last bar's MACD
 */
export class MacdStream {
	readonly #fast: number;
	readonly #slow: number;
	readonly #signal: number;
	readonly #k: { fast: number; slow: number; signal: number };
	/** The last `fast` values, only while the fast EMA's seed is being summed. */
	readonly #seed: Float64Array;
	#count = 0;
	#slowEma = 0;
	#fastEma = 0;
	#signalEma = 0;

	constructor(fast: number, slow: number, signal: number) {
		checkMacd('MacdStream', fast, slow, signal);
		this.#fast = fast;
		this.#slow = slow;
		this.#signal = signal;
		this.#k = { fast: emaFactor(fast), slow: emaFactor(slow), signal: emaFactor(signal) };
		this.#seed = new Float64Array(fast);
	}

	/** Appends a value; NaNs during the warm-up, and for a missing value (which restarts). */
	push(x: number): MacdValue {
		if (isMissing(x)) return this.reset();
		const n = ++this.#count;
		const slow = this.#slow;
		if (n < slow) {
			this.#slowEma += x;
			this.#seed[n % this.#fast] = x;
			return { macd: NaN, signal: NaN, histogram: NaN };
		}
		if (n === slow) {
			this.#seed[n % this.#fast] = x;
			// Summed in bar order, as the batch form does, so both agree to the bit.
			let fastSum = 0;
			for (let i = n - this.#fast + 1; i <= n; i++) fastSum += this.#seed[i % this.#fast]!;
			this.#slowEma = (this.#slowEma + x) / slow;
			this.#fastEma = fastSum / this.#fast;
		} else {
			this.#slowEma = (x - this.#slowEma) * this.#k.slow + this.#slowEma;
			this.#fastEma = (x - this.#fastEma) * this.#k.fast + this.#fastEma;
		}
		const line = this.#fastEma - this.#slowEma;
		const first = slow + this.#signal - 1;
		if (n < first) {
			this.#signalEma += line;
			return { macd: NaN, signal: NaN, histogram: NaN };
		}
		this.#signalEma =
			n === first
				? (this.#signalEma + line) / this.#signal
				: (line - this.#signalEma) * this.#k.signal + this.#signalEma;
		return { macd: line, signal: this.#signalEma, histogram: line - this.#signalEma };
	}

	reset(): MacdValue {
		this.#count = 0;
		this.#slowEma = 0;
		this.#fastEma = 0;
		this.#signalEma = 0;
		return { macd: NaN, signal: NaN, histogram: NaN };
	}
}
