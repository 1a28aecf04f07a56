/**
 * The bars a lab backtest runs over: each requested symbol's imported bars in the range, on one
 * timeframe, merged by time onto one clock; and their hash, which the stored run keeps.
 */
import type { BacktestRequest } from './contract';
import type { Bar } from '$lib/core/broker';
import type { BarColumns } from '$lib/core/model/journal';
import type { FillbookDb } from '$lib/db/schema';
import { loadSymbolBars } from './engine-charts';
import { barsFromColumns } from './sweep-pool';

/** The symbols a request names, each once, in its order (`symbols`, else the one `symbol`). */
export function requestSymbols(request: Pick<BacktestRequest, 'symbol' | 'symbols'>): string[] {
	const named = request.symbols?.length ? request.symbols : [request.symbol];
	return [...new Set(named.map((s) => String(s ?? '').trim()).filter((s) => s !== ''))];
}

export interface RunBars {
	symbols: string[];
	/** Each symbol's bars in the range, in the symbols' order. */
	columns: BarColumns[];
	/** Every symbol's bars merged by time (the symbols' order at one time). */
	bars: Bar[];
	/** The clock: the bars' distinct open times. */
	clock: Float64Array;
	timeframeMs: number;
	label: string;
}

/**
 * Each symbol's bars in the request's range, on one timeframe; or why they cannot run: a symbol
 * without bars, or without bars in the range, or symbols whose imported bars differ in spacing
 * when no timeframe is picked.
 */
export async function loadRunBars(d: FillbookDb, request: BacktestRequest): Promise<RunBars | string> {
	const symbols = requestSymbols(request);
	if (!symbols.length) return 'Pick a symbol to run the strategy on.';
	const loaded: { symbol: string; columns: BarColumns; timeframeMs: number; label: string }[] = [];
	for (const symbol of symbols) {
		let found: Awaited<ReturnType<typeof loadSymbolBars>>;
		try {
			found = await loadSymbolBars(d, symbol, request.timeframe);
		} catch (error) {
			// A timeframe the bars cannot be resampled to: said in words.
			if (error instanceof RangeError) return error.message;
			throw error;
		}
		if (!found) return `There are no bars of ${symbol}: import some first.`;
		const range = barRange(found.bars, request.from ?? -Infinity, request.to ?? Infinity);
		if (range.to === range.from)
			return symbols.length > 1
				? `No bars of ${symbol} in the range picked: every symbol of a backtest needs bars in it.`
				: `No bars of ${symbol} in the range picked.`;
		loaded.push({ symbol, columns: sliceColumns(found.bars, range.from, range.to), ...found });
	}
	const first = loaded[0]!;
	const other = loaded.find((l) => l.timeframeMs !== first.timeframeMs);
	if (other)
		return `${first.symbol}'s bars are ${first.label} and ${other.symbol}'s ${other.label}: pick a timeframe they all resample to.`;
	const rank = new Map(symbols.map((s, i) => [s, i]));
	const lists = loaded.map((l) => barsFromColumns(l.columns, l.symbol));
	const bars =
		lists.length === 1
			? lists[0]!
			: lists.flat().sort((a, b) => a.time - b.time || rank.get(a.symbol)! - rank.get(b.symbol)!);
	const clock = lists.length === 1 ? first.columns.time : distinctTimes(bars);
	return {
		symbols,
		columns: loaded.map((l) => l.columns),
		bars,
		clock,
		timeframeMs: first.timeframeMs,
		label: first.label
	};
}

/** The distinct times of bars sorted by time. */
function distinctTimes(bars: readonly Bar[]): Float64Array {
	const times: number[] = [];
	for (const bar of bars) if (times[times.length - 1] !== bar.time) times.push(bar.time);
	return Float64Array.from(times);
}

/**
 * The hash of a run's bars: one symbol's `hashBars`; several symbols', SHA-256 (hex) of each
 * symbol's hash in the run's order, one a line.
 */
export async function hashRunBars(columns: readonly BarColumns[]): Promise<string> {
	const hashes = await Promise.all(columns.map(hashBars));
	if (hashes.length === 1) return hashes[0]!;
	const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(hashes.join('\n')));
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The indexes [from, to) of the bars whose open time t has start ≤ t < end (bars sorted by time). */
function barRange(bars: BarColumns, start: number, end: number): { from: number; to: number } {
	const firstAtOrAfter = (t: number) => {
		let lo = 0;
		let hi = bars.time.length;
		while (lo < hi) {
			const mid = (lo + hi) >>> 1;
			if (bars.time[mid]! < t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	};
	const from = firstAtOrAfter(start);
	return { from, to: Math.max(from, firstAtOrAfter(end)) };
}

function sliceColumns(bars: BarColumns, from: number, to: number): BarColumns {
	return {
		time: bars.time.subarray(from, to),
		open: bars.open.subarray(from, to),
		high: bars.high.subarray(from, to),
		low: bars.low.subarray(from, to),
		close: bars.close.subarray(from, to),
		volume: bars.volume.subarray(from, to)
	};
}

/**
 * SHA-256 (hex) of the bars run, packed as their six Float64 columns one after another (time,
 * open, high, low, close, volume; little-endian as typed arrays are on every platform Fillbook
 * runs on): the same bars give the same hash, and a changed or added bar another.
 */
export async function hashBars(c: BarColumns): Promise<string> {
	const n = c.time.length;
	const packed = new Float64Array(n * 6);
	[c.time, c.open, c.high, c.low, c.close, c.volume].forEach((column, k) => packed.set(column, k * n));
	const digest = await crypto.subtle.digest('SHA-256', packed);
	return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
