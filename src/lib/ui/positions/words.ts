/** How the Positions page writes its figures. */
import { money } from '../money';

/**
 * Money with its sign, for P&L: `+2.00`, `−0.13`, `0.00`; `—` without a figure.
 * @example signedMoney(2) // '+2.00'
 */
export function signedMoney(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	return x > 0 ? `+${money(x)}` : money(x);
}

/**
 * A weight (0–1) as a percentage with two decimals: `100.00 %`; `—` without one.
 * @example weightText(0.8) // '80.00 %'
 */
export function weightText(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	return `${(x * 100).toFixed(2)} %`;
}

/** A quantity held, signed (+ long, − short) with a true minus sign; `—` when unknown. */
export function heldText(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	const text = Math.abs(x).toLocaleString('en-US', { maximumFractionDigits: 8 });
	return x < 0 ? `−${text}` : text;
}
