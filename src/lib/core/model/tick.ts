/**
 * The tick: the smallest step an instrument's price moves in. Single prices (a fill, a limit, a
 * stop) are shown and sent on the tick; averages (a VWAP) are not prices anyone traded at and
 * keep their digits.
 */
import { futuresRoot } from '../instruments/aliases';
import { STARTER_FUTURES_TICKS } from '../instruments/starter';
import { roundToStep } from '../instruments/ticks';

/**
 * Ticks of common futures roots, in the contract's quoted unit (treasuries in points, their
 * ticks fractions of 1/32; grains in cents a bushel). A root not listed takes the stock rule.
 * Read from the instrument catalogue's starter list (core/instruments/starter.ts).
 */
export const FUTURES_TICKS: Readonly<Record<string, number>> = STARTER_FUTURES_TICKS;

/**
 * The tick of a symbol at a price: a known futures contract's own (`ESZ5`, `/MES`, `NQ1!`,
 * `ES DEC 25`), else a cent from $1 up and a hundredth of a cent below (sub-penny quotes).
 * A bare root such as `ES` or `CL` is a stock ticker (Eversource, Colgate), not the future.
 * @example tickFor('ESZ5', 5012.3) // 0.25
 * @example tickFor('AAPL', 187.4) // 0.01
 * @example tickFor('SNDL', 0.4312) // 0.0001
 */
export function tickFor(symbol: string, price: number): number {
	const s = symbol.trim().toUpperCase();
	const root = futuresRoot(s);
	const future = s.startsWith('/') || root !== s;
	const own = future ? FUTURES_TICKS[root] : undefined;
	if (own !== undefined) return own;
	return Math.abs(price) >= 1 ? 0.01 : 0.0001;
}

/**
 * The price on the nearest tick, halves away from zero, written as the decimal it prints as
 * (no `0.30000000000000004`), exactly (core/instruments/ticks.ts). NaN and infinities pass through; a tick that is not a positive
 * number leaves the price as it is.
 * @example roundToTick(49.608103, 0.01) // 49.61
 * @example roundToTick(5012.4, 0.25) // 5012.5
 * @example roundToTick(112.2, 1 / 32) // 112.1875
 */
export function roundToTick(price: number, tick: number): number {
	return roundToStep(price, tick);
}

/**
 * How many decimals a tick has, to write prices on it: 0.25 → 2, 1/64 → 6, 1 → 0.
 * @example tickDecimals(0.0001) // 4
 */
export function tickDecimals(tick: number): number {
	for (let d = 0; d <= 12; d++) if (Math.abs(Math.round(tick * 10 ** d) - tick * 10 ** d) < 1e-9) return d;
	return 12;
}

/**
 * A symbol's price on its tick: what an order carries and a trader reads.
 * @example onTick('RIVN', 13.3751) // 13.38
 * @example onTick('ESZ5', 5012.4) // 5012.5
 */
export function onTick(symbol: string, price: number): number {
	return roundToTick(price, tickFor(symbol, price));
}
