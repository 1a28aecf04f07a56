import { describe, expect, it } from 'vitest';
import {
	chooseLeg,
	limitPrice,
	roundDirected,
	slipped,
	stopLimitStep,
	stopPrice,
	trailingStep,
	trailLevel,
	volumeCap
} from './fill-rules';
import type { Bar } from './types';

const bar = (open: number, high: number, low: number, close: number, volume: number | null = 1000): Bar => ({
	symbol: 'X',
	time: 0,
	open,
	high,
	low,
	close,
	volume
});

describe('limitPrice', () => {
	it('buys at the open when it opens at or below the limit, else at the limit when the low reaches it', () => {
		expect(limitPrice('buy', 10, bar(9.5, 10.2, 9.4, 10))).toBe(9.5);
		expect(limitPrice('buy', 10, bar(10, 10.2, 9.9, 10))).toBe(10);
		expect(limitPrice('buy', 10, bar(10.5, 10.6, 10, 10.2))).toBe(10); // exactly touched
		expect(limitPrice('buy', 10, bar(10.5, 10.6, 10.01, 10.2))).toBeNull();
	});

	it('sells at the open when it opens at or above the limit, else at the limit when the high reaches it', () => {
		expect(limitPrice('sell', 10, bar(10.5, 10.6, 10.4, 10.5))).toBe(10.5);
		expect(limitPrice('sell', 10, bar(9.5, 10, 9.4, 9.8))).toBe(10); // exactly touched
		expect(limitPrice('sell', 10, bar(9.5, 9.99, 9.4, 9.8))).toBeNull();
	});
});

describe('stopPrice', () => {
	it('fills a buy stop gapped through at the open, a touched one at the stop', () => {
		expect(stopPrice('buy', 10, bar(10.4, 10.6, 10.3, 10.5))).toEqual({ price: 10.4, gapped: true });
		expect(stopPrice('buy', 10, bar(9.8, 10.1, 9.7, 10))).toEqual({ price: 10, gapped: false });
		expect(stopPrice('buy', 10, bar(9.8, 9.99, 9.7, 9.9))).toBeNull();
	});

	it('fills a sell stop gapped through at the open, a touched one at the stop', () => {
		expect(stopPrice('sell', 10, bar(9.5, 9.7, 9.4, 9.6))).toEqual({ price: 9.5, gapped: true });
		expect(stopPrice('sell', 10, bar(10.2, 10.3, 10, 10.1))).toEqual({ price: 10, gapped: false });
		expect(stopPrice('sell', 10, bar(10.2, 10.3, 10.01, 10.1))).toBeNull();
	});
});

describe('stopLimitStep', () => {
	it.each<{ does: string; step: Parameters<typeof stopLimitStep>; result: unknown }>([
		{
			does: 'executes at the stop on an intra-bar trigger when the stop is within the limit',
			step: ['buy', 10, 10.1, false, bar(9.8, 10.3, 9.7, 10.2)],
			result: { triggered: true, price: 10 }
		},
		{
			// Buy stop 10, limit 9.9: the low 9.7 may have come before the trigger.
			does: 'waits for the next bar when triggered inside the bar with the limit beyond the stop',
			step: ['buy', 10, 9.9, false, bar(9.8, 10.3, 9.7, 10.2)],
			result: { triggered: true, price: null }
		},
		{
			does: 'fills the next bar as a triggered limit (low 9.85 reaches 9.9)',
			step: ['buy', 10, 9.9, true, bar(10, 10.1, 9.85, 10)],
			result: { triggered: true, price: 9.9 }
		},
		{
			// Sell stop 10, limit 9.5, opens at 9.4 (beyond the limit) then trades up to 9.6.
			does: 'works as a limit for the whole bar when it gaps through the stop',
			step: ['sell', 10, 9.5, false, bar(9.4, 9.6, 9.3, 9.5)],
			result: { triggered: true, price: 9.5 }
		},
		{
			does: 'executes at the open when a gap through the stop opens within the limit',
			step: ['sell', 10, 9.5, false, bar(9.8, 9.9, 9.3, 9.5)],
			result: { triggered: true, price: 9.8 }
		},
		{
			does: 'does nothing before the stop is touched',
			step: ['sell', 10, 9.5, false, bar(10.2, 10.5, 10.1, 10.3)],
			result: { triggered: false, price: null }
		}
	])('$does', ({ step, result }) => {
		expect(stopLimitStep(...step)).toEqual(result);
	});
});

