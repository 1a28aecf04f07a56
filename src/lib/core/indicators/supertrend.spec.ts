/**
 * SuperTrend against TradingView's published Pine definition of ta.supertrend (quoted in
 * supertrend.ts; Pine Script reference manual v5/v6): a hand-worked case whose numbers are exact
 * in binary, and a line-by-line transliteration of the Pine source on random bars.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atr, supertrend } from './index';

describe('supertrend, worked by hand (ATR period 2, factor 1)', () => {
	// bar:      0    1    2    3    4     5    6    7     8     9
	const high = [10, 11, 12, 13, 12, 10, 9, 12, 13, 12];
	const low = [8, 9, 10, 11, 10, 8, 7, 10, 11, 9];
	const close = [9, 10, 11, 12, 10.5, 8.5, 7.5, 11.5, 12.5, 9];
	// True range from bar 1: 2, 2, 2, 2, 2.5, 2, 4.5, 2, 3.5. Wilder ATR(2): bar 2 mean(2, 2) = 2,
	// then (ATR + TR)/2: 2, 2, 2.25, 2.125, 3.3125, 2.65625, 3.078125.
	const { value, direction } = supertrend(high, low, close, 2, 1);

	it('starts with the ATR, pointing down on the upper band (Pine: na(atr[1]) → direction 1)', () => {
		expect(atr(high, low, close, 2)[2]).toBe(2);
		// hl2 11 ± 2: upper 13 (nz(upper[1]) = 0 and close[1] > 0 keep it), lower 9.
		expect([value[0], value[1], value[2]]).toEqual([NaN, NaN, 13]);
		expect([direction[1], direction[2]]).toEqual([NaN, 1]);
	});

	it('the upper band only falls while price stays under it', () => {
		// Bar 3: hl2 12, raw upper 14 > 13 and close[1] 11 ≤ 13 → stays 13; close 12 ≤ 13 → still down.
		// Bar 4: raw upper 11 + 2 = 13 → 13. Bar 5: raw 9 + 2.25 = 11.25 < 13 → tightens to 11.25.
		// Bar 6: raw 8 + 2.125 = 10.125 → 10.125.
		expect(Array.from(value.subarray(3, 7))).toEqual([13, 13, 11.25, 10.125]);
		expect(Array.from(direction.subarray(3, 7))).toEqual([1, 1, 1, 1]);
	});

	it('flips up when the close crosses above the upper band, and the line moves to the lower band', () => {
		// Bar 6: the lower band would have held at 10 but close[1] 8.5 < 10 resets it to 8 − 2.125 = 5.875.
		// Bar 7: close 11.5 > upper 10.125 → direction −1; lower = max-rule(11 − 3.3125 = 7.6875 > 5.875).
		expect([value[7], direction[7]]).toEqual([7.6875, -1]);
		// Bar 8: raw lower 12 − 2.65625 = 9.34375 > 7.6875 → rises; close 12.5 ≥ 9.34375 → still up.
		expect([value[8], direction[8]]).toEqual([9.34375, -1]);
	});

	it('flips down when the close falls under the lower band, which had held', () => {
		// Bar 9: raw lower 10.5 − 3.078125 = 7.421875 < 9.34375 and close[1] 12.5 ≥ 9.34375 → holds at
		// 9.34375; close 9 < 9.34375 → direction 1, line = upper: raw 13.578125 < 14.65625 → 13.578125.
		expect([value[9], direction[9]]).toEqual([13.578125, 1]);
	});
});

/** Pine's `pine_supertrend`, line by line, over whole series (na → NaN, nz(x) → 0 for NaN). */
function pineSupertrend(
	high: number[],
	low: number[],
	close: number[],
	atrValues: Float64Array,
	factor: number
) {
	const nz = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? 0 : x);
	const na = (x: number | undefined) => x === undefined || Number.isNaN(x);
	const upperSeries: number[] = [];
	const lowerSeries: number[] = [];
	const superTrendSeries: number[] = [];
	const directionSeries: number[] = [];
	for (let i = 0; i < close.length; i++) {
		const src = (high[i]! + low[i]!) / 2;
		const a = atrValues[i]!;
		let upperBand = src + factor * a;
		let lowerBand = src - factor * a;
		const prevLowerBand = nz(lowerSeries[i - 1]);
		const prevUpperBand = nz(upperSeries[i - 1]);
		// Comparisons with na are false in Pine, as with NaN here.
		lowerBand = lowerBand > prevLowerBand || close[i - 1]! < prevLowerBand ? lowerBand : prevLowerBand;
		upperBand = upperBand < prevUpperBand || close[i - 1]! > prevUpperBand ? upperBand : prevUpperBand;
		let direction = NaN;
		const prevSuperTrend = superTrendSeries[i - 1];
		if (na(atrValues[i - 1])) direction = 1;
		else if (prevSuperTrend === prevUpperBand) direction = close[i]! > upperBand ? -1 : 1;
		else direction = close[i]! < lowerBand ? 1 : -1;
		const superTrend = direction === -1 ? lowerBand : upperBand;
		upperSeries.push(upperBand);
		lowerSeries.push(lowerBand);
		// Before the ATR exists Pine's line is na (its bands are na or nz'd); only the value from the first ATR counts.
		superTrendSeries.push(na(a) ? NaN : superTrend);
		directionSeries.push(na(a) ? NaN : direction);
	}
	return { value: superTrendSeries, direction: directionSeries };
}

describe('supertrend equals the Pine definition transliterated', () => {
	it('on random bars without missing values', () => {
		const bar = fc.record({
			move: fc.integer({ min: -200, max: 200 }),
			up: fc.integer({ min: 0, max: 150 }),
			down: fc.integer({ min: 0, max: 150 })
		});
		fc.assert(
			fc.property(
				fc.array(bar, { maxLength: 120 }),
				fc.integer({ min: 1, max: 15 }),
				fc.constantFrom(1, 1.5, 2, 3),
				(steps, period, factor) => {
					let c = 50;
					const close = steps.map((s) => (c = Math.max(1, c + s.move / 100)));
					const high = close.map((x, i) => x + steps[i]!.up / 100);
					const low = close.map((x, i) => x - steps[i]!.down / 100);
					const ours = supertrend(high, low, close, period, factor);
					const pine = pineSupertrend(high, low, close, atr(high, low, close, period), factor);
					expect({ value: Array.from(ours.value), direction: Array.from(ours.direction) }).toEqual(pine);
				}
			)
		);
	});
});
