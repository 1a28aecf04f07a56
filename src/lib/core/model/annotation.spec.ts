import { describe, expect, it } from 'vitest';
import { parseTags, riskAmount } from './annotation';

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
