/**
 * An instrument's price tick: the smallest price step it trades in. US equities quote in cents at
 * $1 and above and in hundredths of a cent below (Reg NMS rule 612), which is what the paper
 * broker's bars carry; futures' own ticks are not known here (see the other helper's shared tick
 * helper for those).
 */

/**
 * The tick at a price: 0.01 at $1 and above, 0.0001 below.
 * @example tickFor(49.6) // 0.01
 * @example tickFor(0.5) // 0.0001
 */
export function tickFor(price: number): number {
	return Math.abs(price) >= 1 ? 0.01 : 0.0001;
}

/** Decimals a tick has: 2 for 0.01, 4 for 0.0001. */
export function tickDecimals(tick: number): number {
	return Math.max(0, Math.round(-Math.log10(tick)));
}

/**
 * A price rounded to the nearest tick (half away from zero), as an exact decimal double: the
 * number a trader would type, so 49.598361 becomes 49.6 and 0.123456 becomes 0.1235.
 * @example roundToTick(49.598361) // 49.6
 * @example roundToTick(0.123456) // 0.1235
 */
export function roundToTick(price: number, tick: number = tickFor(price)): number {
	const decimals = tickDecimals(tick);
	const steps = Math.round(Math.abs(price) / tick + 1e-9) * Math.sign(price);
	return Number((steps * tick).toFixed(decimals));
}
