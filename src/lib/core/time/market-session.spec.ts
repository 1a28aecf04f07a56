import { describe, expect, it } from 'vitest';
import {
	CRYPTO_SESSION,
	isCryptoSymbol,
	isForexSymbol,
	marketSession,
	sessionTradeDay,
	US_EQUITY_SESSION
} from './market-session';

describe('market sessions', () => {
	it('crypto pairs, with or without a separator, a prefix or a perpetual suffix, trade 24/7 on UTC', () => {
		for (const s of [
			'BTC-USD',
			'BTCUSD',
			'ETH/USD',
			'SOL-USDT',
			'PEPEUSDT',
			'btc-usd',
			'BINANCE:BTCUSDT.P',
			'ETHBTC',
			'XBTUSD',
			'WIF-DAI'
		])
			expect([s, isCryptoSymbol(s), marketSession(s)]).toEqual([s, true, CRYPTO_SESSION]);
	});

	it('stocks and ETFs keep the US equity session (09:30 New York)', () => {
		for (const s of ['AAPL', 'SPY', 'SYN', 'HYUNDAI', 'USD', 'BRK.B', 'AAPL-USD', 'ES', 'CL'])
			expect([s, isCryptoSymbol(s), marketSession(s)]).toEqual([s, false, US_EQUITY_SESSION]);
		expect(US_EQUITY_SESSION).toMatchObject({ zone: 'America/New_York', openMinute: 570 });
	});

	it('futures contracts trade on CME Globex (grains on CBOT hours), a bare root when the class says future', () => {
		for (const s of ['ESZ5', '/ES', 'MNQ1!', 'CLF6', 'GCZ2025', 'ES DEC 25', '6EZ5'])
			expect([s, marketSession(s).id]).toEqual([s, 'cme-globex']);
		expect(marketSession('ZCZ5').id).toBe('cbot-grains');
		expect(marketSession('ES', { assetClass: 'future' }).id).toBe('cme-globex');
		expect(marketSession('GC', { assetClass: 'future' }).id).toBe('cme-globex');
		expect(marketSession('ZZ', { assetClass: 'future' }).id).toBe('cme-globex');
	});

	it('forex pairs trade on the FX session', () => {
		for (const s of ['EURUSD', 'EUR/USD', 'EUR.USD', 'usdjpy', 'IDEALPRO:GBPUSD'])
			expect([s, isForexSymbol(s), marketSession(s).id]).toEqual([s, true, 'fx']);
		expect(isForexSymbol('USDUSD')).toBe(false);
		expect(isForexSymbol('BTCUSD')).toBe(false);
		expect(marketSession('ABCDEF').id).toBe('us-equity');
	});

	it('gives a futures or forex trade its session’s trading day in the session’s zone, else nothing', () => {
		const sunday19 = Date.parse('2025-03-09T23:00:00Z');
		expect(sessionTradeDay(sunday19, 'America/New_York', 'ESZ5')).toBe('2025-03-10');
		expect(sessionTradeDay(sunday19, 'America/New_York', 'ES', { assetClass: 'future' })).toBe('2025-03-10');
		expect(sessionTradeDay(Date.parse('2025-03-10T21:30:00Z'), 'America/New_York', 'EURUSD')).toBe(
			'2025-03-11'
		);
		expect(sessionTradeDay(sunday19, 'Europe/Paris', 'ESZ5')).toBeNull();
		expect(sessionTradeDay(sunday19, 'America/New_York', 'AAPL')).toBeNull();
		expect(sessionTradeDay(sunday19, 'UTC', 'BTC-USD')).toBeNull();
	});
});
