/** Portfolios: named groups of a mode's accounts that filters, reports and positions can take. */
import type { Mode } from '$lib/core/model/mode';
import type { Portfolio, PortfolioError, PortfolioInput } from '$lib/core/model/portfolio';
import type { Result } from './journal';

export type { Portfolio, PortfolioError, PortfolioInput };

export type SavePortfolioResult =
	{ ok: true; portfolio: Portfolio } | { ok: false; errors: PortfolioError[] };

export interface PortfoliosApi {
	/**
	 * The mode's portfolios by name, each with the accounts the mode still has (an account removed
	 * since leaves them; a portfolio left with none is listed empty).
	 */
	listPortfolios(mode: Mode): Promise<Portfolio[]>;
	/** Adds a portfolio (no id) or renames / re-groups the one with its id; problems come back by field. */
	savePortfolio(mode: Mode, input: PortfolioInput): Promise<SavePortfolioResult>;
	/** Deletes a portfolio (its accounts and their trades stay as they are). */
	removePortfolio(mode: Mode, id: string): Promise<Result>;
}
