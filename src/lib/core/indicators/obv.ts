/**
 * On-balance volume as TA_OBV computes it: it starts at the first bar's volume (not at 0), then
 * adds the volume of a bar that closes higher, subtracts that of a bar that closes lower, and
 * keeps its value on an unchanged close.
 */
import { eachStretch, perBar, toColumns, type Column } from './series';

const { isMissing } = perBar;

function obvStretch(c: Float64Array, v: Float64Array, out: Float64Array, start: number): number {
	const previous = c[start]!;
	const value = v[start]!;
	if (isMissing(previous) || isMissing(value)) return start;
	out[start] = value;
	return obvLoop(c, v, out, previous, value, start + 1);
}

/** Every bar after a stretch's first (series.ts `eachStretch` says why this loop is a function of its own). */
function obvLoop(
	c: Float64Array,
	v: Float64Array,
	out: Float64Array,
	previous: number,
	value: number,
	from: number
): number {
	let i = from;
	for (; i < c.length; i++) {
		const close = c[i]!;
		const volume = v[i]!;
		// One test for both inputs (as isMissing): x - x is NaN for NaN and ±Infinity, else 0.
		if (close - close + (volume - volume) !== 0) return i;
		// +volume, −volume or nothing, as a sign rather than branches on the random direction.
		value += volume * (Number(close > previous) - Number(close < previous));
		previous = close;
		out[i] = value;
	}
	return i;
}

/**
 * On-balance volume; a value at every bar from the first (lookback 0).
 * @example obv([10, 11, 11, 9], [100, 200, 300, 400]) // Float64Array [100, 300, 300, -100]
 */
export function obv(close: Column, volume: Column): Float64Array {
	const [c, v] = toColumns('obv', { close, volume }) as [Float64Array, Float64Array];
	const out = new Float64Array(c.length);
	eachStretch(c.length, [out], (start) => obvStretch(c, v, out, start));
	return out;
}

/**
 * OBV one bar at a time, equal to `obv` at every bar.
 * @example const o = new ObvStream(); o.push(10, 100); o.push(11, 200) // 300
 */
export class ObvStream {
	#close = NaN;
	#value = NaN;

	/** Appends a bar; NaN for a missing close or volume (and OBV starts again after it). */
	push(close: number, volume: number): number {
		if (isMissing(close) || isMissing(volume)) return this.reset();
		const previous = this.#close;
		this.#close = close;
		if (previous !== previous) this.#value = volume;
		else if (close > previous) this.#value += volume;
		else if (close < previous) this.#value -= volume;
		return this.#value;
	}

	reset(): number {
		this.#close = NaN;
		this.#value = NaN;
		return NaN;
	}
}
