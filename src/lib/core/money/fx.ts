/**
 * Currencies and FX rates. Every amount carries its currency; amounts in two currencies are never
 * added as if they were one. They are totalled per currency, and converted into a base currency
 * only with a rate the user gave: a typed rate (Settings) or the daily close of an FX bar file
 * (`EURUSD`, `EUR/USD`, `EURUSD=X`) imported on the Import page.
 *
 * A conversion on a day takes the latest rate on or before that day, never a later one, and says
 * which it took. A pair's inverse is allowed (USD→EUR from EURUSD is 1 / rate); a cross through a
 * third currency is not made up: without a rate between the two currencies, conversion is refused
 * with the reason.
 *
 * Amounts are numbers in whole cents of their currency (see model/money.ts); a converted amount is
 * amount × rate computed exactly (ExactSum) and rounded to the cent once, half away from zero.
 */
import { ExactSum } from '../trades/decimal';

/** A rate the user typed: 1 `base` = `rate` `quote` on `date` (`YYYY-MM-DD`). */
export interface FxRate {
	base: string;
	quote: string;
	/** The day the rate is for, `YYYY-MM-DD`; it applies from that day until the next rate. */
	date: string;
	/** Units of `quote` for one `base`; finite and > 0. */
	rate: number;
}

/** Where a rate came from: typed in Settings, or a bar file's daily close (the file's name). */
export type RateSource = { kind: 'typed' } | { kind: 'bars'; file: string };

/** A rate of the table with its source. */
export interface SourcedRate extends FxRate {
	source: RateSource;
}

/**
 * A rate a conversion used: the pair as stored (`EURUSD`), its day, its rate and source, and
 * whether it was used inverted (USD→EUR from EURUSD).
 */
export interface UsedRate {
	pair: string;
	date: string;
	rate: number;
	source: RateSource;
	inverse: boolean;
}

/** Whether a text is a currency code as ISO 4217 writes them: three capital letters. */
export function isCurrencyCode(x: unknown): x is string {
	return typeof x === 'string' && /^[A-Z]{3}$/.test(x);
}

