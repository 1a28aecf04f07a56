/**
 * Slow stochastic as TA_STOCH(kPeriod, kSlowing, SMA, dPeriod, SMA) computes it:
 * fastK = 100·(close − LL)/(HH − LL) over `kPeriod` bars (0 when HH = LL), %K = SMA(kSlowing) of
 * fastK, %D = SMA(dPeriod) of %K. %K could start (dPeriod − 1) bars before %D, but TA-Lib trims it
 * to %D's start, and so does this: both start at (kPeriod−1) + (kSlowing−1) + (dPeriod−1).
 */
import { SmaStream } from './moving-average';
import { RollingMax } from './rolling-max';
import { checkPeriods, eachStretch, perBar, toHlc, type Column } from './series';

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

/*
 * The batch form finds the highest high and lowest low of the last kPeriod bars by van Herk and
 * Gil-Werman's method, with no branch on the data. TA-Lib keeps the extreme and its position and
 * scans the window again when it leaves; on real bars that branches on coin tosses (a new high
 * or not, which bar of a rescan is higher), and mispredicted; over 1M bars that took 23 ms a
 * run, this 19.8 ms. The extremes are the same values whichever way they are found, so %K and %D
 * are TA-Lib's to the bit.
 *
 * The bars are cut into blocks of kPeriod from the stretch's start. The window ending at bar i
 * spans the tail of the previous block (from i's offset in its own block + 1 to its end) and the
 * head of i's block (up to i). So the highest high is the larger of two values: the previous
 * block's suffix maximum at offset + 1 (computed once per block, when it is complete, from bars
 * just read and still in cache) and the running maximum of the current block. When i is the
 * last bar of its block, the window is that block, and the suffix slot past the end holds −∞,
 * which never wins. The lowest low is found the same way with +∞.
 *
 * Each larger-of-two is a select with no branch: the two candidates are stored in a scratch pair
 * and the comparison, as 0 or 1 (Number(boolean) compiles to a flag), is the index of the one to
 * read back. An arithmetic select a·s + b·(1 − s) costs more instructions, and Math.max branches.
 */

/** Scratch pairs for the selects: [0, 1] and [2, 3] for the suffix scan, [4..11] for every bar. */
const PICKS = 12;

/** Where each part of the scratch column starts; `kPeriod + 1` suffix slots each (see above). */
function scratchLayout(kPeriod: number, kSlowing: number) {
	const suffixHigh = PICKS;
	const suffixLow = suffixHigh + kPeriod + 1;
	const fastKs = suffixLow + kPeriod + 1;
	const slowKs = fastKs + kSlowing;
	return { suffixHigh, suffixLow, fastKs, slowKs };
}

/*
 * Everything the loop writes besides its outputs is in one scratch column: the selects' pairs,
 * the previous block's suffix extremes, and the last kSlowing fastK and dPeriod %K (for the SMAs'
 * oldest value). Each typed array a loop touches ties up registers of its own, and with five
 * scratch arrays the loop ran 10 % slower. Columns, length and the scratch's offsets are
 * parameters: read from an object or a call before the loop, on the first call (before V8 has
 * type feedback), they made the optimised code bail out at the start of the next call.
 */
function stochasticStretch(
	h: Float64Array,
	l: Float64Array,
	c: Float64Array,
	kOut: Float64Array,
	dOut: Float64Array,
	s: Float64Array,
	suffixHigh: number,
	suffixLow: number,
	fastKs: number,
	slowKs: number,
	kPeriod: number,
	kSlowing: number,
	dPeriod: number,
	n: number,
	start: number
): number {
	// No previous block at the start: every suffix slot is neutral.
	for (let j = 0; j <= kPeriod; j++) {
		s[suffixHigh + j] = -Infinity;
		s[suffixLow + j] = Infinity;
	}
	let headHigh = -Infinity;
	let headLow = Infinity;
	let offset = 0;
	let kTotal = 0;
	let dTotal = 0;
	let fastSlot = fastKs;
	let slowSlot = slowKs;
	const firstFastK = start + kPeriod - 1;
	const firstK = firstFastK + kSlowing - 1;
	const firstD = firstK + dPeriod - 1;
	for (let i = start; i < n; i++) {
		const high = h[i]!;
		const low = l[i]!;
		const close = c[i]!;
		if (isMissingBar(high, low, close)) return i;
		if (offset === kPeriod) {
			// The block before i is complete: its suffix extremes, scanning back from its end.
			let tailHigh = -Infinity;
			let tailLow = Infinity;
			for (let j = kPeriod - 1, at = i - 1; j >= 0; j--, at--) {
				const x = h[at]!;
				const y = l[at]!;
				s[0] = tailHigh;
				s[1] = x;
				tailHigh = s[Number(x > tailHigh)]!;
				s[2] = tailLow;
				s[3] = y;
				tailLow = s[2 + Number(y < tailLow)]!;
				s[suffixHigh + j] = tailHigh;
				s[suffixLow + j] = tailLow;
			}
			offset = 0;
			headHigh = -Infinity;
			headLow = Infinity;
		}
		s[4] = headHigh;
		s[5] = high;
		headHigh = s[4 + Number(high > headHigh)]!;
		s[6] = headLow;
		s[7] = low;
		headLow = s[6 + Number(low < headLow)]!;
		offset++;
		const tailHigh = s[suffixHigh + offset]!;
		const tailLow = s[suffixLow + offset]!;
		s[8] = headHigh;
		s[9] = tailHigh;
		const highest = s[8 + Number(tailHigh > headHigh)]!;
		s[10] = headLow;
		s[11] = tailLow;
		const lowest = s[10 + Number(tailLow < headLow)]!;
		kOut[i] = dOut[i] = NaN;
		if (i < firstFastK) continue;
		// TA-Lib divides by (HH − LL)/100 rather than multiplying by 100: the same rounding.
		const range = (highest - lowest) / 100;
		const fastK = range !== 0 ? (close - lowest) / range : 0;
		// Both SMAs in TA-Lib's order: add, divide, then drop the oldest. After a value is written
		// and the slot moves on, the slot holds the oldest of the last `size` values.
		kTotal += fastK;
		s[fastSlot] = fastK;
		if (++fastSlot === fastKs + kSlowing) fastSlot = fastKs;
		if (i < firstK) continue;
		const slowK = kTotal / kSlowing;
		kTotal -= s[fastSlot]!;
		dTotal += slowK;
		s[slowSlot] = slowK;
		if (++slowSlot === slowKs + dPeriod) slowSlot = slowKs;
		if (i < firstD) continue;
		kOut[i] = slowK;
		dOut[i] = dTotal / dPeriod;
		dTotal -= s[slowSlot]!;
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
	const [h, l, c] = bars;
	const { k, d } = out;
	const { suffixHigh, suffixLow, fastKs, slowKs } = scratchLayout(kPeriod, kSlowing);
	const scratch = new Float64Array(slowKs + dPeriod);
	eachStretch(n, [k, d], (start) =>
		stochasticStretch(
			h,
			l,
			c,
			k,
			d,
			scratch,
			suffixHigh,
			suffixLow,
			fastKs,
			slowKs,
			kPeriod,
			kSlowing,
			dPeriod,
			n,
			start
		)
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
