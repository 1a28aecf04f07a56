/**
 * Every file format Fillbook reads, and format detection. Detection scores each format on the
 * file's first rows and name; the best score above 0.5 wins, and ties or near-ties are shown to
 * the user as alternatives.
 */
import { genericBars, tradingviewBars, yahooBars } from './bars';
import { das } from './das';
import { ibkrActivity } from './ibkr-activity';
import { ibkrFlex } from './ibkr-flex';
import { robinhood } from './robinhood';
import { tastytrade } from './tastytrade';
import { tastytradeLegacy } from './tastytrade-legacy';
import { thinkorswim } from './thinkorswim';
import { tradervueGeneric } from './tradervue-generic';
import { tradervueTrades } from './tradervue-trades';
import { tradezero } from './tradezero';
import { tradingviewOrders } from './tradingview-orders';
import { tradingviewTrades } from './tradingview-trades';
import { webull } from './webull';
import type { FormatDef } from './types';

export type { FormatDef } from './types';

/** All formats, most specific first (order breaks exact ties). */
export const FORMATS: readonly FormatDef[] = [
	das,
	tradervueTrades,
	ibkrFlex,
	ibkrActivity,
	tradingviewTrades,
	tradingviewOrders,
	webull,
	robinhood,
	tastytrade,
	tastytradeLegacy,
	thinkorswim,
	tradezero,
	tradervueGeneric,
	yahooBars,
	tradingviewBars,
	genericBars
];

/** The broker (or platform) whose accounts a format's rows name. */
export const BROKER_OF: Readonly<Record<string, string>> = {
	'das-trades': 'DAS Trader',
	'tradervue-trades': 'Tradervue',
	'tradervue-generic': 'Tradervue',
	tradezero: 'TradeZero',
	'ibkr-flex': 'Interactive Brokers',
	'ibkr-activity': 'Interactive Brokers',
	thinkorswim: 'thinkorswim',
	tastytrade: 'tastytrade',
	'tastytrade-legacy': 'tastytrade',
	'tradingview-trades': 'TradingView',
	'tradingview-orders': 'TradingView',
	webull: 'Webull',
	robinhood: 'Robinhood'
};

export function formatById(id: string): FormatDef | undefined {
	return FORMATS.find((f) => f.id === id);
}

export interface Detection {
	format: FormatDef;
	score: number;
}

/**
 * Ranks the formats for a file (best first), keeping those scoring above 0.5. `extra` are the
 * user's saved presets, tried first.
 * @example detectFormats([['Time','Symb','Side','Price','Qty','Route','']], 'Trades.csv')[0]?.format.id // 'das-trades'
 */
export function detectFormats(
	sample: string[][],
	fileName: string,
	extra: readonly FormatDef[] = []
): Detection[] {
	const scored: Detection[] = [];
	for (const format of [...extra, ...FORMATS]) {
		let score = 0;
		try {
			score = format.detect(sample, fileName);
		} catch {
			score = 0;
		}
		if (score > 0.5) scored.push({ format, score });
	}
	return scored.sort((a, b) => b.score - a.score);
}
