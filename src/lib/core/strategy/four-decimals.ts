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
		if (fraction - 0.5 > 1e-5 || 0.5 - fraction > 1e-5) return tenThousandths(Math.round(scaled));
	}
	return String(Number(x.toFixed(4)));
}

/**
 * `String(n / 1e4)` for an integer n below 10¹⁰ in size, from integers (writing a double costs
 * more): below 10⁶ a double has more digits than n's ten, so its shortest text is n's own digits,
 * and nonzero it is at least 0.0001, written without an exponent.
 */
function tenThousandths(n: number): string {
	const size = n < 0 ? -n : n;
	const whole = Math.floor(size / 1e4);
	let part = size - whole * 1e4;
	let text: string;
	if (part === 0) text = String(whole);
	else {
		let digits = 4;
		while (part % 10 === 0) {
			part /= 10;
			digits--;
		}
		text = `${whole}.${String(part).padStart(digits, '0')}`;
	}
	return n < 0 ? `-${text}` : text;
}
