/**
 * Commission schedules: list, save, delete, and what a change would do to the trades' net P&L
 * (for the confirmation real mode asks for). Schedules are settings in the mode's `meta`; the
 * trade cache's signature includes them, so every net figure is recomputed after a change.
 */
import type { CostsApi, SaveScheduleResult, ScheduleChange, ScheduleImpact } from './contract';
import {
	validateSchedule,
	type CommissionSchedule,
	type ScheduleError,
	type ScheduleInput
} from '$lib/core/costs';
import type { Mode } from '$lib/core/model/mode';
import { listAccounts } from '$lib/db/accounts';
import type { FillbookDb } from '$lib/db/schema';
import { readSetting, writeSetting } from '$lib/db/settings';
import { scheduleCosts, type Derived } from './engine-trades';

export function createCosts(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	load: (mode: Mode) => Promise<Derived>
): CostsApi {
	/** The schedules with `input` saved (added, or replacing the one with its id), or why not. */
	async function withSaved(
		d: FillbookDb,
		input: ScheduleInput
	): Promise<
		| { ok: true; schedule: CommissionSchedule; schedules: CommissionSchedule[] }
		| { ok: false; errors: ScheduleError[] }
	> {
		const schedules = await readSetting(d, 'commissionSchedules');
		const checked = validateSchedule(input, { accounts: await listAccounts(d), schedules });
		if (!checked.ok) return checked;
		const schedule: CommissionSchedule = { ...checked.value, id: checked.value.id ?? crypto.randomUUID() };
		return { ok: true, schedule, schedules: [...schedules.filter((s) => s.id !== schedule.id), schedule] };
	}

	async function store(d: FillbookDb, schedules: CommissionSchedule[]): Promise<void> {
		const sorted = [...schedules].sort(
			(a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom) || a.name.localeCompare(b.name)
		);
		await writeSetting(d, 'commissionSchedules', sorted);
	}

	return {
		/** The mode's schedules, oldest effective date first. */
		async commissionSchedules(mode: Mode): Promise<CommissionSchedule[]> {
			return readSetting(db(mode), 'commissionSchedules');
		},

		/** Adds a schedule (no id) or replaces the one with its id; problems come back by field. */
		saveSchedule(mode: Mode, input: ScheduleInput): Promise<SaveScheduleResult> {
			return write(async () => {
				const d = db(mode);
				const schedules = await readSetting(d, 'commissionSchedules');
				const checked = validateSchedule(input, { accounts: await listAccounts(d), schedules });
				if (!checked.ok) return checked;
				const schedule: CommissionSchedule = {
					...checked.value,
					id: checked.value.id ?? crypto.randomUUID()
				};
				await store(d, [...schedules.filter((s) => s.id !== schedule.id), schedule]);
				return { ok: true, schedule } as const;
			});
		},

		deleteSchedule(mode: Mode, id: string): Promise<{ ok: true } | { ok: false; message: string }> {
			return write(async () => {
				const d = db(mode);
				const schedules = await readSetting(d, 'commissionSchedules');
				if (!schedules.some((s) => s.id === id))
					return { ok: false, message: 'This schedule no longer exists (deleted elsewhere?).' } as const;
				await store(
					d,
					schedules.filter((s) => s.id !== id)
				);
				return { ok: true } as const;
			});
		},

		/** What saving or deleting a schedule would change, before it is done. */
		async scheduleImpact(mode: Mode, change: ScheduleChange): Promise<ScheduleImpact> {
			const data = await load(mode);
			const d = db(mode);
			let schedules = await readSetting(d, 'commissionSchedules');
			if ('delete' in change) schedules = schedules.filter((s) => s.id !== change.delete);
			else {
				const saved = await withSaved(d, change.save);
				if (saved.ok) schedules = saved.schedules;
			}
			const after = scheduleCosts(data.trades, data.table, schedules);
			let trades = 0;
			let cents = 0;
			const accounts = new Set<string>();
			data.trades.forEach((trade, i) => {
				const row = data.rows[i]!;
				const next = after.get(trade.id);
				const commission = next?.commission ?? trade.commission;
				const fees = next?.fees ?? trade.fees;
				const delta = Math.round((row.commission + row.fees) * 100) - Math.round((commission + fees) * 100);
				if (delta !== 0) {
					trades++;
					cents += delta;
					accounts.add(trade.accountId);
				}
			});
			return { trades, netChange: cents / 100, accounts: [...accounts].sort() };
		}
	};
}
