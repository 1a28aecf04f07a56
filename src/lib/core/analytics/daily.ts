/**
 * Daily P&L for the calendar heatmap. A trade belongs to the day it closed in the display zone
 * (a futures or forex trade shown in New York: its session's trading day, see dailyPnlOf):
 * P&L is realised when a trade closes, so the days add up to the equity curve (the sum of the days
 * up to one is the curve at that day's last trade). Days are columns; each day's trades are a slice
 * of one id list (CSR offsets), which crosses from the worker without one array per day.
 */
import { closedTrades, scaleOf, type ClosedTrades, type Unit } from './closed';
import { dayText, localClock } from './local-time';
import { sessionTradeDay } from '../time/market-session';
import type { TradeRow } from '../trades/query';

/** Days with at least one closed trade, in calendar order. */
export interface DailyPnl {
	unit: Unit;
	zone: string;
	/** `YYYY-MM-DD` in the zone, ascending. */
	days: string[];
	/** Net P&L of each day, in the unit (exact to the cent in $). */
	pnl: Float64Array;
	/** Closed trades of each day. */
	trades: Uint32Array;
	/** Day i's trade ids are `ids[start[i]]` up to `ids[start[i + 1]]` (exclusive), in close order. */
	start: Uint32Array;
	ids: string[];
	open: number;
	excluded: number;
}

/**
 * P&L and trades per calendar day (of the close, in `zone`; a futures or forex trade's session
 * trading day when `zone` is its session's).
 * @throws RangeError when `zone` is not a time zone.
 * @example
 * const daily = dailyPnl(rows, 'America/New_York', '$');
 * tradesOn(daily, '2025-03-14') // ids of that day's trades
 */
export function dailyPnl(rows: readonly TradeRow[], zone: string, unit: Unit): DailyPnl {
	const symbols = new Map(rows.map((row) => [row.id, row.symbol]));
	return dailyPnlOf(closedTrades(rows, unit), zone, (id) => symbols.get(id));
}

/**
 * The trade ids of one day (`YYYY-MM-DD`); empty when the day has none.
 * @example tradesOn(dailyPnl(rows, 'UTC', '$'), '2025-03-14') // ['…', '…']
 */
export function tradesOn(daily: DailyPnl, day: string): string[] {
	const i = binarySearch(daily.days, day);
	return i < 0 ? [] : daily.ids.slice(daily.start[i], daily.start[i + 1]);
}

/**
 * Daily P&L of trades already picked and put in close order by `closedTrades`. With `symbolOf`
 * (a trade id's symbol), a futures or forex trade shown in its session's zone belongs to its
 * session's trading day (sessionTradeDay: Sunday 19:00 New York is Monday's).
 */
export function dailyPnlOf(
	closed: ClosedTrades,
	zone: string,
	symbolOf?: (id: string) => string | undefined
): DailyPnl {
	const { count, time, value } = closed;
	const clock = localClock(zone);
	const dayOf = new Float64Array(count);
	let inOrder = true;
	for (let k = 0; k < count; k++) {
		const symbol = symbolOf?.(closed.ids[k]!);
		const session = symbol === undefined ? null : sessionTradeDay(time[k]!, zone, symbol);
		dayOf[k] = session === null ? clock.day(time[k]!) : Date.parse(session) / 86_400_000;
		if (k > 0 && dayOf[k]! < dayOf[k - 1]!) inOrder = false;
	}
	// Close order is day order, except across a clock change at midnight (clocks going back from
	// 00:00 to 23:00 give an hour of the day before again): then the trades are put in day order,
	// keeping close order within a day.
	let order: Uint32Array | null = null;
	if (!inOrder) {
		order = Uint32Array.from({ length: count }, (_, k) => k);
		order.sort((a, b) => dayOf[a]! - dayOf[b]! || a - b);
	}
	const days: string[] = [];
	const sums: number[] = [];
	const start: number[] = [];
	const ids: string[] = new Array<string>(count);
	let daySum = 0;
	let previous = NaN;
	for (let k = 0; k < count; k++) {
		const j = order === null ? k : order[k]!;
		const day = dayOf[j]!;
		if (day !== previous) {
			if (k > 0) sums.push(daySum);
			days.push(dayText(day));
			start.push(k);
			daySum = 0;
			previous = day;
		}
		daySum += value[j]!;
		ids[k] = closed.ids[j]!;
	}
	if (count > 0) sums.push(daySum);
	start.push(count);
	const scale = scaleOf(closed.unit);
	const starts = Uint32Array.from(start);
	return {
		unit: closed.unit,
		zone,
		days,
		pnl: Float64Array.from(sums, (s) => s / scale),
		trades: starts.subarray(1).map((end, i) => end - starts[i]!),
		start: starts,
		ids,
		open: closed.open,
		excluded: closed.excluded
	};
}

function binarySearch(sorted: readonly string[], key: string): number {
	let lo = 0;
	let hi = sorted.length - 1;
	while (lo <= hi) {
		const mid = (lo + hi) >>> 1;
		const x = sorted[mid]!;
		if (x === key) return mid;
		if (x < key) lo = mid + 1;
		else hi = mid - 1;
	}
	return -1;
}
