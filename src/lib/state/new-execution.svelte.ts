import type { Account } from '$lib/core/model/account';
import { engine } from './engine';
import { View } from './view.svelte';

/** The "Add an execution" form as typed: text, so that half-typed numbers are not lost. */
export interface ExecutionDraft {
	symbol: string;
	/** "short" is a sell that opens or adds to a short position. */
	side: 'buy' | 'sell' | 'short';
	quantity: string;
	price: string;
	/** YYYY-MM-DD. */
	date: string;
	/** HH:MM or HH:MM:SS, wall time in `zone`. */
	time: string;
	zone: string;
	/** Empty: none given (a commission schedule may price it). */
	commission: string;
	fees: string;
}

/** What the "Add an execution" page reads. */
export interface NewExecutionView {
	/** The current mode's accounts. */
	accounts: Account[];
	/** The account the execution goes to. */
	accountId: string;
	/** What the last attempt did, or why it was refused. */
	message: string | null;
	/** How many executions were added on this page. */
	added: number;
}

/**
 * The "Add an execution" page: the current mode's accounts, the one picked, and adding a typed
 * execution through the engine (the single writer).
 */
export class NewExecutionState {
	readonly #view = new View<NewExecutionView>(() => ({
		accounts: [],
		accountId: '',
		message: null,
		added: 0
	}));

	get view(): Readonly<NewExecutionView> {
		return this.#view.current;
	}

	/** Reads the accounts; the one picked stays picked if it is still there, else the first. */
	async load(): Promise<void> {
		const accounts = await engine.listAccounts();
		const picked = this.view.accountId;
		this.#view.set({
			accounts,
			accountId: accounts.some((a) => a.id === picked) ? picked : (accounts[0]?.id ?? '')
		});
	}

	selectAccount(id: string): void {
		this.#view.set({ accountId: id });
	}

	/** Adds the typed execution to the picked account; resolves to whether it was added. */
	async add(draft: ExecutionDraft): Promise<boolean> {
		const result = await engine.addManualExecution({
			accountId: this.view.accountId,
			symbol: draft.symbol,
			side: draft.side === 'buy' ? 'buy' : 'sell',
			shortSale: draft.side === 'short',
			quantity: Number(draft.quantity),
			price: Number(draft.price),
			date: draft.date,
			time: draft.time.length === 5 ? `${draft.time}:00` : draft.time,
			zone: draft.zone,
			commission: optional(draft.commission),
			fees: optional(draft.fees)
		});
		if (result.ok) {
			this.#view.set({
				added: this.view.added + 1,
				message: `Added ${draft.side} ${draft.quantity} ${draft.symbol.toUpperCase()} @ ${draft.price}.`
			});
		} else this.#view.set({ message: result.message });
		return result.ok;
	}

	/** Back to the state of a fresh page. */
	reset(): void {
		this.#view.reset();
	}
}

/** A typed optional number: empty is none. */
const optional = (text: string) => (text.trim() === '' ? null : Number(text));
