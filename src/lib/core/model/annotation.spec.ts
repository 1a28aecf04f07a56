import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseTags, riskAmount, stopSideError } from './annotation';

const trade = { entryPrice: 50, quantity: 200, multiplier: 1 };

describe('riskAmount', () => {
	it('takes money as given and a stop as distance × quantity × multiplier', () => {
		expect(riskAmount({ kind: 'money', amount: 250 }, trade, { kind: 'none' })).toBe(250);
		expect(riskAmount({ kind: 'stop', price: 49.5 }, trade, { kind: 'none' })).toBe(100);
		expect(
			riskAmount(
				{ kind: 'stop', price: 1.2 },
				{ entryPrice: 1.25, quantity: 2, multiplier: 100 },
				{ kind: 'none' }
			)
		).toBeCloseTo(10, 10);
	});

	it('falls back to the default rule, and to nothing when there is none', () => {
		expect(riskAmount(null, trade, { kind: 'money', amount: 100 })).toBe(100);
		expect(riskAmount(null, trade, { kind: 'percent', percent: 1 })).toBe(100);
		expect(riskAmount(null, trade, { kind: 'none' })).toBe(null);
		expect(riskAmount({ kind: 'stop', price: 50 }, trade, { kind: 'none' })).toBe(null);
	});
});

describe('parseTags', () => {
	it('splits, trims and drops empty and repeated tags', () => {
		expect(parseTags(' orb_5m, long,, long , a+ ')).toEqual(['orb_5m', 'long', 'a+']);
	});
});

describe('stopSideError', () => {
	it('refuses a long’s stop at or above the entry and a short’s at or below, saying why', () => {
		expect(stopSideError('long', 150, 149.5)).toBeNull();
		expect(stopSideError('short', 150, 150.5)).toBeNull();
		expect(stopSideError('long', 150, 151)).toBe(
			"A long's stop must be below its entry (150); 151 is above it."
		);
		expect(stopSideError('long', 150, 150)).toBe(
			"A long's stop must be below its entry (150); 150 is at it."
		);
		expect(stopSideError('short', 167.005068, 160)).toBe(
			"A short's stop must be above its entry (167.0051); 160 is below it."
		);
		expect(stopSideError('short', 150, 0)).toBe('The stop price must be a number above zero.');
	});

	it('always leaves a positive risk when it accepts a stop, and riskAmount gives none for a refused one', () => {
		const price = fc.double({ min: 0.0001, max: 1e6, noNaN: true });
		fc.assert(
			fc.property(
				fc.constantFrom<'long' | 'short'>('long', 'short'),
				price,
				price,
				(direction, entry, stop) => {
					const error = stopSideError(direction, entry, stop);
					const risk = riskAmount(
						{ kind: 'stop', price: stop },
						{ direction, entryPrice: entry, quantity: 100, multiplier: 1 },
						{ kind: 'none' }
					);
					expect(error === null).toBe(direction === 'long' ? stop < entry : stop > entry);
					if (error === null) expect(risk).toBeGreaterThan(0);
					else expect(risk).toBeNull();
				}
			)
		);
	});
});
