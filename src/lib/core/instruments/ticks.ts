/**
 * Prices on the tick and quantities on the lot step, exactly. A price and a tick are read as the
 * decimals they print as (`2.675`, `0.01`; a binary fraction such as 1/32 is the exact decimal
 * `0.03125`), both are scaled to whole numbers of the finer one's unit, and the rounding is
 * integer division. So no `0.30000000000000004` and no half that floats round the wrong way
 * (`2.675` is 2.67499999… as a double, yet rounds to 2.68 as written). The double quotient
 * decides when it is clearly away from the rounding edge (nearly always, and fast); exact
 * BigInt arithmetic on the decimals decides the rest.
 */
import type { Instrument, TickRule } from './types';

/** Which way a price off the tick goes: the nearest tick (halves away from zero), up or down. */
export type Rounding = 'nearest' | 'up' | 'down';

/** US equities (Reg NMS rule 612): a cent from $1 up, a hundredth of a cent below. */
export const US_EQUITY_TICKS: TickRule = Object.freeze({
	kind: 'bands',
	bands: Object.freeze([Object.freeze({ from: 0, tick: 0.0001 }), Object.freeze({ from: 1, tick: 0.01 })])
});

/**
 * Crypto pairs nobody has given a tick: fine enough not to move any venue's price (Coinbase,
 * Binance and Kraken quote BTC-USD in cents, small coins in up to 8 decimals).
 */
export const CRYPTO_DEFAULT_TICKS: TickRule = Object.freeze({
	kind: 'bands',
	bands: Object.freeze([
		Object.freeze({ from: 0, tick: 0.00000001 }),
		Object.freeze({ from: 1, tick: 0.0001 }),
		Object.freeze({ from: 1000, tick: 0.01 })
	])
});

/** A fixed tick. @example fixedTick(0.25) // { kind: 'fixed', tick: 0.25 } */
export const fixedTick = (tick: number): TickRule => Object.freeze({ kind: 'fixed', tick });

/** Something that has a tick: an instrument, a tick rule, or a tick size. */
export type TickSource = Pick<Instrument, 'tick'> | TickRule | number;

function ruleOf(source: TickSource): TickRule {
	if (typeof source === 'number') return { kind: 'fixed', tick: source };
	return 'kind' in source ? source : source.tick;
}

/**
 * The tick at a price: the rule's fixed tick, or the band the absolute price falls in.
 * @example tickOf(US_EQUITY_TICKS, 187.4) // 0.01
 * @example tickOf(US_EQUITY_TICKS, 0.4312) // 0.0001
 * @example tickOf(instrumentFor('ESZ5'), 5012) // 0.25
 */
export function tickOf(source: TickSource, price: number): number {
	const rule = ruleOf(source);
	if (rule.kind === 'fixed') return rule.tick;
	const abs = Math.abs(price);
	let tick = rule.bands[0]?.tick ?? NaN;
	for (const band of rule.bands) if (abs >= band.from) tick = band.tick;
	return tick;
}

/** A finite number as an exact decimal: units / 10^scale, from its shortest printed form. */
function bigDecimal(x: number): { units: bigint; scale: number } {
	const text = String(x);
	const e = text.indexOf('e');
	const mantissa = e < 0 ? text : text.slice(0, e);
	const exponent = e < 0 ? 0 : Number(text.slice(e + 1));
	const dot = mantissa.indexOf('.');
	const digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
	const scale = (dot < 0 ? 0 : mantissa.length - dot - 1) - exponent;
	return scale >= 0
		? { units: BigInt(digits), scale }
		: { units: BigInt(digits) * 10n ** BigInt(-scale), scale: 0 };
}

