/**
 * The trades list: one row per trade with the journal's fields joined in, filtered by the global
 * filter, sorted by any column, read a page at a time. Pure; the engine keeps the rows.
 */
import { riskAmount, type Annotation, type DefaultRisk } from '../model/annotation';
import { ExactSum, roundCents } from './decimal';
import type { Trade } from './group';

/** A trade as the list and the detail page show it. */
export interface TradeRow {
	id: string;
	accountId: string;
	symbol: string;
	direction: 'long' | 'short';
	open: boolean;
	openTime: number;
	closeTime: number | null;
	/** Milliseconds from open to close (or to now for open trades: null). */
	durationMs: number | null;
	quantity: number;
	entryPrice: number;
	exitPrice: number | null;
	multiplier: number;
	grossPnl: number;
	computedPnl: number;
	brokerPnl: number | null;
	pnlMismatch: boolean;
	commission: number;
	fees: number;
	netPnl: number;
	returnPct: number;
	executionCount: number;
	tags: string[];
	strategy: string;
	mistakes: string[];
	hasNotes: boolean;
	/** Initial risk in money (own or by the default rule); null when unknown. */
	risk: number | null;
	/** Net P&L in R; null without a risk. */
	rMultiple: number | null;
}

/** What a matched journal trade (Tradervue) adds to its round trip's row. */
export interface JournalFields {
	/** The journal's initial risk in money, as imported. */
	initialRisk: number | null;
	tags: readonly string[];
	/** The journal trade's strategy ('' when none; see journalStrategy). */
	strategy: string;
}

/**
 * A journal trade's strategy: Tradervue exports have no strategy column, traders tag it; with
 * the setting on (the default), the first tag is the strategy.
 * @example journalStrategy(['orb', 'a+'], true) // 'orb'
 */
export function journalStrategy(tags: readonly string[], firstTagIsStrategy: boolean): string {
	return firstTagIsStrategy ? (tags[0]?.trim() ?? '') : '';
}

/**
 * The row of a trade. The trade's own journal fields come first; a matched journal trade adds
 * its tags and, where the trade has no risk of its own, its initial risk (before the default rule).
 */
export function toRow(
	trade: Trade,
	annotation: Annotation | undefined,
	defaultRisk: DefaultRisk,
	journal?: JournalFields
): TradeRow {
	const journalRisk = journal?.initialRisk;
	const own =
		annotation?.risk ??
		(journalRisk && journalRisk > 0 ? { kind: 'money' as const, amount: journalRisk } : null);
	const risk = riskAmount(own, trade, defaultRisk);
	return {
		id: trade.id,
		accountId: trade.accountId,
		symbol: trade.symbol,
		direction: trade.direction,
		open: trade.open,
		openTime: trade.openTime,
		closeTime: trade.closeTime,
		durationMs: trade.closeTime === null ? null : trade.closeTime - trade.openTime,
		quantity: trade.quantity,
		entryPrice: trade.entryPrice,
		exitPrice: trade.exitPrice,
		multiplier: trade.multiplier,
		grossPnl: trade.grossPnl,
		computedPnl: trade.computedPnl,
		brokerPnl: trade.brokerPnl,
		pnlMismatch: trade.pnlMismatch,
		commission: trade.commission,
		fees: trade.fees,
		netPnl: trade.netPnl,
		returnPct: trade.returnPct,
		executionCount: trade.executionCount,
		tags: journal ? [...new Set([...(annotation?.tags ?? []), ...journal.tags])] : (annotation?.tags ?? []),
		// The trade's own strategy first, else its matched journal trade's.
		strategy: annotation?.strategy || journal?.strategy || '',
		mistakes: annotation?.mistakes ?? [],
		hasNotes: (annotation?.notes ?? '').trim() !== '',
		risk,
		rMultiple: risk === null || trade.open ? null : trade.netPnl / risk
	};
}

