import type { ScheduleChange, ScheduleImpact } from '$workers/contract';
import type { CommissionSchedule, ScheduleError, ScheduleInput } from '$lib/core/costs';
import type { Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import { mode } from './app.svelte';
import { engine } from './engine';

/**
 * The current mode's commission schedules and accounts, with saving and deleting through the
 * engine (the single writer). Answers that arrive after the mode changed are dropped.
 */
export class CommissionsState {
	#schedules = $state.raw<CommissionSchedule[]>([]);
	#accounts = $state.raw<Account[]>([]);
	#errors = $state.raw<ScheduleError[]>([]);
	#message = $state<string | null>(null);
	#loaded = $state(false);

	get schedules(): CommissionSchedule[] {
		return this.#schedules;
	}
	get accounts(): Account[] {
		return this.#accounts;
	}
	get errors(): ScheduleError[] {
		return this.#errors;
	}
	get message(): string | null {
		return this.#message;
	}
	get loaded(): boolean {
		return this.#loaded;
	}

	/** The first problem with a field, if any. */
	error(field: ScheduleError['field']): string | undefined {
		return this.#errors.find((e) => e.field === field)?.message;
	}

	async refresh(): Promise<void> {
		const asked: Mode = mode.current;
		const [schedules, accounts] = await Promise.all([engine.commissionSchedules(), engine.listAccounts()]);
		if (asked !== mode.current) return;
		this.#schedules = schedules;
		this.#accounts = accounts;
		this.#loaded = true;
	}

	/** What a change would do to net P&L (for real mode's confirmation). */
	impact(change: ScheduleChange): Promise<ScheduleImpact> {
		return engine.scheduleImpact(change);
	}

	/** Saves a schedule; returns whether it was stored (field errors are kept for the form). */
	async save(input: ScheduleInput): Promise<boolean> {
		const result = await engine.saveSchedule(input);
		this.#errors = result.ok ? [] : result.errors;
		this.#message = result.ok
			? `Saved “${result.schedule.name}”: net P&L is recomputed with it everywhere.`
			: 'The schedule was not saved: see the fields marked above.';
		if (result.ok) await this.refresh();
		return result.ok;
	}

	async remove(schedule: CommissionSchedule): Promise<void> {
		const result = await engine.deleteSchedule(schedule.id);
		this.#message = result.ok ? `Deleted “${schedule.name}”.` : result.message;
		await this.refresh();
	}

	clearErrors(): void {
		this.#errors = [];
		this.#message = null;
	}
}
