/**
 * Portfolios: list, save and delete the mode's groups of accounts, and turn a filter's portfolio
 * into the accounts it stands for. Portfolios are a setting in the mode's `meta` (so backups hold
 * them and every committed save is announced to the other tabs as a `meta` change); the accounts
 * they name are checked against the mode's accounts when saved and again whenever they are read.
 */
import type { PortfoliosApi, SavePortfolioResult } from './contract';
import type { Mode } from '$lib/core/model/mode';
import { resolvePortfolio, validatePortfolio, withAccounts, type Portfolio } from '$lib/core/model/portfolio';
import type { TradeFilter } from '$lib/core/trades/query';
import { listAccounts } from '$lib/db/accounts';
import type { FillbookDb } from '$lib/db/schema';
import { readSetting, writeSetting } from '$lib/db/settings';

/**
 * The mode's portfolios as they stand now, by name: accounts the mode no longer has are left out
 * (what is stored keeps them, so an account added back, as re-importing after an undo does,
 * returns to its portfolios).
 */
export async function currentPortfolios(d: FillbookDb): Promise<Portfolio[]> {
	const [stored, accounts] = await Promise.all([readSetting(d, 'portfolios'), listAccounts(d)]);
	return byName(withAccounts(stored, new Set(accounts.map((a) => a.id))));
}

/**
 * `filter` with its portfolio resolved to that portfolio's current accounts (see
 * resolvePortfolio), ready for `passes`; a filter without one comes back as it is, unread.
 * Every engine method that filters trades calls this first.
 */
export async function portfolioFilter(d: FillbookDb, filter: TradeFilter): Promise<TradeFilter> {
	if (!filter.portfolio) return filter;
	return resolvePortfolio(filter, await currentPortfolios(d));
}

const byName = (list: Portfolio[]) =>
	list.sort(
		(a, b) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) || (a.id < b.id ? -1 : 1)
	);

export function createPortfolios(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>, mode?: Mode) => Promise<T>
): PortfoliosApi {
	return {
		listPortfolios(mode: Mode): Promise<Portfolio[]> {
			return currentPortfolios(db(mode));
		},

		savePortfolio(mode: Mode, input): Promise<SavePortfolioResult> {
			return write(async () => {
				const d = db(mode);
				const [stored, accounts] = await Promise.all([readSetting(d, 'portfolios'), listAccounts(d)]);
				const checked = validatePortfolio(input, { portfolios: stored, accounts: accounts.map((a) => a.id) });
				if (!checked.ok) return checked;
				const portfolio: Portfolio = {
					id: checked.value.id ?? crypto.randomUUID(),
					name: checked.value.name,
					accountIds: checked.value.accountIds
				};
				await writeSetting(
					d,
					'portfolios',
					byName([...stored.filter((p) => p.id !== portfolio.id), portfolio])
				);
				return { ok: true, portfolio } as const;
			}, mode);
		},

		removePortfolio(mode: Mode, id: string) {
			return write(async () => {
				const d = db(mode);
				const stored = await readSetting(d, 'portfolios');
				if (!stored.some((p) => p.id === id))
					return {
						ok: false,
						message: 'This portfolio no longer exists (deleted in another tab?).'
					} as const;
				await writeSetting(
					d,
					'portfolios',
					stored.filter((p) => p.id !== id)
				);
				return { ok: true } as const;
			}, mode);
		}
	};
}
