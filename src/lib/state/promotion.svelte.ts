import type { PromotionReport } from '$workers/contract';
import { changes, mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

export interface PromotionView {
	/** The strategy the report is of; null before one is picked. */
	strategyId: string | null;
	report: PromotionReport | null;
	loading: boolean;
	error: string | null;
}

/**
 * The promotion report of the lab's open strategy: its backtests, paper replays and the real
 * trades named after it, side by side (read again when runs, sessions or the journal change).
 */
export class PromotionState {
	readonly #view = new View<PromotionView>(() => ({
		strategyId: null,
		report: null,
		loading: false,
		error: null
	}));

	get view(): Readonly<PromotionView> {
		return this.#view.current;
	}

	async load(strategyId: string | null): Promise<void> {
		// Runs and replays are in this (paper) mode; the real journal's changes show on the next visit.
		changes.track(['backtestRuns', 'paperSessions', 'paperActions', 'strategies']);
		this.#view.set({ strategyId, loading: strategyId !== null, error: null });
		if (strategyId === null || mode.current !== 'paper') {
			this.#view.set({ report: null, loading: false });
			return;
		}
		try {
			const report = await engine.strategyPromotion(strategyId);
			if (this.view.strategyId === strategyId) this.#view.set({ report, loading: false });
		} catch (e) {
			if (this.view.strategyId === strategyId)
				this.#view.set({ error: (e as Error).message, loading: false });
		}
	}

	reset(): void {
		this.#view.reset();
	}
}
