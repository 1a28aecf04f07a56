import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScheduleInput } from '$lib/core/costs';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { DAS, file, QUERY } from './testing';

afterEach(async () => {
	await Dexie.delete(dbName('paper'));
	await Dexie.delete(dbName('real'));
});

/** $0.0035 a share, $0.35 minimum per order, SEC $27.80 per million sold, TAF $0.000166 capped at $8.30. */
const ibkr = (accountId: string): ScheduleInput => ({
	name: 'IBKR Pro fixed',
	scope: { kind: 'account', accountId },
	effectiveFrom: '2025-01-01',
	commission: { kind: 'per_share', perShare: 0.0035, minimum: 0.35 },
	per: 'order',
	secFeePerMillion: 27.8,
	taf: { perShare: 0.000166, cap: 8.3 }
});

async function setUp() {
	const engine = createEngineApi({ now: () => 1 });
	await engine.importFile('paper', 'a', file(), DAS, () => undefined);
	const [account] = await engine.listAccounts('paper');
	const baba = async () =>
		(await engine.listTrades('paper', QUERY)).rows.find(
			(r) => r.symbol === 'BABA' && r.direction === 'long'
		)!;
	return { engine, accountId: account!.id, baba };
}

describe('commission schedules in the engine', () => {
	it('a saved schedule changes net P&L at once, names itself on the trade, and deleting it restores the figures', async () => {
		const { engine, accountId, baba } = await setUp();
		// DAS gives no commission; its ECN fees 0.501 are the only cost.
		expect(await baba()).toMatchObject({ grossPnl: 248.57, commission: 0, fees: 0.5, netPnl: 248.07 });

		const impact = await engine.scheduleImpact('paper', { save: ibkr(accountId) });
		expect(impact.accounts).toEqual([accountId]);
		const before = (await engine.listTrades('paper', QUERY)).summary;
		const dashBefore = (await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$')).summary;

		const saved = await engine.saveSchedule('paper', ibkr(accountId));
		expect(saved.ok).toBe(true);
		// Commission: buys of 243 and 197 (Cloid AUTO: not an order id, so each its own order)
		// 0.8505 + 0.6895, sell order 440 × 0.0035 = 1.54; none at the minimum. Fees: ECN 0.501 + SEC
		// 73,730.80 × 27.80 / 10^6 = 2.04971624 + TAF 440 × 0.000166 = 0.07304 → 2.62371624 → 2.62.
		// Tradervue's export says the same: Commissions 3.08, Fees 2.62, Net P&L 242.87.
		const row = await baba();
		expect(row).toMatchObject({ grossPnl: 248.57, commission: 3.08, fees: 2.62, netPnl: 242.87 });
		const detail = await engine.tradeDetail('paper', row.id);
		expect(detail!.costs.map((c) => [c.kind, c.amount, c.scheduleName, c.effectiveFrom, c.units])).toEqual([
			['commission', 3.08, 'IBKR Pro fixed', '2025-01-01', 3],
			['sec_fee', 2.04971624, 'IBKR Pro fixed', '2025-01-01', 1],
			['taf', 0.07304, 'IBKR Pro fixed', '2025-01-01', 1]
		]);
		// The impact foretold is what happened to the totals.
		const after = (await engine.listTrades('paper', QUERY)).summary;
		expect(Math.round((after.netPnl! - before.netPnl!) * 100)).toBe(Math.round(impact.netChange * 100));
		// The dashboard (and Reports, from the same rows) counts the closed trades' new costs.
		const dash = (await engine.dashboard('paper', EMPTY_FILTER, QUERY.zone, '$')).summary;
		const closed = (await engine.listTrades('paper', QUERY)).rows.filter((r) => !r.open);
		const cents = (x: number) => Math.round(x * 100);
		expect(cents(dash.commissions)).toBe(closed.reduce((sum, r) => sum + cents(r.commission), 0));
		expect(cents(dash.fees)).toBe(closed.reduce((sum, r) => sum + cents(r.fees), 0));
		expect(cents(dash.commissions)).toBeGreaterThan(cents(dashBefore.commissions));
		expect(impact.trades).toBe(
			(await engine.listTrades('paper', QUERY)).rows.filter((r) => r.commission > 0).length
		);

		const schedules = await engine.commissionSchedules('paper');
		expect(schedules.map((s) => s.name)).toEqual(['IBKR Pro fixed']);
		expect(await engine.deleteSchedule('paper', schedules[0]!.id)).toEqual({ ok: true });
		expect(await baba()).toMatchObject({ commission: 0, fees: 0.5, netPnl: 248.07 });
		expect((await engine.tradeDetail('paper', row.id))!.costs).toEqual([]);
		await engine.close();
	});

	it('rejects a bad schedule with clear messages and leaves the stored schedules as they were', async () => {
		const { engine, accountId, baba } = await setUp();
		await engine.saveSchedule('paper', ibkr(accountId));
		const stored = await engine.commissionSchedules('paper');
		const bad = await engine.saveSchedule('paper', {
			...ibkr('das trader|NOPE'),
			commission: { kind: 'per_share', perShare: -0.0035, minimum: 1, maximum: 0.5 }
		});
		expect(bad).toEqual({
			ok: false,
			errors: [
				{ field: 'scope', message: 'Unknown account “das trader|NOPE”: choose an account of this mode.' },
				{ field: 'perShare', message: 'The rate per share cannot be negative.' },
				{ field: 'maximum', message: 'The minimum ($1) is above the maximum ($0.5).' }
			]
		});
		expect(await engine.commissionSchedules('paper')).toEqual(stored);
		expect((await baba()).commission).toBe(3.08);
		expect(await engine.deleteSchedule('paper', 'gone')).toEqual({
			ok: false,
			message: 'This schedule no longer exists (deleted elsewhere?).'
		});
		await engine.close();
	});

	it('keeps schedules per mode and in the mode’s backup', async () => {
		const { engine, accountId } = await setUp();
		await engine.saveSchedule('paper', ibkr(accountId));
		expect(await engine.commissionSchedules('real')).toEqual([]);
		const { blob } = await engine.exportBackup('paper');
		const schedules = await engine.commissionSchedules('paper');
		await engine.clearAll('paper');
		expect(await engine.commissionSchedules('paper')).toEqual([]);
		const restored = await engine.restoreBackup('paper', new File([blob], 'backup.json'));
		expect(restored.ok).toBe(true);
		expect(await engine.commissionSchedules('paper')).toEqual(schedules);
		await engine.close();
	});

	it('an edit with a later effective date is a new schedule: earlier trades keep the rate they paid', async () => {
		const { engine, accountId, baba } = await setUp();
		await engine.saveSchedule('paper', ibkr(accountId));
		await engine.saveSchedule('paper', {
			...ibkr(accountId),
			name: 'IBKR Pro 2026',
			effectiveFrom: '2026-01-01',
			commission: { kind: 'per_share', perShare: 0.005, minimum: 1 }
		});
		expect((await baba()).commission).toBe(3.08);
		const [first] = await engine.commissionSchedules('paper');
		// Editing the first one (same id) to $1 per order changes that trade: 3 orders.
		const edited = await engine.saveSchedule('paper', {
			...ibkr(accountId),
			id: first!.id,
			commission: { kind: 'per_order', amount: 1 }
		});
		expect(edited.ok).toBe(true);
		expect((await baba()).commission).toBe(3);
		expect((await engine.commissionSchedules('paper')).map((s) => s.name)).toEqual([
			'IBKR Pro fixed',
			'IBKR Pro 2026'
		]);
		await engine.close();
	});
});
