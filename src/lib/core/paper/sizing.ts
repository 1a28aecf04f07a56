/**
 * The order ticket's arithmetic: exit prices from offsets (in ticks, in ATR, in R) and a position
 * size from the money a trader is willing to lose at the stop. Prices are per share, on the
 * instrument's tick (see model/tick.ts); money is in dollars as a trader types it.
 */
import type { Side } from '../broker/types';
import { atr } from '../indicators/range';
import type { Column } from '../indicators/series';
import { roundToTick, tickOf, type TickSource } from '../instruments/ticks';
import { onTick, tickFor } from '../model/tick';

/** How an exit is given: a price, or a distance from the entry in ticks, in ATRs or in R. */
export type OffsetUnit = 'price' | 'ticks' | 'atr' | 'r';

export type Priced = { ok: true; price: number } | { ok: false; reason: string };
export type Sized =
	| {
			ok: true;
			/** Whole shares (or steps of `step`), the most whose loss at the stop stays within the risk. */
			quantity: number;
			/** Dollars the trader said they would lose at the stop. */
			riskAmount: number;
			/** Dollars a share loses at the stop (entry to stop, never less than the true distance). */
			riskPerShare: number;
	  }
	| { ok: false; reason: string };

/** Wilder's ATR period the ticket uses, as on most platforms. */
export const ATR_PERIOD = 14;

/**
 * The ATR(14) at the last of the bars given (TA-Lib's), or null before there are enough of them.
 * @example lastAtr(high, low, close) // 0.034 once 15 bars are revealed
 */
export function lastAtr(high: Column, low: Column, close: Column, period = ATR_PERIOD): number | null {
	if (close.length <= period) return null;
	const values = atr(high, low, close, period);
	const last = values[values.length - 1]!;
	return Number.isFinite(last) ? last : null;
}

/**
 * The price of a stop-loss or target of an entry on `side`, from an offset. A long's stop is below
 * its entry and its target above; a short's the other way. R is the distance from the entry to the
 * stop, so only a target can be given in R (and only once the stop is known). Rounded to the tick.
 * @example exitPrice({ entry: 49.4, side: 'buy', leg: 'stop', unit: 'ticks', value: 20 }) // { ok: true, price: 49.2 }
 * @example exitPrice({ entry: 49.4, side: 'buy', leg: 'target', unit: 'r', value: 2, stop: 49.2 }) // { ok: true, price: 49.8 }
 */
export function exitPrice(input: {
	entry: number;
	side: Side;
	leg: 'stop' | 'target';
	unit: OffsetUnit;
	value: number;
	atr?: number | null;
	stop?: number | null;
	/** Whose tick the prices go on; none: a stock's (cents from $1 up). */
	symbol?: string;
	/** The instrument's tick (its catalogue record's), over the symbol's rule when given. */
	tick?: TickSource;
}): Priced {
	const { entry, side, leg, unit, value } = input;
	const symbol = input.symbol ?? '';
	const tick = input.tick;
	const onTheTick = (p: number) => (tick === undefined ? onTick(symbol, p) : roundToTick(p, tick));
	const name = leg === 'stop' ? 'stop-loss' : 'target';
	if (!Number.isFinite(value) || value <= 0)
		return { ok: false, reason: `Enter the ${name} ${unit === 'price' ? 'price' : 'offset'} above 0` };
	if (unit === 'price') return { ok: true, price: onTheTick(value) };
	let distance: number;
	if (unit === 'ticks')
		distance = value * (tick === undefined ? tickFor(symbol, entry) : tickOf(tick, entry));
	else if (unit === 'atr') {
		if (input.atr === null || input.atr === undefined)
			return {
				ok: false,
				reason: `An ATR offset needs ATR(${ATR_PERIOD}): reveal at least ${ATR_PERIOD + 1} bars`
			};
		distance = value * input.atr;
	} else {
		if (leg === 'stop')
			return {
				ok: false,
				reason: 'R is the distance to the stop: give the stop-loss as a price, in ticks or in ATR'
			};
		if (input.stop === null || input.stop === undefined || input.stop === entry)
			return { ok: false, reason: 'A target in R needs the stop-loss first' };
		distance = value * Math.abs(entry - input.stop);
	}
	const below = (side === 'buy') === (leg === 'stop');
	const price = onTheTick(below ? entry - distance : entry + distance);
	if (!(price > 0)) return { ok: false, reason: `That offset puts the ${name} at or below 0` };
	return { ok: true, price };
}

/**
 * The dollars at risk: an amount, or a percent of equity (floored to the cent).
 * @example riskAmount({ by: 'percent', value: 0.5 }, 100_000) // 500
 */
export function riskAmount(risk: { by: 'amount' | 'percent'; value: number }, equity: number): number {
	const dollars = risk.by === 'amount' ? risk.value : (equity * risk.value) / 100;
	return Math.floor(dollars * 100 + 1e-7) / 100;
}

/**
 * The position size whose loss from `entry` to `stop` is at most `amount` dollars, floored to
 * whole `step`s (1 = whole shares). Computed in integers (hundredths of a cent), so the loss at
 * the stop never exceeds the amount, whatever the doubles.
 * @example sizeFromRisk({ amount: 50, entry: 49.41, stop: 49.2 }) // { ok: true, quantity: 238, … }
 */
export function sizeFromRisk(input: { amount: number; entry: number; stop: number; step?: number }): Sized {
	const { amount, entry, stop } = input;
	const step = input.step ?? 1;
	if (!Number.isFinite(amount) || amount <= 0) return { ok: false, reason: 'Enter the risk above $0' };
	if (!(entry > 0) || !(stop > 0))
		return { ok: false, reason: 'Sizing by risk needs an entry price and a stop-loss' };
	// Hundredths of a cent; the distance is rounded up, so the risk is never understated.
	const perShare = Math.ceil(Math.abs(entry - stop) * 10_000 - 1e-6);
	if (perShare <= 0)
		return { ok: false, reason: 'The stop-loss is at the entry: there is no risk to size by' };
	const budget = Math.round(amount * 10_000);
	const steps = Math.floor(budget / (perShare * step));
	const riskPerShare = perShare / 10_000;
	if (steps < 1)
		return {
			ok: false,
			reason: `Risking $${amount.toFixed(2)} at $${riskPerShare.toFixed(4).replace(/0{1,2}$/, '')} a share buys less than ${step} share${step === 1 ? '' : 's'}`
		};
	return { ok: true, quantity: Number((steps * step).toFixed(8)), riskAmount: amount, riskPerShare };
}
