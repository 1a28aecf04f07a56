import type { PositionAccount, PositionCurrencyTotal, PositionsAnswer } from '$workers/contract';
import { changes, mode } from './app.svelte';
import { BAR_TABLES, TRADE_TABLES } from './changes.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

export interface PositionsView {
	/** The engine's answer: accounts with open positions and the totals per currency; null before the first. */
	answer: PositionsAnswer | null;
	/** Why the last load failed, or null. */
	problem: string | null;
	/** Only this symbol's positions (from `?symbol=`), or null for all. */
	symbol: string | null;
}

/**
 * The journal's open positions of the current mode (its imported executions' open trades, not the
 * paper desk's replay), per account, valued at each symbol's validated last price. Reloads when
 * another tab changes the trades, a symbol's bars, the price marks or the alerts (their prices).
 */
export class PositionsState {
	readonly #view = new View<PositionsView>(() => ({ answer: null, problem: null, symbol: null }));
	#generation = 0;

	get view(): Readonly<PositionsView> {
		return this.#view.current;
	}

	/** The first load finished (the empty states may show). */
	get loaded(): boolean {
		return this.view.answer !== null || this.view.problem !== null;
	}

	/** Accounts with a position shown (only the filtered symbol's, when there is one). */
	get accounts(): PositionAccount[] {
		const all = this.view.answer?.accounts ?? [];
		const symbol = this.view.symbol;
		if (symbol === null) return all;
		return all
			.map((a) => ({ ...a, positions: a.positions.filter((p) => p.symbol === symbol) }))
			.filter((a) => a.positions.length > 0);
	}

	/** The totals per currency of every position (the filter narrows the tables, not the totals). */
	get totals(): PositionCurrencyTotal[] {
		return this.view.answer?.totals ?? [];
	}

	/** Whether the mode has any open position at all (before the filter). */
	get any(): boolean {
		return (this.view.answer?.accounts.length ?? 0) > 0;
	}

	/** Shows only `symbol`'s positions (as typed in a link; upper-cased), or all with null/blank. */
	filter(symbol: string | null): void {
		const s = symbol?.trim().toUpperCase() ?? '';
		this.#view.set({ symbol: s === '' ? null : s });
	}

	/**
	 * Reads the positions. Called from an effect, it runs again when another tab changes what they
	 * are derived from; an answer for a mode no longer current is dropped.
	 */
	async load(): Promise<void> {
		changes.track([...TRADE_TABLES, ...BAR_TABLES, 'priceMarks', 'alerts']);
		const generation = ++this.#generation;
		const asked = mode.current;
		try {
			const answer = await engine.positions();
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ answer, problem: null });
		} catch (error) {
			if (generation !== this.#generation || asked !== mode.current) return;
			this.#view.set({ problem: error instanceof Error ? error.message : String(error) });
		}
	}

	reset(): void {
		this.#generation++;
		this.#view.reset();
	}
}
