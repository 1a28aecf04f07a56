import type {
	PositionAccount,
	PositionCurrencyTotal,
	PositionScope,
	PositionsAnswer
} from '$workers/contract';
import { untrack } from 'svelte';
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
	/** Whose positions: every account's, a portfolio's or one account's. */
	scope: PositionScope;
}

/**
 * A scope as one string, for a select's value: '' every account, `portfolio:<id>`, `account:<id>`.
 * @example scopeKey({ kind: 'portfolio', id: 'p1' }) // 'portfolio:p1'
 */
export function scopeKey(scope: PositionScope): string {
	return scope.kind === 'all' ? '' : `${scope.kind}:${scope.id}`;
}

/**
 * The scope a select's value names (see scopeKey); every account for anything else.
 * @example scopeOf('account:das trader|TR1') // { kind: 'account', id: 'das trader|TR1' }
 */
export function scopeOf(key: string): PositionScope {
	const colon = key.indexOf(':');
	const kind = key.slice(0, colon);
	const id = key.slice(colon + 1);
	if (colon > 0 && id !== '' && (kind === 'portfolio' || kind === 'account')) return { kind, id };
	return { kind: 'all' };
}

/**
 * The journal's open positions of the current mode (its imported executions' open trades, not the
 * paper desk's replay), per account, valued at each symbol's validated last price. Reloads when
 * another tab changes the trades, a symbol's bars, the price marks or the alerts (their prices).
 */
export class PositionsState {
	readonly #view = new View<PositionsView>(() => ({
		answer: null,
		problem: null,
		symbol: null,
		scope: { kind: 'all' }
	}));
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

	/**
	 * The totals per currency of every position of the scope (the symbol filter narrows the tables,
	 * not the totals).
	 */
	get totals(): PositionCurrencyTotal[] {
		return this.view.answer?.totals ?? [];
	}

	/** Whether the mode has any open position at all (before the scope and the filter). */
	get any(): boolean {
		return (this.view.answer?.held ?? 0) > 0;
	}

	/**
	 * Shows every account's positions, a portfolio's or one account's, and reads them again (an
	 * effect calling load does so on its own; this is for a select's change).
	 */
	async show(scope: PositionScope): Promise<void> {
		this.#view.set({ scope });
		await this.load();
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
			// Not a dependency of the effect that loads: `show` reloads when the scope changes.
			const answer = await engine.positions(untrack(() => this.view.scope));
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
