import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instrumentFor } from './catalogue';
import {
	axisIncrements,
	lotText,
	priceDecimals,
	priceProblem,
	priceText,
	quantityProblem,
	stepPrice,
	stepQuantity
} from './price-input';
import { CRYPTO_DEFAULT_TICKS, fixedTick, isOnTick, roundToTick, tickOf, US_EQUITY_TICKS } from './ticks';

const ES = instrumentFor('ESZ5');
const AAPL = instrumentFor('AAPL');
const BTC = instrumentFor('BTC-USD');
const ETHBTC = instrumentFor('ETH-BTC');

describe('priceProblem', () => {
	it('refuses an ES price off its quarter-point tick, naming the tick and the two nearest prices', () => {
		expect(priceProblem(5012.3, ES)).toBe('ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50');
		expect(priceProblem(5012.25, ES)).toBeNull();
	});

	it('reads a stock by its price band: cents from $1, hundredths of a cent below', () => {
		expect(priceProblem(187.405, AAPL)).toBe('AAPL trades in 0.01: 187.405 is not a price; 187.40 or 187.41');
		expect(priceProblem(0.5123, instrumentFor('SNDL'))).toBeNull();
		expect(priceProblem(0.51235, instrumentFor('SNDL'))).toBe(
			'SNDL trades in 0.0001: 0.51235 is not a price; 0.5123 or 0.5124'
		);
	});

	it('prices BTC-USD in cents and ETH-BTC in satoshis', () => {
		expect(priceProblem(64123.456, BTC)).toBe(
			'BTC-USD trades in 0.01: 64123.456 is not a price; 64123.45 or 64123.46'
		);
		expect(priceProblem(0.05123456, ETHBTC)).toBeNull();
		expect(ETHBTC.currency).toBe('BTC');
		expect(BTC.currency).toBe('USD');
	});

	it('asks for a price when there is none', () => {
		expect(priceProblem(Number.NaN, ES)).toBe('Enter a price for ES');
	});
});

describe('quantityProblem', () => {
	it('takes whole shares of a stock and refuses a fraction with the two nearest', () => {
		expect(quantityProblem(10, AAPL)).toBeNull();
		expect(quantityProblem(10.5, AAPL)).toBe('AAPL trades in whole shares: 10.5 is not a quantity; 10 or 11');
		expect(quantityProblem(0.5, AAPL)).toBe('AAPL trades in whole shares: 0.5 is not a quantity; 1');
	});

	it('takes a fractional BTC quantity down to a satoshi', () => {
		expect(quantityProblem(0.0001, BTC)).toBeNull();
		expect(quantityProblem(0.12345678, BTC)).toBeNull();
		expect(quantityProblem(0.123456789, BTC)).toBe(
			'BTC-USD trades in steps of 0.00000001 BTC: 0.123456789 is not a quantity; 0.12345678 or 0.12345679'
		);
	});

	it('follows a record that allows fractional shares', () => {
		expect(quantityProblem(2.5, { ...AAPL, lotStep: 0.001 })).toBeNull();
		expect(quantityProblem(2.5, { ...AAPL, lotStep: 0.001 }) ?? lotText({ ...AAPL, lotStep: 0.001 })).toBe(
			'0.001 shares'
		);
	});

	it('leaves a quantity that is not a positive number to the ticket and the broker', () => {
		expect([quantityProblem(0, BTC), quantityProblem(-5, AAPL), quantityProblem(Number.NaN, AAPL)]).toEqual([
			null,
			null,
			null
		]);
	});

	it('writes the lot step per instrument', () => {
		expect([lotText(AAPL), lotText(ES), lotText(BTC), lotText(ETHBTC)]).toEqual([
			'whole shares',
			'whole contracts',
			'0.00000001 BTC',
			'0.00000001 ETH'
		]);
	});
});

describe('decimals and text', () => {
	it('writes a price with its tick’s decimals, never rounding a stored one', () => {
		expect(priceDecimals(ES.tick, 5012)).toBe(2);
		expect(priceDecimals(US_EQUITY_TICKS, 0.5)).toBe(4);
		expect(priceDecimals(BTC.tick, 64000)).toBe(2);
		expect(priceText(5012.25, ES.tick)).toBe('5012.25');
		expect(priceText(0.5, US_EQUITY_TICKS)).toBe('0.5000');
		expect(priceText(49.608103, US_EQUITY_TICKS)).toBe('49.608103');
	});
});

describe('stepPrice and stepQuantity', () => {
	it('moves by one tick, to the finer tick below a band’s start, and onto the tick from off it', () => {
		expect(stepPrice(5012.25, ES.tick, 1)).toBe(5012.5);
		expect(stepPrice(5012.25, ES.tick, -1)).toBe(5012);
		expect(stepPrice(5012.3, ES.tick, 1)).toBe(5012.5);
		expect(stepPrice(5012.3, ES.tick, -1)).toBe(5012.25);
		expect(stepPrice(1, US_EQUITY_TICKS, -1)).toBe(0.9999);
		expect(stepPrice(0.9999, US_EQUITY_TICKS, 1)).toBe(1);
		expect(stepPrice(1.05, US_EQUITY_TICKS, -1)).toBe(1.04);
		expect(stepPrice(1000, CRYPTO_DEFAULT_TICKS, -1)).toBe(999.9999);
	});

	it('moves a quantity by one lot step and never below one step', () => {
		expect(stepQuantity(10, AAPL, 1)).toBe(11);
		expect(stepQuantity(1, AAPL, -1)).toBe(1);
		expect(stepQuantity(0.1, { lotStep: 0.0001 }, 1)).toBe(0.1001);
		expect(stepQuantity(0.10005, { lotStep: 0.0001 }, -1)).toBe(0.1);
	});

	it('always lands on the tick, one tick away (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 10_000_000 }), fc.constantFrom(1, -1), (cents, dir) => {
				const p = cents / 100;
				const next = stepPrice(p, US_EQUITY_TICKS, dir);
				expect(isOnTick(next, US_EQUITY_TICKS)).toBe(true);
				expect(dir > 0 ? next > p : next < p).toBe(true);
			})
		);
	});
});

describe('snapping (property)', () => {
	it('puts a raw price on the tick, within half a tick of it', () => {
		const sources = [ES.tick, US_EQUITY_TICKS, BTC.tick, fixedTick(1 / 32), fixedTick(0.00005)];
		fc.assert(
			fc.property(
				fc.double({ min: 0.0001, max: 100_000, noNaN: true }),
				fc.constantFrom(...sources),
				(raw, source) => {
					const snapped = roundToTick(raw, source);
					expect(isOnTick(snapped, source)).toBe(true);
					const tick = Math.max(tickOf(source, raw), tickOf(source, snapped));
					expect(Math.abs(snapped - raw)).toBeLessThanOrEqual(tick / 2 + 1e-9 * tick + raw * 1e-15);
				}
			)
		);
	});
});

describe('axisIncrements', () => {
	it('offers only whole numbers of ticks', () => {
		expect(axisIncrements(0.25, 10)).toEqual([0.25, 0.5, 1, 2, 2.5, 5, 10]);
		expect(axisIncrements(0.01, 1)).toEqual([0.01, 0.02, 0.04, 0.05, 0.1, 0.2, 0.25, 0.5, 1]);
		expect(axisIncrements(1 / 32, 1)).toEqual([0.03125, 0.0625, 0.125, 0.25, 0.5, 1]);
	});
});
