/**
 * Reports: the closed trades split into buckets by one key, with the same figures for each bucket.
 *
 * A trade is in exactly one bucket of every key except `tag` and `mistakes`, which are lists: a
 * trade with two tags counts in both buckets, so those buckets can add up to more than the total
 * (`multiValued` says so). Every other breakdown's buckets add up exactly to the total (to the
 * cent in $). Trades with no value for the key (no strategy, no tags, no venue…) have a bucket of
 * their own, last.
 *
 * Times are in the display zone. Hour of day and day of week are those of the entry (when the
 * trade was taken, which is what those reports ask about); month is that of the close (when the
 * P&L was realised, as in the daily P&L and the equity curve).
 */
import { closedTrades, compareIds, scaleOf, Tally, type Stats, type Unit } from './closed';
import { DAY, isoWeekday, localClock } from './local-time';
import { toCsv } from '../export/csv';
import type { TradeRow } from '../trades/query';
import { RateTable } from '../money/fx';
import { countedRows, moneyOf, type FxSettings, type MoneyByCurrency } from '../money/trades';

/** Every key a report can split by, in the order the reports page lists them. */
export const BREAKDOWN_KEYS = [
	'strategy',
	'tag',
	'symbol',
	'side',
	'hourOfDay',
	'dayOfWeek',
	'month',
	'monthOfYear',
	'holdingTime',
	'entryPrice',
	'positionSize',
	'mistakes',
	'venue'
] as const;

export type BreakdownKey = (typeof BREAKDOWN_KEYS)[number];

/** One bucket: its key (stable, e.g. `09`, `Mon`, `2025-03`, a symbol) and its figures. */
export interface BreakdownBucket extends Stats {
	key: string;
}

export interface Breakdown {
	key: BreakdownKey;
	unit: Unit;
	/** The IANA zone the time keys (hour, weekday, month) were read in. */
	zone: string;
	/**
	 * Non-empty buckets in the key's natural order: names (strategy, tag, symbol, mistakes, venue)
	 * A→Z by code unit with `(none)` last; long then short; hours 00→23; Mon→Sun; months in
	 * calendar order; ranges from the least up.
	 */
	buckets: BreakdownBucket[];
	/** All counted trades, each once. */
	total: Stats;
	/** True for tag and mistakes: a trade can be in several buckets. */
	multiValued: boolean;
	open: number;
	excluded: number;
	/** Trades whose figures cannot be computed (TradeRow.problem): in no bucket. */
	unusable: number;
	/**
	 * The closed trades' net P&L per currency, and in the base currency where converted (see
	 * Dashboard.money). `currency` null with several currencies in '$': the money figures add
	 * currencies together and must not be shown; trades and win rates stay right.
	 */
	money: MoneyByCurrency & { currency: string | null };
}

/** Trade id → venue, for the venue breakdown (from matched trades). */
export type VenueMap = ReadonlyMap<string, string>;

/** The bucket of trades without a value for the key. */
export const NONE = '(none)';

/**
 * Splits the trades by `key` and computes trades, wins, win rate, net P&L, expectancy and profit
 * factor per bucket, in `unit` (in R only trades with an R multiple count; `excluded` says how
 * many did not). `zone` is the display zone for the time keys; `venues` is needed for 'venue'.
 * @throws RangeError for an unknown zone; TypeError for 'venue' without a venue map.
 * @example breakdown(rows, 'dayOfWeek', '$', 'America/New_York').buckets.map((b) => b.key) // ['Mon', 'Tue', …]
 */
export function breakdown(
	rows: readonly TradeRow[],
	key: BreakdownKey,
	unit: Unit,
	zone: string,
	venues?: VenueMap,
	fx: FxSettings = NO_FX
): Breakdown {
	const scheme = schemeFor(key, zone, venues);
	// Trades in several currencies count in the base currency where they can be converted.
	const m = moneyOf(
		rows.filter((r) => !r.open),
		fx,
		zone
	);
	const counted = countedRows(rows, m);
	const closed = closedTrades(counted, unit, false);
	const total = new Tally();
	const tallies = new Map<string, Tally>();
	const tallyOf = (bucket: string) => {
		let t = tallies.get(bucket);
		if (!t) tallies.set(bucket, (t = new Tally()));
		return t;
	};
	for (let k = 0; k < closed.count; k++) {
		const v = closed.value[k]!;
		const sign = closed.sign[k]!;
		total.add(v, sign);
		const row = counted[closed.index[k]!]!;
		const bucket = scheme.assign(row);
		if (typeof bucket === 'string') tallyOf(bucket).add(v, sign);
		else for (const b of new Set(bucket.length > 0 ? bucket : [NONE])) tallyOf(b).add(v, sign);
	}
	const scale = scaleOf(unit);
	const buckets = [...tallies]
		.sort(([a], [b]) => scheme.order(a, b))
		.map(([bucket, t]) => ({ key: bucket, ...t.stats(scale) }));
	return {
		key,
		unit,
		zone,
		buckets,
		total: total.stats(scale),
		multiValued: scheme.multiValued,
		open: closed.open,
		excluded: closed.excluded,
		unusable: closed.unusable,
		money: { netByCurrency: m.netByCurrency, converted: m.converted, currency: m.currency }
	};
}

