/**
 * True range and Wilder's ATR as TA_TRANGE and TA_ATR compute them. The true range needs the
 * previous close, so a series has none at its first bar (TA-Lib's lookback 1). ATR(n) starts at
 * index n with the plain mean of TR[1..n], then ATR = (ATR·(n-1) + TR) / n.
 */
import { checkPeriod, forEachRun, isMissingBar, nanColumn, toColumns, type Column } from './series';

/** max(high − low, |high − previous close|, |low − previous close|). */
export function trueRangeOf(high: number, low: number, previousClose: number): number {
	const range = high - low;
	const up = Math.abs(high - previousClose);
	const down = Math.abs(low - previousClose);
	return range >= up ? (range >= down ? range : down) : up >= down ? up : down;
}

/**
 * True range; NaN at the first bar, which has no previous close.
 * @example trueRange([11, 12], [9, 10], [10, 11]) // Float64Array [NaN, 2]
 */
export function trueRange(high: Column, low: Column, close: Column): Float64Array {
	const [h, l, c] = toColumns('trueRange', { high, low, close }) as [
		Float64Array,
		Float64Array,
		Float64Array
	];
	const out = nanColumn(h.length);
	forEachRun([h, l, c], (start, end) => {
		for (let i = start + 1; i < end; i++) out[i] = trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
	});
	return out;
}

/**
 * Wilder's average true range into `out` for bars [start, end): first value at start + period.
 * Shared with SuperTrend, which is built on it.
 */
export function atrRun(
	h: Float64Array,
	l: Float64Array,
	c: Float64Array,
	period: number,
	start: number,
	end: number,
	out: Float64Array
): void {
	if (end - start <= period) return;
	let total = 0;
	for (let i = start + 1; i <= start + period; i++) total += trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
	let value = total / period;
	out[start + period] = value;
	for (let i = start + period + 1; i < end; i++) {
		value = (value * (period - 1) + trueRangeOf(h[i]!, l[i]!, c[i - 1]!)) / period;
		out[i] = value;
	}
}

/**
 * Average true range (Wilder). First value at index `period` (14 for ATR(14)).
 * @example atr(highs, lows, closes, 14)[14] // mean of TR[1..14]
 */
export function atr(high: Column, low: Column, close: Column, period: number): Float64Array {
	checkPeriod('atr', 'period', period);
	const [h, l, c] = toColumns('atr', { high, low, close }) as [Float64Array, Float64Array, Float64Array];
	const out = nanColumn(h.length);
	forEachRun([h, l, c], (start, end) => atrRun(h, l, c, period, start, end, out));
	return out;
}

/**
 * True range one bar at a time, equal to `trueRange` at every bar.
 * @example const t = new TrueRangeStream(); t.push(11, 9, 10); t.push(12, 10, 11) // 2
 */
export class TrueRangeStream {
	#previousClose = NaN;

	/** Appends a bar; NaN for the first bar, and for a missing one (which restarts). */
	push(high: number, low: number, close: number): number {
		if (isMissingBar(high, low, close)) return this.reset();
		const previousClose = this.#previousClose;
		this.#previousClose = close;
		return previousClose === previousClose ? trueRangeOf(high, low, previousClose) : NaN;
	}

	reset(): number {
		this.#previousClose = NaN;
		return NaN;
	}
}

/**
 * ATR one bar at a time, equal to `atr` at every bar.
 * @example const a = new AtrStream(14); for (const b of bars) a.push(b.high, b.low, b.close) // the last ATR
 */
export class AtrStream {
	readonly #period: number;
	readonly #trueRange = new TrueRangeStream();
	#count = 0;
	#value = 0;

	constructor(period: number) {
		checkPeriod('AtrStream', 'period', period);
		this.#period = period;
	}

	/** Appends a bar; NaN during the warm-up, and for a missing bar (which restarts). */
	push(high: number, low: number, close: number): number {
		if (isMissingBar(high, low, close)) return this.reset();
		const tr = this.#trueRange.push(high, low, close);
		if (tr !== tr) return NaN;
		const period = this.#period;
		const n = ++this.#count;
		if (n < period) {
			// #value holds the seed's running sum until the seed is complete.
			this.#value += tr;
			return NaN;
		}
		this.#value = n === period ? (this.#value + tr) / period : (this.#value * (period - 1) + tr) / period;
		return this.#value;
	}

	reset(): number {
		this.#trueRange.reset();
		this.#count = 0;
		this.#value = 0;
		return NaN;
	}
}
