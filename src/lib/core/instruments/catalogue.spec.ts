import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tickFor } from '../model/tick';
import { FUTURES_POINT_VALUES, multiplierOf } from '../trades/instruments';
import { instrumentFor, instrumentProblem, mergeRevealed } from './catalogue';
import { STARTER_INSTRUMENTS } from './starter';
import { CRYPTO_DEFAULT_TICKS, fixedTick, tickOf, US_EQUITY_TICKS } from './ticks';
import type { Instrument } from './types';

const userRecord = (over: Partial<Instrument>): Instrument => ({
	...instrumentFor('AAPL'),
	source: 'user',
	...over
});

describe('instrumentFor', () => {
	it('finds a futures contract under its root in the starter list', () => {
		expect(instrumentFor('ESZ5')).toEqual({
			symbol: 'ES',
			assetClass: 'future',
			name: 'E-mini S&P 500',
			exchange: 'CME',
			currency: 'USD',
			pair: null,
			multiplier: 50,
			tick: { kind: 'fixed', tick: 0.25 },
			lotStep: 1,
			session: 'cme-globex',
			aliases: [],
			option: null,
			source: 'starter'
		});
		expect(instrumentFor('/ZN').tick).toEqual(fixedTick(1 / 64));
		expect(instrumentFor('ZCH26').session).toBe('cbot-grains');
		expect(instrumentFor('ES', 'future').multiplier).toBe(50);
	});

	it('reads a bare root as the stock of that ticker unless told it is the future', () => {
		expect(instrumentFor('ES')).toMatchObject({
			symbol: 'ES',
			assetClass: 'stock',
			multiplier: 1,
			source: 'rule'
		});
		expect(instrumentFor('ES').tick).toBe(US_EQUITY_TICKS);
	});

	it('gives a future nobody named no point value rather than a guess', () => {
		expect(instrumentFor('LEZ5', 'future')).toMatchObject({
			symbol: 'LE',
			assetClass: 'future',
			multiplier: null,
			session: 'cme-globex',
			source: 'rule'
		});
	});

	it('gives an option on a future its root’s point value', () => {
		expect(instrumentFor('ESZ5', 'future_option').multiplier).toBe(50);
	});

	it('resolves crypto pairs to BASE-QUOTE, quoted in their quote currency, in satoshis', () => {
		expect(instrumentFor('XBTUSD')).toMatchObject({
			symbol: 'BTC-USD',
			assetClass: 'crypto',
			currency: 'USD',
			pair: { base: 'BTC', quote: 'USD' },
			lotStep: 0.00000001,
			session: 'crypto',
			source: 'starter'
		});
		expect(instrumentFor('ETHBTC')).toMatchObject({ symbol: 'ETH-BTC', currency: 'BTC', source: 'starter' });
		expect(instrumentFor('BINANCE:PEPEUSDT')).toMatchObject({
			symbol: 'PEPE-USDT',
			currency: 'USDT',
			pair: { base: 'PEPE', quote: 'USDT' },
			tick: CRYPTO_DEFAULT_TICKS,
			exchange: 'BINANCE',
			source: 'rule'
		});
	});

	it('builds an option from its symbol', () => {
		expect(instrumentFor('AAPL  250321C00150000')).toEqual({
			symbol: 'AAPL250321C00150000',
			assetClass: 'option',
			name: null,
			exchange: null,
			currency: 'USD',
			pair: null,
			multiplier: 100,
			tick: fixedTick(0.01),
			lotStep: 1,
			session: 'us-equity',
			aliases: ['AAPL 250321C00150000'],
			option: { underlying: 'AAPL', root: 'AAPL', expiry: '2025-03-21', strike: 150, right: 'call' },
			source: 'rule'
		});
	});

	it('reads forex pairs when told they are forex', () => {
		expect(instrumentFor('USDJPY', 'forex')).toMatchObject({
			symbol: 'USD/JPY',
			currency: 'JPY',
			pair: { base: 'USD', quote: 'JPY' },
			tick: fixedTick(0.001),
			session: 'fx'
		});
		expect(instrumentFor('EUR.USD', 'forex').tick).toEqual(fixedTick(0.00001));
		expect(instrumentFor('EURUSD').assetClass).toBe('stock');
	});

	it("takes the user's record first, then the starter list, then an import's", () => {
		const catalogue: Instrument[] = [
			{ ...instrumentFor('ES', 'future'), multiplier: 55, source: 'user' },
			{ ...instrumentFor('LE', 'future'), multiplier: 400, source: 'import' },
			{ ...instrumentFor('BTC-USD'), lotStep: 1, source: 'import' },
			userRecord({ symbol: 'SPY', assetClass: 'etf', exchange: 'NYSE ARCA', aliases: ['SPDR'] })
		];
		expect(instrumentFor('ESZ5', undefined, catalogue).multiplier).toBe(55);
		expect(instrumentFor('LEZ5', 'future', catalogue).multiplier).toBe(400);
		expect(instrumentFor('BTC-USD', undefined, catalogue).lotStep).toBe(0.00000001);
		expect(instrumentFor('SPY', 'stock', catalogue)).toMatchObject({
			assetClass: 'etf',
			exchange: 'NYSE ARCA'
		});
		expect(instrumentFor('spdr', undefined, catalogue).symbol).toBe('SPY');
		expect(instrumentFor('ES', undefined, catalogue).assetClass).toBe('stock');
	});

	it('agrees with multiplierOf and tickFor on every starter future and on stocks', () => {
		const roots = Object.keys(FUTURES_POINT_VALUES);
		fc.assert(
			fc.property(
				fc.constantFrom(...roots),
				fc.constantFrom('Z5', 'H26', '1!', ' DEC 25', ''),
				fc.double({ min: 0.0001, max: 1e5, noNaN: true }),
				(root, suffix, price) => {
					const symbol = suffix ? `${root}${suffix}` : `/${root}`;
					const instrument = instrumentFor(symbol, 'future');
					expect(instrument.multiplier).toBe(multiplierOf(symbol, 'future'));
					expect(tickOf(instrument, price)).toBe(tickFor(symbol, price));
				}
			)
		);
		for (const price of [0.5, 1, 187.4])
			expect(tickOf(instrumentFor('AAPL'), price)).toBe(tickFor('AAPL', price));
	});
});