const NO_FX: FxSettings = { base: null, table: new RateTable([]) };

/**
 * A breakdown as CSV (formula-injection safe through `toCsv`), one row per bucket and a last row
 * for all trades. A profit factor without losses (infinite) is left empty, and the Note column
 * says why: a spreadsheet would keep `Infinity` as text and break the column's sums and charts.
 * @example breakdownCsv(breakdown(rows, 'symbol', '$', 'UTC')) // 'Symbol,Trades,…\r\nAAPL,3,…'
 */
export function breakdownCsv(report: Breakdown): string {
	const money = report.unit === '$';
	// Several currencies not converted: no money figure (they would add currencies together).
	const mixed = money && report.money.netByCurrency.length > 1;
	const blocked = mixed && report.money.currency === null;
	const amount = (x: number | null) => (x === null || blocked ? null : round(x, money ? 2 : 4));
	const line = (label: string, s: Stats) => [
		label,
		s.trades,
		s.wins,
		s.losses,
		s.breakeven,
		s.winRate === null ? null : round(s.winRate * 100, 2),
		amount(s.netPnl),
		amount(s.expectancy),
		s.profitFactor === null || s.profitFactor === Infinity || blocked ? null : round(s.profitFactor, 4),
		blocked ? SEVERAL_CURRENCIES : s.profitFactor === Infinity ? NO_LOSSES : null
	];
	const unit = mixed && report.money.currency !== null ? report.money.currency : money ? '$' : 'R';
	return toCsv(
		[
			breakdownHeading(report),
			'Trades',
			'Wins',
			'Losses',
			'Breakeven',
			'Win rate %',
			`Net P&L (${unit})`,
			`Expectancy (${unit})`,
			'Profit factor',
			'Note'
		],
		[...report.buckets.map((b) => line(b.key, b)), line('All trades', report.total)]
	);
}

/**
 * What a breakdown's buckets are, naming the zone for the keys read on a clock.
 * @example breakdownHeading({ key: 'hourOfDay', zone: 'America/New_York' }) // 'Hour of day of entry (America/New_York)'
 */
export function breakdownHeading(report: Pick<Breakdown, 'key' | 'zone'>): string {
	const heading = HEADINGS[report.key];
	return isTimeKey(report.key) ? `${heading} (${report.zone})` : heading;
}

/**
 * Whether a key's buckets are read on a clock, so depend on the zone.
 * @example isTimeKey('hourOfDay') // true
 */
export function isTimeKey(key: BreakdownKey): boolean {
	return TIME_KEYS.has(key);
}

const TIME_KEYS: ReadonlySet<BreakdownKey> = new Set(['hourOfDay', 'dayOfWeek', 'month', 'monthOfYear']);
/** The note of a bucket whose profit factor is left empty because it has no losses. */
export const NO_LOSSES = 'no losing trades: the profit factor has no value';
/** The Note of a breakdown row in several currencies that were not converted. */
export const SEVERAL_CURRENCIES =
	'several currencies, not converted: no money figure (set a base currency and rates in Settings)';

const HEADINGS: Record<BreakdownKey, string> = {
	strategy: 'Strategy',
	tag: 'Tag',
	symbol: 'Symbol',
	side: 'Side',
	hourOfDay: 'Hour of day of entry',
	dayOfWeek: 'Day of week of entry',
	month: 'Month of close',
	monthOfYear: 'Month of year of close',
	holdingTime: 'Holding time',
	entryPrice: 'Entry price',
	positionSize: 'Position size',
	mistakes: 'Mistake',
	venue: 'Venue'
};

function round(x: number, places: number): number {
	const p = 10 ** places;
	return Math.round(x * p) / p;
}

