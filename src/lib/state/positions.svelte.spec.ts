import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PositionAccount, PositionsAnswer } from '$workers/contract';
import { PositionsState, scopeKey, scopeOf } from './positions.svelte';

const engine = vi.hoisted(() => ({ positions: vi.fn() }));
vi.mock('./engine', () => ({ engine }));

const account = (id: string, symbols: string[]) =>
	({ accountId: id, positions: symbols.map((symbol) => ({ symbol })) }) as PositionAccount;
const ANSWER = {
	accounts: [account('a', ['NFLX', 'RIVN']), account('b', ['RIVN'])],
	totals: [{ currency: 'USD', unrealisedPnl: 2, exposure: 1336, positions: 1, unpriced: 2, accounts: 2 }],
	scope: { kind: 'all', name: null },
	held: 2
} as PositionsAnswer;

describe('PositionsState', () => {
	beforeEach(() => engine.positions.mockReset());

	it('is not loaded, and has nothing, before the first answer', () => {
		const state = new PositionsState();
		expect(state.loaded).toBe(false);
		expect(state.any).toBe(false);
		expect(state.accounts).toEqual([]);
		expect(state.totals).toEqual([]);
	});

	it('shows every account, or only one symbol’s positions as a link names it', async () => {
		engine.positions.mockResolvedValue(ANSWER);
		const state = new PositionsState();
		await state.load();
		expect(state.loaded).toBe(true);
		expect(state.accounts.map((a) => [a.accountId, a.positions.map((p) => p.symbol)])).toEqual([
			['a', ['NFLX', 'RIVN']],
			['b', ['RIVN']]
		]);
		state.filter(' nflx ');
		expect(state.view.symbol).toBe('NFLX');
		expect(state.accounts.map((a) => [a.accountId, a.positions.map((p) => p.symbol)])).toEqual([
			['a', ['NFLX']]
		]);
		// The totals stay those of every position.
		expect(state.totals).toEqual(ANSWER.totals);
		state.filter('');
		expect(state.view.symbol).toBeNull();
		expect(state.accounts).toHaveLength(2);
	});

	it('says why a load failed, and a reset forgets the answer', async () => {
		engine.positions.mockRejectedValueOnce(new Error('The database is being restored.'));
		const state = new PositionsState();
		await state.load();
		expect(state.view.problem).toBe('The database is being restored.');
		expect(state.loaded).toBe(true);
		engine.positions.mockResolvedValue(ANSWER);
		await state.load();
		expect(state.view.problem).toBeNull();
		state.reset();
		expect(state.loaded).toBe(false);
	});

	it('drops an answer overtaken by a later load', async () => {
		let first: (a: PositionsAnswer) => void = () => {};
		engine.positions.mockReturnValueOnce(new Promise((resolve) => (first = resolve)));
		engine.positions.mockResolvedValueOnce({
			accounts: [],
			totals: [],
			scope: { kind: 'all', name: null },
			held: 0
		});
		const state = new PositionsState();
		const slow = state.load();
		await state.load();
		first(ANSWER);
		await slow;
		expect(state.any).toBe(false);
	});

	it('asks the engine for the scope shown, and a portfolio with no open position is not “no positions”', async () => {
		engine.positions.mockResolvedValue({
			accounts: [],
			totals: [],
			scope: { kind: 'portfolio', id: 'p1', name: 'Long term' },
			held: 2
		});
		const state = new PositionsState();
		await state.show({ kind: 'portfolio', id: 'p1' });
		expect(engine.positions).toHaveBeenLastCalledWith({ kind: 'portfolio', id: 'p1' });
		expect(state.view.scope).toEqual({ kind: 'portfolio', id: 'p1' });
		expect(state.any).toBe(true);
		expect(state.accounts).toEqual([]);
		await state.load();
		expect(engine.positions).toHaveBeenLastCalledWith({ kind: 'portfolio', id: 'p1' });
		state.reset();
		expect(state.view.scope).toEqual({ kind: 'all' });
	});
});

describe('scopeKey and scopeOf', () => {
	it('turn a scope into a select value and back', () => {
		for (const scope of [
			{ kind: 'all' },
			{ kind: 'portfolio', id: 'p1' },
			{ kind: 'account', id: 'das trader|TR:1' }
		] as const)
			expect(scopeOf(scopeKey(scope))).toEqual(scope);
		expect(scopeKey({ kind: 'all' })).toBe('');
		expect(scopeOf('account:')).toEqual({ kind: 'all' });
		expect(scopeOf('weird:x')).toEqual({ kind: 'all' });
	});
});
