import type { BarRecord, JournalTradeRecord } from './records';

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

/** Packs bars of one symbol (sorted by time) into a chunk. */
export function encodeBars(importId: string, symbol: string, bars: readonly BarRecord[]): BarChunk {
	const sorted = [...bars].sort((a, b) => a.time - b.time);
	const n = sorted.length;
	const chunk: BarChunk = {
		importId,
		symbol,
		timeframeMs: medianGap(sorted.map((b) => b.time)),
		count: n,
		firstTime: sorted[0]?.time ?? NaN,
		lastTime: sorted[n - 1]?.time ?? NaN,
		time: new Float64Array(n),
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
	sorted.forEach((b, i) => {
		chunk.time[i] = b.time;
		chunk.open[i] = b.open;
		chunk.high[i] = b.high;
		chunk.low[i] = b.low;
		chunk.close[i] = b.close;
		chunk.volume[i] = b.volume ?? NaN;
	});
	return chunk;
}

/** The median gap between consecutive times; NaN for fewer than two bars. */
export function medianGap(times: readonly number[]): number {
	if (times.length < 2) return NaN;
	const gaps: number[] = [];
	for (let i = 1; i < times.length; i++) gaps.push(times[i]! - times[i - 1]!);
	gaps.sort((a, b) => a - b);
	return gaps[Math.floor(gaps.length / 2)]!;
}
