import { roundToTick, tickDecimals, tickFor } from '$lib/core/model/tick';
import { formatInstant } from '$lib/core/time/zone';
import { ratesText, type UsedRate } from '$lib/core/money/fx';
import type { TradeRow } from '$lib/core/trades/query';

/** Money as the journal shows it: sign, thousands separators, always two decimals. */
export function money(x: number | null, currency = ''): string {
	if (x === null || !Number.isFinite(x)) return '—';
	const text = Math.abs(x).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
	return `${x < 0 ? '−' : ''}${currency}${text}`;
}

/**
 * A price with as many decimals as it has (2 to 6): for averages (a VWAP, an average cost),
 * which no one traded at and which keep their digits. A single price takes `tickPrice`.
 */
export function price(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	return x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 });
}

/**
 * A single price (a fill, a limit, a stop, a bar's high) on its symbol's tick, with the tick's
 * decimals: `49.61` for 49.608103, `0.1235` below $1, `5,012.50` for an ES contract; a distance
 * (`at`: the price it is measured from) on that price's tick.
 */
export function tickPrice(x: number | null, symbol: string, at: number | null = x): string {
	if (x === null || !Number.isFinite(x)) return '—';
	// A distance between prices (a stop's risk) takes the tick of the price it is measured from.
	const tick = tickFor(symbol, at ?? x);
	const decimals = tickDecimals(tick);
	return roundToTick(x, tick).toLocaleString('en-US', {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals
	});
}

/**
 * A trade's entry or exit price as a list shows it: one execution's price on the tick, or the
 * VWAP of several with its digits, marked `average`. A list row knows only how many executions
 * the whole trade has: a closed trade of two (an open one of one) has one on each side.
 */
export function tradePrice(
	row: Pick<TradeRow, 'symbol' | 'open' | 'executionCount' | 'entryPrice' | 'exitPrice'>,
	side: 'entry' | 'exit'
): { text: string; average: boolean; title: string } {
	const x = side === 'entry' ? row.entryPrice : row.exitPrice;
	if (x === null || !Number.isFinite(x)) return { text: '—', average: false, title: '' };
	if (row.executionCount <= (row.open ? 1 : 2))
		return { text: tickPrice(x, row.symbol), average: false, title: `The ${side} execution's price` };
	return { text: price(x), average: true, title: `Average (VWAP) of the ${side} executions, exact` };
}

export function quantity(x: number): string {
	return x.toLocaleString('en-US', { maximumFractionDigits: 8 });
}

/** R with two decimals and an R, e.g. `+1.25R`. */
export function rMultiple(x: number | null): string {
	if (x === null || !Number.isFinite(x)) return '—';
	return `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(2)}R`;
}

/** A figure in the unit the page shows: money or R. */
export function inUnit(x: number | null, unit: '$' | 'R'): string {
	return unit === '$' ? money(x) : rMultiple(x);
}

/** The colour class of a figure: `gain` above zero, `loss` below, none at zero or without one. */
export function signClass(x: number | null): '' | 'gain' | 'loss' {
	return x === null || x === 0 ? '' : x > 0 ? 'gain' : 'loss';
}

/** A duration: `45s`, `12m 5s`, `3h 20m`, `2d 4h`. */
export function duration(ms: number | null): string {
	if (ms === null) return 'open';
	const s = Math.round(ms / 1000);
	if (s < 60) return `${s}s`;
	const m = Math.floor(s / 60);
	if (m < 60) return `${m}m ${s % 60}s`;
	const h = Math.floor(m / 60);
	if (h < 24) return `${h}h ${m % 60}m`;
	return `${Math.floor(h / 24)}d ${h % 24}h`;
}

/**
 * `2025-10-13 09:43:10` in a zone: the one way the UI writes an instant (the display zone's,
 * `displayZone.current`, except where a page names another), to the second.
 */
export function dateTime(instant: number | null, zone: string): string {
	// No time, or one a Date cannot hold (a trade that cannot be computed).
	if (instant === null || !(Math.abs(instant) <= 8.64e15)) return '—';
	return formatInstant(Math.floor(instant / 1000) * 1000, zone);
}

const symbols = new Map<string, string>();
/**
 * The symbol a currency is written with (`$`, `€`, `£`, `¥`), or its code and a space where it
 * has none of its own (`CHF 12.00`).
 */
export function currencySymbol(code: string): string {
	let s = symbols.get(code);
	if (s === undefined) {
		try {
			const part = new Intl.NumberFormat('en-US', {
				style: 'currency',
				currency: code,
				currencyDisplay: 'narrowSymbol'
			})
				.formatToParts(0)
				.find((p) => p.type === 'currency')?.value;
			s = part === undefined || part === code ? `${code} ` : part;
		} catch {
			s = `${code} `;
		}
		symbols.set(code, s);
	}
	return s;
}

/**
 * Money with its currency: `€100.00`, `−$50.00`, `CHF 12.00`; an amount whose currency is not
 * known says so rather than borrowing one.
 * @example moneyIn(-50, 'USD') // '−$50.00'
 */
export function moneyIn(x: number | null, currency: string | null): string {
	if (currency === null) return `${money(x)} (no currency)`;
	return money(x, currencySymbol(currency));
}

/**
 * Totals per currency on one line, never added together: `€100.00 · $50.00`.
 * @example perCurrency([{ currency: 'EUR', netPnl: 100 }, { currency: 'USD', netPnl: 50 }]) // '€100.00 · $50.00'
 */
export function perCurrency(list: readonly { currency: string | null; netPnl: number }[]): string {
	return list.map((t) => moneyIn(t.netPnl, t.currency)).join(' · ');
}

/**
 * A total converted into the base currency, with the rates it used, or why it was not:
 * `≈ $158.42 in USD (rates: EURUSD 1.0842 on 2025-03-04, typed)`.
 */
export function convertedText(
	converted: { currency: string; netPnl: number; rates: readonly UsedRate[] } | { problem: string } | null,
	currencies: number
): string {
	if (converted === null) return `${currencies} currencies: set a base currency in Settings to see one total`;
	if ('problem' in converted) return `Not converted: ${converted.problem}`;
	return `≈ ${moneyIn(converted.netPnl, converted.currency)} in ${converted.currency} (rates: ${ratesText(converted.rates)})`;
}

/** The rates a conversion used, in words (core/money/fx.ts). */
export { ratesText } from '$lib/core/money/fx';
