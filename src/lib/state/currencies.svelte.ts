import type { CurrencySettings } from '$workers/contract';
import type { FxRate } from '$lib/core/money/fx';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** What the Currency card reads. */
export interface CurrenciesView {
	settings: CurrencySettings | null;
	/** What the last change did, or why it was refused. */
	message: string | null;
	/** Whether the last message is a refusal. */
	refused: boolean;
}

/** Currencies offered as a base besides the accounts' own. */
export const COMMON_CURRENCIES = [
	'USD',
	'EUR',
	'GBP',
	'JPY',
	'CHF',
	'CAD',
	'AUD',
	'INR',
	'HKD',
	'SGD'
] as const;

/**
 * The current mode's base currency and typed FX rates, changed through the engine (the single
 * writer). Answers that arrive after the mode changed are dropped.
 */
export class CurrenciesState {
	readonly #view = new View<CurrenciesView>(() => ({ settings: null, message: null, refused: false }));

	get view(): Readonly<CurrenciesView> {
		return this.#view.current;
	}

	/** The base currencies offered: the accounts' currencies first, then common ones. */
	get choices(): string[] {
		const own = this.view.settings?.accountCurrencies ?? [];
		const base = this.view.settings?.baseCurrency;
		const all = [...own, ...(base ? [base] : []), ...COMMON_CURRENCIES];
		return all.filter((code, i) => all.indexOf(code) === i);
	}

	/** Reads the settings (from an effect: again when another tab changes them or imports bars). */
	async refresh(): Promise<void> {
		changes.track(['meta', 'accounts', 'barChunks']);
		const asked: Mode = mode.current;
		const settings = await engine.currencySettings();
		if (asked !== mode.current) return;
		this.#view.set({ settings });
	}

	async setBase(code: string | null): Promise<void> {
		const result = await engine.setBaseCurrency(code);
		this.#view.set(
			result.ok
				? {
						message:
							code === null ? 'No base currency: totals per currency only.' : `Base currency: ${code}.`,
						refused: false
					}
				: { message: result.message, refused: true }
		);
		await this.refresh();
	}

	/** Adds a rate typed in the card's fields (the rate as text, `1.0842` or `1,0842`). */
	async addRate(input: { base: string; quote: string; date: string; rate: string }): Promise<boolean> {
		const text = input.rate.trim().replace(',', '.');
		const rate = /^\d+(\.\d+)?$|^\.\d+$/.test(text) ? Number(text) : NaN;
		const fx: FxRate = {
			base: input.base.trim().toUpperCase(),
			quote: input.quote.trim().toUpperCase(),
			date: input.date,
			rate
		};
		const result = await engine.addFxRate(fx);
		this.#view.set(
			result.ok
				? { message: `Added ${fx.base}${fx.quote} ${fx.rate} on ${fx.date}.`, refused: false }
				: { message: result.message, refused: true }
		);
		await this.refresh();
		return result.ok;
	}

	async removeRate(rate: FxRate): Promise<void> {
		const result = await engine.removeFxRate(rate);
		this.#view.set(
			result.ok
				? { message: `Removed ${rate.base}${rate.quote} on ${rate.date}.`, refused: false }
				: { message: result.message, refused: true }
		);
		await this.refresh();
	}

	reset(): void {
		this.#view.reset();
	}
}
