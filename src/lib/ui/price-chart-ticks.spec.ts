import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fixedTick, instrumentFor, isOnTick, tickOf, US_EQUITY_TICKS } from '$lib/core/instruments';
import { price } from './money';
import { chartPriceText, snapPrice, tickAxisIncrements, tickAxisLabels } from './price-chart';

const ES = instrumentFor('ESZ5').tick;
const BTC = instrumentFor('BTC-USD').tick;

describe('a chart that knows its instrument', () => {
	it('snaps a dragged price to the nearest tick', () => {
		expect([snapPrice(5012.37, ES), snapPrice(5012.38, ES), snapPrice(0.51234, US_EQUITY_TICKS)]).toEqual([
			5012.25, 5012.5, 0.5123
		]);
		expect(snapPrice(64123.456, BTC)).toBe(64123.46);
		// Without an instrument, the stock rule as before.
		expect(snapPrice(5012.37)).toBe(5012.37);
	});

	it('snaps onto the tick, within half a tick of the pointer (property)', () => {
		fc.assert(
			fc.property(
				fc.double({ min: 0.0001, max: 200_000, noNaN: true }),
				fc.constantFrom(ES, US_EQUITY_TICKS, BTC, fixedTick(1 / 64)),
				(raw, tick) => {
					const snapped = snapPrice(raw, tick);
					expect(isOnTick(snapped, tick)).toBe(true);
					const half = Math.max(tickOf(tick, raw), tickOf(tick, snapped)) / 2;
					expect(Math.abs(snapped - raw)).toBeLessThanOrEqual(half * (1 + 1e-9) + raw * 1e-15);
				}
			)
		);
	});

	it('labels the axis with the tick’s decimals: ES 2, a $0.50 stock 4, BTC-USD 2', () => {
		expect(tickAxisLabels([5010, 5012.25, 5014.5], ES)).toEqual(['5010.00', '5012.25', '5014.50']);
		expect(tickAxisLabels([0.5, 0.5123, 0.52], US_EQUITY_TICKS)).toEqual(['0.5000', '0.5123', '0.5200']);
		expect(tickAxisLabels([64000, 64000.5], BTC)).toEqual(['64000.00', '64000.50']);
		// A stock crossing $1 reads in the finer band's decimals throughout.
		expect(tickAxisLabels([0.98, 1, 1.02], US_EQUITY_TICKS)).toEqual(['0.9800', '1.0000', '1.0200']);
	});

	it('places axis labels on whole numbers of ticks', () => {
		expect(tickAxisIncrements(ES, 5000).slice(0, 6)).toEqual([0.25, 0.5, 1, 2, 2.5, 5]);
		expect(tickAxisIncrements(US_EQUITY_TICKS, 0.5).slice(0, 3)).toEqual([0.0001, 0.0002, 0.0004]);
		expect(tickAxisIncrements(BTC, 64000).slice(0, 2)).toEqual([0.01, 0.02]);
	});

	it('writes readout prices with the tick’s decimals and never rounds a stored one', () => {
		expect(chartPriceText(5012.5, ES, price)).toBe('5012.50');
		expect(chartPriceText(49.608103, US_EQUITY_TICKS, price)).toBe('49.608103');
		expect(chartPriceText(0.5, US_EQUITY_TICKS, price)).toBe('0.5000');
		expect(chartPriceText(1234.5, undefined, price)).toBe('1,234.50');
	});
});
