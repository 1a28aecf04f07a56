/**
 * SuperTrend as TradingView's `ta.supertrend(factor, atrPeriod)` defines it. SuperTrend is not in
 * TA-Lib; the definition followed is the Pine source TradingView publishes with the function in
 * the Pine Script reference manual (v5 and v6, `ta.supertrend`, "The same on Pine Script®"):
 *
 *     pine_supertrend(factor, atrPeriod) =>
 *         src = hl2
 *         atr = ta.atr(atrPeriod)
 *         upperBand = src + factor * atr
 *         lowerBand = src - factor * atr
 *         prevLowerBand = nz(lowerBand[1])
 *         prevUpperBand = nz(upperBand[1])
 *         lowerBand := lowerBand > prevLowerBand or close[1] < prevLowerBand ? lowerBand : prevLowerBand
 *         upperBand := upperBand < prevUpperBand or close[1] > prevUpperBand ? upperBand : prevUpperBand
 *         int _direction = na
 *         float superTrend = na
 *         prevSuperTrend = superTrend[1]
 *         if na(atr[1])
 *             _direction := 1
 *         else if prevSuperTrend == prevUpperBand
 *             _direction := close > upperBand ? -1 : 1
 *         else
 *             _direction := close < lowerBand ? 1 : -1
 *         superTrend := _direction == -1 ? lowerBand : upperBand
 *         [superTrend, _direction]
 *
 * Direction as in Pine: −1 is an uptrend (the line is the lower band, under price), +1 a
 * downtrend (the line is the upper band, above price). A band only tightens (the lower one rises,
 * the upper one falls) while the previous close stayed on its side.
 *
 * One deliberate difference: the ATR is Wilder's as TA-Lib computes it (atr.ts: first value at
 * index atrPeriod, seeded with the mean of TR[1..atrPeriod]), the ATR of every other indicator
 * here. Pine's ta.atr counts high − low as the first bar's true range and starts one bar earlier;
 * the two ATRs converge as Wilder's smoothing forgets the seed. The first SuperTrend value is at
 * the first ATR value, where Pine's na(atr[1]) holds: direction +1 there.
 */
import { atrStretch, AtrStream } from './range';
import { checkMultiplier, checkPeriod, eachStretch, perBar, toHlc, type Column, type Hlc } from './series';

const { isMissingBar } = perBar;

export interface Supertrend {
	/** The SuperTrend line: the lower band in an uptrend, the upper band in a downtrend. */
	value: Float64Array;
	/** −1 uptrend, +1 downtrend (Pine's convention); NaN before the first value. */
	direction: Float64Array;
}

/** One bar's SuperTrend. */
export interface SupertrendValue {
	value: number;
	direction: number;
}

/** The previous bar's bands and line, what one step reads and updates: [upper, lower, line]. */
type Bands = Float64Array;
const UPPER = 0;
const LOWER = 1;
const LINE = 2;

/**
 * One step of the Pine definition: updates `bands` in place and returns the direction. `first` is
 * Pine's na(atr[1]). The bands live in a small Float64Array: numbers in an object's fields would
 * be boxed, and this runs once per bar.
 */
function step(
	bands: Bands,
	first: boolean,
	high: number,
	low: number,
	close: number,
	previousClose: number,
	atr: number,
	factor: number
): number {
	const mid = (high + low) / 2;
	// nz(band[1]): 0 on the first bar, as in Pine.
	const previousLower = first ? 0 : bands[LOWER]!;
	const previousUpper = first ? 0 : bands[UPPER]!;
	let lower = mid - factor * atr;
	let upper = mid + factor * atr;
	if (!(lower > previousLower || previousClose < previousLower)) lower = previousLower;
	if (!(upper < previousUpper || previousClose > previousUpper)) upper = previousUpper;
	// Pine compares the previous line with the previous upper band rather than keeping the
	// direction; kept literally, since the two differ when the bands meet (ATR of 0).
	const direction = first
		? 1
		: bands[LINE] === previousUpper
			? close > upper
				? -1
				: 1
			: close < lower
				? 1
				: -1;
	bands[LOWER] = lower;
	bands[UPPER] = upper;
	bands[LINE] = direction === -1 ? lower : upper;
	return direction;
}

function checkSupertrend(indicator: string, atrPeriod: number, factor: number): void {
	checkPeriod(indicator, 'atrPeriod', atrPeriod);
	checkMultiplier(indicator, 'factor', factor);
}

function supertrendStretch(
	bars: Hlc,
	out: Supertrend,
	atrPeriod: number,
	factor: number,
	start: number
): number {
	const [h, l, c] = bars;
	const { value, direction } = out;
	const bands: Bands = new Float64Array(3);
	// The ATR goes into the value column first; each bar's line then replaces its ATR.
	const stop = atrStretch(bars, atrPeriod, value, start);
	const first = start + atrPeriod;
	for (let i = start; i < stop; i++) {
		if (i < first) {
			direction[i] = NaN;
			continue;
		}
		direction[i] = step(bands, i === first, h[i]!, l[i]!, c[i]!, c[i - 1]!, value[i]!, factor);
		value[i] = bands[LINE]!;
	}
	return stop;
}

/**
 * SuperTrend line and direction (−1 up, +1 down). First value at index `atrPeriod`.
 * @example supertrend(highs, lows, closes, 10, 3) // { value, direction }
 */
export function supertrend(
	high: Column,
	low: Column,
	close: Column,
	atrPeriod: number,
	factor: number
): Supertrend {
	checkSupertrend('supertrend', atrPeriod, factor);
	const bars = toHlc('supertrend', high, low, close);
	const n = bars[0].length;
	const out: Supertrend = { value: new Float64Array(n), direction: new Float64Array(n) };
	eachStretch(n, [out.value, out.direction], (start) =>
		supertrendStretch(bars, out, atrPeriod, factor, start)
	);
	return out;
}

/**
 * SuperTrend one bar at a time, equal to `supertrend` at every bar.
 * @example const s = new SupertrendStream(10, 3); for (const b of bars) s.push(b.high, b.low, b.close) // { value, direction }
 */
export class SupertrendStream {
	readonly #factor: number;
	readonly #atr: AtrStream;
	readonly #bands: Bands = new Float64Array(3);
	#started = false;
	#close = NaN;

	constructor(atrPeriod: number, factor: number) {
		checkSupertrend('SupertrendStream', atrPeriod, factor);
		this.#factor = factor;
		this.#atr = new AtrStream(atrPeriod);
	}

	/** Appends a bar; NaNs during the ATR's warm-up, and for a missing bar (which restarts). */
	push(high: number, low: number, close: number): SupertrendValue {
		if (isMissingBar(high, low, close)) return this.reset();
		const atr = this.#atr.push(high, low, close);
		const previousClose = this.#close;
		this.#close = close;
		if (atr !== atr) return { value: NaN, direction: NaN };
		const direction = step(this.#bands, !this.#started, high, low, close, previousClose, atr, this.#factor);
		this.#started = true;
		return { value: this.#bands[LINE]!, direction };
	}

	reset(): SupertrendValue {
		this.#atr.reset();
		this.#started = false;
		this.#close = NaN;
		return { value: NaN, direction: NaN };
	}
}