/** Decimals of a number's shortest printed form, when few enough for the fast path; else -1. */
function fewDecimals(x: number): number {
	for (let d = 0; d <= 15; d++) {
		const p = POW10[d]!;
		const scaled = x * p;
		if (Math.abs(scaled) >= FAST_LIMIT) return -1;
		if (Math.round(scaled) / p === x) return d;
	}
	return -1;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
/** Below 2^50 a scaled decimal rounds back to its exact integer and products stay exact. */
const FAST_LIMIT = 2 ** 50;

/**
 * How far from a tick (in ticks) a value still counts as on it, and how far below a half it
 * still counts as the half: 1e-9 tick. Prices computed by arithmetic carry float noise
 * (`1.005 * 100` is 100.49999999999999) and a trader means the half; no price anyone types is
 * a billionth of a tick off. The tolerance model/tick.ts has always rounded with.
 */
const TOLERANCE = 1e-9;
const N = 1_000_000_000n;

/** floor(a / b) for BigInts, b > 0. */
function floorDiv(a: bigint, b: bigint): bigint {
	const q = a / b;
	return a % b !== 0n && a < 0n ? q - 1n : q;
}

/**
 * The number of steps `value` rounds to, from the double quotient when it is clear of the
 * decision edge; null when too close to tell from doubles.
 */
function quickSteps(value: number, step: number, direction: Rounding): number | null {
	const x = value / step;
	if (!(Math.abs(x) < FAST_LIMIT)) return null;
	// down: floor(x + tol); up: ceil(x - tol); nearest: floor(|x| + 1/2 + tol), halves away from zero.
	const y =
		direction === 'down' ? x + TOLERANCE : direction === 'up' ? x - TOLERANCE : Math.abs(x) + 0.5 + TOLERANCE;
	// The doubles' quotient is within ~5e-16 (relative) of the decimals' quotient.
	const margin = (Math.abs(y) + 1) * 1e-15;
	if (Math.abs(y - Math.round(y)) <= margin) return null;
	if (direction === 'up') return Math.ceil(y);
	const floor = Math.floor(y);
	return direction === 'nearest' && x < 0 ? -floor : floor;
}

/** The same count exactly, on the decimals: value = p / 10^scale, step = t / 10^scale. */
function exactSteps(p: bigint, t: bigint, direction: Rounding): bigint {
	if (direction === 'down') return floorDiv(p * N + t, t * N);
	if (direction === 'up') return -floorDiv(t - p * N, t * N);
	const a = p < 0n ? -p : p;
	const steps = floorDiv(2n * a * N + t * N + 2n * t, 2n * t * N);
	return p < 0n ? -steps : steps;
}

/**
 * `value` on a multiple of `step` (both read as their printed decimals), written as the decimal
 * it is. A value within a billionth of a step of a multiple is on it, and one within a billionth
 * below a half is the half (float noise; see TOLERANCE). NaN and infinities pass through; a step
 * that is not a positive finite number leaves the value as it is. Never returns -0.
 * @example roundToStep(2.675, 0.01) // 2.68
 * @example roundToStep(0.1 + 0.2, 0.1) // 0.3
 * @example roundToStep(112.2, 1 / 32) // 112.1875
 * @example roundToStep(5012.3, 0.25, 'up') // 5012.5
 */
export function roundToStep(value: number, step: number, direction: Rounding = 'nearest'): number {
	if (!Number.isFinite(value) || !(step > 0) || !Number.isFinite(step)) return value;
	const ds = fewDecimals(step);
	if (ds >= 0) {
		const q = quickSteps(value, step, direction);
		const t = Math.round(step * POW10[ds]!);
		if (q !== null && Math.abs(q * t) < FAST_LIMIT) return (q * t) / POW10[ds]! || 0;
	}
	const v = bigDecimal(value);
	const s = bigDecimal(step);
	const scale = Math.max(v.scale, s.scale);
	const p = v.units * 10n ** BigInt(scale - v.scale);
	const t = s.units * 10n ** BigInt(scale - s.scale);
	return fromBigDecimal(exactSteps(p, t, direction) * t, scale) || 0;
}

/** units / 10^scale as the double nearest to that decimal. */
function fromBigDecimal(units: bigint, scale: number): number {
	const negative = units < 0n;
	const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
	const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
	return Number(negative ? `-${text}` : text);
}

/**
 * Whether `value` is a whole multiple of `step` (as printed decimals, within a billionth of a step).
 * @example isOnStep(5012.25, 0.25) // true
 */
export function isOnStep(value: number, step: number): boolean {
	if (!Number.isFinite(value) || !(step > 0) || !Number.isFinite(step)) return false;
	return roundToStep(value, step, 'down') === roundToStep(value, step, 'up');
}

/**
 * A price on an instrument's tick (the tick at that price), exactly; `direction` chooses the
 * nearest tick (halves away from zero, the default), the one above or the one below. A buy
 * limit rounded down and a sell limit rounded up never pay more than asked.
 * @example roundToTick(49.608103, US_EQUITY_TICKS) // 49.61
 * @example roundToTick(0.123456, US_EQUITY_TICKS) // 0.1235
 * @example roundToTick(5012.3, instrumentFor('/ES'), 'down') // 5012.25
 */
export function roundToTick(price: number, source: TickSource, direction: Rounding = 'nearest'): number {
	return roundToStep(price, tickOf(source, price), direction);
}

/**
 * Whether a price is on the instrument's tick at that price. NaN and infinities are not.
 * @example isOnTick(5012.25, instrumentFor('ESZ5')) // true
 * @example isOnTick(187.405, US_EQUITY_TICKS) // false
 */
export function isOnTick(price: number, source: TickSource): boolean {
	return isOnStep(price, tickOf(source, price));
}

/**
 * A quantity on the instrument's lot step, by default down (never more than was asked for).
 * @example roundToLot(0.123456789, instrumentFor('BTC-USD')) // 0.12345678
 * @example roundToLot(10.7, instrumentFor('AAPL')) // 10
 */
export function roundToLot(
	quantity: number,
	instrument: Pick<Instrument, 'lotStep'>,
	direction: Rounding = 'down'
): number {
	return roundToStep(quantity, instrument.lotStep, direction);
}

/**
 * Whether a quantity is a whole number of lot steps.
 * @example isOnLot(0.5, instrumentFor('AAPL')) // false
 */
export function isOnLot(quantity: number, instrument: Pick<Instrument, 'lotStep'>): boolean {
	return isOnStep(quantity, instrument.lotStep);
}

/**
 * Why a tick rule is not usable, or null when it is: ticks positive and finite, bands sorted
 * from 0 up, each band's start on its own tick and on the tick below it (so rounding in one band
 * never lands off the next band's tick). For rules a user types in Settings.
 * @example tickRuleProblem({ kind: 'fixed', tick: 0 }) // 'the tick must be a positive number, not 0'
 */
export function tickRuleProblem(rule: TickRule): string | null {
	const ticks = rule.kind === 'fixed' ? [rule.tick] : rule.bands.map((b) => b.tick);
	for (const tick of ticks)
		if (!(tick > 0) || !Number.isFinite(tick)) return `the tick must be a positive number, not ${tick}`;
	if (rule.kind === 'fixed') return null;
	const bands = rule.bands;
	if (bands.length === 0) return 'a banded tick needs at least one band';
	if (bands[0]!.from !== 0) return `the first band must start at 0, not ${bands[0]!.from}`;
	for (let i = 1; i < bands.length; i++) {
		const band = bands[i]!;
		const below = bands[i - 1]!;
		if (!(band.from > below.from)) return `bands must rise: ${band.from} comes after ${below.from}`;
		if (!isOnStep(band.from, band.tick) || !isOnStep(band.from, below.tick))
			return `the band from ${band.from} must start on its tick ${band.tick} and on the tick below it ${below.tick}`;
	}
	return null;
}
