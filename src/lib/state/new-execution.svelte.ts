import type { Account } from '$lib/core/model/account';
import { engine } from './engine';

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

/**
 * The "Add an execution" page: the current mode's accounts, the one picked, and adding a typed
 * execution through the engine (the single writer).
 */
export class NewExecutionState {
	#accounts = $state.raw<Account[]>([]);
	#accountId = $state('');
	#message = $state<string | null>(null);
	#added = $state(0);

	get accounts(): Account[] {
		return this.#accounts;
	}

	/** The account the execution goes to. */
	get accountId(): string {
		return this.#accountId;
	}

	/** What the last attempt did, or why it was refused. */
	get message(): string | null {
		return this.#message;
	}

	/** How many executions were added on this page. */
	get added(): number {
		return this.#added;
	}

	/** Reads the accounts; the one picked stays picked if it is still there, else the first. */
	async load(): Promise<void> {
		const accounts = await engine.listAccounts();
		this.#accounts = accounts;
		if (!accounts.some((a) => a.id === this.#accountId)) this.#accountId = accounts[0]?.id ?? '';
	}

	selectAccount(id: string): void {
		this.#accountId = id;
	}

	/** Adds the typed execution to the picked account; resolves to whether it was added. */
	async add(draft: ExecutionDraft): Promise<boolean> {
		const result = await engine.addManualExecution({
			accountId: this.#accountId,
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
			this.#added++;
			this.#message = `Added ${draft.side} ${draft.quantity} ${draft.symbol.toUpperCase()} @ ${draft.price}.`;
		} else this.#message = result.message;
		return result.ok;
	}

	/** Back to the state of a fresh page. */
	reset(): void {
		this.#accounts = [];
		this.#accountId = '';
		this.#message = null;
		this.#added = 0;
	}
}

/** A typed optional number: empty is none. */
const optional = (text: string) => (text.trim() === '' ? null : Number(text));
