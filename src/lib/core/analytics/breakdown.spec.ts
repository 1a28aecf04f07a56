import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	breakdown,
	BREAKDOWN_KEYS,
	breakdownCsv,
	breakdownHeading,
	isTimeKey,
	NONE,
	type Breakdown,
	type BreakdownKey
} from './breakdown';
import { summary } from './summary';
import { row } from '../../../../tests/support/trade-rows';
import type { TradeRow } from '../trades/query';

const NY = 'America/New_York';
const MIN = 60_000;
const HOUR = 60 * MIN;

/** Wall time in New York as an instant: EST (UTC−5) before 9 March 2025, EDT (UTC−4) after. */
const ny = (month: number, day: number, hour: number, minute: number) =>
	Date.UTC(2025, month - 1, day, hour + (month > 3 || (month === 3 && day >= 9) ? 4 : 5), minute);

const ROWS: TradeRow[] = [
	row({
		id: 't1',
		symbol: 'AAPL',
		openTime: ny(3, 7, 9, 45), // a Friday
		closeTime: ny(3, 7, 9, 47),
		netPnl: 120,
		risk: 60,
		strategy: 'ORB',
		tags: ['gap', 'news'],
		mistakes: ['late'],
		entryPrice: 5.5,
		quantity: 200
	}),
	row({
		id: 't2',
		symbol: 'TSLA',
		direction: 'short',
		openTime: ny(3, 10, 10, 15), // a Monday, after the change to daylight time
		closeTime: ny(3, 10, 10, 35),
		netPnl: -40,
		risk: 40,
		tags: ['gap'],
		entryPrice: 250,
		quantity: 10
	}),
	row({
		id: 't3',
		symbol: 'AAPL',
		openTime: ny(3, 31, 15, 59), // Monday, held overnight into April
		closeTime: ny(4, 1, 10, 0),
		netPnl: 0,
		strategy: 'ORB',
		mistakes: ['late', 'size'],
		entryPrice: 0.5,
		quantity: 1000
	}),
	row({
		id: 't4',
		symbol: 'ES',
		openTime: ny(4, 4, 20, 30), // Friday evening in New York, already Saturday in UTC
		closeTime: ny(4, 4, 21, 0),
		netPnl: 250,
		risk: 125,
		strategy: 'Fade',
		tags: ['news'],
		entryPrice: 5000,
		quantity: 2,
		multiplier: 50
	}),
	row({ id: 't5', open: true, netPnl: 999, risk: 10, symbol: 'AAPL' })
];

/** Bucket key → [trades, net P&L] of a breakdown. */
function table(b: Breakdown): [string, number, number][] {
	return b.buckets.map((x) => [x.key, x.trades, x.netPnl]);
}

