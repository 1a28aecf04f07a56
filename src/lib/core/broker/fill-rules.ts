/**
 * FILL RULES — how the paper broker decides whether, and at what price, an order executes on a
 * bar. Bars are OHLC only, so the path inside a bar is unknown; these rules pick the outcome a
 * careful trader would assume (in the spirit of backtrader and LEAN) and never a price outside
 * the bar's [low, high].
 *
 * Which bars. An order may only execute on bars of its symbol whose time (the bar's OPEN time)
 * is strictly after the order's submission time. The caller submits with the time of the last
 * bar it has seen (that bar has closed), so "the next bar" is the first bar after it. Bracket
 * exits and OTO secondaries become active at the time of the bar their parent filled on, so they
 * execute from the bar after that one.
 *
 * Market: executes at the next bar's open (plus slippage).
 * Limit (buy; sell mirrored): open ≤ limit → at the open (a gap in the trader's favour);
 *   else low ≤ limit → at the limit. Exactly touching counts. Never worse than the limit.
 * Stop (buy; sell mirrored): open ≥ stop → at the open (gapped through); else high ≥ stop → at
 *   the stop (plus slippage).
 * Stop-limit: triggers like a stop, then works as a limit. On the triggering bar: if it gapped
 *   through at the open, the whole bar is after the trigger, so the limit rule applies to the whole
 *   bar; if it triggered inside the bar, the price at that moment was the stop, so it executes at
 *   the stop when the stop is within the limit, and otherwise waits as a limit from the next bar
 *   (the bar's extreme may have come before the trigger).
 * Trailing stop (sell; buy mirrored): level = best price − trail (amount, or best × percent/100),
 *   rounded away from the market to `priceDecimals`, and never loosened. Intra-bar order assumed
 *   (conservative): first test the level carried in from the previous bar against this bar (as a
 *   stop: gap → open, touch → level), and only if it did not trigger, ratchet with this bar's
 *   high. The best price starts at the last close seen at submission (or the first bar's open).
 * OCO pair (bracket stop and target) both touched in one bar: `bothTouched` decides —
 *   'worse' (default): the leg with the worse price for the trader (for a long bracket, the
 *   stop); 'better': the other; 'nearest_open': the leg whose price is nearer the bar's open
 *   (assumed reached first; a tie goes to the worse). Legs on opposite sides have no better or
 *   worse, so they use 'nearest_open'. Only one leg of a pair executes per bar.
 * Slippage applies to market, stop and trailing-stop executions only, against the trader (buys
 *   higher, sells lower), and is then clamped into the bar's [low, high]. Limit and stop-limit
 *   executions get none: a limit never executes worse than its limit. So every execution price
 *   lies within its bar's range.
 * Volume: with `volumeShare` set and the bar's volume known, an order executes at most
 *   volume × share units per bar (rounded down to `quantityDecimals`); the rest waits for later
 *   bars (IOC: cancelled; FOK: cancelled unless all fits).
 */

import type { Bar, BothTouchedRule, Side, SlippageModel, Trail } from './types';

/** x rounded down (or up) to `decimals`, ignoring float noise below 1e-9 of a unit. */
export function roundDirected(x: number, decimals: number, direction: 'down' | 'up'): number {
	const p = 10 ** decimals;
	const scaled = x * p;
	const nearest = Math.round(scaled);
	const r =
		Math.abs(scaled - nearest) < 1e-7
			? nearest
			: direction === 'down'
				? Math.floor(scaled)
				: Math.ceil(scaled);
	return r / p;
}

/** Where a limit executes on this bar, or null when the bar does not reach it. */
export function limitPrice(side: Side, limit: number, bar: Bar): number | null {
	if (side === 'buy') {
		if (bar.open <= limit) return bar.open;
		return bar.low <= limit ? limit : null;
	}
	if (bar.open >= limit) return bar.open;
	return bar.high >= limit ? limit : null;
}

/** Where a stop executes on this bar before slippage (the open when gapped through), or null. */
export function stopPrice(side: Side, stop: number, bar: Bar): { price: number; gapped: boolean } | null {
	if (side === 'buy') {
		if (bar.open >= stop) return { price: bar.open, gapped: true };
		return bar.high >= stop ? { price: stop, gapped: false } : null;
	}
	if (bar.open <= stop) return { price: bar.open, gapped: true };
	return bar.low <= stop ? { price: stop, gapped: false } : null;
}

