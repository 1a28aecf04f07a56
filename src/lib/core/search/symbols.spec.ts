import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactSymbol, mergeSymbolEntries, searchSymbols, type SymbolEntry } from './symbols';

const ENTRIES: SymbolEntry[] = [
	{ symbol: 'SPY', name: 'SPDR S&P 500 ETF Trust', kinds: ['bars'] },
	{ symbol: 'SPXL', kinds: ['executions'] },
	{ symbol: 'BRK.B', name: 'Berkshire Hathaway Class B', aliases: ['BRK-B'], kinds: ['executions', 'bars'] },
	{ symbol: 'BRKR', name: 'Bruker Corp', kinds: ['journal'] },
	{ symbol: 'RIVN', name: 'Rivian Automotive', kinds: ['executions', 'bars'] },
	{ symbol: 'LCID', name: 'Lucid Group', kinds: ['executions'] },
	{ symbol: 'GOOGL', name: 'Alphabet Class A', aliases: ['GOOG.A'], kinds: ['bars'] },
	{ symbol: 'ES=F', name: 'E-mini S&P 500 future', aliases: ['ES'], kinds: ['bars'] },
	{ symbol: 'AAPL', name: 'Apple Inc', kinds: ['executions'] }
];

/** The symbols listed for a query, with why, in order. */
const search = (query: string, recent: string[] = []) =>
	searchSymbols(ENTRIES, query, recent).map(
		(h) => `${h.entry.symbol} ${h.rank}${h.alias ? ` via ${h.alias}` : ''}`
	);

describe('searchSymbols', () => {
	it('lists the recent symbols first, most recent first, then the rest alphabetically when nothing is typed', () => {
		expect(search('', ['RIVN', 'NOPE', 'AAPL', 'RIVN'])).toEqual([
			'RIVN recent',
			'AAPL recent',
			'BRK.B all',
			'BRKR all',
			'ES=F all',
			'GOOGL all',
			'LCID all',
			'SPXL all',
			'SPY all'
		]);
		expect(search('   ')).toEqual(search(''));
	});

	it('puts the exact symbol first, then prefixes shortest first, whatever the case', () => {
		expect(search('spy')).toEqual(['SPY exact']);
		expect(search('sp')).toEqual(['SPY prefix', 'SPXL prefix']);
		// One letter: the prefixes, then whatever holds an S, closest first.
		expect(search('S')).toEqual(['SPY prefix', 'SPXL prefix', 'ES=F fuzzy', 'BRK.B fuzzy', 'GOOGL fuzzy']);
	});

	it('finds a class share however its separator is typed', () => {
		for (const q of ['BRK.B', 'brk.b', 'brk b', 'brkb', 'BRK/B', ' brk-b '])
			expect(search(q), q).toEqual(['BRK.B exact']);
		// A prefix: shorter first (BRKR and BRK.B are both four letters), then alphabetical.
		expect(search('brk')).toEqual(['BRK.B prefix', 'BRKR prefix']);
	});

	it('ranks an exact alias after the exact symbol and before the prefixes', () => {
		// "ES" is ES=F's alias, and the start of no symbol; the compact forms make ES=F exact first.
		expect(search('goog.a')).toEqual(['GOOGL alias via GOOG.A']);
		expect(search('GOOG')).toEqual(['GOOGL prefix']);
		expect(search('es')).toEqual(['ES=F alias via ES']);
		expect(search('es=f')).toEqual(['ES=F exact']);
	});

	it('puts recent symbols first within a rank', () => {
		expect(search('brk', ['BRKR'])).toEqual(['BRKR prefix', 'BRK.B prefix']);
		expect(search('sp', ['ES=F', 'SPXL'])).toEqual(['SPXL prefix', 'SPY prefix']);
	});

	it('finds symbols fuzzily and by name', () => {
		expect(search('rvn')).toEqual(['RIVN fuzzy']);
		expect(search('lcd')).toEqual(['LCID fuzzy']);
		expect(search('rivian')).toEqual(['RIVN fuzzy']);
		expect(search('berkshire')).toEqual(['BRK.B fuzzy']);
		expect(search('apple')).toEqual(['AAPL fuzzy']);
		expect(search('s&p 500')).toEqual(['ES=F fuzzy', 'SPY fuzzy']);
		expect(search('zzzz')).toEqual([]);
	});

	it('lists every entry at most once, and lists every entry the empty query lists', () => {
		const symbol = fc.stringMatching(/^[A-Z]{1,4}([./=-][A-Z])?$/);
		fc.assert(
			fc.property(
				fc.uniqueArray(symbol, { minLength: 0, maxLength: 12 }),
				fc.string({ maxLength: 6 }),
				fc.array(symbol, { maxLength: 5 }),
				(symbols, query, recent) => {
					const entries: SymbolEntry[] = symbols.map((s) => ({ symbol: s, kinds: ['bars'] }));
					const found = searchSymbols(entries, query, recent).map((h) => h.entry.symbol);
					expect(new Set(found).size).toBe(found.length);
					const all = searchSymbols(entries, '', recent).map((h) => h.entry.symbol);
					expect([...all].sort()).toEqual([...symbols].sort());
					// Every symbol is found by its own name, first.
					for (const s of symbols)
						expect(searchSymbols(entries, s.toLowerCase(), recent)[0]?.entry.symbol).toBe(s);
				}
			)
		);
	});
});

describe('compactSymbol', () => {
	it('keeps letters and digits only, in upper case', () => {
		expect(compactSymbol('brk.b')).toBe('BRKB');
		expect(compactSymbol(' ES=F ')).toBe('ESF');
		expect(compactSymbol('^vix')).toBe('VIX');
		expect(compactSymbol('6E')).toBe('6E');
	});
});

describe('mergeSymbolEntries', () => {
	it('merges the sources of one symbol and sorts by symbol', () => {
		expect(
			mergeSymbolEntries([
				{ symbol: 'RIVN', kinds: ['journal'] },
				{ symbol: 'AAPL', kinds: ['executions'] },
				{ symbol: 'RIVN', kinds: ['bars', 'executions'], aliases: ['RIVN', 'RIVN.O'] },
				{ symbol: 'RIVN', kinds: ['bars'], name: 'Rivian Automotive', aliases: ['RIVN.O'] }
			])
		).toEqual([
			{ symbol: 'AAPL', kinds: ['executions'] },
			{
				symbol: 'RIVN',
				kinds: ['executions', 'bars', 'journal'],
				name: 'Rivian Automotive',
				aliases: ['RIVN.O']
			}
		]);
	});
});
