import { describe, expect, it } from 'vitest';
import { CRYPTO_SESSION, isCryptoSymbol, marketSession, US_EQUITY_SESSION } from './market-session';

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

	it('stocks, ETFs and forex keep the US equity session (09:30 New York)', () => {
		for (const s of ['AAPL', 'SPY', 'SYN', 'EURUSD', 'HYUNDAI', 'USD', 'BRK.B', 'AAPL-USD'])
			expect([s, isCryptoSymbol(s), marketSession(s)]).toEqual([s, false, US_EQUITY_SESSION]);
		expect(US_EQUITY_SESSION).toMatchObject({ zone: 'America/New_York', openMinute: 570 });
	});
});
