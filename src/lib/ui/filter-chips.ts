/**
 * Every active part of the trade filter as a chip: what it limits the trades to, in words, and
 * the patch that takes it off (the chip's ×).
 */
import {
	ANY_MISTAKE,
	describeDates,
	EMPTY_FILTER,
	NO_MISTAKES,
	type TradeFilter
} from '$lib/core/trades/query';

export interface FilterChip {
	/** Stable key, also the chip's test id suffix: `filter-chip-<key>`. */
	key: 'dates' | 'portfolio' | 'accounts' | 'symbols' | 'side' | 'outcome' | 'tags' | 'strategy' | 'mistake';
	text: string;
	/** What clears it. */
	clear: Partial<TradeFilter>;
}

const OUTCOMES: Record<TradeFilter['outcome'], string> = {
	all: '',
	win: 'Winners',
	loss: 'Losers',
	open: 'Open trades'
};

/** An account id is `broker|number`: the number is what a trader recognises. */
export const accountName = (id: string): string => id.split('|')[1] ?? id;

/**
 * A portfolio's name for its id: null when the mode has no such portfolio, undefined while the
 * portfolios are not read yet.
 */
export type PortfolioName = (id: string) => string | null | undefined;

/**
 * The chips of a filter, in the filter bar's order; none for an empty filter. `portfolioName`
 * names the filter's portfolio ("Portfolio: Day trading"; "Portfolio: unknown portfolio" when it
 * was deleted).
 * @example filterChips({ ...EMPTY_FILTER, side: 'long' }) // [{ key: 'side', text: 'Long', … }]
 * @example filterChips({ ...EMPTY_FILTER, portfolio: 'p1' }, () => 'Day trading')
 * // [{ key: 'portfolio', text: 'Portfolio: Day trading', clear: { portfolio: '' } }]
 */
export function filterChips(f: TradeFilter, portfolioName: PortfolioName = () => undefined): FilterChip[] {
	const chips: FilterChip[] = [];
	const dates = describeDates(f);
	if (dates) chips.push({ key: 'dates', text: dates, clear: { from: '', to: '', dateBy: 'open' } });
	// A filter stored before portfolios existed has no such field.
	if (f.portfolio) {
		const name = portfolioName(f.portfolio);
		chips.push({
			key: 'portfolio',
			text: name === undefined ? 'Portfolio' : `Portfolio: ${name ?? 'unknown portfolio'}`,
			clear: { portfolio: '' }
		});
	}
	if (f.accounts.length > 0)
		chips.push({
			key: 'accounts',
			text: `Account ${f.accounts.map(accountName).join(', ')}`,
			clear: { accounts: [] }
		});
	if (f.symbols.length > 0)
		chips.push({ key: 'symbols', text: f.symbols.join(', '), clear: { symbols: [] } });
	if (f.side !== 'all')
		chips.push({ key: 'side', text: f.side === 'long' ? 'Long' : 'Short', clear: { side: 'all' } });
	if (f.outcome !== 'all')
		chips.push({ key: 'outcome', text: OUTCOMES[f.outcome], clear: { outcome: 'all' } });
	if (f.tags.length > 0) chips.push({ key: 'tags', text: `Tag ${f.tags.join(', ')}`, clear: { tags: [] } });
	if (f.strategy !== '')
		chips.push({ key: 'strategy', text: `Strategy ${f.strategy}`, clear: { strategy: '' } });
	if (f.mistake !== '')
		chips.push({ key: 'mistake', text: mistakeText(f.mistake), clear: { mistake: EMPTY_FILTER.mistake } });
	return chips;
}

export function mistakeText(mistake: string): string {
	if (mistake === ANY_MISTAKE) return 'With a mistake';
	if (mistake === NO_MISTAKES) return 'Without mistakes';
	return `Mistake ${mistake}`;
}
