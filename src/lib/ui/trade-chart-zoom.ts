/**
 * The trade chart's zoom and pan as plain arithmetic on its x range (uPlot's time scale: epoch
 * seconds), so the wheel, the pinch and the finger all move the view the same tested way. Every
 * result lies within the data's range and is at least `minSpan` wide (or the whole range, when
 * that is narrower): one can neither zoom into nothing nor pan off the trade.
 */

/** An x range, `[min, max]`, min < max. */
export type Range = readonly [number, number];

/**
 * Zooms `[min, max]` by `factor` (below 1 in, above 1 out) around `anchor`: the value under the
 * cursor stays where it is on screen, as far as the clamp to `[dataMin, dataMax]` allows.
 * @example zoomRange(0, 100, 25, 0.5, 0, 100) // [12.5, 62.5]: 25 stays a quarter of the way in
 */
export function zoomRange(
	min: number,
	max: number,
	anchor: number,
	factor: number,
	dataMin: number,
	dataMax: number,
	minSpan = 0
): [number, number] {
	const span = max - min;
	if (!(span > 0) || !(factor > 0)) return clampRange(min, max, dataMin, dataMax, minSpan);
	// Where the anchor sits across the view (0 left, 1 right), kept in the new view.
	const at = Math.min(1, Math.max(0, (anchor - min) / span));
	const next = span * factor;
	const lo = anchor - at * next;
	return clampRange(lo, lo + next, dataMin, dataMax, minSpan);
}

/**
 * Moves `[min, max]` by `delta` (positive: later), keeping its width, stopping at the data's ends.
 * @example panRange(0, 10, 95, 0, 100) // [90, 100]
 */
export function panRange(
	min: number,
	max: number,
	delta: number,
	dataMin: number,
	dataMax: number,
	minSpan = 0
): [number, number] {
	return clampRange(min + delta, max + delta, dataMin, dataMax, minSpan);
}

/**
 * The range a two-finger gesture asks for: the values that were under the fingers when they
 * touched (`from`, in pixels across a plot `width` wide showing `start`) stay under them where
 * they are now (`to`). Spreading the fingers zooms in, pinching zooms out, moving both pans.
 * @example pinchRange([0, 100], 100, [40, 60], [30, 70], 0, 100) // [25, 75]
 */
export function pinchRange(
	start: Range,
	width: number,
	from: Range,
	to: Range,
	dataMin: number,
	dataMax: number,
	minSpan = 0
): [number, number] {
	const [min, max] = start;
	const span = max - min;
	const spreadFrom = Math.abs(from[1] - from[0]);
	const spreadTo = Math.abs(to[1] - to[0]);
	// Fingers on (nearly) one spot: no scale to read, so the gesture is a pan of their middle.
	if (!(width > 0) || spreadFrom < 1 || spreadTo < 1) {
		const moved = (to[0] + to[1]) / 2 - (from[0] + from[1]) / 2;
		return panRange(min, max, (-moved / width) * span || 0, dataMin, dataMax, minSpan);
	}
	const valueAt = (px: number) => min + (px / width) * span;
	const v0 = valueAt(from[0]);
	const v1 = valueAt(from[1]);
	const next = ((v1 - v0) * width) / (to[1] - to[0]);
	const lo = v0 - (to[0] / width) * next;
	return clampRange(lo, lo + next, dataMin, dataMax, minSpan);
}

/**
 * `[lo, hi]` made at least `minSpan` wide (around its middle), at most the data's width, and
 * moved inside `[dataMin, dataMax]`.
 */
export function clampRange(
	lo: number,
	hi: number,
	dataMin: number,
	dataMax: number,
	minSpan = 0
): [number, number] {
	const full = dataMax - dataMin;
	if (!(full > 0)) return [dataMin, dataMax];
	const span = Math.min(full, Math.max(hi - lo, minSpan, Number.EPSILON * Math.abs(dataMax)));
	const middle = (lo + hi) / 2;
	let a = middle - span / 2;
	if (hi - lo >= minSpan) a = lo;
	if (a < dataMin) a = dataMin;
	if (a + span > dataMax) a = dataMax - span;
	return [a, a + span];
}