/** The filter every page shares. Empty fields filter nothing. */
export interface TradeFilter {
	/** `YYYY-MM-DD`, inclusive, on the `dateBy` date in `zone`. */
	from: string;
	to: string;
	/**
	 * Which day of a trade `from` and `to` apply to: the day it opened, or the day it closed (the
	 * day its P&L was realised, as the dashboard's calendar counts it). With `'close'` and a date
	 * set, open trades have no such day and are left out.
	 */
	dateBy: 'open' | 'close';
	accounts: string[];
	/** Symbols, any of (exact, upper case). */
	symbols: string[];
	side: 'all' | 'long' | 'short';
	outcome: 'all' | 'win' | 'loss' | 'open';
	tags: string[];
	strategy: string;
}

export const EMPTY_FILTER: TradeFilter = {
	from: '',
	to: '',
	dateBy: 'open',
	accounts: [],
	symbols: [],
	side: 'all',
	outcome: 'all',
	tags: [],
	strategy: ''
};

export type SortKey =
	| 'openTime'
	| 'closeTime'
	| 'symbol'
	| 'direction'
	| 'quantity'
	| 'entryPrice'
	| 'exitPrice'
	| 'netPnl'
	| 'grossPnl'
	| 'returnPct'
	| 'rMultiple'
	| 'durationMs'
	| 'executionCount'
	| 'accountId';

export interface TradeQuery {
	filter: TradeFilter;
	sort: { key: SortKey; dir: 'asc' | 'desc' };
	offset: number;
	limit: number;
	/** Zone of the from/to dates (the user's display zone). */
	zone: string;
}

export interface TradePage {
	total: number;
	rows: TradeRow[];
	/** Over all filtered trades, not just the page. */
	summary: { trades: number; netPnl: number; wins: number; losses: number; open: number };
}

/** Day key `YYYY-MM-DD` of an instant in a zone, with a formatter cached per zone. */
const dayFormatters = new Map<string, Intl.DateTimeFormat>();
export function dayKey(instant: number, zone: string): string {
	let f = dayFormatters.get(zone);
	if (!f) {
		f = new Intl.DateTimeFormat('en-CA', {
			timeZone: zone,
			year: 'numeric',
			month: '2-digit',
			day: '2-digit'
		});
		dayFormatters.set(zone, f);
	}
	return f.format(instant);
}

/**
 * The filter's dates in words, for a chip that says what a list is limited to; null without dates.
 * @example describeDates({ ...EMPTY_FILTER, from: '2026-03-04', to: '2026-03-04', dateBy: 'close' })
 * // 'Closed on 2026-03-04'
 */
export function describeDates(filter: Pick<TradeFilter, 'from' | 'to' | 'dateBy'>): string | null {
	const { from, to } = filter;
	if (from === '' && to === '') return null;
	const verb = filter.dateBy === 'close' ? 'Closed' : 'Opened';
	if (from === to) return `${verb} on ${from}`;
	if (from === '') return `${verb} up to ${to}`;
	if (to === '') return `${verb} from ${from}`;
	return `${verb} ${from} to ${to}`;
}

/** Whether a row passes the filter. */
export function matches(row: TradeRow, filter: TradeFilter, zone: string): boolean {
	if (filter.side !== 'all' && row.direction !== filter.side) return false;
	if (filter.outcome === 'open' && !row.open) return false;
	if (filter.outcome === 'win' && (row.open || row.netPnl <= 0)) return false;
	if (filter.outcome === 'loss' && (row.open || row.netPnl >= 0)) return false;
	if (filter.accounts.length > 0 && !filter.accounts.includes(row.accountId)) return false;
	if (filter.symbols.length > 0 && !filter.symbols.includes(row.symbol)) return false;
	if (filter.strategy !== '' && row.strategy !== filter.strategy) return false;
	if (filter.tags.length > 0 && !filter.tags.some((t) => row.tags.includes(t))) return false;
	if (filter.from !== '' || filter.to !== '') {
		const time = filter.dateBy === 'close' ? (row.open ? null : row.closeTime) : row.openTime;
		if (time === null) return false;
		const day = dayKey(time, zone);
		if (filter.from !== '' && day < filter.from) return false;
		if (filter.to !== '' && day > filter.to) return false;
	}
	return true;
}