/** A stop-limit on one bar: whether it triggers (or had), and where it executes, if it does. */
export function stopLimitStep(
	side: Side,
	stop: number,
	limit: number,
	alreadyTriggered: boolean,
	bar: Bar
): { triggered: boolean; price: number | null } {
	if (alreadyTriggered) return { triggered: true, price: limitPrice(side, limit, bar) };
	const touch = stopPrice(side, stop, bar);
	if (!touch) return { triggered: false, price: null };
	if (touch.gapped) return { triggered: true, price: limitPrice(side, limit, bar) };
	const withinLimit = side === 'buy' ? stop <= limit : stop >= limit;
	return { triggered: true, price: withinLimit ? stop : null };
}

/** A trailing stop's level for a best price: behind it by the trail, rounded away from the market. */
export function trailLevel(side: Side, trail: Trail, extreme: number, priceDecimals: number): number {
	const distance = trail.by === 'amount' ? trail.value : (extreme * trail.value) / 100;
	return side === 'sell'
		? roundDirected(extreme - distance, priceDecimals, 'down')
		: roundDirected(extreme + distance, priceDecimals, 'up');
}

/**
 * A trailing stop on one bar: test the carried level first, then ratchet with the bar's extreme.
 * With no level yet (no price was known at submission), the best price starts at this bar's open.
 */
export function trailingStep(
	side: Side,
	trail: Trail,
	level: number | null,
	extreme: number | null,
	bar: Bar,
	priceDecimals: number
): { price: number | null; level: number; extreme: number } {
	let best = extreme ?? bar.open;
	let stop = level ?? trailLevel(side, trail, best, priceDecimals);
	const touch = stopPrice(side, stop, bar);
	if (touch) return { price: touch.price, level: stop, extreme: best };
	best = side === 'sell' ? Math.max(best, bar.high) : Math.min(best, bar.low);
	const next = trailLevel(side, trail, best, priceDecimals);
	stop = side === 'sell' ? Math.max(stop, next) : Math.min(stop, next);
	return { price: null, level: stop, extreme: best };
}

/**
 * A price moved against the trader by the slippage model, then clamped into the bar's range.
 * @example slipped('buy', 10, { ...bar, high: 10.02 }, { kind: 'fixed', amount: 0.05 }, 4) // 10.02
 */
export function slipped(
	side: Side,
	price: number,
	bar: Bar,
	model: SlippageModel,
	priceDecimals: number
): number {
	let moved = price;
	if (model.kind === 'fixed') moved = side === 'buy' ? price + model.amount : price - model.amount;
	else if (model.kind === 'percent')
		moved = side === 'buy' ? price * (1 + model.percent / 100) : price * (1 - model.percent / 100);
	if (moved !== price) moved = roundDirected(moved, priceDecimals, side === 'buy' ? 'up' : 'down');
	return Math.min(bar.high, Math.max(bar.low, moved));
}

/**
 * Which of two OCO legs that both would execute on this bar does (0 or 1), per the rule.
 * Legs are given with their side and execution price.
 */
export function chooseLeg(
	rule: BothTouchedRule,
	a: { side: Side; price: number },
	b: { side: Side; price: number },
	open: number
): 0 | 1 {
	// For the trader, a buy is worse the higher it is, a sell the lower.
	const worse: 0 | 1 = a.side === 'buy' ? (a.price >= b.price ? 0 : 1) : a.price <= b.price ? 0 : 1;
	if (rule === 'nearest_open' || a.side !== b.side) {
		const da = Math.abs(a.price - open);
		const db = Math.abs(b.price - open);
		return da < db ? 0 : db < da ? 1 : worse;
	}
	if (rule === 'worse') return worse;
	return worse === 0 ? 1 : 0;
}

/** The most an order may execute on this bar under the volume share, or Infinity. */
export function volumeCap(bar: Bar, volumeShare: number | null, quantityDecimals: number): number {
	if (volumeShare === null || bar.volume === null) return Infinity;
	return roundDirected(bar.volume * volumeShare, quantityDecimals, 'down');
}
