import type { PointValues, StorageStats } from '$workers/contract';
import type { Account, AccountInput, FieldError } from '$lib/core/model/account';
import type { DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { ALL_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

export type PersistState = 'unknown' | 'granted' | 'denied' | 'unsupported';

/** What the storage card reads. */
export interface StorageView {
	/** Rows per table and the browser's estimate; null before the first answer. */
	stats: StorageStats | null;
	/** Whether the browser keeps this site's storage under pressure. */
	persist: PersistState;
	/** Why the figures could not be read, or null. */
	error: string | null;
}

/**
 * Storage figures for the current mode (rows per table from the engine, usage and quota from
 * the browser) and the persistent-storage grant. Answers that arrive after the mode changed are
 * dropped, so one mode's numbers are never shown under the other's banner.
 */
export class StorageState {
	readonly #view = new View<StorageView>(() => ({ stats: null, persist: 'unknown', error: null }));

	get view(): Readonly<StorageView> {
		return this.#view.current;
	}

	/** The share of the browser's quota in use (0–1), or null when the browser does not say. */
	get usedShare(): number | null {
		const e = this.view.stats?.estimate;
		return e?.usage != null && e.quota ? Math.min(1, e.usage / e.quota) : null;
	}

	/** The mode holds records other than settings (a backup reminder is due). */
	get hasData(): boolean {
		return this.view.stats?.tables.some((t) => t.rows > 0 && t.name !== 'meta') ?? false;
	}

	async refresh(): Promise<void> {
		// Counted again when another tab changes any table.
		changes.track(ALL_TABLES);
		const asked: Mode = mode.current;
		try {
			const stats = await engine.storageStats();
			if (asked === mode.current) this.#view.set({ stats, error: null });
		} catch (error) {
			this.#view.set({
				error: `Could not read storage: ${error instanceof Error ? error.message : String(error)}`
			});
		}
	}

	/** Reads whether storage is persistent, asking the browser for it when it is not yet. */
	async requestPersistence(): Promise<void> {
		const storage = navigator.storage as StorageManager | undefined;
		if (!storage?.persist || !storage.persisted) {
			this.#view.set({ persist: 'unsupported' });
			return;
		}
		const already = await storage.persisted();
		this.#view.set({ persist: already || (await storage.persist()) ? 'granted' : 'denied' });
	}

	reset(): void {
		this.#view.reset();
	}
}

/** What the accounts card reads. */
export interface AccountsView {
	/** The current mode's accounts. */
	list: Account[];
	/** The problems with the fields of the last account added. */
	errors: FieldError[];
	/** Whether an account is being added. */
	busy: boolean;
}

/** The current mode's accounts, with adding and removing through the engine (the single writer). */
export class AccountsState {
	readonly #view = new View<AccountsView>(() => ({ list: [], errors: [], busy: false }));

	get view(): Readonly<AccountsView> {
		return this.#view.current;
	}

	/** The message of a field's error from the last add, if any. */
	fieldError(field: string): string | undefined {
		return this.view.errors.find((e) => e.field === field)?.message;
	}

	async refresh(): Promise<void> {
		// Listed again when another tab adds or removes an account.
		changes.track(['accounts']);
		const asked = mode.current;
		const list = await engine.listAccounts();
		if (asked === mode.current) this.#view.set({ list });
	}

	/** Adds an account; returns whether it was stored. Field errors are kept for the form. */
	async add(input: AccountInput): Promise<boolean> {
		this.#view.set({ busy: true });
		try {
			const result = await engine.addAccount(input);
			this.#view.set({ errors: result.ok ? [] : result.errors });
			await this.refresh();
			return result.ok;
		} finally {
			this.#view.set({ busy: false });
		}
	}

	async remove(id: string): Promise<void> {
		await engine.removeAccount(id);
		await this.refresh();
	}

	reset(): void {
		this.#view.reset();
	}
}

export type RiskKind = DefaultRisk['kind'];

/** What the default risk card reads. */
export interface DefaultRiskView {
	kind: RiskKind;
	/** The amount or percent as typed. */
	value: string;
	/** The form shows once the saved rule is read, so a late answer never overwrites a choice. */
	loaded: boolean;
	/** What the last save did, or why it did not. */
	message: string | null;
}

