/**
 * What the engine specs share: the sample DAS day (2025-10-13, New York), the request that imports
 * it and a query for every trade. Test code only.
 */
import type { ImportRequest } from './contract';
import { readFileSync } from 'node:fs';
import { EMPTY_FILTER, type TradeQuery } from '$lib/core/trades/query';

export const day = '2025-10-13';
export const zone = 'America/New_York';
export const dasText = readFileSync(`tests/fixtures/samples/das/Trades_${day}.csv`, 'utf8');
/** The sample day as a dropped file. */
export const file = () => new File([dasText], `Trades_${day}.csv`);
/** Imports the sample day: its date as the trade date, a new account in dollars. */
export const DAS: ImportRequest = {
	formatId: 'das-trades',
	zone,
	tradeDate: day,
	symbol: null,
	accountId: null,
	newAccountCurrency: 'USD'
};
/** Every trade, oldest first, in New York time. */
export const QUERY: TradeQuery = {
	filter: EMPTY_FILTER,
	sort: { key: 'openTime', dir: 'asc' },
	offset: 0,
	limit: 1000,
	zone
};
