import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instrumentFor } from './catalogue';
import { STARTER_FUTURES_TICKS } from './starter';
import {
	CRYPTO_DEFAULT_TICKS,
	fixedTick,
	isOnLot,
	isOnTick,
	roundToLot,
	roundToStep,
	roundToTick,
	tickOf,
	tickRuleProblem,
	US_EQUITY_TICKS
} from './ticks';
import type { TickRule } from './types';

const ES = instrumentFor('ESZ5');
const rules: TickRule[] = [
	US_EQUITY_TICKS,
	CRYPTO_DEFAULT_TICKS,
	...Object.values(STARTER_FUTURES_TICKS).map(fixedTick)
];
const ZB = instrumentFor('/ZB');

describe('tickOf', () => {
	it('gives US equities a cent from $1 up and a hundredth of a cent below, by absolute price', () => {
		expect(tickOf(US_EQUITY_TICKS, 187.4)).toBe(0.01);
		expect(tickOf(US_EQUITY_TICKS, 1)).toBe(0.01);
		expect(tickOf(US_EQUITY_TICKS, 0.9999)).toBe(0.0001);
		expect(tickOf(US_EQUITY_TICKS, -0.5)).toBe(0.0001);
		expect(tickOf(US_EQUITY_TICKS, -3)).toBe(0.01);
	});

	it("reads an instrument's own tick, a rule or a plain tick size", () => {
		expect(tickOf(ES, 5012)).toBe(0.25);
		expect(tickOf(ZB, 112)).toBe(1 / 32);
		expect(tickOf(fixedTick(0.5), 3)).toBe(0.5);
		expect(tickOf(0.05, 3)).toBe(0.05);
		expect(tickOf(CRYPTO_DEFAULT_TICKS, 97000.123)).toBe(0.01);
		expect(tickOf(CRYPTO_DEFAULT_TICKS, 2.5)).toBe(0.0001);
		expect(tickOf(CRYPTO_DEFAULT_TICKS, 0.00001234)).toBe(0.00000001);
	});
});

