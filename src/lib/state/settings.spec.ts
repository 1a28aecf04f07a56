import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = vi.hoisted(() => ({
	defaultRisk: vi.fn(),
	setDefaultRisk: vi.fn(),
	pointValues: vi.fn(),
	setPointValue: vi.fn(),
	listAccounts: vi.fn(),
	addAccount: vi.fn(),
	storageStats: vi.fn()
}));
vi.mock('./engine', () => ({ engine: fake }));

const { DefaultRiskState, PointValuesState, AccountsState, StorageState } = await import('./settings.svelte');

beforeEach(() => {
	for (const f of Object.values(fake)) f.mockReset();
});

describe('DefaultRiskState', () => {
	it('shows the saved rule once read, and saves what was typed as the rule of its kind', async () => {
		fake.defaultRisk.mockResolvedValue({ kind: 'percent', percent: 1.5 });
		fake.setDefaultRisk.mockResolvedValue({ ok: true });
		const risk = new DefaultRiskState();
		expect(risk.loaded).toBe(false);
		await risk.load();
		expect([risk.loaded, risk.kind, risk.value]).toEqual([true, 'percent', '1.5']);
		risk.setKind('money');
		risk.setValue('250');
		await risk.save();
		expect(fake.setDefaultRisk).toHaveBeenCalledWith({ kind: 'money', amount: 250 });
		expect(risk.message).toMatch(/^Saved/);
		risk.reset();
		expect([risk.loaded, risk.kind, risk.value, risk.message]).toEqual([false, 'none', '', null]);
	});

	it("shows the engine's reason when the rule is refused", async () => {
		fake.setDefaultRisk.mockResolvedValue({ ok: false, message: 'The amount must be above zero.' });
		const risk = new DefaultRiskState();
		risk.setKind('money');
		risk.setValue('-1');
		await risk.save();
		expect(risk.message).toBe('The amount must be above zero.');
	});
});

describe('PointValuesState', () => {
	it('reads the values again after a change is stored, and keeps them when it is refused', async () => {
		fake.setPointValue.mockResolvedValueOnce({ ok: true });
		fake.pointValues.mockResolvedValue({ builtIn: { ES: 50 }, own: { XY: 5 } });
		const points = new PointValuesState();
		expect(await points.set('XY', 5)).toBe(true);
		expect(points.own).toEqual({ XY: 5 });
		fake.setPointValue.mockResolvedValueOnce({ ok: false, message: 'A root is 1 to 5 letters.' });
		expect(await points.set('TOOLONG', 5)).toBe(false);
		expect(points.message).toBe('A root is 1 to 5 letters.');
		expect(fake.pointValues).toHaveBeenCalledTimes(1);
	});
});

describe('AccountsState', () => {
	it("keeps a refused account's field errors for the form", async () => {
		fake.addAccount.mockResolvedValue({ ok: false, errors: [{ field: 'number', message: 'Required' }] });
		fake.listAccounts.mockResolvedValue([]);
		const accounts = new AccountsState();
		expect(await accounts.add({ broker: 'DAS', number: '', currency: 'USD', label: '' })).toBe(false);
		expect(accounts.fieldError('number')).toBe('Required');
		expect(accounts.fieldError('broker')).toBeUndefined();
		expect(accounts.busy).toBe(false);
	});
});

describe('StorageState', () => {
	it('says the mode holds data only when a table other than settings has rows', async () => {
		const storage = new StorageState();
		fake.storageStats.mockResolvedValue({
			name: 'fillbook-paper',
			schemaVersion: 1,
			tables: [{ name: 'meta', rows: 3 }],
			estimate: { usage: 50, quota: 200 }
		});
		await storage.refresh();
		expect(storage.hasData).toBe(false);
		expect(storage.usedShare).toBe(0.25);
		fake.storageStats.mockResolvedValue({
			name: 'fillbook-paper',
			schemaVersion: 1,
			tables: [{ name: 'accounts', rows: 1 }],
			estimate: {}
		});
		await storage.refresh();
		expect(storage.hasData).toBe(true);
		expect(storage.usedShare).toBeNull();
	});
});
