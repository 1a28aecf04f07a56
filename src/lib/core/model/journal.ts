import type { Bar, BarRecord, JournalTradeRecord } from './records';

/** A stored journal trade (a row from a journal such as Tradervue) with its stable id. */
export interface JournalTrade extends Omit<JournalTradeRecord, 'kind' | 'accountNumber'> {
	id: string;
	/** The account it belongs to, when the journal names it or the user chose one; else null. */
	accountId: string | null;
	importId: string;
}

/** Bars of one symbol stored as columns (one chunk per symbol per import). */
export interface BarChunk {
	importId: string;
	symbol: string;
	/** Typical spacing of the bars (median gap), e.g. 60000 for 1-minute bars, 86400000 for daily. */
	timeframeMs: number;
	count: number;
	firstTime: number;
	lastTime: number;
	time: Float64Array;
	open: Float64Array;
	high: Float64Array;
	low: Float64Array;
	close: Float64Array;
	/** NaN where the file had no volume. */
	volume: Float64Array;
}

/** Bars as six columns of one length, sorted by time (what charts, indicators and chunks hold). */
export type BarColumns = Pick<BarChunk, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>;

/**
 * Bars `from` ≤ i < `to` of a list sorted by time as columns (volume NaN where there is none).
 * @example barColumns([{ time: 1, open: 2, high: 3, low: 1, close: 2, volume: null }]).volume // Float64Array [NaN]
 */
export function barColumns(
	bars: readonly Pick<Bar, 'time' | 'open' | 'high' | 'low' | 'close' | 'volume'>[],
	from = 0,
	to = bars.length
): BarColumns {
	const n = Math.max(0, to - from);
	const out: BarColumns = {
		time: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
	for (let k = 0; k < n; k++) {
		const b = bars[from + k]!;
		out.time[k] = b.time;
		out.open[k] = b.open;
		out.high[k] = b.high;
		out.low[k] = b.low;
		out.close[k] = b.close;
		out.volume[k] = b.volume ?? NaN;
	}
	return out;
}

/** Packs bars of one symbol (sorted by time) into a chunk. */
export function encodeBars(
	importId: string,
	symbol: string,
	bars: readonly BarRecord[],
	timeframeMs?: number
): BarChunk {
	const sorted = [...bars].sort((a, b) => a.time - b.time);
	const n = sorted.length;
	return {
		importId,
		symbol,
		timeframeMs: timeframeMs ?? medianGap(sorted.map((b) => b.time)),
		count: n,
		firstTime: sorted[0]?.time ?? NaN,
		lastTime: sorted[n - 1]?.time ?? NaN,
		...barColumns(sorted)
	};
}

/** The median gap between consecutive times; NaN for fewer than two bars. */
export function medianGap(times: readonly number[]): number {
	if (times.length < 2) return NaN;
	const gaps: number[] = [];
	for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
	gaps.sort((a, b) => a - b);
	return gaps[Math.floor(gaps.length / 2)]!;
}
