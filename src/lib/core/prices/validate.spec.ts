import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CONFIDENCE_RANK,
	DEFAULT_PRICE_SETTINGS,
	validatePrice,
	type PriceSettings,
	type Quote
} from './validate';

const T = Date.UTC(2026, 2, 2, 15, 0);
const MIN = 60_000;
const S: PriceSettings = { tolerancePct: 0.5, staleAfterMs: 15 * MIN, jumpAtr: 3 };
const q = (source: string, price: number, ageMin = 0, kind: Quote['kind'] = 'bars'): Quote => ({
	source,
	kind,
	price,
	time: T - ageMin * MIN
});
const ask = (quotes: Quote[], previousClose: number | null = null, atr: number | null = null) =>
	validatePrice({ at: T, quotes, previousClose, atr }, S);

describe('validatePrice', () => {
	it('sources agreeing within the tolerance: their median, high', () => {
		expect(ask([q('yahoo', 100), q('tv', 100.4), q('manual', 100.2, 0, 'manual')], 99.8, 1)).toEqual({
			price: 100.2,
			confidence: 'high',
			reasons: ['3 sources agree within 0.5 %: manual, tv, yahoo'],
			used: ['manual', 'tv', 'yahoo'],
			dropped: null
		});
	});

	it('the tolerance is a percent of the lower price, inclusive', () => {
		expect(ask([q('a', 200), q('b', 201)]).confidence).toBe('high');
		expect(ask([q('a', 200), q('b', 201.02)]).confidence).toBe('low');
	});

	it('one source disagreeing with all others: dropped and named, the rest decide', () => {
		expect(ask([q('yahoo', 100), q('tv', 100.1), q('alert:orb', 103, 0, 'alert')])).toEqual({
			price: 100.05,
			confidence: 'high',
			reasons: [
				'alert:orb disagrees with all others (103 against 100–100.1): dropped',
				'2 sources agree within 0.5 %: tv, yahoo'
			],
			used: ['tv', 'yahoo'],
			dropped: 'alert:orb'
		});
		expect(ask([q('a', 50), q('b', 100), q('c', 100), q('d', 100)])).toMatchObject({
			price: 100,
			confidence: 'high',
			dropped: 'a',
			reasons: [
				'a disagrees with all others (50 against 100): dropped',
				'3 sources agree within 0.5 %: b, c, d'
			]
		});
	});

	it('two sources disagreeing: no way to tell which, low at their midpoint', () => {
		expect(ask([q('yahoo', 100), q('manual', 103, 0, 'manual')])).toEqual({
			price: 101.5,
			confidence: 'low',
			reasons: ['sources disagree beyond 0.5 %: manual 103, yahoo 100'],
			used: ['manual', 'yahoo'],
			dropped: null
		});
	});

	it('three sources all apart: the median, low', () => {
		expect(ask([q('a', 100), q('b', 102), q('c', 104)])).toEqual({
			price: 102,
			confidence: 'low',
			reasons: ['sources disagree beyond 0.5 %: a 100, b 102, c 104'],
			used: ['a', 'b', 'c'],
			dropped: null
		});
	});

	it('a single source is medium at most', () => {
		expect(ask([q('yahoo', 100)])).toEqual({
			price: 100,
			confidence: 'medium',
			reasons: ['single source: yahoo'],
			used: ['yahoo'],
			dropped: null
		});
	});

	it('stale sources are named and left out; with no fresh one the latest stale price is low', () => {
		expect(ask([q('yahoo', 100, 20), q('tv', 101)])).toEqual({
			price: 101,
			confidence: 'medium',
			reasons: ['yahoo is stale: 20 min old (limit 15 min)', 'single source: tv'],
			used: ['tv'],
			dropped: null
		});
		expect(ask([q('yahoo', 100, 20), q('tv', 101, 90)])).toEqual({
			price: 100,
			confidence: 'low',
			reasons: [
				'tv is stale: 1 h 30 min old (limit 15 min)',
				'yahoo is stale: 20 min old (limit 15 min)',
				"no fresh source: using yahoo's 100 from 20 min before"
			],
			used: ['yahoo'],
			dropped: null
		});
		expect(ask([q('yahoo', 100, 15)]).confidence).toBe('medium');
	});

	it('no quote at all: no price', () => {
		expect(ask([])).toEqual({
			price: null,
			confidence: 'low',
			reasons: ['no quote'],
			used: [],
			dropped: null
		});
	});

	it('a jump beyond N ATR from the previous close lowers the confidence a step', () => {
		expect(ask([q('a', 110), q('b', 110.2)], 100, 2)).toEqual({
			price: 110.1,
			confidence: 'medium',
			reasons: [
				'2 sources agree within 0.5 %: a, b',
				'jump of 5.0 ATR from the previous close 100 (limit 3 ATR)'
			],
			used: ['a', 'b'],
			dropped: null
		});
		expect(ask([q('a', 110)], 100, 2).confidence).toBe('low');
		expect(ask([q('a', 106)], 100, 2).confidence).toBe('medium'); // exactly 3 ATR is no jump
		expect(ask([q('a', 110)], 100, null).confidence).toBe('medium'); // no ATR: not checked
	});

	it('ignores quotes that are no price or after the time asked, and counts each source once (its latest)', () => {
		expect(ask([q('a', 0), q('b', 100, -1), q('c', 100, 5), q('c', 120, 1), q('d', 119.9)])).toEqual({
			price: 119.95,
			confidence: 'high',
			reasons: [
				'a ignored: 0 is not a price',
				'b ignored: its quote is after the time asked',
				'2 sources agree within 0.5 %: c, d'
			],
			used: ['c', 'd'],
			dropped: null
		});
	});

	it('uses the defaults when no settings are given', () => {
		expect(validatePrice({ at: T, quotes: [q('a', 1)], previousClose: null, atr: null })).toEqual(
			validatePrice({ at: T, quotes: [q('a', 1)], previousClose: null, atr: null }, DEFAULT_PRICE_SETTINGS)
		);
	});
});

