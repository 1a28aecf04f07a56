/**
 * A portfolio is a named group of a mode's accounts ("Day trading" = the DAS and TradeZero
 * accounts; "Long term" = the IBKR one). It is a view over accounts, not a place executions go:
 * an account may be in several portfolios or in none, and a portfolio holds no money of its own.
 * Filters and reports take a portfolio and mean "the trades of its accounts, as they are now".
 */
import { NO_ACCOUNT, type TradeFilter } from '../trades/query';

export interface Portfolio {
	/** Stable id (a random UUID, as the engine makes ids of the user's own records). */
	readonly id: string;
	/** As the user names it, trimmed; unique in its mode whatever the case. */
	readonly name: string;
	/** Ids of its accounts (see accountId), in the order of the mode's accounts; none repeated. */
	readonly accountIds: readonly string[];
}

/** What the Settings card sends to save a portfolio: no id for a new one. */
export interface PortfolioInput {
	id?: string;
	name: string;
	accountIds: readonly string[];
}

/** A field-level problem with a portfolio input. */
export interface PortfolioError {
	field: 'name' | 'accountIds' | 'id';
	message: string;
}

/** The longest name a portfolio may have (it shows in a select and a chip). */
export const MAX_PORTFOLIO_NAME = 60;

/**
 * Checks a portfolio input against the mode's portfolios and accounts and returns it cleaned
 * (name trimmed with inner blanks collapsed, account ids once each in the accounts' order), or
 * every problem. Nothing is defaulted or dropped silently: an unknown account is an error.
 * `accounts` are the mode's account ids in their order (the Settings list's).
 * @example validatePortfolio({ name: ' Day  trading ', accountIds: ['das|TR1'] }, { portfolios: [], accounts: ['das|TR1'] })
 * // { ok: true, value: { name: 'Day trading', accountIds: ['das|TR1'] } }
 */
export function validatePortfolio(
	input: PortfolioInput,
	context: { portfolios: readonly Portfolio[]; accounts: readonly string[] }
):
	| { ok: true; value: { id?: string; name: string; accountIds: string[] } }
	| { ok: false; errors: PortfolioError[] } {
	const errors: PortfolioError[] = [];
	const name = String(input.name ?? '')
		.trim()
		.replace(/\s+/g, ' ');
	if (input.id !== undefined && !context.portfolios.some((p) => p.id === input.id))
		errors.push({ field: 'id', message: 'This portfolio no longer exists (deleted in another tab?).' });
	if (name === '') errors.push({ field: 'name', message: 'A portfolio needs a name.' });
	else if (name.length > MAX_PORTFOLIO_NAME)
		errors.push({
			field: 'name',
			message: `A portfolio's name is at most ${MAX_PORTFOLIO_NAME} characters (this one has ${name.length}).`
		});
	else {
		const same = context.portfolios.find(
			(p) => p.id !== input.id && p.name.toLowerCase() === name.toLowerCase()
		);
		if (same) errors.push({ field: 'name', message: `Another portfolio is already called “${same.name}”.` });
	}
	// The input crosses the worker boundary: a list that is not one counts as no account.
	const listed: readonly unknown[] = Array.isArray(input.accountIds) ? input.accountIds : [];
	const wanted = new Set(listed.filter((id): id is string => typeof id === 'string'));
	const unknown = [...wanted].filter((id) => !context.accounts.includes(id));
	if (unknown.length > 0)
		errors.push({
			field: 'accountIds',
			message: `${unknown.length === 1 ? 'This account does' : 'These accounts do'} not exist in this mode: ${unknown.join(', ')}.`
		});
	else if (wanted.size === 0)
		errors.push({ field: 'accountIds', message: 'Tick at least one account for the portfolio.' });
	if (errors.length > 0) return { ok: false, errors };
	const accountIds = context.accounts.filter((id) => wanted.has(id));
	return { ok: true, value: { ...(input.id === undefined ? {} : { id: input.id }), name, accountIds } };
}

/**
 * The portfolios as they stand: accounts the mode no longer has are left out (removed in
 * Settings, or taken away with the import that created them). A portfolio left with no account
 * is kept, empty, so its name and any filter by it stay meaningful until the user deletes it.
 * @example withAccounts([{ id: 'p', name: 'Day', accountIds: ['a', 'gone'] }], new Set(['a']))
 * // [{ id: 'p', name: 'Day', accountIds: ['a'] }]
 */
export function withAccounts(portfolios: readonly Portfolio[], accounts: ReadonlySet<string>): Portfolio[] {
	return portfolios.map((p) =>
		p.accountIds.every((id) => accounts.has(id))
			? p
			: { ...p, accountIds: p.accountIds.filter((id) => accounts.has(id)) }
	);
}

/**
 * A filter with its portfolio turned into the accounts it stands for now, so `passes` can judge
 * it: the portfolio's accounts, narrowed by the filter's own accounts when it has some. A
 * portfolio that is unknown, empty, or shares no account with the filter's lets nothing through
 * (its accounts become [NO_ACCOUNT]), never everything. A filter without a portfolio is
 * returned as it is.
 * @example resolvePortfolio({ ...EMPTY_FILTER, portfolio: 'p' }, [{ id: 'p', name: 'Day', accountIds: ['a', 'b'] }])
 * // { ...EMPTY_FILTER, portfolio: '', accounts: ['a', 'b'] }
 */
export function resolvePortfolio(filter: TradeFilter, portfolios: readonly Portfolio[]): TradeFilter {
	// Filters stored before portfolios existed have no such field.
	if (!filter.portfolio) return filter;
	const ids = portfolios.find((p) => p.id === filter.portfolio)?.accountIds ?? [];
	const narrowed = filter.accounts.length > 0 ? ids.filter((id) => filter.accounts.includes(id)) : ids;
	return { ...filter, portfolio: '', accounts: narrowed.length > 0 ? [...narrowed] : [NO_ACCOUNT] };
}

/**
 * Stored portfolios as read back (a setting, a backup): the well-formed entries, each once by
 * id; null when the value is not a list at all.
 */
export function acceptPortfolios(stored: unknown): Portfolio[] | null {
	if (!Array.isArray(stored)) return null;
	const seen = new Set<string>();
	const out: Portfolio[] = [];
	for (const p of stored as unknown[]) {
		if (typeof p !== 'object' || p === null) continue;
		const { id, name, accountIds } = p as Record<string, unknown>;
		if (typeof id !== 'string' || id === '' || seen.has(id) || typeof name !== 'string') continue;
		if (!Array.isArray(accountIds) || !accountIds.every((a): a is string => typeof a === 'string')) continue;
		seen.add(id);
		out.push({ id, name, accountIds: [...new Set(accountIds)] });
	}
	return out;
}
