/**
 * A symbol's bar files and which one to believe. Every imported bar file is a source. An import
 * stores its new bars as the symbol's main bars; a bar at a time already stored with other prices
 * is kept aside as an alternate of that import (not dropped, not in place of the stored one), so
 * the files that disagree can be shown side by side and the user can pick one per symbol.
 *
 * What the symbol's bars are (charts, replay, backtests, signals, levels all read this):
 * - at a time the preferred file has a bar, the preferred file's bar;
 * - else the main bar (the first imported file that had that time);
 * - else (its main bar's import was undone) the earliest import's alternate.
 * With no preference that is "first imported wins", as before alternates were kept.
 *
 * One file's own bars (its main bars and its alternates) are what it said, for the validator to
 * weigh files against each other at a time. A file's bar that equalled the stored one is not kept
 * twice: there the file agrees with the main bar, and the views above give it.
 */
import type { BarChunk, BarColumns } from '../model/journal';

/** A stored chunk of one import's bars (main or alternate), in import (key) order. */
export type SourceChunk = Pick<
	BarChunk,
	'importId' | 'timeframeMs' | 'count' | 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'
> & { key?: number };

/** Everything stored of one symbol's bars. */
export interface SymbolBarFiles {
	/** Main bars: each time at most once across imports (an import keeps no time stored already). */
	main: readonly SourceChunk[];
	/** Alternates: an import's bars at times stored already, with other prices. */
	alternates: readonly SourceChunk[];
	/** The import the user prefers for this symbol, or null (first imported wins). */
	preferred: string | null;
}

/** Bars as columns with, per bar, the import it comes from. */
export interface SourcedBars extends BarColumns {
	importAt: (i: number) => string;
}

/** A chunk's spacing, 1 minute when unknown (a chunk of one bar). */
export function chunkSpacing(c: Pick<SourceChunk, 'timeframeMs'>): number {
	return Number.isFinite(c.timeframeMs) && c.timeframeMs > 0 ? c.timeframeMs : 60_000;
}

/** The finest spacing of the symbol's bars (main or alternate), or null when it has none. */
export function finestSpacing(files: SymbolBarFiles): number | null {
	let best = Infinity;
	for (const c of [...files.main, ...files.alternates])
		if (c.count > 0) best = Math.min(best, chunkSpacing(c));
	return best === Infinity ? null : best;
}

const byKey = (a: SourceChunk, b: SourceChunk) => (a.key ?? 0) - (b.key ?? 0);

/**
 * The symbol's bars at one spacing, as the rules above choose them, sorted by time.
 * @example preferredBars({ main: [a], alternates: [b], preferred: b.importId }, 60_000)
 * // a's bars, with b's at the times b disagreed
 */
export function preferredBars(files: SymbolBarFiles, spacingMs: number): SourcedBars {
	const at = (c: SourceChunk) => c.count > 0 && chunkSpacing(c) === spacingMs;
	const main = files.main.filter(at).sort(byKey);
	const alternates = files.alternates.filter(at).sort(byKey);
	const preferred = alternates.filter((c) => c.importId === files.preferred);
	const others = alternates.filter((c) => c.importId !== files.preferred);
	// Later layers win: other files' alternates (the earliest last, so it wins among them), then
	// the main bars, then the preferred file's alternates.
	return layerBars([...others.reverse(), ...main, ...preferred]);
}

/** One import's own bars of the symbol at one spacing (its main bars and its alternates). */
export function fileBars(files: SymbolBarFiles, importId: string, spacingMs: number): BarColumns {
	const mine = (c: SourceChunk) => c.importId === importId && c.count > 0 && chunkSpacing(c) === spacingMs;
	return layerBars([...files.main.filter(mine), ...files.alternates.filter(mine)].sort(byKey));
}

/**
 * Layers of bars merged by time: at a time several layers have, the last one wins.
 * One layer is returned as it is (its columns are the chunk's own).
 */
