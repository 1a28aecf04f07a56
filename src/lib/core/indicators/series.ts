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

/** A new output column of `length` NaNs, to be filled where the indicator has a value. */
export function nanColumn(length: number): Float64Array {
	return new Float64Array(length).fill(NaN);
}

/** True for NaN and ±Infinity: the inputs that make a bar missing. */
export function isMissing(x: number): boolean {
	// x - x is 0 for every finite number and NaN otherwise; cheaper than Number.isFinite in hot loops.
	return x - x !== 0;
}

/** True when any of a bar's high, low and close is missing. */
export function isMissingBar(high: number, low: number, close: number): boolean {
	return isMissing(high) || isMissing(low) || isMissing(close);
}

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

/**
 * Calls `run(start, end)` for each maximal stretch [start, end) of bars where every column is
 * finite, in order. Batch indicators compute each stretch as a series of its own.
 */
export function forEachRun(
	columns: readonly Float64Array[],
	run: (start: number, end: number) => void
): void {
	const length = columns[0]?.length ?? 0;
	let start = 0;
	while (start < length) {
		let end = length;
		// The stretch ends at the first missing value of any column; later columns scan only as far
		// as the earlier ones reached, so each value is read about once.
		for (const c of columns) {
			let i = start;
			while (i < end && c[i]! - c[i]! === 0) i++;
			end = i;
		}
		if (end > start) run(start, end);
		start = end + 1;
	}
}
