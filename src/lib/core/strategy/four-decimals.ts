/**
 * A number written with up to 4 decimals and no trailing zeros, as the lineage writes indicator
 * values: exactly `String(Number(x.toFixed(4)))`, without `toFixed` in the common case.
 *
 * Why it is exact: for |x| < 1e6, x × 10⁴ is below 2³⁴, so the product is within 2⁻¹⁹ of the true
 * x·10⁴. When its fraction is more than 10⁻⁵ away from one half, rounding the product rounds the
 * true value the same way, so `r = Math.round(x * 1e4)` is the n `toFixed` picks, and `r / 1e4`
 * (a correctly rounded division of exact numbers) is the double nearest n/10⁴: the one that
 * `Number` reads back from `toFixed`'s text. Near a tie, or out of range, it asks `toFixed`.
 * @example fourDecimals(10.33333) // '10.3333'
 */
export function fourDecimals(x: number): string {
	if (x < 1e6 && x > -1e6) {
		const scaled = x * 1e4;
		const fraction = scaled - Math.floor(scaled);
		if (fraction - 0.5 > 1e-5 || 0.5 - fraction > 1e-5) return String(Math.round(scaled) / 1e4);
	}
	return String(Number(x.toFixed(4)));
}
