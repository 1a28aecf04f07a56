/**
 * Prices and quantities as a trader types and reads them, on an instrument's tick and lot step:
 * what the order ticket refuses (and why, naming the two nearest valid values), what one press of
 * an arrow key moves to, how many decimals a price is written with, and the price steps a chart's
 * axis may use. A typed value is never rounded here: an off-tick price is refused with the
 * prices the trader may have meant, and the trader picks.
 */
import { tickDecimals } from '../model/tick';
import { decimalsOf } from '../trades/decimal';
import { isOnStep, roundToStep, tickOf, type TickSource } from './ticks';
import type { Instrument } from './types';

/** What a price or quantity check reads of an instrument. */
export type Traded = Pick<Instrument, 'symbol' | 'assetClass' | 'tick' | 'lotStep' | 'pair'>;

/**
 * How many decimals a price on this tick is written with at that price.
 * @example priceDecimals(fixedTick(0.25), 5012) // 2
 * @example priceDecimals(US_EQUITY_TICKS, 0.5123) // 4
 */
export function priceDecimals(source: TickSource, price: number): number {
	return tickDecimals(tickOf(source, price));
}

/** A number written with at least `min` decimals and with all of its own (never rounded). */
function exactText(x: number, min: number): string {
	const own = Math.min(20, decimalsOf(Math.abs(x)));
	return x.toFixed(Math.max(min, own));
}

/**
 * A price with its tick's decimals, or more when it has more: a stored price (an execution, a
 * bar) is shown as it is, never rounded onto the tick.
 * @example priceText(5012.3, fixedTick(0.25)) // '5012.30'
 * @example priceText(49.608103, US_EQUITY_TICKS) // '49.608103'
 */
export function priceText(price: number, source: TickSource): string {
	if (!Number.isFinite(price)) return '—';
	return exactText(price, priceDecimals(source, price));
}

/** A tick or lot step as written: `0.25`, `0.0001`, `0.03125`, `0.00000001`. */
export function stepText(step: number): string {
	return exactText(step, 0);
}

/**
 * Why a typed price is not one the instrument trades at, or null when it is on the tick: the
 * tick at that price and the nearest valid prices below and above.
 * @example priceProblem(5012.3, instrumentFor('ESZ5'))
 * // 'ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50'
 */
export function priceProblem(price: number, instrument: Traded): string | null {
	if (!Number.isFinite(price)) return `Enter a price for ${instrument.symbol}`;
	const tick = tickOf(instrument.tick, price);
	if (isOnStep(price, tick)) return null;
	const down = roundToStep(price, tick, 'down');
	const up = roundToStep(price, tick, 'up');
	const text = (p: number) => priceText(p, instrument.tick);
	return `${instrument.symbol} trades in ${stepText(tick)}: ${text(price)} is not a price; ${text(down)} or ${text(up)}`;
}

/** What a quantity counts: shares, contracts, a crypto pair's base coin, units. */
export function quantityUnit(instrument: Traded): string {
	switch (instrument.assetClass) {
		case 'stock':
		case 'etf':
		case 'cfd':
			return 'shares';
		case 'future':
		case 'option':
		case 'future_option':
			return 'contracts';
		case 'crypto':
			return instrument.pair?.base ?? 'units';
		default:
			return 'units';
	}
}

/**
 * The lot step as the ticket shows it: `whole shares`, `0.00000001 BTC`, `10 shares`.
 * @example lotText(instrumentFor('AAPL')) // 'whole shares'
 */
export function lotText(instrument: Traded): string {
	const unit = quantityUnit(instrument);
	return instrument.lotStep === 1 ? `whole ${unit}` : `${stepText(instrument.lotStep)} ${unit}`;
}

/**
 * Why a typed quantity is off the instrument's lot step, or null when it is a whole number of
 * lot steps: the step and the nearest valid quantities (above 0). A quantity that is not a
 * positive number is the ticket's and the broker's to refuse (with their own reasons), not this.
 * @example quantityProblem(10.5, instrumentFor('AAPL'))
 * // 'AAPL trades in whole shares: 10.5 is not a quantity; 10 or 11'
 */
export function quantityProblem(quantity: number, instrument: Traded): string | null {
	if (!Number.isFinite(quantity) || quantity <= 0) return null;
	const step = instrument.lotStep;
	if (isOnStep(quantity, step)) return null;
	const options = [roundToStep(quantity, step, 'down'), roundToStep(quantity, step, 'up')].filter(
		(q) => q > 0
	);
	const text = (q: number) => exactText(q, 0);
	const how = step === 1 ? 'in whole' : `in steps of ${stepText(step)}`;
	return `${instrument.symbol} trades ${how} ${quantityUnit(instrument)}: ${text(quantity)} is not a quantity; ${options.map(text).join(' or ')}`;
}

/**
 * The price one tick away (`direction` +1 up, -1 down), as an arrow key or a +/- button moves
 * it: from a price on the tick to the next one (down across a band's start to the finer tick
 * below it: 1.00 → 0.9999), and from a price off the tick to the nearest one that way.
 * @example stepPrice(5012.25, fixedTick(0.25), 1) // 5012.5
 * @example stepPrice(1, US_EQUITY_TICKS, -1) // 0.9999
 */
export function stepPrice(price: number, source: TickSource, direction: 1 | -1): number {
	const here = tickOf(source, price);
	if (!isOnStep(price, here)) return roundToStep(price, here, direction > 0 ? 'up' : 'down');
	if (direction > 0) return roundToStep(price + here, here);
	const below = tickOf(source, price - here / 2);
	return roundToStep(price - below, below);
}

/**
 * The quantity one lot step away; never below one step.
 * @example stepQuantity(0.0001, { lotStep: 0.0001 }, -1) // 0.0001
 */
export function stepQuantity(
	quantity: number,
	instrument: Pick<Instrument, 'lotStep'>,
	direction: 1 | -1
): number {
	const step = instrument.lotStep;
	const from = Number.isFinite(quantity) ? quantity : 0;
	const next = isOnStep(from, step)
		? roundToStep(from + direction * step, step)
		: roundToStep(from, step, direction > 0 ? 'up' : 'down');
	return next >= step ? next : step;
}

/**
 * The price steps a chart's axis may put its labels at: multiples of the tick only, the tick
 * itself, twice and four times it, then the round steps (1, 2, 2.5, 5 × 10ⁿ) that are whole
 * numbers of ticks, up to `max`.
 * @example axisIncrements(0.25, 10) // [0.25, 0.5, 1, 2, 2.5, 5, 10]
 */
export function axisIncrements(tick: number, max = 1e9): number[] {
	if (!(tick > 0) || !Number.isFinite(tick)) return [];
	const steps = new Set<number>([tick, roundToStep(2 * tick, tick), roundToStep(4 * tick, tick)]);
	for (let e = Math.floor(Math.log10(tick)); 10 ** e <= max; e++)
		for (const m of [1, 2, 2.5, 5]) {
			const step = Number((m * 10 ** e).toPrecision(12));
			if (step >= tick && step <= max && isOnStep(step, tick)) steps.add(step);
		}
	return [...steps].filter((s) => s <= max).sort((a, b) => a - b);
}
