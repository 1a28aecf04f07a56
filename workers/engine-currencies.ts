/**
 * Currencies settings of a mode: its base currency and typed FX rates (meta rows, so in its
 * backups), checked before they are stored. Totals read them per query (engine-fx.ts).
 */
import type { CurrenciesApi, CurrencySettings } from './contract/currencies';
import type { Result } from './contract/journal';
import { isCurrencyCode, validateFxRate, type FxRate } from '$lib/core/money/fx';
import type { Mode } from '$lib/core/model/mode';
import { listAccounts } from '$lib/db/accounts';
import type { FillbookDb } from '$lib/db/schema';
import { readSetting, writeSetting } from '$lib/db/settings';
import { fxSymbols } from './engine-fx';

const order = (a: FxRate, b: FxRate) => {
	const x = `${a.base}${a.quote}${a.date}`;
	const y = `${b.base}${b.quote}${b.date}`;
	return x < y ? -1 : x > y ? 1 : 0;
};

export function createCurrencies(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>
): CurrenciesApi {
	return {
		async currencySettings(mode: Mode): Promise<CurrencySettings> {
			const d = db(mode);
			const [baseCurrency, fxRates, accounts, symbols] = await Promise.all([
				readSetting(d, 'baseCurrency'),
				readSetting(d, 'fxRates'),
				listAccounts(d),
				fxSymbols(d)
			]);
			return {
				baseCurrency,
				fxRates: [...fxRates].sort(order),
				accountCurrencies: [...new Set(accounts.map((a) => a.currency))].sort(),
				fxSymbols: symbols
			};
		},

		setBaseCurrency(mode: Mode, code: string | null): Promise<Result> {
			if (code !== null && !isCurrencyCode(code))
				return Promise.resolve({
					ok: false,
					message: `"${String(code)}" is not a three-letter currency code such as USD.`
				});
			return write(async () => {
				await writeSetting(db(mode), 'baseCurrency', code);
				return { ok: true } as const;
			}, mode);
		},

		addFxRate(mode: Mode, rate: FxRate): Promise<Result> {
			const checked = validateFxRate({ ...rate });
			if (!checked.ok)
				return Promise.resolve({ ok: false, message: `Rate not added: ${checked.errors.join('; ')}.` });
			const r = checked.value;
			return write(async () => {
				const d = db(mode);
				const rest = (await readSetting(d, 'fxRates')).filter(
					(x) => !(x.base === r.base && x.quote === r.quote && x.date === r.date)
				);
				await writeSetting(d, 'fxRates', [...rest, r].sort(order));
				return { ok: true } as const;
			}, mode);
		},

		removeFxRate(mode: Mode, rate: Pick<FxRate, 'base' | 'quote' | 'date'>): Promise<Result> {
			return write(async () => {
				const d = db(mode);
				const all = await readSetting(d, 'fxRates');
				const rest = all.filter(
					(x) => !(x.base === rate.base && x.quote === rate.quote && x.date === rate.date)
				);
				if (rest.length === all.length)
					return { ok: false, message: `No typed ${rate.base}${rate.quote} rate on ${rate.date}.` } as const;
				await writeSetting(d, 'fxRates', rest);
				return { ok: true } as const;
			}, mode);
		}
	};
}
