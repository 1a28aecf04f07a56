/**
 * Text for risk messages and the risk page. Local on purpose: the core imports nothing of the
 * app's UI, and a message must read the same in a worker, a test and the page. Negative numbers
 * use the minus sign U+2212, as the rest of Fillbook prints money.
 */

const MINUS = '\u2212';

/** Groups the digits of a non-negative integer string in threes with commas. */
function group(digits: string): string {
	return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * US dollars to the cent with thousands separators; a negative amount starts with U+2212.
 * Half a cent rounds away from zero; −0 and amounts that round to zero print without a sign.
 * @example formatUsd(-2150.25) // '−$2,150.25'
 */
export function formatUsd(amount: number): string {
	const cents = Math.round(Math.abs(amount) * 100);
	const text = `$${group(String(Math.floor(cents / 100)))}.${String(cents % 100).padStart(2, '0')}`;
	return amount < 0 && cents > 0 ? MINUS + text : text;
}

/**
 * A count or quantity with thousands separators and at most 4 decimals (fractional shares),
 * trailing zeros dropped.
 * @example formatQuantity(1234.5) // '1,234.5'
 */
export function formatQuantity(quantity: number): string {
	const scaled = Math.round(Math.abs(quantity) * 10_000);
	const whole = group(String(Math.floor(scaled / 10_000)));
	const fraction = String(scaled % 10_000)
		.padStart(4, '0')
		.replace(/0+$/, '');
	const text = fraction ? `${whole}.${fraction}` : whole;
	return quantity < 0 && scaled > 0 ? MINUS + text : text;
}

/**
 * A percentage with 2 decimals, e.g. 5.2 -> '5.20%'.
 * @example formatPercent(-0.5) // '−0.50%'
 */
export function formatPercent(percent: number): string {
	const hundredths = Math.round(Math.abs(percent) * 100);
	const text = `${group(String(Math.floor(hundredths / 100)))}.${String(hundredths % 100).padStart(2, '0')}%`;
	return percent < 0 && hundredths > 0 ? MINUS + text : text;
}
