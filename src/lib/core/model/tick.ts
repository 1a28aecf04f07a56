/**
 * The tick: the smallest step an instrument's price moves in, and so what an order's price and a
 * displayed price are rounded to. US equities quote in cents from $1 up and in hundredths of a
 * cent below (Reg NMS rule 612); futures have their own ticks (0.25 for ES), passed explicitly.
 * Averages (a VWAP) are not prices an order carries and are left exact by their callers.
 */

/** Digits after the point of a tick such as 0.01, 0.0001 or 0.25 (at most 10). */
function decimalsOf(tick: number): number {
	for (let d = 0; d <= 10; d++) if (Math.abs(Math.round(tick * 10 ** d) - tick * 10 ** d) < 1e-9) return d;
	return 10;
}

/**
 * The tick of an equity price: 0.01 at $1 and above, 0.0001 below (by absolute value, so a
 * negative spread or offset is ticked as its size is).
 * @example tickFor(49.3668) // 0.01
 * @example tickFor(0.51234) // 0.0001
 */
export function tickFor(price: number): number {
	return Math.abs(price) >= 1 ? 0.01 : 0.0001;
}

/**
 * A price rounded to the nearest tick, half away from zero, as the decimal it prints as (49.37,
 * not 49.370000000000005). The tick defaults to the equity tick of the price; a futures caller
 * passes its own. A non-finite price, or a tick that is not a positive finite number, is returned
 * unchanged (NaN stays "no price").
 * @example roundToTick(49.3668) // 49.37
 * @example roundToTick(0.123456) // 0.1235
 * @example roundToTick(4512.13, 0.25) // 4512.25
 */
export function roundToTick(price: number, tick: number = tickFor(price)): number {
	if (!Number.isFinite(price) || !(tick > 0) || !Number.isFinite(tick)) return price;
	const steps = price / tick;
	// The nudge lifts a half that binary floating point stores just below it (2.675 / 0.01).
	const rounded = Math.round(steps + (steps >= 0 ? 1e-9 : -1e-9)) * tick;
	return +rounded.toFixed(decimalsOf(tick));
}
