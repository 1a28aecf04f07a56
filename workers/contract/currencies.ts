/** Currencies: the mode's base currency, the FX rates the user typed, and what else could serve. */
import type { FxRate } from '$lib/core/money/fx';
import type { Mode } from '$lib/core/model/mode';
import type { Result } from './journal';

/** What the Currency card shows. */
export interface CurrencySettings {
	/** The currency totals are converted into; null: totals per currency only. */
	baseCurrency: string | null;
	/** The typed rates, in pair then date order. */
	fxRates: FxRate[];
	/** The currencies the mode's accounts use, sorted. */
	accountCurrencies: string[];
	/** Stored bar symbols naming a currency pair (their daily closes serve as rates), sorted. */
	fxSymbols: string[];
}

export interface CurrenciesApi {
	currencySettings(mode: Mode): Promise<CurrencySettings>;
	/** Sets the base currency (ISO 4217), or with null converts nothing. */
	setBaseCurrency(mode: Mode, code: string | null): Promise<Result>;
	/** Adds a typed rate (replacing one of the same pair and day). */
	addFxRate(mode: Mode, rate: FxRate): Promise<Result>;
	/** Removes the typed rate of a pair on a day. */
	removeFxRate(mode: Mode, rate: Pick<FxRate, 'base' | 'quote' | 'date'>): Promise<Result>;
}
