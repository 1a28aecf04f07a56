/**
 * Take-profit, stop-loss and price-cross alerts: a level given in price, percent, R or ATR from a
 * position's entry becomes a trigger price with a direction (`levelPrice`), and a price move
 * triggers it when it reaches the level from the other side (`crossed`, `crossedBar`).
 *
 * Directions: a long's stop-loss and a short's take-profit trigger at or below their price
 * (`down`); a long's take-profit, a short's stop-loss trigger at or above (`up`); `cross-above`
 * is up and `cross-below` down, whatever the side.
 */

/** What a level is for. */
export type LevelKind = 'take-profit' | 'stop-loss' | 'cross-above' | 'cross-below';

/** How a level's value is given: a price, or a distance from entry in percent, R or ATRs. */
export type LevelUnit = 'price' | 'percent' | 'r' | 'atr';

/** A level as the user sets it. */
export interface LevelSpec {
	kind: LevelKind;
	unit: LevelUnit;
	/** The price (unit `price`), or the distance from entry, above zero: 2 (%), 1.5 (R), 3 (ATR). */
	value: number;
}

/** What a level is measured from: an open position, or a symbol's reference price for cross alerts. */
export interface LevelReference {
	/** The position's side (for take-profit and stop-loss); cross alerts ignore it. */
	side: 'long' | 'short';
	/** Entry price per share (or the price when a cross alert was set). */
	entry: number;
	/** The initial stop price, for levels in R (1 R = |entry − stop|); null if none. */
	stop: number | null;
	/** The ATR at entry, for levels in ATRs; null if unknown. */
	atr: number | null;
}

/** A level's trigger: its price and the way the price must move to reach it. */
export interface Level {
	kind: LevelKind;
	price: number;
	/** `down`: triggers at or below `price`; `up`: at or above. */
	direction: 'up' | 'down';
}

/**
 * The direction a level triggers in.
 * @example levelDirection('stop-loss', 'long') // 'down'
 */
export function levelDirection(kind: LevelKind, side: 'long' | 'short'): 'up' | 'down' {
	switch (kind) {
		case 'cross-above':
			return 'up';
		case 'cross-below':
			return 'down';
		case 'take-profit':
			return side === 'long' ? 'up' : 'down';
		case 'stop-loss':
			return side === 'long' ? 'down' : 'up';
	}
}

/**
 * A level's trigger price: the price itself, or entry ± the distance (percent of entry, R
 * multiples of |entry − stop|, or ATRs), away from entry in the level's direction. A level in
 * price units may sit anywhere (a stop moved past entry is still a stop).
 * @example levelPrice({ kind: 'take-profit', unit: 'r', value: 2 }, { side: 'long', entry: 100, stop: 95, atr: null })
 * // { ok: true, level: { kind: 'take-profit', price: 110, direction: 'up' } }
 */
export function levelPrice(
	spec: LevelSpec,
	reference: LevelReference
): { ok: true; level: Level } | { ok: false; reason: string } {
	const direction = levelDirection(spec.kind, reference.side);
	const { value } = spec;
	if (!Number.isFinite(value) || value <= 0)
		return { ok: false, reason: `the level must be above zero, is ${value}` };
	if (spec.unit === 'price') return { ok: true, level: { kind: spec.kind, price: value, direction } };
	const { entry, stop, atr } = reference;
	if (!Number.isFinite(entry) || entry <= 0)
		return { ok: false, reason: `the entry must be a price above zero, is ${entry}` };
	let distance: number;
	if (spec.unit === 'percent') distance = (entry * value) / 100;
	else if (spec.unit === 'r') {
		if (stop === null || stop === entry)
			return { ok: false, reason: 'a level in R needs the position’s initial stop (1 R = |entry − stop|)' };
		distance = value * Math.abs(entry - stop);
	} else {
		if (atr === null || !(atr > 0)) return { ok: false, reason: 'a level in ATRs needs the ATR at entry' };
		distance = value * atr;
	}
	const price = direction === 'up' ? entry + distance : entry - distance;
	if (price <= 0)
		return {
			ok: false,
			reason: `the level falls at ${price}, not a price: its distance is more than the entry`
		};
	return { ok: true, level: { kind: spec.kind, price, direction } };
}

/**
 * Whether moving from `previousPrice` to `price` triggers a level: a `down` level when the price
 * is at or below it and the previous price was above it; an `up` level when at or above it and
 * the previous was below. With no previous price (the first one seen), being at or beyond the
 * level triggers. A level already reached at the previous price does not trigger again: the
 * caller marks a triggered level done.
 * @example crossed({ kind: 'stop-loss', price: 95, direction: 'down' }, 96, 95) // true
 * @example crossed({ kind: 'stop-loss', price: 95, direction: 'down' }, 95, 94) // false (already reached)
 */
export function crossed(level: Level, previousPrice: number | null, price: number): boolean {
	return level.direction === 'down'
		? price <= level.price && (previousPrice === null || previousPrice > level.price)
		: price >= level.price && (previousPrice === null || previousPrice < level.price);
}

/**
 * `crossed` for a bar after `previousClose`: a `down` level is reached when the bar's low is at or
 * below it, an `up` level when its high is at or above (an imported bar file's bar between two
 * closes may cross and come back).
 * @example crossedBar({ kind: 'stop-loss', price: 95, direction: 'down' }, 97, { high: 98, low: 94.5 }) // true
 */
export function crossedBar(
	level: Level,
	previousClose: number | null,
	bar: { high: number; low: number }
): boolean {
	return crossed(level, previousClose, level.direction === 'down' ? bar.low : bar.high);
}
