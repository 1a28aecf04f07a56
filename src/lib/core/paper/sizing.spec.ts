import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atr } from '../indicators/range';
import { exitPrice, lastAtr, riskAmount, sizeFromRisk } from './sizing';

describe('sizeFromRisk', () => {
	it('risks $50 with the stop at 49.20: 240 shares from 49.4083, 250 from 49.40, floored to whole shares', () => {
		expect(sizeFromRisk({ amount: 50, entry: 49.4, stop: 49.2 })).toEqual({
			ok: true,
			quantity: 250,
			riskAmount: 50,
			riskPerShare: 0.2
		});
		expect(sizeFromRisk({ amount: 50, entry: 49.41, stop: 49.2 })).toMatchObject({ quantity: 238 });
		expect(sizeFromRisk({ amount: 50, entry: 49.2, stop: 49.4 })).toMatchObject({ quantity: 250 });
		expect(sizeFromRisk({ amount: 50, entry: 49.408, stop: 49.2 })).toMatchObject({ quantity: 240 });
		expect(sizeFromRisk({ amount: 50, entry: 0.5, stop: 0.45, step: 0.5 })).toMatchObject({ quantity: 1000 });
	});

	it('says why it cannot size: no risk, a stop at the entry, less than a share', () => {
		expect(sizeFromRisk({ amount: 0, entry: 10, stop: 9 })).toEqual({
			ok: false,
			reason: 'Enter the risk above $0'
		});
		expect(sizeFromRisk({ amount: 50, entry: 10, stop: 10 })).toEqual({
			ok: false,
			reason: 'The stop-loss is at the entry: there is no risk to size by'
		});
		expect(sizeFromRisk({ amount: 1, entry: 10, stop: 8 })).toEqual({
			ok: false,
			reason: 'Risking $1.00 at $2.00 a share buys less than 1 share'
		});
	});

	it('never risks more than the amount at the stop, and one more share would', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 10_000_000 }),
				fc.integer({ min: 100, max: 100_000 }),
				fc.integer({ min: 1, max: 5_000 }),
				fc.boolean(),
				(cents, entryCents, distanceCents, long) => {
					const amount = cents / 100;
					const entry = entryCents / 100;
					const stop = long ? entry - distanceCents / 100 : entry + distanceCents / 100;
					fc.pre(stop > 0);
					const sized = sizeFromRisk({ amount, entry, stop });
					const loss = (q: number) => q * Math.round(Math.abs(entry - stop) * 100);
					if (!sized.ok) {
						expect(loss(1)).toBeGreaterThan(cents);
						return;
					}
					expect(Number.isInteger(sized.quantity)).toBe(true);
					expect(loss(sized.quantity)).toBeLessThanOrEqual(cents);
					expect(loss(sized.quantity + 1)).toBeGreaterThan(cents);
				}
			)
		);
	});
});

describe('riskAmount', () => {
	it('is the amount, or a percent of equity floored to the cent', () => {
		expect(riskAmount({ by: 'amount', value: 50 }, 1)).toBe(50);
		expect(riskAmount({ by: 'percent', value: 0.5 }, 100_000)).toBe(500);
		expect(riskAmount({ by: 'percent', value: 1 }, 12_345.678)).toBe(123.45);
	});
});

describe('exitPrice', () => {
	it('puts a long stop below and its target above, a short the other way, on the tick', () => {
		expect(exitPrice({ entry: 49.4, side: 'buy', leg: 'stop', unit: 'ticks', value: 20 })).toEqual({
			ok: true,
			price: 49.2
		});
		expect(exitPrice({ entry: 49.4, side: 'sell', leg: 'stop', unit: 'ticks', value: 20 })).toEqual({
			ok: true,
			price: 49.6
		});
		expect(
			exitPrice({ entry: 49.4, side: 'buy', leg: 'target', unit: 'atr', value: 1.5, atr: 0.333 })
		).toEqual({
			ok: true,
			price: 49.9
		});
		expect(exitPrice({ entry: 49.4, side: 'buy', leg: 'target', unit: 'r', value: 2, stop: 49.2 })).toEqual({
			ok: true,
			price: 49.8
		});
		expect(exitPrice({ entry: 49.4, side: 'sell', leg: 'target', unit: 'r', value: 1, stop: 49.6 })).toEqual({
			ok: true,
			price: 49.2
		});
		expect(exitPrice({ entry: 0.5, side: 'buy', leg: 'stop', unit: 'ticks', value: 25 })).toEqual({
			ok: true,
			price: 0.4975
		});
		expect(exitPrice({ entry: 1, side: 'buy', leg: 'stop', unit: 'price', value: 0.987654 })).toEqual({
			ok: true,
			price: 0.9877
		});
	});

	it('says what an offset needs', () => {
		expect(exitPrice({ entry: 10, side: 'buy', leg: 'stop', unit: 'atr', value: 1, atr: null })).toEqual({
			ok: false,
			reason: 'An ATR offset needs ATR(14): reveal at least 15 bars'
		});
		expect(exitPrice({ entry: 10, side: 'buy', leg: 'stop', unit: 'r', value: 1 })).toMatchObject({
			ok: false
		});
		expect(exitPrice({ entry: 10, side: 'buy', leg: 'target', unit: 'r', value: 1 })).toEqual({
			ok: false,
			reason: 'A target in R needs the stop-loss first'
		});
		expect(exitPrice({ entry: 10, side: 'buy', leg: 'stop', unit: 'ticks', value: 2000 })).toEqual({
			ok: false,
			reason: 'That offset puts the stop-loss at or below 0'
		});
		expect(exitPrice({ entry: 10, side: 'buy', leg: 'stop', unit: 'ticks', value: -1 })).toEqual({
			ok: false,
			reason: 'Enter the stop-loss offset above 0'
		});
	});
});

describe('lastAtr', () => {
	it('is TA-Lib’s ATR(14) at the last bar, null before 15 bars', () => {
		const high = Array.from({ length: 20 }, (_, i) => 11 + (i % 3));
		const low = high.map((h) => h - 2);
		const close = high.map((h) => h - 1);
		expect(lastAtr(high.slice(0, 14), low.slice(0, 14), close.slice(0, 14))).toBeNull();
		expect(lastAtr(high, low, close)).toBe(atr(high, low, close, 14)[19]);
	});
});