export function layerBars(layers: readonly SourceChunk[]): SourcedBars {
	if (layers.length === 1) {
		const only = layers[0]!;
		const n = only.count;
		const cut = (a: Float64Array) => (a.length === n ? a : a.subarray(0, n));
		return {
			time: cut(only.time),
			open: cut(only.open),
			high: cut(only.high),
			low: cut(only.low),
			close: cut(only.close),
			volume: cut(only.volume),
			importAt: () => only.importId
		};
	}
	const byTime = new Map<number, number>();
	const ROWS = 2 ** 26;
	layers.forEach((layer, l) => {
		for (let i = 0; i < layer.count; i++) byTime.set(layer.time[i]!, l * ROWS + i);
	});
	const time = Float64Array.from(byTime.keys()).sort();
	const n = time.length;
	const out = {
		time,
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
	const layerOf = new Uint32Array(n);
	for (let j = 0; j < n; j++) {
		const packed = byTime.get(time[j]!)!;
		const l = Math.floor(packed / ROWS);
		const i = packed % ROWS;
		const c = layers[l]!;
		out.open[j] = c.open[i]!;
		out.high[j] = c.high[i]!;
		out.low[j] = c.low[i]!;
		out.close[j] = c.close[i]!;
		out.volume[j] = c.volume[i]!;
		layerOf[j] = l;
	}
	return { ...out, importAt: (i) => layers[layerOf[i]!]!.importId };
}

/** One file's bar at a time where files disagree. */
export interface BarVersion {
	importId: string;
	open: number;
	high: number;
	low: number;
	close: number;
	/** NaN when the file had none. */
	volume: number;
}

/** A time where the files disagree: each file's bar there (the main bar's file first). */
export interface Disagreement {
	time: number;
	versions: BarVersion[];
	/** The largest difference between two versions' closes, in percent of the lower. */
	closeSpreadPct: number;
}

/**
 * The times at one spacing where files disagree (an alternate's time where another file has a bar
 * too: the first file's undone, a lone alternate disagrees with nothing), sorted by time, with
 * each file's bar there: the main bar's file first, then the alternates in import order.
 * @example disagreements(files, 60_000)[0]
 * // { time: …, versions: [{ importId: 'a', close: 13.36, … }, { importId: 'b', close: 14, … }], closeSpreadPct: 4.79… }
 */
export function disagreements(files: SymbolBarFiles, spacingMs: number): Disagreement[] {
	const at = (c: SourceChunk) => c.count > 0 && chunkSpacing(c) === spacingMs;
	const alternates = files.alternates.filter(at).sort(byKey);
	if (!alternates.length) return [];
	const byTime = new Map<number, BarVersion[]>();
	for (const c of alternates)
		for (let i = 0; i < c.count; i++) {
			const t = c.time[i]!;
			const list = byTime.get(t);
			const version = versionAt(c, i);
			if (list) list.push(version);
			else byTime.set(t, [version]);
		}
	for (const c of files.main.filter(at).sort(byKey))
		for (let i = 0; i < c.count; i++) byTime.get(c.time[i]!)?.unshift(versionAt(c, i));
	return [...byTime]
		.filter(([, versions]) => versions.length > 1)
		.sort((a, b) => a[0] - b[0])
		.map(([time, versions]) => ({ time, versions, closeSpreadPct: spreadPct(versions.map((v) => v.close)) }));
}

function versionAt(c: SourceChunk, i: number): BarVersion {
	return {
		importId: c.importId,
		open: c.open[i]!,
		high: c.high[i]!,
		low: c.low[i]!,
		close: c.close[i]!,
		volume: c.volume[i]!
	};
}

/** The spread of some prices in percent of the lowest (0 for one price). */
function spreadPct(prices: readonly number[]): number {
	const low = Math.min(...prices);
	const high = Math.max(...prices);
	return low > 0 ? ((high - low) / low) * 100 : 0;
}
