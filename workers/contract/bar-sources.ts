/**
 * A symbol's bar files side by side: every file (import) with bars of the symbol, the times where
 * they disagree with each file's bar there, and the file preferred where they do (what charts,
 * replay, backtests, signals and levels then read).
 */
import type { Mode } from '$lib/core/model/mode';
import type { Disagreement } from '$lib/core/prices/bar-sources';

export type { BarVersion, Disagreement } from '$lib/core/prices/bar-sources';

/** One bar file of the symbol. */
export interface BarFile {
	importId: string;
	fileName: string;
	formatLabel: string;
	importedAt: number;
	/** Its bars of the symbol at the compared spacing (stored once where it agreed with another file). */
	bars: number;
	firstTime: number;
	lastTime: number;
	/** Times where it has its own bar and the files disagree. */
	disagreeing: number;
}

export interface BarSourcesView {
	symbol: string;
	/** The spacing compared: the symbol's finest (what charts show as imported). */
	spacingMs: number;
	spacingLabel: string;
	/** Every file with bars of the symbol at that spacing, first imported first. */
	files: BarFile[];
	/** The file the user prefers, or null (the first imported file's bar is used). */
	preferred: string | null;
	/** Times where files disagree, in all. */
	total: number;
	/** Those from `offset`, oldest first, at most `limit`. */
	disagreements: Disagreement[];
	offset: number;
}

export interface BarSourcesApi {
	/** The symbol's bar files compared; null when it has no bars. */
	barSources(
		mode: Mode,
		symbol: string,
		page?: { offset: number; limit: number }
	): Promise<BarSourcesView | null>;
	/**
	 * Prefers one file's bars for a symbol where files disagree (null: the first imported again).
	 * Refused when the file has no bars of the symbol. Levels watching the symbol are checked again.
	 */
	setPreferredBarFile(mode: Mode, symbol: string, importId: string | null): Promise<void>;
}