function compare(a: TradeRow, b: TradeRow, key: SortKey): number {
	const x = a[key];
	const y = b[key];
	// Empty values (an open trade's exit) go last whatever the direction.
	if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
	if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
	return (x as number) - (y as number);
}

/** Filters, sorts (stable, ties by open time then id) and pages the rows. */
export function queryTrades(rows: readonly TradeRow[], query: TradeQuery): TradePage {
	const filtered = rows.filter((r) => matches(r, query.filter, query.zone));
	const sign = query.sort.dir === 'asc' ? 1 : -1;
	filtered.sort((a, b) => {
		const primary = compare(a, b, query.sort.key);
		if (primary !== 0)
			return a[query.sort.key] === null || b[query.sort.key] === null ? primary : primary * sign;
		return a.openTime - b.openTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	});
	let netCents = 0;
	let wins = 0;
	let losses = 0;
	let open = 0;
	for (const r of filtered) {
		netCents += Math.round(r.netPnl * 100);
		if (r.open) open++;
		else if (r.netPnl > 0) wins++;
		else if (r.netPnl < 0) losses++;
	}
	return {
		total: filtered.length,
		rows: filtered.slice(query.offset, query.offset + query.limit),
		summary: { trades: filtered.length, netPnl: netCents / 100, wins, losses, open }
	};
}

/** What the Trades CSV names that a trade row holds only by id. */
export interface CsvNames {
	/** The account's name as the user knows it, for an account id. */
	account(accountId: string): string;
	/** The trade's notes ('' when none). */
	notes(tradeId: string): string;
}

/**
 * The filtered, sorted trades as CSV (formula-injection safe), every trade, not one page, for a
 * spreadsheet: money to the cent; prices to their own decimals (as many as they need, at most 4
 * from 1 up and 6 below, as quotes go); quantities as given; the account by name; the notes.
 */
export function tradesCsv(
	rows: readonly TradeRow[],
	query: Omit<TradeQuery, 'offset' | 'limit'>,
	toCsv: (header: string[], rows: (string | number | null)[][]) => string,
	names: CsvNames
): string {
	const page = queryTrades(rows, { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER });
	return toCsv(
		[
			'Trade id',
			'Account',
			'Symbol',
			'Side',
			'Open (UTC)',
			'Close (UTC)',
			'Quantity',
			'Entry',
			'Exit',
			'Gross P&L',
			'Commission',
			'Fees',
			'Net P&L',
			'Return %',
			'Risk',
			'R',
			'Strategy',
			'Tags',
			'Mistakes',
			'Notes',
			'Executions'
		],
		page.rows.map((r) => [
			r.id,
			names.account(r.accountId),
			r.symbol,
			r.direction,
			new Date(r.openTime).toISOString(),
			r.closeTime === null ? null : new Date(r.closeTime).toISOString(),
			asGiven(r.quantity),
			csvPrice(r.entryPrice),
			r.exitPrice === null ? null : csvPrice(r.exitPrice),
			roundCents(r.grossPnl),
			roundCents(r.commission),
			roundCents(r.fees),
			roundCents(r.netPnl),
			Math.round(r.returnPct * 10000) / 10000,
			r.risk === null ? null : roundCents(r.risk),
			r.rMultiple === null ? null : Math.round(r.rMultiple * 10000) / 10000,
			r.strategy,
			r.tags.join(', '),
			r.mistakes.join(', '),
			names.notes(r.id),
			r.executionCount
		])
	);
}

/**
 * A price to its own decimals: as many as it needs, at most 4 from 1 up and 6 below (sub-penny
 * quotes), so an average of fills does not run to 15 digits.
 * @example csvPrice(50.99) // 50.99
 * @example csvPrice(51.00333333333) // 51.0033
 * @example csvPrice(0.427833333) // 0.427833
 */
export function csvPrice(price: number): number {
	const exact = new ExactSum();
	exact.add(1, price);
	return exact.round(Math.abs(price) >= 1 ? 4 : 6);
}

/** A quantity as the file gave it, without binary float noise (0.1 + 0.2 → 0.3). */
function asGiven(quantity: number): number {
	return Number(quantity.toPrecision(12));
}
