/**
 * The trades list: one row per trade with the journal's fields joined in, filtered by the global
 * filter, sorted by any column, read a page at a time. Pure; the engine keeps the rows.
 */
import { formatInstant } from '../time/zone';
import { riskAmount, type Annotation, type DefaultRisk } from '../model/annotation';
import { ExactSum, roundCentsExact } from './decimal';
import type { Trade, TradeProblem } from './types';
import { CurrencyTotals } from '../money/fx';
import type { MoneyByCurrency } from '../money/trades';
import { futuresRoot } from './instruments';
import { sessionTradeDay } from '../time/market-session';

/** The figures of a Trade a row carries as they are (see Trade for their units and meaning). */
type TradeFigures = Pick<
	Trade,
	| 'id'
	| 'accountId'
	| 'symbol'
	| 'direction'
	| 'open'
	| 'openTime'
	| 'closeTime'
	| 'quantity'
	| 'entryPrice'
	| 'exitPrice'
	| 'multiplier'
	| 'grossPnl'
	| 'computedPnl'
	| 'brokerPnl'
	| 'pnlMismatch'
	| 'commission'
	| 'fees'
	| 'netPnl'
	| 'returnPct'
	| 'executionCount'
>;

/** A trade as the list and the detail page show it: its figures, and what the journal adds. */
export interface TradeRow extends TradeFigures {
	/**
	 * ISO code of the currency its money figures are in (its account's); null when the trade's
	 * account is not known. Figures in two currencies are never summed (core/money).
	 */
	currency: string | null;
	/** Milliseconds from open to close (or to now for open trades: null). */
	durationMs: number | null;
	tags: string[];
	strategy: string;
	mistakes: string[];
	hasNotes: boolean;
	/** Initial risk in money (own or by the default rule); null when unknown. */
	risk: number | null;
	/** Net P&L in R; null without a risk. */
	rMultiple: number | null;
	/**
	 * Why the trade's figures cannot be computed, in words ("cannot compute P&L: price missing on
	 * execution line 12 of trades.csv"); null when they can. Such a trade counts in no sum.
	 */
	problem: string | null;
}

/** Where an execution came from, for naming it in a message: its file's line and name. */
export type ExecutionSource = (execution: number) => { line: number; file: string | null } | null;

/**
 * Why a trade cannot be computed, in words, naming the execution at fault (for a trade without a
 * multiplier, its first) by its file and line where `source` knows them.
 * @example problemText({ kind: 'price', execution: 3 }, trade, table, () => ({ line: 12, file: 'a.csv' }))
 * // 'cannot compute P&L: price missing on execution line 12 of a.csv'
 */
