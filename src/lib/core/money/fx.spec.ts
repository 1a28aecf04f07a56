import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	barRates,
	convertAll,
	convertAmount,
	CurrencyTotals,
	fxPairOf,
	isDay,
	RateTable,
	ratesText,
	validateFxRate,
	type SourcedRate
} from './fx';

const typed = { kind: 'typed' } as const;
const eurusd = (date: string, rate: number): SourcedRate => ({
	base: 'EUR',
	quote: 'USD',
	date,
	rate,
	source: typed
});

describe('validateFxRate', () => {
	it('accepts a rate with codes in any case and cleans it', () => {
		expect(validateFxRate({ base: ' eur', quote: 'usd', date: '2025-03-04', rate: 1.0842 })).toEqual({
			ok: true,
			value: { base: 'EUR', quote: 'USD', date: '2025-03-04', rate: 1.0842 }
		});
	});

	it('names every problem: codes, one currency twice, a day that does not exist, a rate not above 0', () => {
		expect(validateFxRate({ base: 'EURO', quote: 'US', date: '2025-02-30', rate: 0 })).toEqual({
			ok: false,
			errors: [
				'"EURO" is not a three-letter currency code such as EUR',
				'"US" is not a three-letter currency code such as USD',
				'"2025-02-30" is not a date such as 2025-03-04',
				'the rate must be a number above 0 (got 0)'
			]
		});
		expect(validateFxRate({ base: 'EUR', quote: 'eur', date: '2025-03-04', rate: 1 })).toEqual({
			ok: false,
			errors: ['a rate needs two currencies, not EUR twice']
		});
		expect(validateFxRate({ base: 'EUR', quote: 'USD', date: '2025-03-04', rate: Infinity }).ok).toBe(false);
		expect(validateFxRate({ base: 'EUR', quote: 'USD', date: '2025-03-04', rate: '1.08' }).ok).toBe(false);
	});

	it('knows real days', () => {
		expect(['2024-02-29', '2025-12-31'].map(isDay)).toEqual([true, true]);
		expect(['2025-02-29', '2025-13-01', '2025-3-4', ''].map(isDay)).toEqual([false, false, false, false]);
	});
});

describe('fxPairOf', () => {
	it('reads the pair of the usual FX symbols and nothing else', () => {
		expect(['EURUSD', 'EUR/USD', 'eurusd=x', 'C:GBPJPY', 'EUR.USD'].map(fxPairOf)).toEqual([
			{ base: 'EUR', quote: 'USD' },
			{ base: 'EUR', quote: 'USD' },
			{ base: 'EUR', quote: 'USD' },
			{ base: 'GBP', quote: 'JPY' },
			{ base: 'EUR', quote: 'USD' }
		]);
		expect(['AAPL', 'ESZ5', 'USDUSD', 'BTC-USD'].map(fxPairOf)).toEqual([null, null, null, null]);
	});
});

describe('RateTable', () => {
	const table = new RateTable([eurusd('2025-03-04', 1.0842), eurusd('2025-03-10', 1.09)]);

	it('takes the latest rate on or before the day, never a later one', () => {
		expect(table.rateOn('EUR', 'USD', '2025-03-04')).toEqual({
			pair: 'EURUSD',
			date: '2025-03-04',
			rate: 1.0842,
			source: typed,
			inverse: false
		});
		expect(table.rateOn('EUR', 'USD', '2025-03-09')).toMatchObject({ date: '2025-03-04', rate: 1.0842 });
		expect(table.rateOn('EUR', 'USD', '2025-03-10')).toMatchObject({ date: '2025-03-10', rate: 1.09 });
		expect(table.rateOn('EUR', 'USD', '2025-03-03')).toEqual({
			problem: 'no EURUSD rate on or before 2025-03-03 (the first is later)'
		});
	});

	it('uses a pair inverted, and never crosses through a third currency', () => {
		expect(table.rateOn('USD', 'EUR', '2025-03-05')).toMatchObject({
			pair: 'EURUSD',
			rate: 1.0842,
			inverse: true
		});
		const cross = new RateTable([
			eurusd('2025-03-04', 1.0842),
			{ ...eurusd('2025-03-04', 150), base: 'USD', quote: 'JPY' }
		]);
		expect(cross.rateOn('EUR', 'JPY', '2025-03-05')).toEqual({
			problem: 'no EURJPY rate on or before 2025-03-05'
		});
	});

	it('prefers a typed rate over a bar file close of the same day', () => {
		const bars: SourcedRate = { ...eurusd('2025-03-04', 1.08), source: { kind: 'bars', file: 'EURUSD.csv' } };
		expect(
			new RateTable([eurusd('2025-03-04', 1.0842), bars]).rateOn('EUR', 'USD', '2025-03-04')
		).toMatchObject({
			rate: 1.0842,
			source: typed
		});
		expect(new RateTable([bars]).rateOn('EUR', 'USD', '2025-03-04')).toMatchObject({
			rate: 1.08,
			source: { kind: 'bars', file: 'EURUSD.csv' }
		});
	});
});