/** How a key puts trades in buckets and orders the buckets. */
interface Scheme {
	assign: (row: TradeRow) => string | readonly string[];
	order: (a: string, b: string) => number;
	multiValued: boolean;
}

function schemeFor(key: BreakdownKey, zone: string, venues: VenueMap | undefined): Scheme {
	switch (key) {
		case 'strategy':
			return byName((r) => r.strategy || NONE);
		case 'symbol':
			return byName((r) => r.symbol);
		case 'tag':
			return { ...byName((r) => r.tags), multiValued: true };
		case 'mistakes':
			return { ...byName((r) => r.mistakes), multiValued: true };
		case 'venue': {
			if (!venues) throw new TypeError('the venue breakdown needs a map of trade id to venue');
			return byName((r) => venues.get(r.id) || NONE);
		}
		case 'side':
			return inList(['long', 'short'], (r) => r.direction);
		case 'hourOfDay': {
			const clock = localClock(zone);
			return inList(HOURS, (r) => HOURS[clock.hour(r.openTime)]!);
		}
		case 'dayOfWeek': {
			const clock = localClock(zone);
			return inList(WEEKDAYS, (r) => WEEKDAYS[isoWeekday(clock.day(r.openTime)) - 1]!);
		}
		case 'month': {
			const clock = localClock(zone);
			// `YYYY-MM` sorts as text in calendar order.
			return byName((r) => monthText(clock.day(r.closeTime!)));
		}
		case 'monthOfYear': {
			const clock = localClock(zone);
			return inList(MONTHS, (r) => MONTHS[new Date(clock.day(r.closeTime!) * DAY).getUTCMonth()]!);
		}
		case 'holdingTime':
			return ranges(HOLDING_EDGES, duration, (r) => r.durationMs ?? r.closeTime! - r.openTime);
		case 'entryPrice':
			return ranges(PRICE_EDGES, dollars, (r) => r.entryPrice);
		case 'positionSize':
			return ranges(SIZE_EDGES, dollars, (r) => r.quantity * r.entryPrice * r.multiplier);
	}
}

/** Buckets named by the trade's value, A→Z by code unit (the same in every locale), `(none)` last. */
function byName(assign: Scheme['assign']): Scheme {
	return {
		assign,
		order: (a, b) => (a === NONE ? 1 : 0) - (b === NONE ? 1 : 0) || compareIds(a, b),
		multiValued: false
	};
}

/** Buckets from a fixed list, in the list's order. */
function inList(keys: readonly string[], assign: (row: TradeRow) => string): Scheme {
	const rank = new Map(keys.map((k, i) => [k, i]));
	return { assign, order: (a, b) => rank.get(a)! - rank.get(b)!, multiValued: false };
}

/**
 * Buckets between edges, from the least up: `< e0`, `e0–e1` (from e0 up to but not including e1)
 * … `≥ eN`.
 */
function ranges(
	edges: readonly number[],
	format: (x: number) => string,
	measure: (row: TradeRow) => number
): Scheme {
	const labels = [
		`< ${format(edges[0]!)}`,
		...edges.slice(1).map((e, i) => `${format(edges[i]!)}–${format(e)}`),
		`≥ ${format(edges[edges.length - 1]!)}`
	];
	return inList(labels, (row) => {
		const x = measure(row);
		let i = 0;
		while (i < edges.length && x >= edges[i]!) i++;
		return labels[i]!;
	});
}

const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'));
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthText(day: number): string {
	return new Date(day * DAY).toISOString().slice(0, 7);
}

const MIN = 60_000;
const HOUR = 60 * MIN;
/** Scalps, intraday holds, overnight, swing and position trades. */
const HOLDING_EDGES = [MIN, 5 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 4 * HOUR, DAY, 7 * DAY, 28 * DAY];
/** Sub-dollar, low-priced, and the usual price bands of listed stocks (per unit, as traded). */
const PRICE_EDGES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
/** Value of the largest position at the entry price (quantity × entry × multiplier). */
const SIZE_EDGES = [1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000];

function duration(ms: number): string {
	if (ms < HOUR) return `${ms / MIN} min`;
	if (ms < DAY) return `${ms / HOUR} h`;
	if (ms < 7 * DAY) return `${ms / DAY} day${ms === DAY ? '' : 's'}`;
	return `${ms / (7 * DAY)} week${ms === 7 * DAY ? '' : 's'}`;
}

function dollars(x: number): string {
	if (x >= 1_000_000) return `$${x / 1_000_000}M`;
	if (x >= 1_000) return `$${x / 1_000}k`;
	return `$${x}`;
}
