import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { storedFilter } from './filter.svelte';

describe('storedFilter', () => {
	it('reads a filter saved before portfolios existed as one without a portfolio', () => {
		const old = JSON.stringify({
			...EMPTY_FILTER,
			portfolio: undefined,
			side: 'long',
			accounts: ['das|TR1']
		});
		expect(storedFilter(old)).toEqual({ ...EMPTY_FILTER, side: 'long', accounts: ['das|TR1'] });
		expect(storedFilter(old).portfolio).toBe('');
	});

	it('keeps a saved portfolio, and reads one that is not text as none', () => {
		expect(storedFilter(JSON.stringify({ ...EMPTY_FILTER, portfolio: 'p1' })).portfolio).toBe('p1');
		expect(storedFilter('{"portfolio":null}')).toEqual(EMPTY_FILTER);
	});

	it('reads nothing, broken text or a non-object as the empty filter', () => {
		for (const text of [null, '', '{', '[1]', '3', 'null']) expect(storedFilter(text)).toEqual(EMPTY_FILTER);
	});
});
