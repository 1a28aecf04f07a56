import { describe, expect, it } from 'vitest';
import { dailyPnl, tradesOn } from '../analytics/daily';
import { row } from '../../../../tests/support/trade-rows';
import { toCsv } from '../export/csv';
import {
	csvPrice,
	describeDates,
	EMPTY_FILTER,
	matches,
	queryTrades,
	tradesCsv,
	type TradeFilter
} from './query';

const NY = 'America/New_York';
const DAY_1 = '2026-03-03';
const DAY_2 = '2026-03-04';

const ROWS = [
	// Held overnight: opened on day 1, closed on day 2 (New York).
	row({
		id: 'overnight',
		openTime: Date.UTC(2026, 2, 3, 20),
		closeTime: Date.UTC(2026, 2, 4, 15),
		netPnl: 12.34
	}),
	// Opened and closed on day 2.
	row({
		id: 'intraday',
		openTime: Date.UTC(2026, 2, 4, 15),
		closeTime: Date.UTC(2026, 2, 4, 16),
		netPnl: -2.3
	}),
	// Opened on day 2, closed late that evening in New York (day 3 in UTC).
	row({ id: 'late', openTime: Date.UTC(2026, 2, 4, 20), closeTime: Date.UTC(2026, 2, 5, 3), netPnl: 1 }),
	// Opened on day 2 and still open: it has no close day.
	row({ id: 'open', openTime: Date.UTC(2026, 2, 4, 17), open: true, netPnl: 5 })
];

const on = (day: string, dateBy: TradeFilter['dateBy']): TradeFilter => ({
	...EMPTY_FILTER,
	from: day,
	to: day,
	dateBy
});

const ids = (filter: TradeFilter, zone = NY) =>
	ROWS.filter((r) => matches(r, filter, zone))
		.map((r) => r.id)
		.sort();

describe('the date filter', () => {
	it('by close day gives the calendar day’s trades, the overnight one included', () => {
		const daily = dailyPnl(ROWS, NY, '$');
		expect(tradesOn(daily, DAY_2).sort()).toEqual(['intraday', 'late', 'overnight']);
		expect(ids(on(DAY_2, 'close'))).toEqual(['intraday', 'late', 'overnight']);
		// By open day, day 2 has the trades opened then: not the overnight one, but the open one.
		expect(ids(on(DAY_2, 'open'))).toEqual(['intraday', 'late', 'open']);
		expect(ids(on(DAY_1, 'open'))).toEqual(['overnight']);
		expect(ids(on(DAY_1, 'close'))).toEqual([]);
	});

	it('agrees with every calendar day in count and net P&L, in any zone', () => {
		for (const zone of [NY, 'UTC', 'Asia/Tokyo']) {
			const daily = dailyPnl(ROWS, zone, '$');
			daily.days.forEach((day, i) => {
				const page = queryTrades(ROWS, {
					filter: on(day, 'close'),
					sort: { key: 'closeTime', dir: 'asc' },
					offset: 0,
					limit: 100,
					zone
				});
				expect(page.summary.trades, `${zone} ${day}`).toBe(daily.trades[i]);
				expect(page.summary.netPnl, `${zone} ${day}`).toBe(daily.pnl[i]);
				expect(page.rows.map((r) => r.id)).toEqual(tradesOn(daily, day));
			});
		}
	});

	it('counts a futures trade on its session’s trading day, as the calendar does', () => {
		// Closed Sunday 2026-03-08 at 19:00 New York: Globex's Monday, 2026-03-09.
		const futures = row({
			id: 'globex',
			symbol: 'ESZ5',
			openTime: Date.UTC(2026, 2, 8, 22, 30),
			closeTime: Date.UTC(2026, 2, 8, 23),
			netPnl: 50
		});
		const rows = [...ROWS, futures];
		const closedOn = (day: string, zone: string) =>
			rows.filter((r) => matches(r, on(day, 'close'), zone)).map((r) => r.id);
		expect(closedOn('2026-03-09', NY)).toEqual(['globex']);
		expect(closedOn('2026-03-08', NY)).toEqual([]);
		expect(tradesOn(dailyPnl(rows, NY, '$'), '2026-03-09')).toEqual(['globex']);
		// Shown in another zone, "the evening before" means nothing: the plain date.
		expect(closedOn('2026-03-08', 'UTC')).toEqual(['globex']);
		expect(tradesOn(dailyPnl(rows, 'UTC', '$'), '2026-03-08')).toEqual(['globex']);
	});

	it('by close day leaves open trades out only when a date is set', () => {
		expect(ids({ ...EMPTY_FILTER, dateBy: 'close' })).toHaveLength(4);
		expect(ids({ ...EMPTY_FILTER, from: DAY_1, dateBy: 'close' })).toEqual(['intraday', 'late', 'overnight']);
		expect(ids({ ...EMPTY_FILTER, to: DAY_1, dateBy: 'open' })).toEqual(['overnight']);
	});
});

