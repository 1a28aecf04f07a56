import { describe, expect, it } from 'vitest';
import { crossed, crossedBar, levelPrice, type Level, type LevelReference, type LevelSpec } from './levels';

const LONG: LevelReference = { side: 'long', entry: 100, stop: 95, atr: 2 };
const SHORT: LevelReference = { side: 'short', entry: 50, stop: 52, atr: 0.5 };
const at = (spec: LevelSpec, ref: LevelReference) => {
	const r = levelPrice(spec, ref);
	return r.ok ? [r.level.price, r.level.direction] : r.reason;
};

describe('levelPrice', () => {
	it('long: take-profit above entry, stop-loss below, in every unit', () => {
		// 1 R = 100 − 95 = 5; 1 ATR = 2.
		expect(at({ kind: 'take-profit', unit: 'r', value: 2 }, LONG)).toEqual([110, 'up']);
		expect(at({ kind: 'stop-loss', unit: 'r', value: 1 }, LONG)).toEqual([95, 'down']);
		expect(at({ kind: 'take-profit', unit: 'percent', value: 5 }, LONG)).toEqual([105, 'up']);
		expect(at({ kind: 'stop-loss', unit: 'percent', value: 2 }, LONG)).toEqual([98, 'down']);
		expect(at({ kind: 'take-profit', unit: 'atr', value: 1.5 }, LONG)).toEqual([103, 'up']);
		expect(at({ kind: 'stop-loss', unit: 'price', value: 97 }, LONG)).toEqual([97, 'down']);
	});

	it('short: take-profit below entry, stop-loss above', () => {
		// 1 R = 52 − 50 = 2; 1 ATR = 0.5.
		expect(at({ kind: 'take-profit', unit: 'r', value: 2 }, SHORT)).toEqual([46, 'down']);
		expect(at({ kind: 'stop-loss', unit: 'r', value: 1 }, SHORT)).toEqual([52, 'up']);
		expect(at({ kind: 'take-profit', unit: 'percent', value: 10 }, SHORT)).toEqual([45, 'down']);
		expect(at({ kind: 'stop-loss', unit: 'percent', value: 4 }, SHORT)).toEqual([52, 'up']);
		expect(at({ kind: 'stop-loss', unit: 'atr', value: 2 }, SHORT)).toEqual([51, 'up']);
		expect(at({ kind: 'take-profit', unit: 'price', value: 47.5 }, SHORT)).toEqual([47.5, 'down']);
	});

	it('price-cross alerts go their own way whatever the side', () => {
		const ref: LevelReference = { side: 'short', entry: 200, stop: null, atr: null };
		expect(at({ kind: 'cross-above', unit: 'percent', value: 3 }, ref)).toEqual([206, 'up']);
		expect(at({ kind: 'cross-below', unit: 'percent', value: 3 }, ref)).toEqual([194, 'down']);
		expect(at({ kind: 'cross-below', unit: 'price', value: 190 }, ref)).toEqual([190, 'down']);
	});

	it('says what is missing or out of bounds', () => {
		const bare: LevelReference = { side: 'long', entry: 100, stop: null, atr: null };
		expect(at({ kind: 'take-profit', unit: 'r', value: 2 }, bare)).toBe(
			'a level in R needs the position’s initial stop (1 R = |entry − stop|)'
		);
		expect(at({ kind: 'take-profit', unit: 'atr', value: 2 }, bare)).toBe(
			'a level in ATRs needs the ATR at entry'
		);
		expect(at({ kind: 'stop-loss', unit: 'percent', value: 100 }, bare)).toBe(
			'the level falls at 0, not a price: its distance is more than the entry'
		);
		expect(at({ kind: 'stop-loss', unit: 'percent', value: 0 }, bare)).toBe(
			'the level must be above zero, is 0'
		);
		expect(at({ kind: 'stop-loss', unit: 'price', value: -1 }, bare)).toBe(
			'the level must be above zero, is -1'
		);
	});
});

describe('crossed', () => {
	const longStop: Level = { kind: 'stop-loss', price: 95, direction: 'down' };
	const longTarget: Level = { kind: 'take-profit', price: 110, direction: 'up' };

	it('a long stop triggers at or below its price, coming from above', () => {
		expect(crossed(longStop, 96, 95)).toBe(true);
		expect(crossed(longStop, 96, 94)).toBe(true);
		expect(crossed(longStop, 96, 95.01)).toBe(false);
		expect(crossed(longStop, 95, 94)).toBe(false); // reached already at 95
		expect(crossed(longStop, 94, 93)).toBe(false);
		expect(crossed(longStop, 94, 96)).toBe(false);
	});

	it('an up level triggers at or above its price, coming from below', () => {
		expect(crossed(longTarget, 109, 110)).toBe(true);
		expect(crossed(longTarget, 109, 109.99)).toBe(false);
		expect(crossed(longTarget, 111, 112)).toBe(false);
		expect(crossed(longTarget, 111, 105)).toBe(false);
	});

	it('with no previous price, being at or beyond the level triggers', () => {
		expect(crossed(longStop, null, 95)).toBe(true);
		expect(crossed(longStop, null, 96)).toBe(false);
		expect(crossed(longTarget, null, 110)).toBe(true);
		expect(crossed(longTarget, null, 100)).toBe(false);
	});

	it('a bar reaches a down level with its low and an up level with its high', () => {
		expect(crossedBar(longStop, 97, { high: 98, low: 94.5 })).toBe(true);
		expect(crossedBar(longStop, 97, { high: 98, low: 95.5 })).toBe(false);
		expect(crossedBar(longTarget, 108, { high: 110.2, low: 107 })).toBe(true);
		expect(crossedBar(longTarget, 108, { high: 109.9, low: 90 })).toBe(false);
	});
});
