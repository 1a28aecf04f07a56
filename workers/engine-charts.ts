/**
 * The charts side of the engine: the imported bars of a trade's symbol around the trade, and its
 * excursion (MFE/MAE, best exit) from them. Bars live in per-import chunks of typed arrays; the
 * slice for one trade is copied out and transferred, so the worker keeps nothing per call.
 */
import { transfer } from 'comlink';
import { excursion, type Excursion } from '$lib/core/analytics/excursion';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/group';
import type { BarChunkRow, FillbookDb } from '$lib/db/schema';
import type { Derived } from './engine-trades';

/** Bars of one symbol as columns, sorted by time (epoch ms). */
export interface ChartBars {
	time: Float64Array;
	open: Float64Array;
	high: Float64Array;
	low: Float64Array;
	close: Float64Array;
	/** NaN where the file had no volume. */
	volume: Float64Array;
}

export interface TradeChart {
	symbol: string;
	/** Bars around the trade, or null when no imported bars reach its time. */
	bars: ChartBars | null;
	/** Spacing of the bars (ms); null without bars. */
	timeframeMs: number | null;
	/** Null without bars, or when they do not cover the trade from first to last execution. */
	excursion: Excursion | null;
}

/** Bars shown before the open and after the close, at least. */
const PAD_BARS = 30;
/** …and at most, however long the trade: a day trade on 1-minute bars stays readable. */
const MAX_PAD_BARS = 240;
/** Bars in one chart at most (a multi-month swing trade on 1-minute bars). */
const MAX_BARS = 20_000;

export function createCharts(db: (mode: Mode) => FillbookDb, trades: (mode: Mode) => Promise<Derived>) {
	return {
		/** The bars around a trade and its excursion; null when there is no such trade. */
		async tradeChart(mode: Mode, tradeId: string): Promise<TradeChart | null> {
			const derived = await trades(mode);
			const trade = derived.byId.get(tradeId);
			if (!trade) return null;
			const chunks = await db(mode).barChunks.where('symbol').equals(trade.symbol).toArray();
			const chunk = pickChunk(chunks, trade);
			if (!chunk) return { symbol: trade.symbol, bars: null, timeframeMs: null, excursion: null };
			const t = derived.table;
			const bars = around(chunk, trade);
			const result: TradeChart = {
				symbol: trade.symbol,
				bars,
				timeframeMs: chunk.timeframeMs,
				excursion: excursion(
					{ time: chunk.time, high: chunk.high, low: chunk.low, timeframeMs: chunk.timeframeMs },
					{
						direction: trade.direction,
						openTime: trade.openTime,
						closeTime: trade.open ? null : trade.closeTime,
						multiplier: trade.multiplier,
						executions: trade.legs.map((leg) => ({
							time: t.time[leg.execution]!,
							side: t.side[leg.execution] === 0 ? 'buy' : 'sell',
							quantity: leg.quantity,
							price: t.price[leg.execution]!
						}))
					}
				)
			};
			return transfer(
				result,
				Object.values(bars).map((a: Float64Array) => a.buffer)
			);
		}
	};
}

/** The end of the trade for the chart: its close, or its last execution while open. */
function endOf(trade: Trade): number {
	return trade.closeTime ?? trade.openTime;
}

/**
 * The chunk to draw: of those whose bars reach into the trade's time, one that covers the whole
 * trade before one that does not, then the finest timeframe (the most detail), then the newest
 * import (a re-download replaces an older file).
 */
function pickChunk(chunks: readonly BarChunkRow[], trade: Trade): BarChunkRow | null {
	const end = endOf(trade);
	const tf = (c: BarChunkRow) => (Number.isFinite(c.timeframeMs) ? c.timeframeMs : 0);
	const reaches = chunks.filter(
		(c) => c.count > 0 && c.firstTime <= end && c.lastTime + tf(c) >= trade.openTime
	);
	const covers = (c: BarChunkRow) => (c.firstTime <= trade.openTime && c.lastTime + tf(c) > end ? 0 : 1);
	reaches.sort((a, b) => covers(a) - covers(b) || tf(a) - tf(b) || (b.key ?? 0) - (a.key ?? 0));
	return reaches[0] ?? null;
}

/** A copy of the chunk's bars from some bars before the trade to some after it. */
function around(chunk: BarChunkRow, trade: Trade): ChartBars {
	const tf = Number.isFinite(chunk.timeframeMs) && chunk.timeframeMs > 0 ? chunk.timeframeMs : 60_000;
	const span = endOf(trade) - trade.openTime;
	// Padding grows with the trade's length so a long trade keeps some context on each side.
	const pad = Math.min(MAX_PAD_BARS, Math.max(PAD_BARS, Math.ceil(span / tf / 2))) * tf;
	let from = lowerBound(chunk.time, trade.openTime - pad);
	let to = lowerBound(chunk.time, endOf(trade) + pad + 1);
	if (to - from > MAX_BARS) {
		// Keep the bars nearest the trade's start: that is where its story begins.
		from = Math.max(0, lowerBound(chunk.time, trade.openTime) - MAX_BARS / 10);
		to = from + MAX_BARS;
	}
	return {
		time: chunk.time.slice(from, to),
		open: chunk.open.slice(from, to),
		high: chunk.high.slice(from, to),
		low: chunk.low.slice(from, to),
		close: chunk.close.slice(from, to),
		volume: chunk.volume.slice(from, to)
	};
}

/** The first index whose time is at least `t`. */
function lowerBound(times: Float64Array, t: number): number {
	let lo = 0;
	let hi = times.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid]! < t) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}
