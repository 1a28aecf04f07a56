/**
 * The Bar sources page's state: a symbol's bar files side by side (where they disagree, each
 * file's bar), and the file preferred for the symbol. Reads again when another tab changes bars.
 */
import type { BarSourcesView, BarSymbol } from '$workers/contract';
import { changes, mode } from './app.svelte';
import { BAR_TABLES } from './changes.svelte';
import { engine } from './engine';

/** Disagreements read per page. */
export const SOURCES_PAGE = 200;

export class BarSourcesState {
	symbols = $state<BarSymbol[]>([]);
	view = $state<BarSourcesView | null>(null);
	loaded = $state(false);
	busy = $state(false);
	error = $state<string | null>(null);
	/** How many disagreements are shown (grows with "Show more"). */
	shown = $state(SOURCES_PAGE);

	/** Reads the symbols and `symbol`'s files (the first symbol whose files disagree when null). */
	async load(symbol: string | null): Promise<string | null> {
		void mode.current;
		changes.track(BAR_TABLES);
		try {
			this.symbols = await engine.barSymbols();
			const chosen =
				symbol ??
				this.symbols.find((s) => s.disagreeing > 0)?.symbol ??
				this.symbols.find((s) => s.files > 1)?.symbol ??
				this.symbols[0]?.symbol ??
				null;
			this.view = chosen === null ? null : await engine.barSources(chosen, { offset: 0, limit: this.shown });
			this.error = null;
			return chosen;
		} catch (e) {
			this.error = (e as Error).message;
			return symbol;
		} finally {
			this.loaded = true;
		}
	}

	/** Shows the next page of disagreements. */
	async more(): Promise<void> {
		const view = this.view;
		if (!view) return;
		this.shown += SOURCES_PAGE;
		const next = await engine.barSources(view.symbol, { offset: 0, limit: this.shown });
		if (next) this.view = next;
	}

	/** Prefers a file for the symbol (null: the first imported), then reads again. */
	async prefer(importId: string | null): Promise<void> {
		const view = this.view;
		if (!view || this.busy) return;
		this.busy = true;
		try {
			await engine.setPreferredBarFile(view.symbol, importId);
			this.view = await engine.barSources(view.symbol, { offset: 0, limit: this.shown });
			this.error = null;
		} catch (e) {
			this.error = (e as Error).message;
		} finally {
			this.busy = false;
		}
	}
}
