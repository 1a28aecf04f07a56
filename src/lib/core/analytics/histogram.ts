/**
 * Histograms for the P&L and R distributions.
 *
 * Automatic bins follow Freedman–Diaconis: width 2·IQR·n^(-1/3), which adapts to the spread of
 * the middle half and so is not stretched by a few outsized trades (Sturges' rule, range over
 * log2(n) + 1 bins, stands in when the IQR is 0). The width is then
 * - widened so there are at most `maxBins` bins (default 50: past that, bars are too thin to read
 *   and a few extreme trades would leave most of them empty), and
 * - rounded up to a "nice" 1, 2, 2.5 or 5 × 10^k, with edges on multiples of it. So 0 is an edge
 *   whenever values lie on both sides: no bar mixes losing and winning trades (a breakeven trade,
 *   0, is in the bar that starts at 0), and edges read as round amounts ($-50, $0, $50…).
 * Automatic bins are [edge i, edge i+1): the last edge lies above the greatest value. Equal bins
 * (`bins: n`) run from the least value to the greatest, the last one closed on both sides.
 * Non-finite values are skipped.
 */

export interface Histogram {
	/** Bin edges, ascending; bins + 1 of them (none when there are no values). */
	edges: Float64Array;
	/** Values in each bin. */
	counts: Uint32Array;
}

export interface HistogramOptions {
	/** An exact number of equal bins from the least value to the greatest, instead of automatic ones. */
	bins?: number;
	/** The most automatic bins (default 50; at least 2). */
	maxBins?: number;
}

/**
 * Counts values into bins: automatic ones (Freedman–Diaconis, capped, nice edges) unless
 * `options.bins` asks for a number of equal bins.
 * @example histogram([-30, -10, 5, 12, 40]) // { edges: [-50, 0, 50], counts: [2, 3] }
 */
export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): Histogram {
	const finite = finiteValues(values);
	const n = finite.length;
	if (n === 0) return { edges: new Float64Array(0), counts: new Uint32Array(0) };
	let min = Infinity;
	let max = -Infinity;
	for (let i = 0; i < n; i++) {
		const v = finite[i]!;
		if (v < min) min = v;
		if (v > max) max = v;
	}
	const edges =
		options.bins === undefined
			? autoEdges(finite, min, max, options.maxBins ?? 50)
			: equalEdges(min, max, options.bins);
	const bins = edges.length - 1;
	const counts = new Uint32Array(bins);
	for (let i = 0; i < n; i++) {
		// The last bin whose lower edge is ≤ v, by bisection on the edges themselves: no division
		// whose rounding could disagree with them.
		const v = finite[i]!;
		let lo = 0;
		let hi = bins - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >>> 1;
			if (edges[mid]! <= v) lo = mid;
			else hi = mid - 1;
		}
		counts[lo] = counts[lo]! + 1;
	}
	return { edges, counts };
}

/** The finite values, copied (the copy is reordered to find quartiles). */
function finiteValues(values: ArrayLike<number>): Float64Array {
	const out = new Float64Array(values.length);
	let n = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i]!;
		if (Number.isFinite(v)) out[n++] = v;
	}
	return out.subarray(0, n);
}

function equalEdges(min: number, max: number, bins: number): Float64Array {
	if (!Number.isInteger(bins) || bins < 1)
		throw new RangeError(`bins must be a whole number ≥ 1, not ${bins}`);
	const edges = new Float64Array(bins + 1);
	const span = max > min ? max - min : 1;
	for (let i = 0; i <= bins; i++) edges[i] = min + (span * i) / bins;
	edges[bins] = max > min ? max : min + 1;
	return edges;
}