/** Whether a text is a real calendar day `YYYY-MM-DD` (2025-02-30 is not). */
export function isDay(x: unknown): x is string {
	if (typeof x !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(x)) return false;
	const [y, m, d] = x.split('-').map(Number) as [number, number, number];
	const t = new Date(Date.UTC(y, m - 1, d));
	return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * Checks a typed rate and returns it cleaned (codes upper-cased, trimmed), or what is wrong with it.
 * Nothing is defaulted.
 * @example validateFxRate({ base: 'eur', quote: 'USD', date: '2025-03-04', rate: 1.0842 })
 * // { ok: true, value: { base: 'EUR', quote: 'USD', date: '2025-03-04', rate: 1.0842 } }
 */
export function validateFxRate(
	input: Record<string, unknown>
): { ok: true; value: FxRate } | { ok: false; errors: string[] } {
	const code = (x: unknown) => (typeof x === 'string' ? x.trim().toUpperCase() : '');
	const shown = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');
	const base = code(input.base);
	const quote = code(input.quote);
	const date = typeof input.date === 'string' ? input.date.trim() : '';
	const rate = input.rate;
	const errors: string[] = [];
	if (!isCurrencyCode(base))
		errors.push(`"${shown(input.base)}" is not a three-letter currency code such as EUR`);
	if (!isCurrencyCode(quote))
		errors.push(`"${shown(input.quote)}" is not a three-letter currency code such as USD`);
	if (errors.length === 0 && base === quote) errors.push(`a rate needs two currencies, not ${base} twice`);
	if (!isDay(date)) errors.push(`"${shown(input.date)}" is not a date such as 2025-03-04`);
	if (typeof rate !== 'number' || !Number.isFinite(rate) || rate <= 0)
		errors.push(`the rate must be a number above 0 (got ${String(rate)})`);
	return errors.length > 0
		? { ok: false, errors }
		: { ok: true, value: { base, quote, date, rate: rate as number } };
}

/**
 * The currency pair an FX symbol names, or null when it names none: `EURUSD`, `EUR/USD`,
 * `EUR.USD`, `EURUSD=X` (Yahoo), `C:EURUSD` (Polygon), any case.
 * @example fxPairOf('EURUSD=X') // { base: 'EUR', quote: 'USD' }
 * @example fxPairOf('AAPL') // null
 */
export function fxPairOf(symbol: string): { base: string; quote: string } | null {
	const m = /^(?:C:)?([a-z]{3})[/.]?([a-z]{3})(?:=X)?$/i.exec(symbol.trim());
	if (!m) return null;
	const base = m[1]!.toUpperCase();
	const quote = m[2]!.toUpperCase();
	return base === quote ? null : { base, quote };
}

/** A rate in words: `EURUSD 1.0842 on 2025-03-04, typed` (inverse ones say so). */
export function rateText(r: UsedRate): string {
	const source = r.source.kind === 'typed' ? 'typed' : r.source.file;
	return `${r.pair} ${r.rate} on ${r.date}, ${source}${r.inverse ? ', inverted' : ''}`;
}

/**
 * The rates of a conversion in words: each rate once when few were used, else per pair the
 * count and the first and last (`EURUSD: 23 daily rates 2025-01-02 (1.0312) to 2025-03-04 (1.0842), EURUSD.csv`).
 */
export function ratesText(rates: readonly UsedRate[]): string {
	if (rates.length <= 3) return rates.map(rateText).join('; ');
	const byPair = new Map<string, UsedRate[]>();
	for (const r of rates) byPair.set(r.pair, [...(byPair.get(r.pair) ?? []), r]);
	return [...byPair.values()]
		.map((list) => {
			if (list.length <= 2) return list.map(rateText).join('; ');
			const sorted = [...list].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
			const first = sorted[0]!;
			const last = sorted[sorted.length - 1]!;
			const sources = [...new Set(list.map((r) => (r.source.kind === 'typed' ? 'typed' : r.source.file)))];
			return `${first.pair}: ${list.length} rates ${first.date} (${first.rate}) to ${last.date} (${last.rate}), ${sources.join(', ')}`;
		})
		.join('; ');
}

/** One pair's rates in day order. */
interface PairRates {
	days: string[];
	rates: SourcedRate[];
}

/**
 * The rates a conversion may use, built once per query: per pair, sorted by day, so a lookup is
 * a binary search. On one day a typed rate wins over a bar file's close (the user said so), and of
 * two typed rates the later in the list.
 */
export class RateTable {
	readonly #pairs = new Map<string, PairRates>();

	constructor(rates: readonly SourcedRate[]) {
		const byPair = new Map<string, Map<string, SourcedRate>>();
		for (const r of rates) {
			const pair = r.base + r.quote;
			let days = byPair.get(pair);
			if (!days) byPair.set(pair, (days = new Map<string, SourcedRate>()));
			const held = days.get(r.date);
			if (!held || r.source.kind === 'typed' || held.source.kind !== 'typed') days.set(r.date, r);
		}
		for (const [pair, days] of byPair) {
			const sorted = [...days.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
			this.#pairs.set(pair, { days: sorted.map((r) => r.date), rates: sorted });
		}
	}

	/** Whether the table holds no rate at all. */
	get empty(): boolean {
		return this.#pairs.size === 0;
	}

	/** The pairs the table has rates for, e.g. `['EURUSD']`. */
	get pairs(): string[] {
		return [...this.#pairs.keys()].sort();
	}

	/**
	 * The rate turning `from` into `to` on `day`: the latest of the pair (or of its inverse) on or
	 * before the day; of the two directions, the later rate, the direct one on a tie. A problem in
	 * words when there is none.
	 * @example new RateTable([eurusd]).rateOn('USD', 'EUR', '2025-03-05')
	 * // { pair: 'EURUSD', date: '2025-03-04', rate: 1.0842, source: { kind: 'typed' }, inverse: true }
	 */
	rateOn(from: string, to: string, day: string): UsedRate | { problem: string } {
		const direct = this.#latest(from + to, day);
		const inverse = this.#latest(to + from, day);
		if (direct && (!inverse || direct.date >= inverse.date))
			return { pair: from + to, date: direct.date, rate: direct.rate, source: direct.source, inverse: false };
		if (inverse)
			return {
				pair: to + from,
				date: inverse.date,
				rate: inverse.rate,
				source: inverse.source,
				inverse: true
			};
		const known = this.#pairs.has(from + to) || this.#pairs.has(to + from);
		return {
			problem: known
				? `no ${from}${to} rate on or before ${day} (the first is later)`
				: `no ${from}${to} rate on or before ${day}`
		};
	}

	#latest(pair: string, day: string): SourcedRate | null {
		const p = this.#pairs.get(pair);
		if (!p) return null;
		// The last day <= day.
		let lo = 0;
		let hi = p.days.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (p.days[mid]! <= day) lo = mid + 1;
			else hi = mid;
		}
		return lo === 0 ? null : p.rates[lo - 1]!;
	}
}

/**
 * An amount converted with a rate, exactly, rounded to the cent once (half away from zero). An
 * inverse rate divides: amount × (1 / rate), with 1 / rate as the nearest double.
 * @example convertAmount(100, { rate: 1.0842, inverse: false }) // 108.42
 */
export function convertAmount(amount: number, rate: Pick<UsedRate, 'rate' | 'inverse'>): number {
	const s = new ExactSum();
	s.add(amount, rate.inverse ? 1 / rate.rate : rate.rate);
	return s.round(2);
}

/** Totals per currency: currency → exact sum, to the cent, of the amounts added. */
export class CurrencyTotals {
	readonly #cents = new Map<string, number>();

	/** Adds an amount (already whole cents of its currency, as a trade's net P&L is). */
	add(currency: string, amount: number): void {
		this.#cents.set(currency, (this.#cents.get(currency) ?? 0) + Math.round(amount * 100));
	}

	/** The currencies, in code order. */
	get currencies(): string[] {
		return [...this.#cents.keys()].sort();
	}

	/** Each currency's total, in code order. */
	list(): { currency: string; amount: number }[] {
		return this.currencies.map((currency) => ({ currency, amount: this.#cents.get(currency)! / 100 }));
	}
}

/** A converted figure: the amount in the base currency and every rate it used. */
export interface Converted {
	currency: string;
	amount: number;
	rates: UsedRate[];
}

/**
 * Converts amounts, each in its currency on its day, into `base`, and sums them to the cent (each
 * converted amount rounded to the cent, then summed exactly). An amount in `base` takes no rate.
 * Refuses, with the first reason, when any amount has no rate.
 * @example convertAll([{ currency: 'EUR', amount: 100, day: '2025-03-05' }], 'USD', table)
 * // { currency: 'USD', amount: 108.42, rates: [{ pair: 'EURUSD', date: '2025-03-04', … }] }
 */
export function convertAll(
	items: Iterable<{ currency: string; amount: number; day: string }>,
	base: string,
	table: RateTable
): Converted | { problem: string } {
	const lookup = rateLookup(base, table);
	let cents = 0;
	const used = new Map<string, UsedRate>();
	for (const item of items) {
		const r = lookup(item.currency, item.day);
		if ('problem' in r) return r;
		cents += Math.round(r.convert(item.amount) * 100);
		if (r.used) used.set(`${r.used.pair}|${r.used.date}|${r.used.inverse}`, r.used);
	}
	return { currency: base, amount: cents / 100, rates: sortRates(used.values()) };
}

/** Rates in pair then day order. */
export function sortRates(rates: Iterable<UsedRate>): UsedRate[] {
	const key = (r: UsedRate) => `${r.pair}|${r.date}|${r.inverse ? 1 : 0}`;
	return [...rates].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * A converter into `base`, caching the rate per (currency, day): a million amounts over a few
 * hundred days do a few hundred lookups. An amount in `base` comes back as it is with no rate.
 */
export function rateLookup(
	base: string,
	table: RateTable
): (
	currency: string,
	day: string
) => { convert: (amount: number) => number; used: UsedRate | null } | { problem: string } {
	const same = { convert: (amount: number) => amount, used: null };
	const cache = new Map<string, ReturnType<ReturnType<typeof rateLookup>>>();
	return (currency, day) => {
		if (currency === base) return same;
		const key = `${currency}|${day}`;
		let hit = cache.get(key);
		if (!hit) {
			const r = table.rateOn(currency, base, day);
			hit = 'problem' in r ? r : { convert: (amount: number) => convertAmount(amount, r), used: r };
			cache.set(key, hit);
		}
		return hit;
	};
}

/**
 * The rates an FX bar file gives: per day (`dayOf` a bar's time), the close of the day's last bar,
 * for the pair its symbol names; none when the symbol names no pair. Bars must be in time order;
 * `file` names the file of each bar (bars layered from several files) or of all.
 * @example barRates('EURUSD', 'eurusd-daily.csv', bars, (t) => dayKey(t, 'UTC'))
 * // [{ base: 'EUR', quote: 'USD', date: '2025-03-03', rate: 1.0485, source: { kind: 'bars', file: 'eurusd-daily.csv' } }, …]
 */
export function barRates(
	symbol: string,
	file: string | ((bar: number) => string),
	bars: { time: ArrayLike<number>; close: ArrayLike<number> },
	dayOf: (time: number) => string
): SourcedRate[] {
	const pair = fxPairOf(symbol);
	if (!pair) return [];
	const fileAt = typeof file === 'string' ? () => file : file;
	const out: SourcedRate[] = [];
	for (let i = 0; i < bars.time.length; i++) {
		const rate = bars.close[i]!;
		if (!Number.isFinite(rate) || rate <= 0) continue;
		const date = dayOf(bars.time[i]!);
		const last = out[out.length - 1];
		const source: RateSource = { kind: 'bars', file: fileAt(i) };
		if (last && last.date === date) Object.assign(last, { rate, source });
		else out.push({ ...pair, date, rate, source });
	}
	return out;
}