describe('breakdown', () => {
	it('splits by symbol with every figure per bucket', () => {
		const b = breakdown(ROWS, 'symbol', '$', NY);
		expect(b.buckets).toEqual([
			{
				key: 'AAPL',
				trades: 2,
				wins: 1,
				losses: 0,
				breakeven: 1,
				winRate: 0.5,
				netPnl: 120,
				expectancy: 60,
				profitFactor: Infinity
			},
			{
				key: 'ES',
				trades: 1,
				wins: 1,
				losses: 0,
				breakeven: 0,
				winRate: 1,
				netPnl: 250,
				expectancy: 250,
				profitFactor: Infinity
			},
			{
				key: 'TSLA',
				trades: 1,
				wins: 0,
				losses: 1,
				breakeven: 0,
				winRate: 0,
				netPnl: -40,
				expectancy: -40,
				profitFactor: 0
			}
		]);
		expect(b).toMatchObject({ multiValued: false, open: 1, excluded: 0, total: { trades: 4, netPnl: 330 } });
		expect(b.total.profitFactor).toBeCloseTo(370 / 40, 12);
	});

	it('splits by side, strategy (none last) and venue', () => {
		expect(table(breakdown(ROWS, 'side', '$', NY))).toEqual([
			['long', 3, 370],
			['short', 1, -40]
		]);
		expect(table(breakdown(ROWS, 'strategy', '$', NY))).toEqual([
			['Fade', 1, 250],
			['ORB', 2, 120],
			[NONE, 1, -40]
		]);
		const venues = new Map([
			['t1', 'ARCA'],
			['t4', 'NSDQ']
		]);
		expect(table(breakdown(ROWS, 'venue', '$', NY, venues))).toEqual([
			['ARCA', 1, 120],
			['NSDQ', 1, 250],
			[NONE, 2, -40]
		]);
		expect(() => breakdown(ROWS, 'venue', '$', NY)).toThrow(TypeError);
	});

	it('counts a trade in each of its tags and mistakes, so those sums can exceed the total', () => {
		const tags = breakdown(ROWS, 'tag', '$', NY);
		expect(table(tags)).toEqual([
			['gap', 2, 80],
			['news', 2, 370],
			[NONE, 1, 0]
		]);
		expect(tags.multiValued).toBe(true);
		expect(tags.total.netPnl).toBe(330);
		expect(table(breakdown(ROWS, 'mistakes', '$', NY))).toEqual([
			['late', 2, 120],
			['size', 1, 0],
			[NONE, 2, 210]
		]);
	});

	it('reads hours and weekdays of the entry and months of the close in the zone', () => {
		const cases: [BreakdownKey, string, [string, number, number][]][] = [
			[
				'hourOfDay',
				NY,
				[
					['09', 1, 120],
					['10', 1, -40],
					['15', 1, 0],
					['20', 1, 250]
				]
			],
			[
				'hourOfDay',
				'UTC',
				[
					['00', 1, 250],
					['14', 2, 80],
					['19', 1, 0]
				]
			],
			[
				'dayOfWeek',
				NY,
				[
					['Mon', 2, -40],
					['Fri', 2, 370]
				]
			],
			[
				'dayOfWeek',
				'UTC',
				[
					['Mon', 2, -40],
					['Fri', 1, 120],
					['Sat', 1, 250]
				]
			],
			[
				'month',
				NY,
				[
					['2025-03', 2, 80],
					['2025-04', 2, 250]
				]
			],
			[
				'monthOfYear',
				NY,
				[
					['Mar', 2, 80],
					['Apr', 2, 250]
				]
			]
		];
		for (const [by, zone, expected] of cases)
			expect(table(breakdown(ROWS, by, '$', zone)), `${by} in ${zone}`).toEqual(expected);
		expect(() => breakdown(ROWS, 'hourOfDay', '$', 'Mars/Olympus')).toThrow(RangeError);
	});

	it('puts holding time, entry price and position value in ranges, least first', () => {
		expect(table(breakdown(ROWS, 'holdingTime', '$', NY))).toEqual([
			['1 min–5 min', 1, 120],
			['15 min–30 min', 1, -40],
			['30 min–1 h', 1, 250],
			['4 h–1 day', 1, 0]
		]);
		expect(table(breakdown(ROWS, 'entryPrice', '$', NY))).toEqual([
			['< $1', 1, 0],
			['$5–$10', 1, 120],
			['$200–$500', 1, -40],
			['≥ $1k', 1, 250]
		]);
		// 200 × 5.50 = 1,100; 10 × 250 = 2,500 (an edge starts its range); 2 × 5,000 × 50 = 500,000.
		expect(table(breakdown(ROWS, 'positionSize', '$', NY))).toEqual([
			['< $1k', 1, 0],
			['$1k–$2.5k', 1, 120],
			['$2.5k–$5k', 1, -40],
			['$500k–$1M', 1, 250]
		]);
		const long = row({ id: 'w', openTime: 0, closeTime: 40 * 24 * HOUR, netPnl: 1 });
		expect(table(breakdown([long], 'holdingTime', '$', NY))).toEqual([['≥ 4 weeks', 1, 1]]);
	});

	it('works in R, leaving out the trades without R', () => {
		const b = breakdown(ROWS, 'symbol', 'R', NY);
		expect(table(b)).toEqual([
			['AAPL', 1, 2],
			['ES', 1, 2],
			['TSLA', 1, -1]
		]);
		expect(b).toMatchObject({ unit: 'R', excluded: 1, open: 1, total: { trades: 3, netPnl: 3 } });
	});

	it('has no buckets without trades', () => {
		const b = breakdown([], 'symbol', '$', NY);
		expect(b.buckets).toEqual([]);
		expect(b.total).toMatchObject({ trades: 0, netPnl: 0, profitFactor: null, winRate: null });
	});
});

