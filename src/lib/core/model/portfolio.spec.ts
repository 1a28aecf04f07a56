import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_FILTER, NO_ACCOUNT, passes, type FilterSubject } from '../trades/query';
import {
	acceptPortfolios,
	MAX_PORTFOLIO_NAME,
	resolvePortfolio,
	validatePortfolio,
	withAccounts,
	type Portfolio
} from './portfolio';

const accounts = ['das trader|TR1', 'tradezero|TZ9', 'interactive brokers|U123'];
const day: Portfolio = { id: 'p1', name: 'Day trading', accountIds: ['das trader|TR1', 'tradezero|TZ9'] };

describe('validatePortfolio', () => {
	it('trims the name and keeps the accounts once each, in the accounts’ order', () => {
		expect(
			validatePortfolio(
				{ name: '  Day   trading ', accountIds: ['tradezero|TZ9', 'das trader|TR1', 'tradezero|TZ9'] },
				{ portfolios: [], accounts }
			)
		).toEqual({ ok: true, value: { name: 'Day trading', accountIds: ['das trader|TR1', 'tradezero|TZ9'] } });
	});

	it('names every problem: no name, no account', () => {
		expect(validatePortfolio({ name: ' ', accountIds: [] }, { portfolios: [], accounts })).toEqual({
			ok: false,
			errors: [
				{ field: 'name', message: 'A portfolio needs a name.' },
				{ field: 'accountIds', message: 'Tick at least one account for the portfolio.' }
			]
		});
	});

	it('refuses a name longer than 60 characters, and takes one of exactly 60', () => {
		const long = validatePortfolio(
			{ name: 'x'.repeat(61), accountIds: [accounts[0]!] },
			{ portfolios: [], accounts }
		);
		expect(long).toEqual({
			ok: false,
			errors: [{ field: 'name', message: "A portfolio's name is at most 60 characters (this one has 61)." }]
		});
		expect(
			validatePortfolio(
				{ name: 'x'.repeat(MAX_PORTFOLIO_NAME), accountIds: [accounts[0]!] },
				{ portfolios: [], accounts }
			).ok
		).toBe(true);
	});

	it('refuses another portfolio’s name whatever its case, but lets a portfolio keep its own', () => {
		expect(
			validatePortfolio({ name: 'DAY TRADING', accountIds: [accounts[2]!] }, { portfolios: [day], accounts })
		).toEqual({
			ok: false,
			errors: [{ field: 'name', message: 'Another portfolio is already called “Day trading”.' }]
		});
		expect(
			validatePortfolio(
				{ id: 'p1', name: 'day trading', accountIds: [accounts[2]!] },
				{ portfolios: [day], accounts }
			)
		).toEqual({ ok: true, value: { id: 'p1', name: 'day trading', accountIds: [accounts[2]] } });
	});

	it('refuses accounts the mode does not have, naming them', () => {
		expect(
			validatePortfolio(
				{ name: 'X', accountIds: ['das trader|TR1', 'gone|G1'] },
				{ portfolios: [], accounts }
			)
		).toEqual({
			ok: false,
			errors: [{ field: 'accountIds', message: 'This account does not exist in this mode: gone|G1.' }]
		});
	});

	it('refuses to save over a portfolio that no longer exists', () => {
		expect(
			validatePortfolio({ id: 'p9', name: 'X', accountIds: [accounts[0]!] }, { portfolios: [day], accounts })
		).toEqual({
			ok: false,
			errors: [{ field: 'id', message: 'This portfolio no longer exists (deleted in another tab?).' }]
		});
	});

	it('lets one account be in several portfolios', () => {
		expect(
			validatePortfolio({ name: 'All DAS', accountIds: ['das trader|TR1'] }, { portfolios: [day], accounts })
				.ok
		).toBe(true);
	});

	it('always returns a subset of the mode’s accounts, in their order, without repeats', () => {
		fc.assert(
			fc.property(
				fc.array(fc.constantFrom(...accounts, 'gone|X'), { maxLength: 8 }),
				fc.string(),
				(ids, name) => {
					const result = validatePortfolio({ name, accountIds: ids }, { portfolios: [day], accounts });
					if (!result.ok) return;
					expect(result.value.accountIds).toEqual(accounts.filter((a) => ids.includes(a)));
					expect(result.value.name.length).toBeGreaterThan(0);
					expect(result.value.name.length).toBeLessThanOrEqual(MAX_PORTFOLIO_NAME);
					expect(result.value.name.toLowerCase()).not.toBe(day.name.toLowerCase());
				}
			)
		);
	});
});

