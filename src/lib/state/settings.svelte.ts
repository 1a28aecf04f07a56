import type { PointValues, StorageStats } from '$workers/contract';
import type { Account, AccountInput, FieldError } from '$lib/core/model/account';
import type { DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { ALL_TABLES } from './changes.svelte';
import { engine } from './engine';

export type PersistState = 'unknown' | 'granted' | 'denied' | 'unsupported';

/**
 * Storage figures for the current mode (rows per table from the engine, usage and quota from
 * the browser) and the persistent-storage grant. Answers that arrive after the mode changed are
 * dropped, so one mode's numbers are never shown under the other's banner.
 */
export class StorageState {
	#stats = $state.raw<StorageStats | null>(null);
	#persist = $state<PersistState>('unknown');
	#error = $state<string | null>(null);

	get stats(): StorageStats | null {
		return this.#stats;
	}
	get persist(): PersistState {
		return this.#persist;
	}
	get error(): string | null {
		return this.#error;
	}

	/** The share of the browser's quota in use (0–1), or null when the browser does not say. */
	get usedShare(): number | null {
		const e = this.#stats?.estimate;
		return e?.usage != null && e.quota ? Math.min(1, e.usage / e.quota) : null;
	}

	/** The mode holds records other than settings (a backup reminder is due). */
	get hasData(): boolean {
		return this.#stats?.tables.some((t) => t.rows > 0 && t.name !== 'meta') ?? false;
	}

	async refresh(): Promise<void> {
		// Counted again when another tab changes any table.
		changes.track(ALL_TABLES);
		const asked: Mode = mode.current;
		try {
			const stats = await engine.storageStats();
			if (asked === mode.current) {
				this.#stats = stats;
				this.#error = null;
			}
		} catch (error) {
			this.#error = `Could not read storage: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Reads whether storage is persistent, asking the browser for it when it is not yet. */
	async requestPersistence(): Promise<void> {
		const storage = navigator.storage as StorageManager | undefined;
		if (!storage?.persist || !storage.persisted) {
			this.#persist = 'unsupported';
			return;
		}
		const already = await storage.persisted();
		this.#persist = already || (await storage.persist()) ? 'granted' : 'denied';
	}

	reset(): void {
		this.#stats = null;
		this.#persist = 'unknown';
		this.#error = null;
	}
}

/** The current mode's accounts, with adding and removing through the engine (the single writer). */
export class AccountsState {
	#list = $state.raw<Account[]>([]);
	#errors = $state.raw<FieldError[]>([]);
	#busy = $state(false);

	get list(): Account[] {
		return this.#list;
	}
	get errors(): FieldError[] {
		return this.#errors;
	}
	get busy(): boolean {
		return this.#busy;
	}

	/** The message of a field's error from the last add, if any. */
	fieldError(field: string): string | undefined {
		return this.#errors.find((e) => e.field === field)?.message;
	}

	async refresh(): Promise<void> {
		// Listed again when another tab adds or removes an account.
		changes.track(['accounts']);
		const asked = mode.current;
		const list = await engine.listAccounts();
		if (asked === mode.current) this.#list = list;
	}

	/** Adds an account; returns whether it was stored. Field errors are kept for the form. */
	async add(input: AccountInput): Promise<boolean> {
		this.#busy = true;
		try {
			const result = await engine.addAccount(input);
			this.#errors = result.ok ? [] : result.errors;
			await this.refresh();
			return result.ok;
		} finally {
			this.#busy = false;
		}
	}

	async remove(id: string): Promise<void> {
		await engine.removeAccount(id);
		await this.refresh();
	}

	reset(): void {
		this.#list = [];
		this.#errors = [];
		this.#busy = false;
	}
}

export type RiskKind = DefaultRisk['kind'];

/** The default risk rule being edited: R-multiples use it for trades without their own risk. */
export class DefaultRiskState {
	#kind = $state<RiskKind>('none');
	/** The amount or percent as typed. */
	#value = $state('');
	/** The form shows once the saved rule is read, so a late answer never overwrites a choice. */
	#loaded = $state(false);
	#message = $state<string | null>(null);

	get kind(): RiskKind {
		return this.#kind;
	}
	get value(): string {
		return this.#value;
	}
	get loaded(): boolean {
		return this.#loaded;
	}
	get message(): string | null {
		return this.#message;
	}

	setKind(kind: RiskKind): void {
		this.#kind = kind;
	}

	setValue(value: string): void {
		this.#value = value;
	}

	async load(): Promise<void> {
		this.#loaded = false;
		const rule = await engine.defaultRisk();
		this.#loaded = true;
		this.#kind = rule.kind;
		this.#value =
			rule.kind === 'money' ? String(rule.amount) : rule.kind === 'percent' ? String(rule.percent) : '';
	}

	async save(): Promise<void> {
		const v = Number(this.#value);
		const result = await engine.setDefaultRisk(
			this.#kind === 'money'
				? { kind: 'money', amount: v }
				: this.#kind === 'percent'
					? { kind: 'percent', percent: v }
					: { kind: 'none' }
		);
		this.#message = result.ok
			? 'Saved: R-multiples use it for trades without their own risk.'
			: result.message;
	}

	reset(): void {
		this.#kind = 'none';
		this.#value = '';
		this.#loaded = false;
		this.#message = null;
	}
}

/** Futures point values: the built-in ones and the user's own, by root symbol. */
export class PointValuesState {
	#points = $state.raw<PointValues>({ builtIn: {}, own: {} });
	#message = $state<string | null>(null);

	get builtIn(): Record<string, number> {
		return this.#points.builtIn;
	}
	get own(): Record<string, number> {
		return this.#points.own;
	}
	get message(): string | null {
		return this.#message;
	}

	async load(): Promise<void> {
		this.#points = await engine.pointValues();
	}

	/** Sets a root's point value (null removes it); returns whether it was stored. */
	async set(root: string, value: number | null): Promise<boolean> {
		const result = await engine.setPointValue(root, value);
		this.#message = result.ok ? null : result.message;
		if (result.ok) this.#points = await engine.pointValues();
		return result.ok;
	}

	reset(): void {
		this.#points = { builtIn: {}, own: {} };
		this.#message = null;
	}
}

/**
 * The Settings page: the mode's accounts, storage figures, default risk and point values (the
 * backup section keeps its own BackupState, inside BackupPanel). Every figure belongs to one
 * mode's database, so `load()` runs again on a mode switch.
 */
export class SettingsState {
	readonly storage = new StorageState();
	readonly accounts = new AccountsState();
	readonly risk = new DefaultRiskState();
	readonly points = new PointValuesState();

	/** Reads everything of the current mode. */
	async load(): Promise<void> {
		await Promise.all([
			this.storage.refresh(),
			this.accounts.refresh(),
			this.risk.load(),
			this.points.load()
		]);
	}

	/** After a restore or a deletion: the figures and accounts changed. */
	async refreshData(): Promise<void> {
		await Promise.all([this.storage.refresh(), this.accounts.refresh()]);
	}

	reset(): void {
		this.storage.reset();
		this.accounts.reset();
		this.risk.reset();
		this.points.reset();
	}
}