export function problemText(
	problem: TradeProblem,
	trade: Pick<Trade, 'symbol' | 'multiplier' | 'legs'>,
	table: { price: ArrayLike<number>; quantity: ArrayLike<number> },
	source: ExecutionSource = () => null
): string {
	const named = (execution: number | null | undefined) => {
		const from = execution === null || execution === undefined ? null : source(execution);
		return from === null
			? null
			: `execution line ${from.line}${from.file === null ? '' : ` of ${from.file}`}`;
	};
	const on = (execution: number | null) => {
		const name = named(execution);
		return name === null ? '' : ` on ${name}`;
	};
	const missingOr = (x: number | undefined, what: string) =>
		x === undefined || Number.isNaN(x) ? `${what} missing` : `${what} out of range (${x})`;
	let reason: string;
	switch (problem.kind) {
		case 'multiplier': {
			const first = named(trade.legs[0]?.execution);
			const of = `${trade.symbol}${first === null ? '' : `, ${first}`}`;
			reason = Number.isNaN(trade.multiplier)
				? `no point value for the futures root ${futuresRoot(trade.symbol)} (${of}); set it in Settings`
				: `the multiplier ${trade.multiplier} of ${of} is not usable`;
			break;
		}
		case 'price':
			reason = missingOr(table.price[problem.execution], 'price') + on(problem.execution);
			break;
		case 'quantity':
			reason = missingOr(table.quantity[problem.execution], 'quantity') + on(problem.execution);
			break;
		case 'time':
			reason = `time missing${on(problem.execution)}`;
			break;
		case 'commission':
		case 'fees':
			reason = `${problem.kind} out of range${on(problem.execution)}`;
			break;
		case 'range':
			reason = `the amounts are too large to compute${on(problem.execution)}`;
	}
	return `cannot compute P&L: ${reason}`;
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
 * `costs`, where commission schedules priced the trade (costs/schedule.ts), replace its
 * commissions and fees, and so its net P&L and R. `sourceStrategy` is the strategy its executions
 * came from (a backtest run's): the strategy when neither the trade nor its journal names one.
 */
export function toRow(
	trade: Trade,
	annotation: Annotation | undefined,
	defaultRisk: DefaultRisk,
	journal?: JournalFields,
	problem: string | null = null,
	costs?: { commission: number; fees: number },
	sourceStrategy = '',
	currency: string | null = null
): TradeRow {
	const journalRisk = journal?.initialRisk;
	const own =
		annotation?.risk ??
		(journalRisk && journalRisk > 0 ? { kind: 'money' as const, amount: journalRisk } : null);
	const broken = trade.problem !== null;
	const risk = broken ? null : riskAmount(own, trade, defaultRisk);
	// A trade that cannot be computed keeps its own (unusable) figures: no schedule prices it.
	const priced = broken ? undefined : costs;
	const commission = priced?.commission ?? trade.commission;
	const fees = priced?.fees ?? trade.fees;
	// Whole cents each (the trade's and the schedules' costs are rounded once), so this is exact.
	const netPnl = priced
		? (Math.round(trade.grossPnl * 100) - Math.round(commission * 100) - Math.round(fees * 100)) / 100
		: trade.netPnl;
	return {
		id: trade.id,
		accountId: trade.accountId,
		currency,
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
		commission,
		fees,
		netPnl,
		returnPct: trade.returnPct,
		executionCount: trade.executionCount,
		tags: journal ? [...new Set([...(annotation?.tags ?? []), ...journal.tags])] : (annotation?.tags ?? []),
		// The trade's own strategy first, else its matched journal trade's, else its source's.
		strategy: annotation?.strategy || journal?.strategy || sourceStrategy,
		mistakes: annotation?.mistakes ?? [],
		hasNotes: (annotation?.notes ?? '').trim() !== '',
		risk,
		rMultiple: risk === null || trade.open ? null : netPnl / risk,
		problem: broken ? (problem ?? 'cannot compute P&L') : null
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
	/** Account ids, any of ([NO_ACCOUNT] for none: what an empty or unknown portfolio resolves to). */
	accounts: string[];
	/**
	 * A portfolio's id ('' any): the trades of its accounts as they are when the filter is applied.
	 * The engine resolves it into `accounts` (core/model/portfolio.ts resolvePortfolio) before it
	 * filters; `passes` lets nothing through a filter whose portfolio was not resolved.
	 */
	portfolio: string;
	/** Symbols, any of (exact, upper case). */
	symbols: string[];
	side: 'all' | 'long' | 'short';
	outcome: 'all' | 'win' | 'loss' | 'open';
	tags: string[];
	strategy: string;
	/**
	 * Mistakes the journal names on the trade: '' any trade, a mistake's name trades with it,
	 * ANY_MISTAKE trades with at least one, NO_MISTAKES trades with none.
	 */
	mistake: string;
}

/** `TradeFilter.mistake` for trades with at least one mistake (brackets: a name is never one). */
export const ANY_MISTAKE = '[any]';
/** `TradeFilter.mistake` for trades without a mistake. */
export const NO_MISTAKES = '[none]';

/**
 * `TradeFilter.accounts` that no account has (an account id always holds a `|`): the accounts of a
 * portfolio that has none, or that is unknown.
 */
export const NO_ACCOUNT = '[no account]';

export const EMPTY_FILTER: TradeFilter = {
	from: '',
	to: '',
	dateBy: 'open',
	accounts: [],
	portfolio: '',
	symbols: [],
	side: 'all',
	outcome: 'all',
	tags: [],
	strategy: '',
	mistake: ''
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
	/**
	 * Over all filtered trades, not just the page. `unusable`: trades whose figures cannot be
	 * computed (counted in `trades`, in no other figure). `netPnl` is null when the trades span
	 * more than one currency: then only `netByCurrency` (and `converted`, in the base currency)
	 * say what they made.
	 */
	summary: {
		trades: number;
		netPnl: number | null;
		wins: number;
		losses: number;
		open: number;
		unusable: number;
	} & MoneyByCurrency;
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

function mistakeMatches(mistakes: readonly string[], wanted: string): boolean {
	if (wanted === ANY_MISTAKE) return mistakes.length > 0;
	if (wanted === NO_MISTAKES) return mistakes.length === 0;
	return mistakes.includes(wanted);
}

/** Whether a row passes the filter. */
export function matches(row: TradeRow, filter: TradeFilter, zone: string): boolean {
	return passes(row, filter, zone);
}

/**
 * What a filter can judge of something trade-like: a trade row, or a journal trade with the round
 * trip it was matched to (the Matching page). A part of the filter whose field the subject lacks
 * (undefined) lets it through: a journal trade has no account, a round trip no tags.
 */
export interface FilterSubject {
	direction: 'long' | 'short';
	/** Open: no close, no outcome. */
	open: boolean;
	netPnl?: number | null;
	accountId?: string;
	symbol: string;
	strategy?: string;
	tags?: readonly string[];
	mistakes?: readonly string[];
	openTime: number;
	closeTime: number | null;
}

/** Whether a subject passes the filter (see FilterSubject). */
export function passes(row: FilterSubject, filter: TradeFilter, zone: string): boolean {
	// A portfolio stands for accounts only the engine knows: unresolved, it would filter nothing.
	if (filter.portfolio) return false;
	if (filter.side !== 'all' && row.direction !== filter.side) return false;
	if (filter.outcome === 'open' && !row.open) return false;
	if (filter.outcome === 'win' && (row.open || !(row.netPnl === undefined || (row.netPnl ?? 0) > 0)))
		return false;
	if (filter.outcome === 'loss' && (row.open || !(row.netPnl === undefined || (row.netPnl ?? 0) < 0)))
		return false;
	if (filter.accounts.length > 0 && row.accountId !== undefined && !filter.accounts.includes(row.accountId))
		return false;
	if (filter.symbols.length > 0 && !filter.symbols.includes(row.symbol)) return false;
	if (filter.strategy !== '' && row.strategy !== undefined && row.strategy !== filter.strategy) return false;
	const tags = row.tags;
	if (filter.tags.length > 0 && tags !== undefined && !filter.tags.some((t) => tags.includes(t)))
		return false;
	if (filter.mistake && row.mistakes !== undefined && !mistakeMatches(row.mistakes, filter.mistake))
		return false;
	if (filter.from !== '' || filter.to !== '') {
		const time = filter.dateBy === 'close' ? (row.open ? null : row.closeTime) : row.openTime;
		// No day: open, or a time that is not one (a trade that cannot be computed).
		if (time === null || !(Math.abs(time) <= 8.64e15)) return false;
		// The trading day, as the dashboard's calendar counts it: a futures trade closed Sunday
		// 19:00 New York is Monday's (sessionTradeDay), so a calendar day's link lists it.
		const day = sessionTradeDay(time, zone, row.symbol) ?? dayKey(time, zone);
		if (filter.from !== '' && day < filter.from) return false;
		if (filter.to !== '' && day > filter.to) return false;
	}
	return true;
}

function compare(a: TradeRow, b: TradeRow, key: SortKey): number {
	const x = a[key];
	const y = b[key];
	// Empty values (an open trade's exit, a figure that cannot be computed) go last whatever the
	// direction.
	const emptyX = isEmpty(x);
	const emptyY = isEmpty(y);
	if (emptyX || emptyY) return emptyX === emptyY ? 0 : emptyX ? 1 : -1;
	if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0;
	return (x as number) - (y as number);
}

/**
 * Filters, sorts (stable, ties by open time then id) and pages the rows. The summary's net P&L is
 * per currency; `convert`, given the filtered rows in more than one currency, gives their total
 * in the base currency (or why it cannot: see core/money/trades.ts `moneyOf`).
 */
export function queryTrades(
	rows: readonly TradeRow[],
	query: TradeQuery,
	convert: (rows: readonly TradeRow[]) => MoneyByCurrency['converted'] = () => null
): TradePage {
	const filtered = rows.filter((r) => matches(r, query.filter, query.zone));
	const sign = query.sort.dir === 'asc' ? 1 : -1;
	filtered.sort((a, b) => {
		const primary = compare(a, b, query.sort.key);
		if (primary !== 0)
			return isEmpty(a[query.sort.key]) || isEmpty(b[query.sort.key]) ? primary : primary * sign;
		return a.openTime - b.openTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	});
	let netCents = 0;
	const byCurrency = new CurrencyTotals();
	let unknownCents = 0;
	let unknown = 0;
	let wins = 0;
	let losses = 0;
	let open = 0;
	let unusable = 0;
	for (const r of filtered) {
		if (r.problem !== null) {
			unusable++;
			continue;
		}
		netCents += Math.round(r.netPnl * 100);
		if (r.currency === null) {
			unknownCents += Math.round(r.netPnl * 100);
			unknown++;
		} else byCurrency.add(r.currency, r.netPnl);
		if (r.open) open++;
		else if (r.netPnl > 0) wins++;
		else if (r.netPnl < 0) losses++;
	}
	const netByCurrency: MoneyByCurrency['netByCurrency'] = byCurrency
		.list()
		.map((t) => ({ currency: t.currency, netPnl: t.amount }));
	if (unknown > 0) netByCurrency.push({ currency: null, netPnl: unknownCents / 100 });
	return {
		total: filtered.length,
		rows: filtered.slice(query.offset, query.offset + query.limit),
		summary: {
			trades: filtered.length,
			netPnl: netByCurrency.length > 1 ? null : netCents / 100,
			netByCurrency,
			converted: netByCurrency.length > 1 ? convert(filtered) : null,
			wins,
			losses,
			open,
			unusable
		}
	};
}

/** An instant as wall time in `zone`; null when it is not a time (a trade that cannot be computed). */
function zonedTime(instant: number, zone: string): string | null {
	return Math.abs(instant) <= 8.64e15 ? formatInstant(instant, zone) : null;
}

function isEmpty(x: TradeRow[SortKey]): boolean {
	return x === null || (typeof x === 'number' && Number.isNaN(x));
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
	names: CsvNames = { account: (id) => id, notes: () => '' }
): string {
	const page = queryTrades(rows, { ...query, offset: 0, limit: Number.MAX_SAFE_INTEGER });
	return toCsv(
		[
			'Trade id',
			'Account',
			'Symbol',
			'Side',
			`Open time (${query.zone})`,
			`Close time (${query.zone})`,
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
			'Executions',
			'Problem'
		],
		page.rows.map((r) =>
			[
				r.id,
				names.account(r.accountId),
				r.symbol,
				r.direction,
				zonedTime(r.openTime, query.zone),
				r.closeTime === null ? null : zonedTime(r.closeTime, query.zone),
				finite(r.quantity, asGiven),
				finite(r.entryPrice, csvPrice),
				r.exitPrice === null ? null : finite(r.exitPrice, csvPrice),
				finite(r.grossPnl, roundCentsExact),
				finite(r.commission, roundCentsExact),
				finite(r.fees, roundCentsExact),
				finite(r.netPnl, roundCentsExact),
				Math.round(r.returnPct * 10000) / 10000,
				r.risk === null ? null : finite(r.risk, roundCentsExact),
				r.rMultiple === null ? null : Math.round(r.rMultiple * 10000) / 10000,
				r.strategy,
				r.tags.join(', '),
				r.mistakes.join(', '),
				names.notes(r.id),
				r.executionCount,
				r.problem
			].map((cell) => (typeof cell === 'number' && !Number.isFinite(cell) ? null : cell))
		)
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

/**
 * `write(x)` for a finite x; an empty cell for a figure that cannot be computed (NaN, ±Infinity).
 * Below a billionth every figure written here rounds to 0 (and a subnormal has no exact decimal
 * the cent arithmetic could hold).
 */
function finite(x: number, write: (x: number) => number): number | null {
	if (!Number.isFinite(x)) return null;
	return Math.abs(x) < 1e-9 ? 0 : write(x);
}

/** A quantity as the file gave it, without binary float noise (0.1 + 0.2 → 0.3). */
function asGiven(quantity: number): number {
	return Number(quantity.toPrecision(12));
}
