/**
 * M4 decimation of a line for drawing: split the x range into `buckets` equal spans (one per
 * horizontal pixel of the plot) and keep, of each span, its first and last point and the points
 * where each series is lowest and highest, in their original order. A line through what is kept
 * covers exactly the same pixels as the line through every point: within a pixel column the line
 * only ever spans from the column's minimum to its maximum, and it enters at the first point and
 * leaves at the last, so nothing visible is dropped (Jugel et al., "M4: A Visualization-Oriented
 * Time Series Data Aggregation", VLDB 2014). At most 4 points a bucket per series are kept, so a
 * million points become a few thousand before uPlot sees them.
 *
 * The result is indices into the input, not values, so that several series that share an x (the
 * equity and its drawdown) can be decimated together and stay aligned: each series' extremes are
 * kept, and every series is drawn through the same x.
 */

/**
 * Indices of the points to draw, ascending, each once.
 * `x` must be ascending (NaN-free); each series must be as long as `x`. NaN values in a series are
 * never picked as its min or max (uPlot draws them as gaps; the first/last points keep the span).
 * When `x.length <= 4 * buckets` every index is returned: nothing would be saved.
 * @example m4Indices(time, [equity], plotWidthPx)
 */
export function m4Indices(
	x: ArrayLike<number>,
	series: readonly ArrayLike<number>[],
	buckets: number
): Uint32Array {
	const n = x.length;
	for (const s of series)
		if (s.length !== n) throw new RangeError(`series length ${s.length} differs from x length ${n}`);
	const count = Math.max(1, Math.floor(buckets));
	if (n <= 4 * count) return Uint32Array.from({ length: n }, (_, i) => i);

	const x0 = x[0]!;
	const span = x[n - 1]! - x0;
	// All at one x: one bucket, so first, last and the extremes.
	const scale = span > 0 ? count / span : 0;
	// Where each bucket starts (buckets with no point are skipped), found in one pass over x so
	// that each series is then scanned in a tight loop of its own: a million points in a few ms.
	const starts: number[] = [0];
	let current = Math.min(count - 1, Math.floor((x[0]! - x0) * scale));
	for (let i = 1; i < n; i++) {
		const bucket = Math.min(count - 1, Math.floor((x[i]! - x0) * scale));
		if (bucket !== current) {
			starts.push(i);
			current = bucket;
		}
	}
	starts.push(n);
	const filled = starts.length - 1;
	// Per bucket: first, last, and each series' min and max index (−1: only NaN in the bucket).
	const width = 2 + 2 * series.length;
	const picks = new Int32Array(filled * width).fill(-1);
	for (let b = 0; b < filled; b++) {
		picks[b * width] = starts[b]!;
		picks[b * width + 1] = starts[b + 1]! - 1;
	}
	for (let s = 0; s < series.length; s++) {
		const y = series[s]!;
		for (let b = 0; b < filled; b++) {
			let lo = -1;
			let hi = -1;
			let min = Infinity;
			let max = -Infinity;
			for (let i = starts[b]!, end = starts[b + 1]!; i < end; i++) {
				const v = y[i]!;
				// NaN fails both comparisons, so it is never picked.
				if (v < min || lo < 0) {
					if (!Number.isNaN(v)) {
						min = v;
						lo = i;
					}
				}
				if (v > max || hi < 0) {
					if (!Number.isNaN(v)) {
						max = v;
						hi = i;
					}
				}
			}
			picks[b * width + 2 + 2 * s] = lo;
			picks[b * width + 3 + 2 * s] = hi;
		}
	}
	const out = new Uint32Array(Math.min(n, filled * width));
	let kept = 0;
	for (let b = 0; b < filled; b++) {
		// Sorted so the output stays in time order; repeats (first = min, …) kept once.
		const own = picks.subarray(b * width, (b + 1) * width).sort();
		for (let k = 0; k < width; k++) {
			const i = own[k]!;
			if (i >= 0 && (k === 0 || i !== own[k - 1])) out[kept++] = i;
		}
	}
	return out.slice(0, kept);
}

/** `values` at `indices`, e.g. a series at the indices m4Indices kept. */
export function pick(values: ArrayLike<number>, indices: Uint32Array): Float64Array {
	const out = new Float64Array(indices.length);
	for (let k = 0; k < indices.length; k++) out[k] = values[indices[k]!]!;
	return out;
}
