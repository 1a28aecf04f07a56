import { describe, expect, it } from 'vitest';
import { ANY_MISTAKE, EMPTY_FILTER, matches, NO_MISTAKES, type TradeFilter } from '$lib/core/trades/query';
import { filterChips } from './filter-chips';

describe('filterChips', () => {
	it('has no chip for an empty filter', () => {
		expect(filterChips(EMPTY_FILTER)).toEqual([]);
	});

	it('has one chip per active part, each clearing only its part', () => {
		const f: TradeFilter = {
			...EMPTY_FILTER,
			from: '2025-10-13',
			to: '2025-10-13',
			dateBy: 'close',
			accounts: ['das|TRPA61247'],
			portfolio: 'p1',
			symbols: ['BABA', 'NVDA'],
			side: 'short',
			outcome: 'loss',
			tags: ['gap'],
			strategy: 'ORB',
			mistake: ANY_MISTAKE
		};
		const chips = filterChips(f, (id) => (id === 'p1' ? 'Day trading' : null));
		expect(chips.map((c) => c.text)).toEqual([
			'Closed on 2025-10-13',
			'Portfolio: Day trading',
			'Account TRPA61247',
			'BABA, NVDA',
			'Short',
			'Losers',
			'Tag gap',
			'Strategy ORB',
			'With a mistake'
		]);
		// Taking every chip off, one by one, leaves the empty filter.
		const cleared = chips.reduce<TradeFilter>((acc, c) => ({ ...acc, ...c.clear }), f);
		expect(cleared).toEqual(EMPTY_FILTER);
		// Each chip alone clears only its own part.
		for (const chip of chips) expect(filterChips({ ...f, ...chip.clear })).toHaveLength(chips.length - 1);
	});

	it('names a deleted portfolio as unknown, and waits for the names before naming one', () => {
		const f = { ...EMPTY_FILTER, portfolio: 'gone' };
		expect(filterChips(f, () => null)).toEqual([
			{ key: 'portfolio', text: 'Portfolio: unknown portfolio', clear: { portfolio: '' } }
		]);
		expect(filterChips(f).map((c) => c.text)).toEqual(['Portfolio']);
	});

	it('reads a filter stored before portfolios existed (no such field) as without one', () => {
		const { portfolio: _, ...old } = { ...EMPTY_FILTER, side: 'long' as const };
		expect(filterChips(old as TradeFilter).map((c) => c.key)).toEqual(['side']);
	});
});

describe('the mistakes filter', () => {
	const row = (mistakes: string[]) =>
		({
			direction: 'long',
			open: false,
			netPnl: 1,
			accountId: 'a',
			symbol: 'X',
			strategy: '',
			tags: [],
			mistakes
		}) as never;
	it('keeps trades with a named mistake, with any, or with none', () => {
		const f = (mistake: string) => ({ ...EMPTY_FILTER, mistake });
		expect(matches(row(['chased']), f('chased'), 'UTC')).toBe(true);
		expect(matches(row(['early exit']), f('chased'), 'UTC')).toBe(false);
		expect(matches(row(['chased']), f(ANY_MISTAKE), 'UTC')).toBe(true);
		expect(matches(row([]), f(ANY_MISTAKE), 'UTC')).toBe(false);
		expect(matches(row([]), f(NO_MISTAKES), 'UTC')).toBe(true);
		expect(matches(row(['chased']), f(NO_MISTAKES), 'UTC')).toBe(false);
		expect(matches(row(['chased']), f(''), 'UTC')).toBe(true);
	});
});