/** The default risk rule being edited: R-multiples use it for trades without their own risk. */
export class DefaultRiskState {
	readonly #view = new View<DefaultRiskView>(() => ({
		kind: 'none',
		value: '',
		loaded: false,
		message: null
	}));

	get view(): Readonly<DefaultRiskView> {
		return this.#view.current;
	}

	setKind(kind: RiskKind): void {
		this.#view.set({ kind });
	}

	setValue(value: string): void {
		this.#view.set({ value });
	}

	async load(): Promise<void> {
		this.#view.set({ loaded: false });
		const rule = await engine.defaultRisk();
		this.#view.set({
			loaded: true,
			kind: rule.kind,
			value: rule.kind === 'money' ? String(rule.amount) : rule.kind === 'percent' ? String(rule.percent) : ''
		});
	}

	async save(): Promise<void> {
		const { kind, value } = this.view;
		const v = Number(value);
		const result = await engine.setDefaultRisk(
			kind === 'money'
				? { kind: 'money', amount: v }
				: kind === 'percent'
					? { kind: 'percent', percent: v }
					: { kind: 'none' }
		);
		this.#view.set({
			message: result.ok ? 'Saved: R-multiples use it for trades without their own risk.' : result.message
		});
	}

	reset(): void {
		this.#view.reset();
	}
}

/** What the starting equity card reads. */
export interface StartingEquityView {
	/** As typed; '' when not set. */
	value: string;
	loaded: boolean;
	message: string | null;
}

/** The account's equity before the first trade: the dashboard's drawdown % of equity uses it. */
export class StartingEquityState {
	readonly #view = new View<StartingEquityView>(() => ({ value: '', loaded: false, message: null }));

	get view(): Readonly<StartingEquityView> {
		return this.#view.current;
	}

	setValue(value: string): void {
		this.#view.set({ value });
	}

	async load(): Promise<void> {
		this.#view.set({ loaded: false });
		const amount = await engine.startingEquity();
		this.#view.set({ loaded: true, value: amount === null ? '' : String(amount) });
	}

	/** Saves what was typed; an empty field forgets the amount. */
	async save(): Promise<void> {
		const text = this.view.value.replace(/[,\s$]/g, '');
		const amount = text === '' ? null : Number(text);
		if (amount !== null && Number.isNaN(amount)) {
			this.#view.set({ message: `“${this.view.value}” is not an amount.` });
			return;
		}
		const result = await engine.setStartingEquity(amount);
		this.#view.set({
			message: !result.ok
				? result.message
				: amount === null
					? 'Forgotten: the drawdown is given as a share of the P&L peak.'
					: 'Saved: the dashboard gives the drawdown as a share of equity at the peak.'
		});
	}

	reset(): void {
		this.#view.reset();
	}
}

/** What the point values card reads. */
export interface PointValuesView extends PointValues {
	/** Why the last change was refused, or null. */
	message: string | null;
}

/** Futures point values: the built-in ones and the user's own, by root symbol. */
export class PointValuesState {
	readonly #view = new View<PointValuesView>(() => ({ builtIn: {}, own: {}, message: null }));

	get view(): Readonly<PointValuesView> {
		return this.#view.current;
	}

	async load(): Promise<void> {
		const { builtIn, own } = await engine.pointValues();
		this.#view.set({ builtIn, own });
	}

	/** Sets a root's point value (null removes it); returns whether it was stored. */
	async set(root: string, value: number | null): Promise<boolean> {
		const result = await engine.setPointValue(root, value);
		this.#view.set({ message: result.ok ? null : result.message });
		if (result.ok) await this.load();
		return result.ok;
	}

	reset(): void {
		this.#view.reset();
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
	readonly equity = new StartingEquityState();

	/** Reads everything of the current mode. */
	async load(): Promise<void> {
		await Promise.all([
			this.storage.refresh(),
			this.accounts.refresh(),
			this.risk.load(),
			this.points.load(),
			this.equity.load()
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
		this.equity.reset();
	}
}
