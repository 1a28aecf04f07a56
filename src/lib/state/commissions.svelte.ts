import type { ScheduleChange, ScheduleImpact } from '$workers/contract';
import type { CommissionSchedule, ScheduleError, ScheduleInput } from '$lib/core/costs';
import type { Account } from '$lib/core/model/account';
import type { Mode } from '$lib/core/model/mode';
import { mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** What the commission schedules panel reads. */
export interface CommissionsView {
	/** The current mode's schedules. */
	schedules: CommissionSchedule[];
	/** The current mode's accounts (a schedule's scope). */
	accounts: Account[];
	/** The problems with the fields of the last schedule saved. */
	errors: ScheduleError[];
	/** What the last save or deletion did, or why it did not. */
	message: string | null;
	/** Whether the first answer arrived. */
	loaded: boolean;
}

/**
 * The current mode's commission schedules and accounts, with saving and deleting through the
 * engine (the single writer). Answers that arrive after the mode changed are dropped.
 */
export class CommissionsState {
	readonly #view = new View<CommissionsView>(() => ({
		schedules: [],
		accounts: [],
		errors: [],
		message: null,
		loaded: false
	}));

	get view(): Readonly<CommissionsView> {
		return this.#view.current;
	}

	/** The first problem with a field, if any. */
	error(field: ScheduleError['field']): string | undefined {
		return this.view.errors.find((e) => e.field === field)?.message;
	}

	async refresh(): Promise<void> {
		const asked: Mode = mode.current;
		const [schedules, accounts] = await Promise.all([engine.commissionSchedules(), engine.listAccounts()]);
		if (asked !== mode.current) return;
		this.#view.set({ schedules, accounts, loaded: true });
	}

	/** What a change would do to net P&L (for real mode's confirmation). */
	impact(change: ScheduleChange): Promise<ScheduleImpact> {
		return engine.scheduleImpact(change);
	}

	/** Saves a schedule; returns whether it was stored (field errors are kept for the form). */
	async save(input: ScheduleInput): Promise<boolean> {
		const result = await engine.saveSchedule(input);
		this.#view.set({
			errors: result.ok ? [] : result.errors,
			message: result.ok
				? `Saved “${result.schedule.name}”: net P&L is recomputed with it everywhere.`
				: 'The schedule was not saved: see the fields marked above.'
		});
		if (result.ok) await this.refresh();
		return result.ok;
	}

	async remove(schedule: CommissionSchedule): Promise<void> {
		const result = await engine.deleteSchedule(schedule.id);
		this.#view.set({ message: result.ok ? `Deleted “${schedule.name}”.` : result.message });
		await this.refresh();
	}

	clearErrors(): void {
		this.#view.set({ errors: [], message: null });
	}

	/** Back to the state of a fresh panel. */
	reset(): void {
		this.#view.reset();
	}
}
