/**
 * What is wrong with the paper broker's inputs on their own, before any account check: an order
 * request, a trail, a bar. Each returns the reason in words, or null when there is nothing.
 */
import type { Bar, OrderRequest } from './types';

const ORDER_TYPES: ReadonlySet<string> = new Set(['market', 'limit', 'stop', 'stop_limit', 'trailing_stop']);
const TIFS: ReadonlySet<string> = new Set(['day', 'gtc', 'ioc', 'fok']);

/** A number > 0 (and finite). */
export const positive = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

/**
 * What is wrong with an order request on its own (before any account check), or null: symbol,
 * side, a quantity > 0, type, time in force and the prices or trail its type needs.
 * @example orderRequestProblem({ symbol: 'X', side: 'buy', quantity: -5, type: 'market' }) // 'quantity must be a number > 0'
 */
export function orderRequestProblem(r: OrderRequest): string | null {
	if (typeof r.symbol !== 'string' || r.symbol.trim() === '') return 'symbol is missing';
	if (r.side !== 'buy' && r.side !== 'sell') return `side must be buy or sell, not ${String(r.side)}`;
	if (!positive(r.quantity)) return 'quantity must be a number > 0';
	if (!ORDER_TYPES.has(r.type)) return `unknown order type ${String(r.type)}`;
	if (r.timeInForce !== undefined && !TIFS.has(r.timeInForce))
		return `unknown time in force ${String(r.timeInForce)}`;
	if ((r.type === 'limit' || r.type === 'stop_limit') && !positive(r.limitPrice))
		return `a ${r.type} order needs a limit price > 0`;
	if ((r.type === 'stop' || r.type === 'stop_limit') && !positive(r.stopPrice))
		return `a ${r.type} order needs a stop price > 0`;
	if (r.type === 'trailing_stop')
		return r.trail ? trailProblem(r.trail) : 'a trailing_stop order needs a trail';
	return null;
}

/** What is wrong with a trail, or null. */
export function trailProblem(trail: { by: string; value: number }): string | null {
	if (trail.by !== 'amount' && trail.by !== 'percent') return 'trail must be by amount or percent';
	if (!positive(trail.value)) return 'trail must be > 0';
	if (trail.by === 'percent' && trail.value >= 100) return 'a percent trail must be below 100';
	return null;
}

const priceOk = (p: number) => Number.isFinite(p) && p > 0;

/** What is wrong with a bar (its time, prices and volume), or null. */
export function barProblem(bar: Bar): string | null {
	if (!Number.isFinite(bar.time)) return 'time is not a number';
	// Once a bar per step: no array of the prices.
	if (!(priceOk(bar.open) && priceOk(bar.high) && priceOk(bar.low) && priceOk(bar.close)))
		return 'prices must be numbers > 0';
	if (
		bar.low > Math.min(bar.open, bar.close) ||
		bar.high < Math.max(bar.open, bar.close) ||
		bar.low > bar.high
	)
		return 'low/high do not contain open/close';
	if (bar.volume !== null && !(bar.volume >= 0)) return 'volume must be ≥ 0 or null';
	return null;
}
