import type { Portfolio, PortfolioError, PortfolioInput } from '$workers/contract';
import type { Account } from '$lib/core/model/account';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

/** What the portfolios card, the filter bar and the positions page read. */
export interface PortfoliosView {
	/** The current mode's portfolios by name, each with the accounts the mode still has. */
	list: Portfolio[];
	/** The current mode's accounts, in the order they were added (what a portfolio can hold). */
	accounts: Account[];
	/** The first answer arrived (the empty states may show). */
	loaded: boolean;
	/** The problems of the last save, by field. */
	errors: PortfolioError[];
	/** Why the last load or delete failed, or null. */
	problem: string | null;
	busy: boolean;
}

/**
 * The current mode's portfolios (named groups of its accounts), with saving and deleting through
 * the engine. One instance the whole app shares: the filter bar names a filter's portfolio, the
 * positions page offers them, Settings edits them. Reloads when another tab changes a setting
 * (portfolios live in `meta`) or an account.
 */
export class PortfoliosState {
	readonly #view = new View<PortfoliosView>(() => ({
		list: [],
		accounts: [],
		loaded: false,
		errors: [],
		problem: null,
		busy: false
	}));
	#generation = 0;

	get view(): Readonly<PortfoliosView> {
		return this.#view.current;
	}

	/** A portfolio's name, or null when the mode has no portfolio with this id. */
	name(id: string): string | null {
		return this.view.list.find((p) => p.id === id)?.name ?? null;
	}

	/** The message of a field's error from the last save, if any. */
	fieldError(field: PortfolioError['field']): string | undefined {
		return this.view.errors.find((e) => e.field === field)?.message;
	}

	/** Reads the portfolios and accounts; an answer for a mode no longer current is dropped. */
	async refresh(): Promise<void> {
		changes.track(['meta', 'accounts']);
		const generation = ++this.#generation;
		const asked = mode.current;
		try {
			const [list, accounts] = await Promise.all([engine.listPortfolios(), engine.listAccounts()]);
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ list, accounts, loaded: true, problem: null });
		} catch (error) {
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ loaded: true, problem: `Portfolios could not be read: ${messageOf(error)}` });
		}
	}

	/** Adds (no id) or changes a portfolio; returns the saved one, or null with the errors kept. */
	async save(input: PortfolioInput): Promise<Portfolio | null> {
		this.#view.set({ busy: true });
		try {
			const result = await engine.savePortfolio({ ...input, accountIds: [...input.accountIds] });
			this.#view.set({ errors: result.ok ? [] : result.errors });
			await this.refresh();
			return result.ok ? result.portfolio : null;
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Deletes a portfolio; returns whether it was deleted (else `problem` says why). */
	async remove(id: string): Promise<boolean> {
		const result = await engine.removePortfolio(id);
		this.#view.set({ problem: result.ok ? null : result.message });
		await this.refresh();
		return result.ok;
	}

	/** Forgets the last save's errors (the form was cancelled or started afresh). */
	clearErrors(): void {
		this.#view.set({ errors: [] });
	}

	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const portfolios = new PortfoliosState();