describe('describeDates', () => {
	it('says what the dates limit the list to', () => {
		expect(describeDates(EMPTY_FILTER)).toBeNull();
		expect(describeDates(on(DAY_2, 'close'))).toBe('Closed on 2026-03-04');
		expect(describeDates(on(DAY_2, 'open'))).toBe('Opened on 2026-03-04');
		expect(describeDates({ from: DAY_1, to: DAY_2, dateBy: 'close' })).toBe(
			'Closed 2026-03-03 to 2026-03-04'
		);
		expect(describeDates({ from: DAY_1, to: '', dateBy: 'open' })).toBe('Opened from 2026-03-03');
		expect(describeDates({ from: '', to: DAY_2, dateBy: 'open' })).toBe('Opened up to 2026-03-04');
	});
});

describe('tradesCsv', () => {
	const csv = (zone: string) =>
		tradesCsv(ROWS, { filter: EMPTY_FILTER, sort: { key: 'openTime', dir: 'asc' }, zone }, toCsv).split(
			'\r\n'
		);
	const times = (lines: string[]) => lines.slice(1, -1).map((l) => l.split(',').slice(4, 6).join(' | '));

	it('writes open and close times on the clock of the zone it is given, and names the zone in the header', () => {
		const ny = csv(NY);
		expect(ny[0]!.split(',').slice(4, 6)).toEqual([
			'Open time (America/New_York)',
			'Close time (America/New_York)'
		]);
		expect(times(ny)).toEqual([
			'2026-03-03 15:00:00 | 2026-03-04 10:00:00',
			'2026-03-04 10:00:00 | 2026-03-04 11:00:00',
			'2026-03-04 12:00:00 | ',
			'2026-03-04 15:00:00 | 2026-03-04 22:00:00'
		]);
		const utc = csv('UTC');
		expect(utc[0]!.split(',').slice(4, 6)).toEqual(['Open time (UTC)', 'Close time (UTC)']);
		expect(times(utc)).toEqual([
			'2026-03-03 20:00:00 | 2026-03-04 15:00:00',
			'2026-03-04 15:00:00 | 2026-03-04 16:00:00',
			'2026-03-04 17:00:00 | ',
			'2026-03-04 20:00:00 | 2026-03-05 03:00:00'
		]);
	});

	it('writes money to the cent, prices to their own decimals, quantities as given, the account by name and the notes', () => {
		const trade = row({
			id: 't1',
			accountId: 'internal-id-1',
			quantity: 0.1 + 0.2,
			entryPrice: 50.99000000000001,
			exitPrice: 0.42783333333,
			netPnl: 2.675,
			commission: 0.1 + 0.2,
			fees: 1.0049999,
			risk: 33.333333
		});
		const query = { filter: EMPTY_FILTER, sort: { key: 'openTime', dir: 'asc' }, zone: 'UTC' } as const;
		const csv = tradesCsv([trade], query, toCsv, {
			account: (id) => (id === 'internal-id-1' ? 'TR1 · DAS Trader' : id),
			notes: (id) => (id === 't1' ? '+1 R, faded "VWAP"' : '')
		});
		const [header, line] = csv.split('\r\n');
		// Split on commas outside quotes.
		const values = line!.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
		const cells = Object.fromEntries(header!.split(',').map((h, i) => [h, values[i]]));
		expect(cells).toMatchObject({
			Account: 'TR1 · DAS Trader',
			Quantity: '0.3',
			Entry: '50.99',
			Exit: '0.427833',
			'Net P&L': '2.68',
			Commission: '0.3',
			Fees: '1',
			Risk: '33.33',
			Notes: `"'+1 R, faded ""VWAP"""`
		});
		expect(csv).not.toContain('Infinity');
		expect(csv).not.toContain('internal-id-1');
	});

	it('rounds a price to 4 decimals from 1 up and to 6 below, half away from zero', () => {
		expect(csvPrice(51.00333333333)).toBe(51.0033);
		expect(csvPrice(2.71495)).toBe(2.715);
		expect(csvPrice(0.4278755)).toBe(0.427876);
		expect(csvPrice(-3.00005)).toBe(-3.0001);
	});
});
