/** The RIVN minute bars of 2025-10-13 and a paper session over that day, as the engine specs use them. */
import { readFileSync } from 'node:fs';
import type { ImportRequest } from '../../workers/contract';
import { allRulesOff } from '../../src/lib/core/risk';

export const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');

/** How the bars file is imported, as `symbol`'s bars. */
export const barsRequest = (symbol: string): ImportRequest => ({
	formatId: 'yahoo-bars',
	zone: 'America/New_York',
	tradeDate: null,
	symbol,
	accountId: null,
	newAccountCurrency: 'USD'
});

/** 2025-10-13 hh:mm New York (EDT, UTC−4) in epoch ms. */
export const ny = (hh: number, mm: number): number => Date.UTC(2025, 9, 13, hh + 4, mm);

/** A session over the whole day with $10,000 and every risk rule off. */
export const DAY = {
	symbol: 'RIVN',
	from: ny(0, 0),
	to: ny(23, 59),
	broker: { startingCash: 10_000 },
	risk: allRulesOff()
};
