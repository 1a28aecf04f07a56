import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '$lib/core/model/account';
import { NewExecutionState, type ExecutionDraft } from './new-execution.svelte';

const engine = vi.hoisted(() => ({ listAccounts: vi.fn(), addManualExecution: vi.fn() }));
vi.mock('./engine', () => ({ engine }));

const account = (id: string) => ({ id, broker: 'DAS', number: id, currency: 'USD' }) as unknown as Account;
const draft: ExecutionDraft = {
	symbol: 'aapl',
	side: 'short',
	quantity: '100',
	price: '150.5',
	date: '2025-10-13',
	time: '09:31',
	zone: 'America/New_York',
	commission: '',
	fees: ' 0.5'
};

beforeEach(() => vi.clearAllMocks());

describe('NewExecutionState', () => {
	it('keeps the picked account while it exists, else picks the first', async () => {
		const s = new NewExecutionState();
		engine.listAccounts.mockResolvedValue([account('a'), account('b')]);
		await s.load();
		expect(s.accountId).toBe('a');
		s.selectAccount('b');
		await s.load();
		expect(s.accountId).toBe('b');
		engine.listAccounts.mockResolvedValue([account('c')]);
		await s.load();
		expect(s.accountId).toBe('c');
		engine.listAccounts.mockResolvedValue([]);
		await s.load();
		expect(s.accountId).toBe('');
	});

	it('sends the typed execution as the engine takes it and counts what was added', async () => {
		const s = new NewExecutionState();
		engine.listAccounts.mockResolvedValue([account('a')]);
		await s.load();
		engine.addManualExecution.mockResolvedValue({ ok: true });
		expect(await s.add(draft)).toBe(true);
		expect(engine.addManualExecution).toHaveBeenCalledWith({
			accountId: 'a',
			symbol: 'aapl',
			side: 'sell',
			shortSale: true,
			quantity: 100,
			price: 150.5,
			date: '2025-10-13',
			time: '09:31:00',
			zone: 'America/New_York',
			commission: null,
			fees: 0.5
		});
		expect(s.added).toBe(1);
		expect(s.message).toBe('Added short 100 AAPL @ 150.5.');
	});

	it('says why an execution was refused and counts nothing', async () => {
		const s = new NewExecutionState();
		engine.addManualExecution.mockResolvedValue({ ok: false, message: 'No such account.' });
		expect(await s.add({ ...draft, time: '09:31:05' })).toBe(false);
		expect(engine.addManualExecution.mock.calls[0]?.[0]).toMatchObject({ time: '09:31:05' });
		expect([s.added, s.message]).toEqual([0, 'No such account.']);
		s.reset();
		expect([s.added, s.message, s.accounts]).toEqual([0, null, []]);
	});
});
