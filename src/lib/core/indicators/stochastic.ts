/**
 * Slow stochastic as TA_STOCH(kPeriod, kSlowing, SMA, dPeriod, SMA) computes it:
 * fastK = 100·(close − LL)/(HH − LL) over `kPeriod` bars (0 when HH = LL), %K = SMA(kSlowing) of
 * fastK, %D = SMA(dPeriod) of %K. %K could start (dPeriod − 1) bars before %D, but TA-Lib trims it
 * to %D's start, and so does this: both start at (kPeriod−1) + (kSlowing−1) + (dPeriod−1).
 */
import { SmaStream } from './moving-average';
import { RollingMax } from './rolling-max';
import { checkPeriods, forEachRun, isMissingBar, nanColumn, toColumns, type Column } from './series';

export interface Stochastic {
	k: Float64Array;
	d: Float64Array;
}

/** One bar's stochastic. */
export interface StochasticValue {
	k: number;
	d: number;
}

/**
 * The running state both forms share: rolling extremes and the two SMAs. `push` leaves the bar's
 * %K and %D in `k` and `d` (NaN until %D starts).
 */
class StochasticState {
	readonly #kPeriod: number;
	readonly #highest: RollingMax;
	/** The lowest low, as the highest negated low. */
	readonly #negatedLowest: RollingMax;
	readonly #slowK: SmaStream;
	readonly #slowD: SmaStream;
	#count = 0;
	k = NaN;
	d = NaN;

	constructor(kPeriod: number, kSlowing: number, dPeriod: number) {
		this.#kPeriod = kPeriod;
		this.#highest = new RollingMax(kPeriod);
		this.#negatedLowest = new RollingMax(kPeriod);
		this.#slowK = new SmaStream(kSlowing);
		this.#slowD = new SmaStream(dPeriod);
	}

	push(high: number, low: number, close: number): void {
		const highest = this.#highest.push(high);
		const lowest = -this.#negatedLowest.push(-low);
		this.k = NaN;
		this.d = NaN;
		if (++this.#count < this.#kPeriod) return;
		// TA-Lib divides by (HH − LL)/100 rather than multiplying by 100: the same rounding.
		const range = (highest - lowest) / 100;
		const fastK = range !== 0 ? (close - lowest) / range : 0;
		const k = this.#slowK.push(fastK);
		if (k !== k) return;
		const d = this.#slowD.push(k);
		if (d !== d) return;
		this.k = k;
		this.d = d;
	}

	reset(): void {
		this.#highest.clear();
		this.#negatedLowest.clear();
		this.#slowK.reset();
		this.#slowD.reset();
		this.#count = 0;
		this.k = NaN;
		this.d = NaN;
	}
}

/**
 * Slow stochastic %K and %D, 0..100. Both start at index (kPeriod−1) + (kSlowing−1) + (dPeriod−1),
 * 17 for 14/3/3.
 * @example stochastic(highs, lows, closes, 14, 3, 3).k[17] // the first %K
 */
export function stochastic(
	high: Column,
	low: Column,
	close: Column,
	kPeriod: number,
	kSlowing: number,
	dPeriod: number
): Stochastic {
	checkPeriods('stochastic', { kPeriod, kSlowing, dPeriod });
	const [h, l, c] = toColumns('stochastic', { high, low, close }) as [
		Float64Array,
		Float64Array,
		Float64Array
	];
	const out: Stochastic = { k: nanColumn(h.length), d: nanColumn(h.length) };
	const state = new StochasticState(kPeriod, kSlowing, dPeriod);
	forEachRun([h, l, c], (start, end) => {
		state.reset();
		for (let i = start; i < end; i++) {
			state.push(h[i]!, l[i]!, c[i]!);
			out.k[i] = state.k;
			out.d[i] = state.d;
		}
	});
	return out;
}

/**
 * Slow stochastic one bar at a time, equal to `stochastic` at every bar.
 * @example const s = new StochasticStream(14, 3, 3); for (const b of bars) s.push(b.high, b.low, b.close) // { k, d }
 */
export class StochasticStream {
	readonly #state: StochasticState;

	constructor(kPeriod: number, kSlowing: number, dPeriod: number) {
		checkPeriods('StochasticStream', { kPeriod, kSlowing, dPeriod });
		this.#state = new StochasticState(kPeriod, kSlowing, dPeriod);
	}

	/** Appends a bar; NaNs during the warm-up, and for a missing bar (which restarts). */
	push(high: number, low: number, close: number): StochasticValue {
		if (isMissingBar(high, low, close)) return this.reset();
		this.#state.push(high, low, close);
		return { k: this.#state.k, d: this.#state.d };
	}

	reset(): StochasticValue {
		this.#state.reset();
		return { k: NaN, d: NaN };
	}
}
