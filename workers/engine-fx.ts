/**
 * The FX rates of a mode, for converting totals in several currencies into its base currency:
 * the rates the user typed (Settings) and the daily closes of FX bar files (symbols such as
 * `EURUSD`, `EUR/USD`, `EURUSD=X`) imported as bars. Built once per query, and only for a query
 * whose trades span several currencies: single-currency data never reads a bar.
 */
import { barRates, fxPairOf, RateTable, type SourcedRate } from '$lib/core/money/fx';
import type { FxSettings } from '$lib/core/money/trades';
import type { Mode } from '$lib/core/model/mode';
import { finestSpacing, preferredBars } from '$lib/core/prices/bar-sources';
import { dayKey, type TradeRow } from '$lib/core/trades/query';
import { symbolBarFiles } from '$lib/db/bars';
import { allImports } from '$lib/db/imports';
import type { FillbookDb } from '$lib/db/schema';
import { readSetting } from '$lib/db/settings';
import { barChunkSymbols } from '$lib/db/symbols';

/** The stored symbols that name a currency pair (FX bar files), sorted. */
export async function fxSymbols(d: FillbookDb): Promise<string[]> {
	return (await barChunkSymbols(d)).filter((s) => fxPairOf(s) !== null);
}

/**
 * The base currency and every rate of the mode: typed ones and FX bar files' daily closes (the
 * day of a bar in `zone`, as trades' days are), each naming its file.
 */
export async function fxSettings(d: FillbookDb, zone: string): Promise<FxSettings> {
	const [base, typed, symbols] = await Promise.all([
		readSetting(d, 'baseCurrency'),
		readSetting(d, 'fxRates'),
		fxSymbols(d)
	]);
	const rates: SourcedRate[] = typed.map((r) => ({ ...r, source: { kind: 'typed' } }));
	if (symbols.length > 0) {
		const files = new Map((await allImports(d)).map((row) => [row.id, row.fileName]));
		for (const symbol of symbols) {
			const stored = await symbolBarFiles(d, symbol);
			const spacing = finestSpacing(stored);
			if (spacing === null) continue;
			const bars = preferredBars(stored, spacing);
			const fileAt = (i: number) => files.get(bars.importAt(i)) ?? bars.importAt(i);
			rates.push(...barRates(symbol, fileAt, bars, (t) => dayKey(t, zone)));
		}
	}
	return { base, table: new RateTable(rates) };
}

/** Whether rows are in more than one currency (an unknown one counts as its own). */
export function severalCurrencies(rows: readonly TradeRow[]): boolean {
	let first: string | null | undefined;
	for (const r of rows) {
		if (r.problem !== null) continue;
		if (first === undefined) first = r.currency;
		else if (r.currency !== first) return true;
	}
	return false;
}

/** The mode's FX settings, read only when the rows need them (else none, without a read). */
export async function fxFor(
	db: (mode: Mode) => FillbookDb,
	mode: Mode,
	zone: string,
	rows: readonly TradeRow[]
): Promise<FxSettings> {
	return severalCurrencies(rows) ? fxSettings(db(mode), zone) : { base: null, table: new RateTable([]) };
}