describe('roundToTick', () => {
	it('rounds to the nearest tick, halves away from zero, as the decimals are written', () => {
		expect(roundToTick(2.675, US_EQUITY_TICKS)).toBe(2.68);
		expect(roundToTick(-2.675, US_EQUITY_TICKS)).toBe(-2.68);
		expect(roundToTick(49.608103, US_EQUITY_TICKS)).toBe(49.61);
		expect(roundToTick(0.123456, US_EQUITY_TICKS)).toBe(0.1235);
		expect(roundToTick(0.1 + 0.2, 0.1)).toBe(0.3);
		expect(roundToTick(5012.375, ES)).toBe(5012.5);
		expect(roundToTick(-5012.375, ES)).toBe(-5012.5);
		expect(roundToTick(112.2, ZB)).toBe(112.1875);
		expect(roundToTick(1.2345678, 0.00005)).toBe(1.23455);
		// A billionth of a tick below a half is float noise from arithmetic: the half.
		expect(roundToStep(1.005 * 100, 1)).toBe(101);
		expect(roundToStep(100.4999999, 1)).toBe(100);
		expect(roundToStep(5012.25 + 1e-12, 0.25, 'up')).toBe(5012.25);
		expect(roundToStep(5012.5 - 1e-12, 0.25, 'down')).toBe(5012.5);
		expect(Object.is(roundToStep(-0.001, 0.01), 0)).toBe(true);
		expect(Object.is(roundToTick(-0.00001, US_EQUITY_TICKS), 0)).toBe(true);
	});

	it('rounds up or down when asked, on both sides of zero', () => {
		expect(roundToTick(5012.3, ES, 'up')).toBe(5012.5);
		expect(roundToTick(5012.3, ES, 'down')).toBe(5012.25);
		expect(roundToTick(-5012.3, ES, 'up')).toBe(-5012.25);
		expect(roundToTick(-5012.3, ES, 'down')).toBe(-5012.5);
		expect(roundToTick(5012.25, ES, 'up')).toBe(5012.25);
		expect(roundToTick(0.99999, US_EQUITY_TICKS, 'up')).toBe(1);
		expect(roundToTick(1.009, US_EQUITY_TICKS, 'down')).toBe(1);
	});

	it('stays exact past the plain-number range and for the tiniest numbers', () => {
		expect(roundToTick(1e20 + 0.3, 0.01)).toBe(1e20);
		expect(roundToStep(123456789012.345, 0.01)).toBe(123456789012.35);
		expect(roundToStep(5e-324, 0.01)).toBe(0);
		expect(roundToStep(1.5e-7, 1e-7)).toBe(2e-7);
		expect(roundToStep(2.5e-7, 1e-7, 'down')).toBe(2e-7);
	});

	it('passes what is not a price through, and leaves a price alone for a tick that is not one', () => {
		expect(roundToTick(Number.NaN, ES)).toBeNaN();
		expect(roundToTick(Number.NEGATIVE_INFINITY, ES)).toBe(Number.NEGATIVE_INFINITY);
		expect(roundToStep(1.234, 0)).toBe(1.234);
		expect(roundToStep(1.234, -0.01)).toBe(1.234);
		expect(roundToStep(1.234, Number.NaN)).toBe(1.234);
	});

	// Oracle: prices n / 10^d and ticks u / 10^k, rounded with BigInt on the decimals themselves.
	const tickParts: [number, number][] = [
		[1, 2],
		[1, 4],
		[25, 2],
		[5, 3],
		[3125, 5], // 1/32
		[15625, 6], // 1/64
		[78125, 7], // 1/128
		[5, 5],
		[5, 7],
		[1, 0],
		[1, 8]
	];
	const exact = (n: number | bigint, d: number, [u, k]: [number, number]): number => {
		const s = Math.max(d, k);
		const p = BigInt(n) * 10n ** BigInt(s - d);
		const t = BigInt(u) * 10n ** BigInt(s - k);
		const neg = p < 0n;
		const a = neg ? -p : p;
		// Halves away from zero; a billionth of a tick below a half counts as the half.
		let q = a / t;
		if ((a % t) * 2n * 1_000_000_000n >= t * (1_000_000_000n - 2n)) q += 1n;
		const units = q * t;
		const digits = units.toString().padStart(s + 1, '0');
		const text = s === 0 ? digits : `${digits.slice(0, -s)}.${digits.slice(-s)}`;
		return Number(neg ? `-${text}` : text) || 0;
	};

	it('agrees with exact decimal arithmetic', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: -1e12, max: 1e12 }),
				fc.integer({ min: 0, max: 9 }),
				fc.constantFrom(...tickParts),
				(n, d, tick) => {
					const price = Number(`${n}e-${d}`);
					expect(roundToStep(price, tick[0] / 10 ** tick[1])).toBe(exact(n, d, tick));
				}
			)
		);
	});

	const prices = fc.double({ min: -1e6, max: 1e6, noNaN: true });

	it('agrees with exact decimal arithmetic on any double, near a half or not', () => {
		const decimalParts = (x: number): [bigint, number] => {
			const [int = '', frac = ''] = String(x).split('.');
			return [BigInt(int + frac), frac.length];
		};
		fc.assert(
			fc.property(
				fc.oneof(
					fc.double({ min: -1e6, max: 1e6, noNaN: true }).filter((x) => !String(x).includes('e')),
					// Halves and near-halves of a cent, where doubles round the wrong way.
					fc.integer({ min: -1e8, max: 1e8 }).map((n) => (n + 0.5) / 100),
					// (n = 0 gives 5e-13, which String writes with an exponent decimalParts cannot read.)
					fc
						.integer({ min: -1e8, max: 1e8 })
						.map((n) => n / 1000 + 5e-13)
						.filter((x) => !String(x).includes('e'))
				),
				fc.constantFrom(...tickParts),
				(p, tick) => {
					const [n, d] = decimalParts(p);
					expect(roundToStep(p, tick[0] / 10 ** tick[1])).toBe(exact(n, d, tick));
				}
			)
		);
	});

	it('always lands on the tick, within half a tick, and stays there when rounded again', () => {
		fc.assert(
			fc.property(prices, fc.constantFrom(...rules), (p, rule) => {
				const r = roundToTick(p, rule);
				expect(isOnTick(r, rule)).toBe(true);
				expect(Math.abs(r - p)).toBeLessThanOrEqual(tickOf(rule, p) / 2 + 1e-9 * Math.max(1, Math.abs(p)));
				expect(roundToTick(r, rule)).toBe(r);
			})
		);
	});

	it('rounds up to a tick at or above the price and down to one at or below (less a billionth of a tick), less than a tick apart', () => {
		fc.assert(
			fc.property(prices, fc.constantFrom(...rules), (p, rule) => {
				const up = roundToTick(p, rule, 'up');
				const down = roundToTick(p, rule, 'down');
				// Within a billionth of a tick of a tick is on it (float noise).
				const noise = tickOf(rule, p) * 1e-9;
				expect(up).toBeGreaterThanOrEqual(p - noise);
				expect(down).toBeLessThanOrEqual(p + noise);
				expect(isOnTick(up, rule) && isOnTick(down, rule)).toBe(true);
				expect(up - down).toBeLessThanOrEqual(tickOf(rule, p) * (1 + 1e-9) + 1e-9 * Math.abs(p));
			})
		);
	});
});