function autoEdges(values: Float64Array, min: number, max: number, maxBins: number): Float64Array {
	// Two bins at least: values on both sides of 0 need two to keep 0 an edge.
	if (!Number.isInteger(maxBins) || maxBins < 2)
		throw new RangeError(`maxBins must be a whole number ≥ 2, not ${maxBins}`);
	const n = values.length;
	const range = max - min;
	// Quartiles by selection, O(n): sorting 100,000 values for two of them would cost ten times more.
	const iqr = selectQuantile(values, 0.75) - selectQuantile(values, 0.25);
	const fd = iqr > 0 ? 2 * iqr * Math.cbrt(1 / n) : range / (Math.ceil(Math.log2(n)) + 1);
	// One value repeated: a single bar a tenth of its size wide (1 for zero) holds it. Values closer
	// than MIN_WIDTH share a bar (no trade's P&L or R is meaningful past that).
	const width = Math.max(range > 0 ? Math.max(fd, range / maxBins) : Math.abs(min) / 10 || 1, MIN_WIDTH);
	let rung = rungFor(width);
	for (;;) {
		const edge = (i: number) => stepEdge(rung, i);
		let first = Math.floor(min / edge(1));
		while (edge(first) > min) first--;
		while (edge(first + 1) <= min) first++;
		let last = Math.floor(max / edge(1));
		while (edge(last) > max) last--;
		while (edge(last + 1) <= max) last++;
		const bins = last - first + 1;
		// Aligning edges to multiples can add a bin at either end: past the cap, take the next width.
		if (bins > maxBins) {
			rung++;
			continue;
		}
		const edges = new Float64Array(bins + 1);
		for (let i = 0; i <= bins; i++) edges[i] = edge(first + i);
		return edges;
	}
}

const MIN_WIDTH = 1e-9;
const MANTISSAS = [10, 20, 25, 50];

/** Nice widths form a ladder: rung r is MANTISSAS[r mod 4] × 10^(floor(r / 4) − 1). */
function rungFor(width: number): number {
	let rung = 4 * (Math.floor(Math.log10(width)) - 1);
	while (stepEdge(rung, 1) < width) rung++;
	return rung;
}

/**
 * Edge i of a rung, i × width, computed as an integer over a power of ten so it is the double
 * nearest the decimal edge (i × 0.1 would drift: 3 × 0.1 ≠ 0.3).
 */
function stepEdge(rung: number, i: number): number {
	const m = MANTISSAS[((rung % 4) + 4) % 4]!;
	const e = Math.floor(rung / 4) - 1;
	return e >= 0 ? i * m * 10 ** e : (i * m) / 10 ** -e;
}

/** Linear-interpolated quantile of sorted values (type 7, as R and NumPy default). */
export function quantile(sorted: ArrayLike<number>, q: number): number {
	const h = (sorted.length - 1) * q;
	const lo = Math.floor(h);
	const a = sorted[lo]!;
	return lo + 1 < sorted.length ? a + (h - lo) * (sorted[lo + 1]! - a) : a;
}

/**
 * The same quantile as `quantile` without sorting: quickselect (Hoare partition, median-of-three
 * pivot) finds the value of rank ⌊h⌋ and the least value above it. Reorders `values`.
 */
export function selectQuantile(values: Float64Array, q: number): number {
	const h = (values.length - 1) * q;
	const k = Math.floor(h);
	const a = select(values, k);
	if (k + 1 >= values.length) return a;
	// After selection everything past k is ≥ the k-th value: the next rank is their least.
	let b = Infinity;
	for (let i = k + 1; i < values.length; i++) if (values[i]! < b) b = values[i]!;
	return a + (h - k) * (b - a);
}

/** The value of rank k (0-based) in `a`, leaving a partitioned around it. */
function select(a: Float64Array, k: number): number {
	let lo = 0;
	let hi = a.length - 1;
	while (hi > lo) {
		const x = a[lo]!;
		const y = a[(lo + hi) >>> 1]!;
		const z = a[hi]!;
		const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
		let i = lo;
		let j = hi;
		while (i <= j) {
			while (a[i]! < pivot) i++;
			while (a[j]! > pivot) j--;
			if (i <= j) {
				const t = a[i]!;
				a[i] = a[j]!;
				a[j] = t;
				i++;
				j--;
			}
		}
		if (k <= j) hi = j;
		else if (k >= i) lo = i;
		else return a[k]!;
	}
	return a[k]!;
}