describe('trailing stops', () => {
	it('computes levels behind the best price, rounded away from the market', () => {
		expect(trailLevel('sell', { by: 'amount', value: 0.2 }, 10.3, 4)).toBe(10.1);
		expect(trailLevel('buy', { by: 'amount', value: 0.2 }, 10.1, 4)).toBe(10.3);
		expect(trailLevel('sell', { by: 'percent', value: 3 }, 10.01, 2)).toBe(9.7); // 9.7097 down
		expect(trailLevel('buy', { by: 'percent', value: 3 }, 10.01, 2)).toBe(10.32); // 10.3103 up
	});

	it('tests the carried level before ratcheting with the bar', () => {
		const trail = { by: 'amount', value: 1 } as const;
		// Carried level 9; the bar makes a new high of 12 then falls to 10.5: with the conservative order it
		// does not trigger at 11 (12 − 1); the level ratchets to 11 for the next bar.
		const step = trailingStep('sell', trail, 9, 10, bar(10, 12, 10.5, 10.6), 4);
		expect(step).toEqual({ price: null, level: 11, extreme: 12 });
		const next = trailingStep('sell', trail, step.level, step.extreme, bar(10.8, 10.9, 10.2, 10.3), 4);
		expect(next.price).toBe(10.8); // gapped below 11 at the open
	});

	it('never loosens the level and ratchets a buy trailing stop down with the lows', () => {
		const trail = { by: 'percent', value: 10 } as const;
		const a = trailingStep('buy', trail, 110, 100, bar(99, 100, 90, 95), 4);
		expect(a).toEqual({ price: null, level: 99, extreme: 90 });
		const b = trailingStep('buy', trail, a.level, a.extreme, bar(95, 98, 92, 97), 4);
		expect(b).toEqual({ price: null, level: 99, extreme: 90 });
		const c = trailingStep('buy', trail, b.level, b.extreme, bar(97, 99.5, 96, 99), 4);
		expect(c.price).toBe(99);
	});

	it('starts from the open when no price was known at submission', () => {
		const step = trailingStep('sell', { by: 'amount', value: 0.5 }, null, null, bar(10, 10.2, 9.5, 9.6), 4);
		expect(step.price).toBe(9.5);
	});
});

describe('slipped', () => {
	const b = bar(10, 10.03, 9.9, 10);
	it('moves buys up and sells down, clamped into the bar', () => {
		expect(slipped('buy', 10, b, { kind: 'fixed', amount: 0.02 }, 4)).toBe(10.02);
		expect(slipped('buy', 10, b, { kind: 'fixed', amount: 0.05 }, 4)).toBe(10.03);
		expect(slipped('sell', 10, b, { kind: 'fixed', amount: 0.05 }, 4)).toBe(9.95);
		expect(slipped('sell', 10, b, { kind: 'fixed', amount: 0.5 }, 4)).toBe(9.9);
		expect(slipped('buy', 10, b, { kind: 'percent', percent: 0.1 }, 4)).toBe(10.01);
		expect(slipped('sell', 9.99, b, { kind: 'percent', percent: 0.05 }, 4)).toBe(9.985); // 9.985005 → down
		expect(slipped('buy', 10, b, { kind: 'none' }, 4)).toBe(10);
	});
});

describe('chooseLeg', () => {
	// A long bracket: sell stop 9 (leg 0) and sell limit 11 (leg 1), both touched by one bar opening at 10.5.
	const stop = { side: 'sell', price: 9 } as const;
	const target = { side: 'sell', price: 11 } as const;
	it('takes the worse, the better, or the nearer the open as configured', () => {
		expect(chooseLeg('worse', stop, target, 10.5)).toBe(0);
		expect(chooseLeg('worse', target, stop, 10.5)).toBe(1);
		expect(chooseLeg('better', stop, target, 10.5)).toBe(1);
		expect(chooseLeg('nearest_open', stop, target, 10.5)).toBe(1);
		expect(chooseLeg('nearest_open', stop, target, 9.5)).toBe(0);
		expect(chooseLeg('nearest_open', stop, target, 10)).toBe(0); // tie → worse
	});

	it('uses the distance from the open for legs on opposite sides', () => {
		expect(chooseLeg('worse', { side: 'buy', price: 11 }, { side: 'sell', price: 9 }, 10.8)).toBe(0);
		expect(chooseLeg('better', { side: 'buy', price: 11 }, { side: 'sell', price: 9 }, 9.1)).toBe(1);
	});
});

describe('volumeCap and roundDirected', () => {
	it('caps at the share of volume, rounded down, and is unlimited without volume or share', () => {
		expect(volumeCap(bar(1, 1, 1, 1, 1003), 0.25, 0)).toBe(250);
		expect(volumeCap(bar(1, 1, 1, 1, 1003), 0.25, 2)).toBe(250.75);
		expect(volumeCap(bar(1, 1, 1, 1, null), 0.25, 0)).toBe(Infinity);
		expect(volumeCap(bar(1, 1, 1, 1, 1000), null, 0)).toBe(Infinity);
	});

	it('ignores float noise when rounding', () => {
		expect(roundDirected(10.3 - 0.2, 4, 'down')).toBe(10.1);
		expect(roundDirected(0.1 + 0.2, 4, 'up')).toBe(0.3);
		expect(roundDirected(1.23456, 4, 'up')).toBe(1.2346);
		expect(roundDirected(1.23456, 4, 'down')).toBe(1.2345);
	});
});
