import { describe, expect, it } from 'vitest';
import { canonicalSymbol, futuresRoot, parseFuturesSymbol, resolveSymbol } from './aliases';

describe('canonicalSymbol', () => {
	it.each([
		['BRK.B', 'BRK.B'],
		['BRK B', 'BRK.B'],
		['BRK/B', 'BRK.B'],
		['BRK-B', 'BRK.B'],
		[' brk b ', 'BRK.B'],
		['NASDAQ:AAPL', 'AAPL'],
		['AAPL', 'AAPL'],
		['FB', 'META'],
		['ANTM', 'ELV'],
		['ES1!', 'ES'],
		['/ES', 'ES'],
		['ESZ5', 'ES'],
		['CME_MINI:ESZ2025', 'ES'],
		['ES DEC 25', 'ES'],
		['6E1!', '6E'],
		['ES', 'ES'],
		['XBTUSD', 'BTC-USD'],
		['btc/usd', 'BTC-USD'],
		['BINANCE:ETHUSDT.P', 'ETH-USDT'],
		['ETHBTC', 'ETH-BTC'],
		['AAPL  250321C00150000', 'AAPL250321C00150000'],
		['.AAPL250321C150', 'AAPL250321C00150000'],
		['EURUSD', 'EURUSD']
	])('%s -> %s', (raw, canonical) => {
		expect(canonicalSymbol(raw)).toBe(canonical);
	});

	it('renames only executions before the rename (the old ticker may be reused after)', () => {
		expect(canonicalSymbol('FB', { at: '2022-06-08' })).toBe('META');
		expect(canonicalSymbol('FB', { at: '2022-06-09' })).toBe('FB');
		expect(canonicalSymbol('SQ', { at: '2024-12-31' })).toBe('XYZ');
		expect(resolveSymbol('FB').renamedFrom).toBe('FB');
		expect(resolveSymbol('META').renamedFrom).toBeNull();
	});
});

describe('resolveSymbol', () => {
	it('keeps the exchange a prefix named', () => {
		expect(resolveSymbol('NASDAQ:AAPL')).toEqual({
			symbol: 'AAPL',
			kind: 'plain',
			exchange: 'NASDAQ',
			future: null,
			option: null,
			renamedFrom: null
		});
		expect(resolveSymbol('BINANCE:BTCUSDT')).toMatchObject({
			symbol: 'BTC-USDT',
			kind: 'crypto',
			exchange: 'BINANCE'
		});
	});

	it('keeps a futures contract month beside the root', () => {
		expect(resolveSymbol('ESZ5')).toMatchObject({
			symbol: 'ES',
			kind: 'future',
			future: { root: 'ES', month: 12, year: null, yearDigit: 5, continuous: null }
		});
		expect(resolveSymbol('/MESU4').future).toEqual({
			root: 'MES',
			month: 9,
			year: null,
			yearDigit: 4,
			continuous: null
		});
		expect(resolveSymbol('NQH26').future).toEqual({
			root: 'NQ',
			month: 3,
			year: 2026,
			yearDigit: null,
			continuous: null
		});
		expect(resolveSymbol('ES DEC 25').future).toEqual({
			root: 'ES',
			month: 12,
			year: 2025,
			yearDigit: null,
			continuous: null
		});
		expect(resolveSymbol('MNQ1!').future).toEqual({
			root: 'MNQ',
			month: null,
			year: null,
			yearDigit: null,
			continuous: 1
		});
		expect(resolveSymbol('/ES').future).toEqual({
			root: 'ES',
			month: null,
			year: null,
			yearDigit: null,
			continuous: null
		});
	});

	it('gives an option its terms', () => {
		expect(resolveSymbol('SPXW  250321P05000000')).toMatchObject({
			symbol: 'SPXW250321P05000000',
			kind: 'option',
			option: { underlying: 'SPX', root: 'SPXW', expiry: '2025-03-21', strike: 5000, right: 'put' }
		});
	});
});

describe('parseFuturesSymbol', () => {
	it('reads only symbols that can only be futures', () => {
		expect(parseFuturesSymbol('ES')).toBeNull();
		expect(parseFuturesSymbol('AAPL')).toBeNull();
		expect(parseFuturesSymbol('BRK B')).toBeNull();
		expect(parseFuturesSymbol('ES FOO 25')).toBeNull();
		expect(parseFuturesSymbol('ZNZ5')?.root).toBe('ZN');
		expect(parseFuturesSymbol('MNQH6')?.root).toBe('MNQ');
		expect(parseFuturesSymbol('ESZ2025')?.year).toBe(2025);
	});

	it('agrees with futuresRoot on every futures spelling', () => {
		for (const s of ['ESZ5', '/MESU4', 'ES DEC 25', 'MNQ1!', 'ES2!', '6E1!', 'ESZ2025', 'LE1!', '/ES'])
			expect([s, parseFuturesSymbol(s)?.root]).toEqual([s, futuresRoot(s)]);
	});
});