describe('mergeRevealed', () => {
	it('adds a record for what an import reveals about an unknown instrument', () => {
		const { catalogue, notes } = mergeRevealed(
			[],
			[
				{ symbol: 'LEZ5', assetClass: 'future', multiplier: 400 },
				{ symbol: 'NESN', assetClass: 'stock', currency: 'chf', exchange: 'six' },
				{ symbol: 'AAPL', assetClass: 'stock', quantity: 0.25 }
			]
		);
		expect(notes).toEqual([]);
		expect(catalogue).toHaveLength(3);
		expect(catalogue[0]).toMatchObject({
			symbol: 'LE',
			assetClass: 'future',
			multiplier: 400,
			source: 'import'
		});
		expect(catalogue[0]!.aliases).toEqual(['LEZ5']);
		expect(catalogue[1]).toMatchObject({
			symbol: 'NESN',
			currency: 'CHF',
			exchange: 'SIX',
			source: 'import'
		});
		expect(catalogue[2]).toMatchObject({ symbol: 'AAPL', lotStep: 0.01, source: 'import' });
	});

	it('fills what an imported record lacked, and never changes the starter list or a user record', () => {
		const user = userRecord({ symbol: 'TSLA' });
		const first = mergeRevealed([user], [{ symbol: 'LE1!', assetClass: 'future' }]);
		expect(first.notes).toEqual(['LE1!: no multiplier known for LE; set its point value in Settings']);
		const second = mergeRevealed(first.catalogue, [
			{ symbol: 'LEZ5', assetClass: 'future', multiplier: 400, exchange: 'CME' },
			{ symbol: 'TSLA', assetClass: 'stock', currency: 'EUR', quantity: 0.5 },
			{ symbol: 'ESZ5', assetClass: 'future', multiplier: 50 },
			{ symbol: 'BTC-USD', assetClass: 'crypto', quantity: 0.000123456789 }
		]);
		expect(second.catalogue).toEqual([
			user,
			{ ...first.catalogue[1], multiplier: 400, exchange: 'CME', aliases: ['LE1!', 'LEZ5'] }
		]);
		expect(second.notes).toEqual([
			'TSLA: the file says currency EUR; your record TSLA has USD (kept)',
			'TSLA: quantities in steps of 0.1 are finer than the lot step 1 of your record TSLA',
			"BTC-USD: quantities in steps of 1e-12 are finer than the lot step 1e-8 of the starter list's BTC-USD"
		]);
		// The input is left as it was.
		expect(first.catalogue[1]).toMatchObject({ multiplier: null, aliases: ['LE1!'] });
	});

	it('keeps the first value when files disagree, and says so once', () => {
		const facts = [
			{ symbol: 'ESZ5', assetClass: 'future' as const, multiplier: 5 },
			{ symbol: 'ESZ5', assetClass: 'future' as const, multiplier: 5 },
			{ symbol: 'LEZ5', assetClass: 'future' as const, multiplier: 400 },
			{ symbol: 'LEG6', assetClass: 'future' as const, multiplier: 40 },
			{ symbol: 'XYZ', assetClass: 'stock' as const, multiplier: -1, currency: 'US Dollar' }
		];
		const { catalogue, notes } = mergeRevealed([], facts);
		expect(catalogue.map((i) => [i.symbol, i.multiplier])).toEqual([
			['LE', 400],
			['XYZ', 1]
		]);
		expect(notes).toEqual([
			"ESZ5: the file says multiplier 5; the starter list's ES has 50 (kept)",
			'LEG6: the file says multiplier 40; LE was imported with 400 (kept)',
			'XYZ: multiplier -1 is not a positive number (ignored)',
			'XYZ: currency "US Dollar" is not a currency code (ignored)'
		]);
	});
});

describe('instrumentProblem', () => {
	it('accepts every starter record', () => {
		for (const instrument of STARTER_INSTRUMENTS)
			expect([instrument.symbol, instrumentProblem(instrument)]).toEqual([instrument.symbol, null]);
	});

	it('says what is wrong with an edited record', () => {
		const aapl = instrumentFor('AAPL');
		expect(instrumentProblem({ ...aapl, lotStep: 0 })).toBe(
			'AAPL: the lot step must be a positive number, not 0'
		);
		expect(instrumentProblem({ ...aapl, multiplier: Number.NaN })).toBe(
			'AAPL: the multiplier must be a positive number, not NaN'
		);
		expect(instrumentProblem({ ...aapl, currency: 'dollars' })).toBe(
			'AAPL: "dollars" is not a currency code'
		);
		expect(instrumentProblem({ ...aapl, tick: fixedTick(-1) })).toBe(
			'AAPL: the tick must be a positive number, not -1'
		);
		expect(instrumentProblem({ ...aapl, symbol: ' ' })).toBe('an instrument needs a symbol');
	});
});