describe('breakdownCsv', () => {
	it('names the zone in the header of the keys read on a clock, and buckets by that clock', () => {
		// 13:43 UTC in October: 09:43 in New York, 13:43 in UTC.
		const rows = [row({ id: 'a', openTime: Date.UTC(2025, 9, 13, 13, 43, 10), netPnl: 5 })];
		const ny = breakdownCsv(breakdown(rows, 'hourOfDay', '$', NY)).split('\r\n');
		expect(ny.slice(0, 2)).toEqual([
			'Hour of day of entry (America/New_York),Trades,Wins,Losses,Breakeven,Win rate %,Net P&L ($),Expectancy ($),Profit factor,Note',
			'09,1,1,0,0,100,5,5,,no losing trades: the profit factor has no value'
		]);
		const utc = breakdownCsv(breakdown(rows, 'hourOfDay', '$', 'UTC')).split('\r\n');
		expect(utc.slice(0, 2)).toEqual([
			'Hour of day of entry (UTC),Trades,Wins,Losses,Breakeven,Win rate %,Net P&L ($),Expectancy ($),Profit factor,Note',
			'13,1,1,0,0,100,5,5,,no losing trades: the profit factor has no value'
		]);
		expect(BREAKDOWN_KEYS.filter(isTimeKey)).toEqual(['hourOfDay', 'dayOfWeek', 'month', 'monthOfYear']);
		expect(
			BREAKDOWN_KEYS.map((key) => breakdownHeading({ key, zone: 'UTC' })).filter((h) => h.includes('UTC'))
		).toEqual([
			'Hour of day of entry (UTC)',
			'Day of week of entry (UTC)',
			'Month of close (UTC)',
			'Month of year of close (UTC)'
		]);
	});

	it('writes each bucket and the total, formula-safe, a profit factor without losses empty with a note', () => {
		const rows = [
			row({ id: 'a', symbol: '=HYPERLINK("http://x")', netPnl: 10.5 }),
			row({ id: 'b', symbol: 'MSFT', netPnl: -3 }),
			row({ id: 'c', symbol: 'MSFT', netPnl: 1 })
		];
		expect(breakdownCsv(breakdown(rows, 'symbol', '$', 'UTC')).split('\r\n')).toEqual([
			'Symbol,Trades,Wins,Losses,Breakeven,Win rate %,Net P&L ($),Expectancy ($),Profit factor,Note',
			`"'=HYPERLINK(""http://x"")",1,1,0,0,100,10.5,10.5,,no losing trades: the profit factor has no value`,
			'MSFT,2,1,1,0,50,-2,-1,0.3333,',
			'All trades,3,2,1,0,66.67,8.5,2.83,3.8333,',
			''
		]);
		expect(breakdownCsv(breakdown([], 'tag', 'R', 'UTC'))).toBe(
			'Tag,Trades,Wins,Losses,Breakeven,Win rate %,Net P&L (R),Expectancy (R),Profit factor,Note\r\nAll trades,0,0,0,0,,0,,,\r\n'
		);
	});
});

const YEAR = 365 * 24 * HOUR;
const START = Date.UTC(2020, 0, 1);

/** Random trades across years, zones' clock changes, symbols, tags, sizes; some open, some without R. */
const rowsArb = fc
	.array(
		fc.record({
			cents: fc.integer({ min: -1_000_000, max: 1_000_000 }),
			open: fc.integer({ min: 0, max: 9 }).map((x) => x === 0),
			openTime: fc.integer({ min: START, max: START + 6 * YEAR }),
			hold: fc.integer({ min: 0, max: 45 * 24 * HOUR }),
			symbol: fc.constantFrom('AAPL', 'MSFT', 'ES', 'SPY'),
			direction: fc.constantFrom('long' as const, 'short' as const),
			strategy: fc.constantFrom('', 'ORB', 'Fade'),
			tags: fc.subarray(['gap', 'news', 'earnings']),
			mistakes: fc.subarray(['late', 'size']),
			entryPrice: fc.integer({ min: 1, max: 600_000 }).map((c) => c / 100),
			quantity: fc.integer({ min: 1, max: 5000 }),
			multiplier: fc.constantFrom(1, 50, 100),
			risk: fc.option(fc.integer({ min: 1, max: 50_000 }).map((c) => c / 100)),
			venue: fc.option(fc.constantFrom('ARCA', 'NSDQ', 'EDGX'))
		}),
		{ maxLength: 80 }
	)
	.map((specs) => {
		const venues = new Map<string, string>();
		const rows = specs.map(({ cents, hold, venue, ...fields }, i) => {
			if (venue !== null) venues.set(`t${i}`, venue);
			return row({ id: `t${i}`, ...fields, netPnl: cents / 100, closeTime: fields.openTime + hold });
		});
		return { rows, venues };
	});

describe('properties', () => {
	it("every breakdown but tags' and mistakes' adds up to the total net P&L, to the cent", () => {
		fc.assert(
			fc.property(
				rowsArb,
				fc.constantFrom(...BREAKDOWN_KEYS),
				fc.constantFrom('UTC', NY, 'Australia/Lord_Howe', 'Asia/Kathmandu'),
				({ rows, venues }, key, zone) => {
					const b = breakdown(rows, key, '$', zone, venues);
					const total = summary(rows, '$');
					expect(b.total.netPnl).toBe(total.netPnl);
					expect(b.total.trades).toBe(total.trades);
					const cents = b.buckets.reduce((sum, x) => sum + Math.round(x.netPnl * 100), 0);
					const trades = b.buckets.reduce((sum, x) => sum + x.trades, 0);
					if (b.multiValued) {
						expect(trades).toBeGreaterThanOrEqual(total.trades);
						for (const x of b.buckets) expect(x.trades).toBeLessThanOrEqual(total.trades);
					} else {
						expect(cents / 100).toBe(total.netPnl);
						expect(trades).toBe(total.trades);
					}
					const r = breakdown(rows, key, 'R', zone, venues);
					if (!r.multiValued) expect(r.buckets.reduce((sum, x) => sum + x.trades, 0)).toBe(r.total.trades);
					expect(r.total.trades + r.excluded + r.open).toBe(rows.length);
				}
			),
			{ numRuns: 300 }
		);
	});
});
