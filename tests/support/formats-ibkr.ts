/**
 * The executions both IBKR fixtures hold (tests/fixtures/formats/ibkr-activity/activity-statement.csv
 * and ibkr-flex/flex-trades.csv are the same account's same trades): the fields both formats read
 * alike. Each spec adds what only its format gives (execution and order ids, venue, multiplier)
 * and the line.
 */

/** The opening buy of 100 AAPL. */
export const AAPL_OPEN = {
	accountNumber: 'U1234567',
	symbol: 'AAPL',
	assetClass: 'stock',
	side: 'buy',
	positionEffect: 'open',
	quantity: 100,
	price: 243.12,
	time: Date.UTC(2026, 0, 5, 14, 30, 12),
	commission: 1,
	currency: 'USD',
	brokerPnl: 0
} as const;

/** The long AAPL put that expired: closed at 0 with the loss as realised P/L. */
export const AAPL_PUT_EXPIRY = {
	symbol: 'AAPL  260109P00230000',
	side: 'sell',
	positionEffect: 'close',
	price: 0,
	brokerPnl: -415.65
} as const;

/** The ES future sold. */
export const ESH6_SELL = { symbol: 'ESH6', assetClass: 'future', side: 'sell', price: 6012.25 } as const;

/** The EUR.USD forex buy, commission in USD, no position effect. */
export const EURUSD = {
	symbol: 'EUR.USD',
	assetClass: 'forex',
	quantity: 20000,
	commission: 2,
	positionEffect: null
} as const;

/** The EUR.GBP sale: its USD commission cannot be put in GBP, so there is none. */
export const EURGBP = { symbol: 'EUR.GBP', side: 'sell', currency: 'GBP', commission: null } as const;