describe('validatePrice properties', () => {
	const quote = fc.record({
		source: fc.constantFrom('yahoo', 'tv', 'ibkr', 'manual', 'alert:a', 'alert:b'),
		kind: fc.constantFrom('bars' as const, 'alert' as const, 'manual' as const),
		price: fc.integer({ min: 9_500, max: 10_500 }).map((c) => c / 100),
		// Whole minutes, so one source often quotes twice at one time.
		time: fc.integer({ min: 0, max: 30 }).map((m) => T - m * MIN)
	});
	const question = fc.record({
		quotes: fc.array(quote, { maxLength: 6 }),
		previousClose: fc.option(
			fc.integer({ min: 9_000, max: 11_000 }).map((c) => c / 100),
			{ nil: null }
		),
		atr: fc.option(
			fc.integer({ min: 1, max: 300 }).map((c) => c / 100),
			{ nil: null }
		)
	});

	it('permuting the quotes never changes the answer', () => {
		fc.assert(
			fc.property(question, fc.func(fc.integer()), (qn, order) => {
				const shuffled = qn.quotes
					.map((x, i) => ({ x, k: order(i) }))
					.sort((a, b) => a.k - b.k)
					.map((e) => e.x);
				expect(ask(shuffled, qn.previousClose, qn.atr)).toEqual(ask(qn.quotes, qn.previousClose, qn.atr));
			})
		);
	});

	it('adding a fresh source that agrees with the answer never lowers the confidence nor moves the price', () => {
		fc.assert(
			fc.property(question, (qn) => {
				const before = ask(qn.quotes, qn.previousClose, qn.atr);
				if (before.price === null) return;
				const after = ask([...qn.quotes, q('new', before.price)], qn.previousClose, qn.atr);
				expect(CONFIDENCE_RANK[after.confidence]).toBeGreaterThanOrEqual(CONFIDENCE_RANK[before.confidence]);
				expect(after.price).toBeCloseTo(before.price, 9);
			})
		);
	});

	it('the price is never outside the range of the quotes, and high confidence rests on two sources or more', () => {
		fc.assert(
			fc.property(question, (qn) => {
				const r = ask(qn.quotes, qn.previousClose, qn.atr);
				const prices = qn.quotes.map((x) => x.price);
				if (r.price === null) {
					expect(prices).toEqual([]);
					return;
				}
				expect(r.price).toBeGreaterThanOrEqual(Math.min(...prices));
				expect(r.price).toBeLessThanOrEqual(Math.max(...prices));
				if (r.confidence === 'high') expect(r.used.length).toBeGreaterThanOrEqual(2);
			})
		);
	});
});
