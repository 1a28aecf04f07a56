/**
 * Monte Carlo of the trades' R distribution: what other orders and draws of the same edge could
 * have looked like, and how likely a given drawdown is.
 *
 * Method (bootstrap resampling): each path draws `tradesPerPath` trades independently and with
 * replacement from the observed R values, each equally likely, with a seeded generator, and adds
 * them up from 0. Independence is the assumption: streaks that come from market regimes are not
 * reproduced, so real drawdowns can be deeper than these. A path's drawdown is its largest fall from
 * a running peak, the start (0) counting as a peak; it is "ruined" when that reaches the chosen
 * drawdown. Bands are percentiles of all paths' equity taken step by step (each band is not itself
 * a path); the first few paths are returned whole to draw as examples. Paths advance together,
 * one trade at a time, so memory stays at a few arrays of `paths` values whatever the length.
 */
import { quantile } from './histogram';
import { seededRandom } from './random';

export interface MonteCarloOptions {
	/** How many paths to simulate (default 1,000). */
	paths?: number;
	/** Trades per path (default: as many as there are R values). */
	tradesPerPath?: number;
	/** Same seed, same result (default 1). */
	seed?: number;
	/** The drawdown, in R (> 0), that counts as ruin. */
	ruinDrawdownR: number;
	/** Whole paths returned to draw (default 5; at most `paths`). */
	samplePaths?: number;
}

/** Percentiles of the equity (in R) at each step that `monteCarlo` returns. */
export const BAND_PERCENTILES = [5, 25, 50, 75, 95] as const;

/** The most draws one run may take: about a second of work, so a slider cannot stall the worker. */
const MAX_DRAWS = 50_000_000;

export interface MonteCarlo {
	paths: number;
	tradesPerPath: number;
	seed: number;
	ruinDrawdownR: number;
	/**
	 * For each of BAND_PERCENTILES, the equity at that percentile after each trade: index 0 is the
	 * start (0), so each array has tradesPerPath + 1 values.
	 */
	bands: { percentile: number; equity: Float64Array }[];
	/** The first paths, whole (tradesPerPath + 1 values from 0). */
	samples: Float64Array[];
	/** Share of paths whose drawdown reached ruinDrawdownR, in [0, 1]. */
	ruinProbability: number;
	/** Each path's largest drawdown in R (≥ 0), ascending: the distribution of max drawdowns. */
	maxDrawdowns: Float64Array;
}

/**
 * Resamples the R distribution into equity paths (see the module comment for the method).
 * Returns null when there are no R values to draw from.
 * @throws RangeError for non-finite R values or options out of range.
 * @example
 * const mc = monteCarlo([1.5, -1, 2, -1, 0.5], { paths: 2000, tradesPerPath: 100, seed: 7, ruinDrawdownR: 10 });
 * mc?.ruinProbability // the share of the 2,000 paths that fell 10 R from a peak
 */
export function monteCarlo(rValues: ArrayLike<number>, options: MonteCarloOptions): MonteCarlo | null {
	const n = rValues.length;
	if (n === 0) return null;
	const r = Float64Array.from(rValues);
	if (!r.every(Number.isFinite)) throw new RangeError('R values must be finite numbers');
	const paths = whole(options.paths ?? 1000, 'paths');
	const steps = whole(options.tradesPerPath ?? n, 'tradesPerPath');
	const seed = options.seed ?? 1;
	const ruinDrawdownR = options.ruinDrawdownR;
	if (!(ruinDrawdownR > 0 && Number.isFinite(ruinDrawdownR)))
		throw new RangeError(`ruinDrawdownR must be a finite number above 0, not ${ruinDrawdownR}`);
	const sampleCount = Math.min(paths, whole(options.samplePaths ?? 5, 'samplePaths', 0));
	if (paths * steps > MAX_DRAWS)
		throw new RangeError(`paths × tradesPerPath must be at most ${MAX_DRAWS.toLocaleString('en')}`);

	const next = seededRandom(seed);
	const equity = new Float64Array(paths);
	const peak = new Float64Array(paths);
	const deepest = new Float64Array(paths);
	const bands = BAND_PERCENTILES.map((percentile) => ({ percentile, equity: new Float64Array(steps + 1) }));
	const samples = Array.from({ length: sampleCount }, () => new Float64Array(steps + 1));
	const sorted = new Float64Array(paths);
	for (let s = 1; s <= steps; s++) {
		for (let p = 0; p < paths; p++) {
			const e = equity[p]! + r[Math.floor(next() * n)]!;
			equity[p] = e;
			if (e > peak[p]!) peak[p] = e;
			else if (peak[p]! - e > deepest[p]!) deepest[p] = peak[p]! - e;
		}
		for (let i = 0; i < sampleCount; i++) samples[i]![s] = equity[i]!;
		sorted.set(equity);
		sorted.sort();
		for (const band of bands) band.equity[s] = quantile(sorted, band.percentile / 100);
	}
	const maxDrawdowns = deepest.sort();
	return {
		paths,
		tradesPerPath: steps,
		seed,
		ruinDrawdownR,
		bands,
		samples,
		ruinProbability: shareAtLeast(maxDrawdowns, ruinDrawdownR),
		maxDrawdowns
	};
}

/**
 * The probability of a drawdown of at least `drawdownR` in a finished simulation (for a slider
 * over the threshold without simulating again).
 * @example ruinProbability(mc, 5) >= ruinProbability(mc, 10) // true: never less likely to fall less
 */
export function ruinProbability(result: MonteCarlo, drawdownR: number): number {
	return shareAtLeast(result.maxDrawdowns, drawdownR);
}

/** Share of ascending values that are ≥ x (binary search for the first one). */
function shareAtLeast(ascending: Float64Array, x: number): number {
	let lo = 0;
	let hi = ascending.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (ascending[mid]! >= x) hi = mid;
		else lo = mid + 1;
	}
	return (ascending.length - lo) / ascending.length;
}

function whole(x: number, name: string, min = 1): number {
	if (!Number.isInteger(x) || x < min)
		throw new RangeError(`${name} must be a whole number ≥ ${min}, not ${x}`);
	return x;
}