describe('withAccounts', () => {
	it('leaves out removed accounts and keeps a portfolio left with none, empty', () => {
		const long: Portfolio = { id: 'p2', name: 'Long term', accountIds: ['interactive brokers|U123'] };
		expect(withAccounts([day, long], new Set(['das trader|TR1']))).toEqual([
			{ id: 'p1', name: 'Day trading', accountIds: ['das trader|TR1'] },
			{ id: 'p2', name: 'Long term', accountIds: [] }
		]);
	});
});

describe('resolvePortfolio', () => {
	const subject = (accountId: string): FilterSubject => ({
		direction: 'long',
		open: false,
		netPnl: 1,
		accountId,
		symbol: 'AAPL',
		openTime: 0,
		closeTime: 1
	});

	it('turns the portfolio into its accounts', () => {
		expect(resolvePortfolio({ ...EMPTY_FILTER, portfolio: 'p1' }, [day])).toEqual({
			...EMPTY_FILTER,
			accounts: ['das trader|TR1', 'tradezero|TZ9']
		});
	});

	it('narrows to the accounts the filter also names', () => {
		expect(
			resolvePortfolio({ ...EMPTY_FILTER, portfolio: 'p1', accounts: ['tradezero|TZ9', 'x|1'] }, [day])
				.accounts
		).toEqual(['tradezero|TZ9']);
	});

	it('lets nothing through for an unknown or empty portfolio, or one sharing no account with the filter', () => {
		const empty: Portfolio = { id: 'p3', name: 'Empty', accountIds: [] };
		for (const f of [
			{ ...EMPTY_FILTER, portfolio: 'nope' },
			{ ...EMPTY_FILTER, portfolio: 'p3' },
			{ ...EMPTY_FILTER, portfolio: 'p1', accounts: ['interactive brokers|U123'] }
		]) {
			const resolved = resolvePortfolio(f, [day, empty]);
			expect(resolved.accounts).toEqual([NO_ACCOUNT]);
			for (const a of accounts) expect(passes(subject(a), resolved, 'UTC')).toBe(false);
		}
	});

	it('returns a filter without a portfolio as it is (also one stored before portfolios existed)', () => {
		const f = { ...EMPTY_FILTER, side: 'long' as const };
		expect(resolvePortfolio(f, [day])).toBe(f);
		const { portfolio: _, ...old } = f;
		expect(resolvePortfolio(old as typeof f, [day])).toBe(old);
	});

	it('lets through exactly the subjects of the portfolio’s accounts', () => {
		fc.assert(
			fc.property(fc.subarray(accounts), fc.constantFrom(...accounts, 'other|O1'), (members, account) => {
				const p: Portfolio = { id: 'p', name: 'P', accountIds: members };
				const resolved = resolvePortfolio({ ...EMPTY_FILTER, portfolio: 'p' }, [p]);
				expect(passes(subject(account), resolved, 'UTC')).toBe(members.includes(account));
			})
		);
	});

	it('passes() lets nothing through a filter whose portfolio was not resolved', () => {
		expect(passes(subject(accounts[0]!), { ...EMPTY_FILTER, portfolio: 'p1' }, 'UTC')).toBe(false);
	});
});

describe('acceptPortfolios', () => {
	it('keeps well-formed entries once by id, and reads a non-list as unreadable', () => {
		expect(
			acceptPortfolios([
				day,
				{ ...day, name: 'Twice' },
				{ id: 'p2', name: 'Bad', accountIds: [1] },
				null,
				{ id: 'p3', name: 'Dup accounts', accountIds: ['a', 'a'] }
			])
		).toEqual([day, { id: 'p3', name: 'Dup accounts', accountIds: ['a'] }]);
		expect(acceptPortfolios({ p1: day })).toBeNull();
	});
});
