/**
 * True range and Wilder's ATR as TA_TRANGE and TA_ATR compute them. The true range needs the
 * previous close, so a series has none at its first bar (TA-Lib's lookback 1). ATR(n) starts at
 * index n with the plain mean of TR[1..n], then ATR = (ATR·(n-1) + TR) / n (series.ts `wilder`).
 */
import { checkPeriod, eachStretch, perBar, toHlc, wilder, type Column, type Hlc } from './series';

const { isMissingBar, trueRangeOf } = perBar;

function trueRangeStretch(bars: Hlc, out: Float64Array, start: number): number {
	const [h, l, c] = bars;
	if (isMissingBar(h[start]!, l[start]!, c[start]!)) return start;
	out[start] = NaN;
	return trueRangeLoop(h, l, c, out, start + 1);
}

/** Every bar after a stretch's first (series.ts `eachStretch` says why this loop is a function of its own). */
function trueRangeLoop(
	h: Float64Array,
	l: Float64Array,
	c: Float64Array,
	out: Float64Array,
	from: number
): number {
	let i = from;
	for (; i < h.length; i++) {
		if (isMissingBar(h[i]!, l[i]!, c[i]!)) return i;
		out[i] = trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
	}
	return i;
}

/**
 * True range; NaN at the first bar, which has no previous close.
 * @example trueRange([11, 12], [9, 10], [10, 11]) // Float64Array [NaN, 2]
 */
export function trueRange(high: Column, low: Column, close: Column): Float64Array {
	const bars = toHlc('trueRange', high, low, close);
	const n = bars[0].length;
	const out = new Float64Array(n);
	eachStretch(n, [out], (start) => trueRangeStretch(bars, out, start));
	return out;
}

/**
 * Wilder's average true range from bar `start` until the end or the first missing bar (returned):
 * first value at start + period, NaN before. Shared with SuperTrend, which is built on it.
 */
export function atrStretch(bars: Hlc, period: number, out: Float64Array, start: number): number {
	const [h, l, c] = bars;
	const n = h.length;
	if (isMissingBar(h[start]!, l[start]!, c[start]!)) return start;
	out[start] = NaN;
	const first = start + period;
	const { keep, take } = wilder(period);
	let value = 0;
	let i = start + 1;
	for (; i < first && i < n; i++) {
		if (isMissingBar(h[i]!, l[i]!, c[i]!)) return i;
		value += trueRangeOf(h[i]!, l[i]!, c[i - 1]!);
		out[i] = NaN;
	}
	// The seed is the plain mean of TR over bars 1..period; Wilder's smoothing follows, in a loop
	// of its own so that it tests nothing but missing bars.
	if (i === n) return n;
	if (isMissingBar(h[i]!, l[i]!, c[i]!)) return i;
	value = (value + trueRangeOf(h[i]!, l[i]!, c[i - 1]!)) / period;
	out[i] = value;
	return atrLoop(h, l, c, out, keep, take, value, c[i]!, i + 1);
}

/** Every bar after the ATR's seed (series.ts `eachStretch` says why this loop is a function of its own). */
function atrLoop(
	h: Float64Array,
	l: Float64Array,
	c: Float64Array,
	out: Float64Array,
	keep: number,
	take: number,
	value: number,
	previousClose: number,
	from: number
): number {
	let i = from;
	for (; i < h.length; i++) {
		const high = h[i]!;
		const low = l[i]!;
		const close = c[i]!;
		if (isMissingBar(high, low, close)) return i;
		value = value * keep + trueRangeOf(high, low, previousClose) * take;
		previousClose = close;
		out[i] = value;
	}
	return i;
}

/**
 * Average true range (Wilder). First value at index `period` (14 for ATR(14)).
 * @example atr(highs, lows, closes, 14)[14] // mean of TR[1..14]
 */
export function atr(high: Column, low: Column, close: Column, period: number): Float64Array {
	checkPeriod('atr', 'period', period);
	const bars = toHlc('atr', high, low, close);
	const n = bars[0].length;
	const out = new Float64Array(n);
	eachStretch(n, [out], (start) => atrStretch(bars, period, out, start));
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
	readonly #wilder: { keep: number; take: number };
	readonly #trueRange = new TrueRangeStream();
	#count = 0;
	#value = 0;

	constructor(period: number) {
		checkPeriod('AtrStream', 'period', period);
		this.#period = period;
		this.#wilder = wilder(period);
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
		this.#value =
			n === period ? (this.#value + tr) / period : this.#value * this.#wilder.keep + tr * this.#wilder.take;
		return this.#value;
	}

	reset(): number {
		this.#trueRange.reset();
		this.#count = 0;
		this.#value = 0;
		return NaN;
	}
}