describe('isOnTick', () => {
	it('checks the price against the tick at that price, exactly', () => {
		expect(isOnTick(5012.25, ES)).toBe(true);
		expect(isOnTick(5012.3, ES)).toBe(false);
		expect(isOnTick(112.1875, ZB)).toBe(true);
		expect(isOnTick(187.405, US_EQUITY_TICKS)).toBe(false);
		expect(isOnTick(0.4312, US_EQUITY_TICKS)).toBe(true);
		expect(isOnTick(0.3, 0.1)).toBe(true);
		expect(isOnTick(0.1 + 0.2, 0.1)).toBe(true);
		expect(isOnTick(0.3000001, 0.1)).toBe(false);
		expect(isOnTick(Number.NaN, ES)).toBe(false);
	});
});

describe('lot steps', () => {
	it('rounds quantities down to the lot step by default', () => {
		expect(roundToLot(0.123456789, instrumentFor('BTC-USD'))).toBe(0.12345678);
		expect(roundToLot(10.7, instrumentFor('AAPL'))).toBe(10);
		expect(roundToLot(10.2, instrumentFor('AAPL'), 'up')).toBe(11);
		expect(isOnLot(0.5, instrumentFor('AAPL'))).toBe(false);
		expect(isOnLot(0.00012345, instrumentFor('BTC-USD'))).toBe(true);
	});
});

describe('tickRuleProblem', () => {
	it('accepts the bundled rules', () => {
		for (const rule of rules) expect(tickRuleProblem(rule)).toBeNull();
	});

	it('says what is wrong with a rule', () => {
		expect(tickRuleProblem(fixedTick(0))).toBe('the tick must be a positive number, not 0');
		expect(tickRuleProblem({ kind: 'bands', bands: [] })).toBe('a banded tick needs at least one band');
		expect(tickRuleProblem({ kind: 'bands', bands: [{ from: 1, tick: 0.01 }] })).toBe(
			'the first band must start at 0, not 1'
		);
		expect(
			tickRuleProblem({
				kind: 'bands',
				bands: [
					{ from: 0, tick: 0.01 },
					{ from: 1.005, tick: 0.05 }
				]
			})
		).toBe('the band from 1.005 must start on its tick 0.05 and on the tick below it 0.01');
		expect(
			tickRuleProblem({
				kind: 'bands',
				bands: [
					{ from: 0, tick: 0.01 },
					{ from: 0, tick: 0.05 }
				]
			})
		).toBe('bands must rise: 0 comes after 0');
	});
});
