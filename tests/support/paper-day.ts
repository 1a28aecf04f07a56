/** The RIVN minute bars of 2025-10-13 and a paper session over that day, as the engine specs use them. */
import { readFileSync } from 'node:fs';
import type { ImportRequest, PaperDesk } from '../../workers/contract';
import type { Bar } from '../../src/lib/core/broker';
import { allRulesOff } from '../../src/lib/core/risk';

export const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');

/** The fixture's rows as bars: `2025-10-13 14:45:00-04:00,13.30,13.31,13.27,13.28,13.28,50000`. */
export function rivnBars(): Bar[] {
	return barsText
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => {
			const [time, open, high, low, close, , volume] = line.split(',');
			return {
				symbol: 'RIVN',
				time: Date.parse(time!.replace(' ', 'T')),
				open: Number(open),
				high: Number(high),
				low: Number(low),
				close: Number(close),
				volume: Number(volume)
			};
		});
}

/** A desk's revealed bars (of its primary symbol) as the broker's bars. */
export function deskBars(desk: Pick<PaperDesk, 'bars' | 'session'>): Bar[] {
	const b = desk.bars;
	return Array.from(b.time, (time, i) => ({
		symbol: desk.session.symbol,
		time,
		open: b.open[i]!,
		high: b.high[i]!,
		low: b.low[i]!,
		close: b.close[i]!,
		volume: Number.isNaN(b.volume[i]!) ? null : b.volume[i]!
	}));
}

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
