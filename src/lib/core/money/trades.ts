/**
 * Trades' money per currency: the totals of a set of trades in each currency their accounts
 * use, and, where they span several and the user set a base currency with rates, the same trades
 * with their money figures converted into it (each trade at the rate of its day), so that curves,
 * calendars and breakdowns draw one money line only when it is in one currency.
 */
import { dayKey, type TradeRow } from '../trades/query';
import { CurrencyTotals, rateLookup, sortRates, type RateTable, type UsedRate } from './fx';

/** What a set of trades is worth, per currency and (where possible) in the base currency. */
export interface MoneyByCurrency {
	/** Net P&L per currency, in code order; `currency` null for trades whose account is unknown. */
	netByCurrency: { currency: string | null; netPnl: number }[];
	/**
	 * Null when the trades are in one currency (or none), or no base currency is set; else the net
	 * P&L in the base currency with every rate used, or why it cannot be converted.
	 */
	converted: { currency: string; netPnl: number; rates: UsedRate[] } | { problem: string } | null;
}

/** The base currency and the rates to convert with (null base: totals per currency only). */
export interface FxSettings {
	base: string | null;
	table: RateTable;
}

/** The day a trade's P&L is converted on: its close day, or its open day while open (in `zone`). */
export function tradeDay(row: Pick<TradeRow, 'openTime' | 'closeTime'>, zone: string): string {
	return dayKey(row.closeTime ?? row.openTime, zone);
}

/**
 * Money of trades per currency, and the rows whose money figures are all in one currency: the
 * rows themselves when there is one currency (or none), the rows converted into the base
 * currency when they span several and every one has a rate, else null (no line may be drawn).
 * Trades that cannot be computed (`problem`) count nowhere, as in every sum.
 * @example moneyOf(rows, { base: 'USD', table }, 'America/New_York')
 * // { netByCurrency: [{ currency: 'EUR', netPnl: 100 }, { currency: 'USD', netPnl: 50 }],
 * //   converted: { currency: 'USD', netPnl: 158.42, rates: [EURUSD 1.0842 on 2025-03-04] }, rows: [...], currency: 'USD' }
 */
export function moneyOf(
	rows: readonly TradeRow[],
	fx: FxSettings,
	zone: string
): MoneyByCurrency & { rows: readonly TradeRow[] | null; currency: string | null } {
	const totals = new CurrencyTotals();
	let unknown = 0;
	let unknownCount = 0;
	for (const r of rows) {
		if (r.problem !== null) continue;
		if (r.currency === null) {
			unknown += Math.round(r.netPnl * 100);
			unknownCount++;
		} else totals.add(r.currency, r.netPnl);
	}
	const netByCurrency: MoneyByCurrency['netByCurrency'] = totals
		.list()
		.map((t) => ({ currency: t.currency, netPnl: t.amount }));
	if (unknownCount > 0) netByCurrency.push({ currency: null, netPnl: unknown / 100 });
	if (netByCurrency.length <= 1)
		return { netByCurrency, converted: null, rows, currency: netByCurrency[0]?.currency ?? null };
	if (fx.base === null) return { netByCurrency, converted: null, rows: null, currency: null };
	if (unknownCount > 0)
		return {
			netByCurrency,
			converted: {
				problem: `${unknownCount} trades are in an account this mode does not know, so in no currency`
			},
			rows: null,
			currency: null
		};
	const converted = convertRows(rows, fx.base, fx.table, zone);
	if ('problem' in converted) return { netByCurrency, converted, rows: null, currency: null };
	let cents = 0;
	for (const r of converted.rows) if (r.problem === null) cents += Math.round(r.netPnl * 100);
	return {
		netByCurrency,
		converted: { currency: fx.base, netPnl: cents / 100, rates: converted.rates },
		rows: converted.rows,
		currency: fx.base
	};
}

/**
 * The rows with their money figures (P&L, costs, risk) in `base`, each at the rate of its day
 * (tradeDay); rows in `base` are kept as they are. R multiples do not change: a ratio has no
 * currency. Refuses with the first missing rate.
 */
export function convertRows(
	rows: readonly TradeRow[],
	base: string,
	table: RateTable,
	zone: string
): { rows: TradeRow[]; rates: UsedRate[] } | { problem: string } {
	const lookup = rateLookup(base, table);
	const used = new Map<string, UsedRate>();
	const out: TradeRow[] = [];
	for (const r of rows) {
		if (r.currency === base || r.problem !== null) {
			out.push(r);
			continue;
		}
		if (r.currency === null) return { problem: `trade ${r.id} is in an account with no currency` };
		const rate = lookup(r.currency, tradeDay(r, zone));
		if ('problem' in rate) return rate;
		if (rate.used) used.set(`${rate.used.pair}|${rate.used.date}|${rate.used.inverse}`, rate.used);
		const c = rate.convert;
		out.push({
			...r,
			currency: base,
			grossPnl: c(r.grossPnl),
			commission: c(r.commission),
			fees: c(r.fees),
			netPnl: c(r.netPnl),
			risk: r.risk === null ? null : c(r.risk)
		});
	}
	return { rows: out, rates: sortRates(used.values()) };
}

/**
 * The rows a figure counts: where `rows`' closed trades span several currencies and `money`
 * (moneyOf of the closed ones) converted them, the converted closed rows and the open rows as
 * they are (open trades count in no money figure); else `rows` themselves.
 */
export function countedRows(
	rows: readonly TradeRow[],
	money: Pick<ReturnType<typeof moneyOf>, 'rows' | 'currency' | 'netByCurrency'>
): readonly TradeRow[] {
	if (money.rows === null || money.currency === null || money.netByCurrency.length <= 1) return rows;
	return [...money.rows, ...rows.filter((r) => r.open)];
}
