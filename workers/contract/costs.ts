/** Commission schedules and what a change of one does to net P&L. */
import type { CommissionSchedule, ScheduleError, ScheduleInput } from '$lib/core/costs';
import type { Mode } from '$lib/core/model/mode';
import type { Result } from './journal';

export type SaveScheduleResult =
	{ ok: true; schedule: CommissionSchedule } | { ok: false; errors: ScheduleError[] };

/** A schedule change: saving one (new or edited) or deleting one. */
export type ScheduleChange = { save: ScheduleInput } | { delete: string };

/** What a change does to net P&L: how many trades change, and by how much in all. */
export interface ScheduleImpact {
	trades: number;
	/** Σ (net after − net before), currency units. */
	netChange: number;
	/** The accounts of the changed trades. */
	accounts: string[];
}

export interface CostsApi {
	/** The mode's schedules, oldest effective date first. */
	commissionSchedules(mode: Mode): Promise<CommissionSchedule[]>;
	/** Adds a schedule (no id) or replaces the one with its id; problems come back by field. */
	saveSchedule(mode: Mode, input: ScheduleInput): Promise<SaveScheduleResult>;
	deleteSchedule(mode: Mode, id: string): Promise<Result>;
	/** What saving or deleting a schedule would change, before it is done. */
	scheduleImpact(mode: Mode, change: ScheduleChange): Promise<ScheduleImpact>;
}
