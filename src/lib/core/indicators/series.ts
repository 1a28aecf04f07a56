/**
 * What every indicator shares: turning inputs into columns, checking arguments, and splitting a
 * series at missing bars.
 *
 * Missing bars: a bar whose input is not a finite number (NaN, as BarChunk stores a missing
 * volume, or ±Infinity) gives NaN, and the indicator starts again after it, warm-up included, as
 * if the series began at the next complete bar. Each stretch of complete bars is therefore
 * computed exactly as TA-Lib computes a series of its own. TA-Lib itself has no such rule: a NaN
 * enters its running sums and every later value of a recursive indicator (EMA, RSI, ATR, ADX) is
 * NaN, which would blank a chart for the rest of its history over one bad bar.
 */

/** Numbers in, as a typed array or a plain array. */
export type Column = Float64Array | readonly number[];

/** The input as a Float64Array: a typed array as it is (never written to), a plain array copied. */
export function toColumn(values: Column): Float64Array {
	return values instanceof Float64Array ? values : Float64Array.from(values);
}

/**
 * Wilder's smoothing avg = (avg·(n−1) + x)/n as avg·keep + x·take. TA-Lib divides at every bar;
 * a division in the loop-carried chain makes each bar wait ~13 cycles for the previous one, and
 * multiplying is four times faster over a million bars. The two differ in the last bits only
 * (relative 1e-15, far inside the 1e-8 tolerance), and the difference does not grow, since each
 * step shrinks the old average.
 */
export function wilder(period: number): { keep: number; take: number } {
	return { keep: (period - 1) / period, take: 1 / period };
}

/** True for NaN and ±Infinity: the inputs that make a bar missing. */
function isMissing(x: number): boolean {
	// x - x is 0 for every finite number and NaN otherwise; cheaper than Number.isFinite in hot loops.
	return x - x !== 0;
}

/** True when any of a bar's high, low and close is missing: one test instead of three (NaN spreads through the sum). */
function isMissingBar(high: number, low: number, close: number): boolean {
	return high - high + (low - low) + (close - close) !== 0;
}

/** The larger of x and 0, exactly (x + |x| is 2x or 0), without a branch the CPU could mispredict. */
function positivePart(x: number): number {
	return (x + Math.abs(x)) * 0.5;
}

/** A bar's true range: max(high − low, |high − previous close|, |low − previous close|). */
function trueRangeOf(high: number, low: number, previousClose: number): number {
	const range = high - low;
	const up = Math.abs(high - previousClose);
	const down = Math.abs(low - previousClose);
	return range >= up ? (range >= down ? range : down) : up >= down ? up : down;
}

/**
 * The helpers indicators call at every bar. A module takes them once into local constants
 * (`const { isMissing } = perBar;`) rather than importing them by name: Vitest's module runner,
 * which runs the tests and benchmarks, reads an imported name through a getter at each use, and
 * in a loop over a million bars that stopped V8 from inlining the call and made an SMA five times
 * slower. A local constant is called directly, in the tests as in the app's bundle.
 */
export const perBar = { isMissing, isMissingBar, positivePart, trueRangeOf } as const;

/**
 * Throws unless `value` is an integer ≥ `min`: the message names the indicator and the argument.
 * @example checkPeriod('sma', 'period', 20); // ok
 */
export function checkPeriod(indicator: string, name: string, value: number, min = 1): void {
	if (!Number.isSafeInteger(value) || value < min)
		throw new RangeError(`${indicator}: ${name} must be an integer ≥ ${min}, got ${String(value)}`);
}

/**
 * Checks several periods at once: `checkPeriods('macd', { fast, slow, signal })`.
 * @example checkPeriods('stochastic', { kPeriod: 14, kSlowing: 3, dPeriod: 3 }); // ok
 */
export function checkPeriods(indicator: string, periods: Record<string, number>): void {
	for (const [name, value] of Object.entries(periods)) checkPeriod(indicator, name, value);
}

/** Throws unless `value` is a finite number ≥ 0. */
export function checkMultiplier(indicator: string, name: string, value: number): void {
	if (!Number.isFinite(value) || value < 0)
		throw new RangeError(`${indicator}: ${name} must be a finite number ≥ 0, got ${String(value)}`);
}

/** The inputs as columns, after checking that they have one length (one value per bar). */
export function toColumns(indicator: string, inputs: Record<string, Column>): Float64Array[] {
	const columns = Object.values(inputs).map(toColumn);
	const length = columns[0]?.length ?? 0;
	if (columns.some((c) => c.length !== length)) {
		const lengths = Object.entries(inputs).map(([name, c]) => `${name} ${c.length}`);
		throw new RangeError(`${indicator}: inputs must have the same length (${lengths.join(', ')})`);
	}
	return columns;
}

/** A bar's high, low and close columns, of one length. */
export type Hlc = readonly [high: Float64Array, low: Float64Array, close: Float64Array];

/** High, low and close as columns of one length (toColumns for the indicators that read bars). */
export function toHlc(indicator: string, high: Column, low: Column, close: Column): Hlc {
	const [h, l, c] = toColumns(indicator, { high, low, close });
	return [h!, l!, c!];
}

/**
 * Runs a batch indicator over each stretch of complete bars. `stretch(start)` computes from bar
 * `start` until the end or the first missing bar, writes every output at every bar it passes (NaN
 * during its warm-up), and returns where it stopped: the length, or the missing bar, which gets
 * NaN in every output while the next stretch starts after it. Checking for missing values inside
 * the indicator's own loop, where the values are read anyway, costs no extra pass over memory.
 *
 * In RSI, ATR, true range, OBV and SuperTrend the loop over every bar after the warm-up is a
 * function of its own (`rsiLoop` and the like) whose first instruction is the loop, with
 * everything it needs as parameters. V8 gives a function its type feedback only once it has run a
 * little, so on the first call over a million bars whatever runs before the hot loop (reading
 * `x.length`, the first bar, the warm-up) runs with none; the optimised code compiled during that
 * call then bails out at those instructions on the next call, and in the Vitest benchmark these
 * loops often stayed in unoptimised code for dozens of calls (RSI 21-28 ms a call instead of 3-5).
 * Parameters need no feedback, and the loop's own instructions have it by the time the loop is
 * optimised. The loop runs while `i < column.length` rather than to a length passed in: read in
 * the loop's own test, the length gets its feedback too, and V8 can then drop the bounds check on
 * that column (RSI and true range ran 10 % slower with the length as a parameter). ADX and the
 * stochastic keep their loops in the stretch: split the same way they ran
 * 2.4x and 1.1x slower in plain Node, and no faster under Vitest.
 */
export function eachStretch(
	length: number,
	outputs: readonly Float64Array[],
	stretch: (start: number) => number
): void {
	for (let start = 0; start < length;) {
		const stop = stretch(start);
		if (stop < length) for (const out of outputs) out[stop] = NaN;
		start = stop + 1;
	}
}

/**
 * A one-input indicator of one period (SMA, EMA, WMA, RSI): checks the period, then runs
 * `stretch(x, out, period, start)` over each stretch of complete values (see `eachStretch`).
 * Called once a series: the hot loop stays in the indicator's own `stretch`.
 * @example periodIndicator('sma', closes, 20, smaStretch)
 */
export function periodIndicator(
	indicator: string,
	values: Column,
	period: number,
	stretch: (x: Float64Array, out: Float64Array, period: number, start: number) => number
): Float64Array {
	checkPeriod(indicator, 'period', period);
	const x = toColumn(values);
	const out = new Float64Array(x.length);
	eachStretch(x.length, [out], (start) => stretch(x, out, period, start));
	return out;
}