describe('barRates', () => {
	it('takes the close of each day’s last bar, for the pair the symbol names', () => {
		const day = (t: number) => new Date(t).toISOString().slice(0, 10);
		const t0 = Date.UTC(2025, 2, 3);
		const bars = { time: [t0, t0 + 3_600_000, t0 + 86_400_000], close: [1.04, 1.0485, 1.0842] };
		expect(barRates('EURUSD=X', 'eurusd.csv', bars, day)).toEqual([
			{
				base: 'EUR',
				quote: 'USD',
				date: '2025-03-03',
				rate: 1.0485,
				source: { kind: 'bars', file: 'eurusd.csv' }
			},
			{
				base: 'EUR',
				quote: 'USD',
				date: '2025-03-04',
				rate: 1.0842,
				source: { kind: 'bars', file: 'eurusd.csv' }
			}
		]);
		expect(barRates('AAPL', 'aapl.csv', bars, day)).toEqual([]);
	});
});

describe('conversion', () => {
	const table = new RateTable([eurusd('2025-03-04', 1.0842)]);

	it('converts exactly, rounding to the cent once', () => {
		expect(convertAmount(100, { rate: 1.0842, inverse: false })).toBe(108.42);
		expect(convertAmount(0.05, { rate: 1.5, inverse: false })).toBe(0.08); // 0.075 away from zero
		expect(convertAmount(-0.05, { rate: 1.5, inverse: false })).toBe(-0.08);
		expect(convertAmount(108.42, { rate: 1.0842, inverse: true })).toBe(100);
	});

	it('sums converted amounts and names the rates used; base-currency amounts use none', () => {
		expect(
			convertAll(
				[
					{ currency: 'EUR', amount: 100, day: '2025-03-05' },
					{ currency: 'USD', amount: 50, day: '2025-03-05' }
				],
				'USD',
				table
			)
		).toEqual({
			currency: 'USD',
			amount: 158.42,
			rates: [{ pair: 'EURUSD', date: '2025-03-04', rate: 1.0842, source: typed, inverse: false }]
		});
		expect(convertAll([{ currency: 'USD', amount: 50, day: '2025-01-01' }], 'USD', table)).toEqual({
			currency: 'USD',
			amount: 50,
			rates: []
		});
		expect(convertAll([{ currency: 'EUR', amount: 1, day: '2025-03-01' }], 'USD', table)).toEqual({
			problem: 'no EURUSD rate on or before 2025-03-01 (the first is later)'
		});
		expect(
			ratesText([{ pair: 'EURUSD', date: '2025-03-04', rate: 1.0842, source: typed, inverse: false }])
		).toBe('EURUSD 1.0842 on 2025-03-04, typed');
	});

	const cents = fc.integer({ min: -100_000_000, max: 100_000_000 }).map((c) => c / 100);
	const rate = fc.integer({ min: 1, max: 5_000_000 }).map((x) => x / 10_000);
	const currency = fc.constantFrom('EUR', 'USD', 'GBP');
	const day = fc.integer({ min: 1, max: 28 }).map((d) => `2025-03-${String(d).padStart(2, '0')}`);

	it('a converted total is the sum, to the cent, of the per-currency totals converted (property)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ currency, amount: cents }), { maxLength: 40 }),
				rate,
				rate,
				(items, eur, gbp) => {
					const rates = new RateTable([
						eurusd('2025-03-01', eur),
						{ base: 'GBP', quote: 'USD', date: '2025-03-01', rate: gbp, source: typed }
					]);
					const totals = new CurrencyTotals();
					for (const i of items) totals.add(i.currency, i.amount);
					const perCurrency = totals.list().map((t) => ({ ...t, day: '2025-03-02' }));
					const whole = convertAll(perCurrency, 'USD', rates);
					if ('problem' in whole) throw new Error(whole.problem);
					const parts = perCurrency.map((t) => convertAll([t], 'USD', rates));
					const sum = parts.reduce((s, p) => s + Math.round(('amount' in p ? p.amount : NaN) * 100), 0);
					expect(Math.round(whole.amount * 100)).toBe(sum);
					// Each part is its total times the rate, rounded once.
					for (const p of parts)
						expect(Number.isInteger(Math.round(('amount' in p ? p.amount : NaN) * 100))).toBe(true);
					// The base currency's own total takes no rate.
					expect(whole.rates.every((r) => r.pair !== 'USDUSD')).toBe(true);
					const usd = convertAll(
						perCurrency.filter((t) => t.currency === 'USD'),
						'USD',
						rates
					);
					expect(usd).toMatchObject({ rates: [] });
				}
			)
		);
	});

	it('never uses a rate dated after the day (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.tuple(day, rate), { minLength: 1, maxLength: 20 }), day, (list, on) => {
				const rates = new RateTable(list.map(([d, r]) => eurusd(d, r)));
				const got = rates.rateOn('EUR', 'USD', on);
				const earlier = list.filter(([d]) => d <= on).map(([d]) => d);
				if (earlier.length === 0) expect(got).toHaveProperty('problem');
				else expect(got).toMatchObject({ date: earlier.sort().at(-1) });
			})
		);
	});

	it('per-currency totals are exact cent sums (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.record({ currency, amount: cents }), { maxLength: 60 }), (items) => {
				const totals = new CurrencyTotals();
				for (const i of items) totals.add(i.currency, i.amount);
				for (const t of totals.list()) {
					const want = items
						.filter((i) => i.currency === t.currency)
						.reduce((s, i) => s + Math.round(i.amount * 100), 0);
					expect(t.amount).toBe(want / 100);
				}
			})
		);
	});
});
