import type { StorageStats } from '$workers/contract';
import type { Account, AccountInput, FieldError } from '$lib/core/model/account';
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
	stats = $state.raw<StorageStats | null>(null);
	persist = $state<PersistState>('unknown');
	error = $state<string | null>(null);

	async refresh(): Promise<void> {
		// Counted again when another tab changes any table.
		changes.track(ALL_TABLES);
		const asked: Mode = mode.current;
		try {
			const stats = await engine.storageStats();
			if (asked === mode.current) {
				this.stats = stats;
				this.error = null;
			}
		} catch (error) {
			this.error = `Could not read storage: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Reads whether storage is persistent, asking the browser for it when it is not yet. */
	async requestPersistence(): Promise<void> {
		const storage = navigator.storage as StorageManager | undefined;
		if (!storage?.persist || !storage.persisted) {
			this.persist = 'unsupported';
			return;
		}
		const already = await storage.persisted();
		this.persist = already || (await storage.persist()) ? 'granted' : 'denied';
	}
}

/** The current mode's accounts, with adding and removing through the engine (the single writer). */
export class AccountsState {
	list = $state.raw<Account[]>([]);
	errors = $state.raw<FieldError[]>([]);
	busy = $state(false);

	async refresh(): Promise<void> {
		// Listed again when another tab adds or removes an account.
		changes.track(['accounts']);
		const asked = mode.current;
		const list = await engine.listAccounts();
		if (asked === mode.current) this.list = list;
	}

	/** Adds an account; returns whether it was stored. Field errors are kept for the form. */
	async add(input: AccountInput): Promise<boolean> {
		this.busy = true;
		try {
			const result = await engine.addAccount(input);
			this.errors = result.ok ? [] : result.errors;
			await this.refresh();
			return result.ok;
		} finally {
			this.busy = false;
		}
	}

	async remove(id: string): Promise<void> {
		await engine.removeAccount(id);
		await this.refresh();
	}
}
