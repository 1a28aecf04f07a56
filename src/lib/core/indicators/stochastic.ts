/**
 * Slow stochastic as TA_STOCH(kPeriod, kSlowing, SMA, dPeriod, SMA) computes it:
 * fastK = 100·(close − LL)/(HH − LL) over `kPeriod` bars (0 when HH = LL), %K = SMA(kSlowing) of
 * fastK, %D = SMA(dPeriod) of %K. %K could start (dPeriod − 1) bars before %D, but TA-Lib trims it
 * to %D's start, and so does this: both start at (kPeriod−1) + (kSlowing−1) + (dPeriod−1).
 */
import { SmaStream } from './moving-average';
import { RollingMax } from './rolling-max';
import { checkPeriods, eachStretch, perBar, toHlc, type Column, type Hlc } from './series';

const { isMissingBar } = perBar;

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

/** The batch form's working memory, allocated once for all stretches. */
interface Scratch {
	/** The last kSlowing fastK and the last dPeriod %K, for the SMAs' oldest value. */
	fastKs: Float64Array;
	slowKs: Float64Array;
}

function stochasticStretch(
	bars: Hlc,
	out: Stochastic,
	kPeriod: number,
	kSlowing: number,
	dPeriod: number,
	scratch: Scratch,
	start: number
): number {
	const [h, l, c] = bars;
	const { k: kOut, d: dOut } = out;
	const { fastKs, slowKs } = scratch;
	const n = h.length;
	// TA-Lib's own way to the extremes: keep the highest high and where it is; a new bar that
	// reaches it takes its place, and only when it leaves the window is the window scanned again.
	// A monotonic deque did less work on paper but took a branch it mispredicted at every bar.
	let highestAt = start - 1;
	let lowestAt = start - 1;
	let highest = 0;
	let lowest = 0;
	let kTotal = 0;
	let dTotal = 0;
	let fastSlot = 0;
	let slowSlot = 0;
	const firstFastK = start + kPeriod - 1;
	const firstK = firstFastK + kSlowing - 1;
	const firstD = firstK + dPeriod - 1;
	for (let i = start; i < n; i++) {
		const hi = h[i]!;
		const lo = l[i]!;
		if (isMissingBar(hi, lo, c[i]!)) return i;
		const trailing = i - kPeriod + 1 > start ? i - kPeriod + 1 : start;
		if (highestAt < trailing) {
			highestAt = trailing;
			highest = h[trailing]!;
			for (let j = trailing + 1; j <= i; j++) {
				if (h[j]! >= highest) {
					highest = h[j]!;
					highestAt = j;
				}
			}
		} else if (hi >= highest) {
			highestAt = i;
			highest = hi;
		}
		if (lowestAt < trailing) {
			lowestAt = trailing;
			lowest = l[trailing]!;
			for (let j = trailing + 1; j <= i; j++) {
				if (l[j]! <= lowest) {
					lowest = l[j]!;
					lowestAt = j;
				}
			}
		} else if (lo <= lowest) {
			lowestAt = i;
			lowest = lo;
		}
		kOut[i] = dOut[i] = NaN;
		if (i < firstFastK) continue;
		// TA-Lib divides by (HH − LL)/100 rather than multiplying by 100: the same rounding.
		const range = (highest - lowest) / 100;
		const fastK = range !== 0 ? (c[i]! - lowest) / range : 0;
		// Both SMAs in TA-Lib's order: add, divide, then drop the oldest. After a value is written
		// and the slot moves on, the slot holds the oldest of the last `size` values.
		kTotal += fastK;
		fastKs[fastSlot] = fastK;
		if (++fastSlot === kSlowing) fastSlot = 0;
		if (i < firstK) continue;
		const slowK = kTotal / kSlowing;
		kTotal -= fastKs[fastSlot]!;
		dTotal += slowK;
		slowKs[slowSlot] = slowK;
		if (++slowSlot === dPeriod) slowSlot = 0;
		if (i < firstD) continue;
		kOut[i] = slowK;
		dOut[i] = dTotal / dPeriod;
		dTotal -= slowKs[slowSlot]!;
	}
	return n;
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
	const bars = toHlc('stochastic', high, low, close);
	const n = bars[0].length;
	const out: Stochastic = { k: new Float64Array(n), d: new Float64Array(n) };
	const scratch: Scratch = {
		fastKs: new Float64Array(kSlowing),
		slowKs: new Float64Array(dPeriod)
	};
	eachStretch(n, [out.k, out.d], (start) =>
		stochasticStretch(bars, out, kPeriod, kSlowing, dPeriod, scratch, start)
	);
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
