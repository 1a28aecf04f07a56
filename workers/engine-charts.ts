/**
 * The charts side of the engine: the imported bars of a trade's symbol around the trade, and its
 * excursion (MFE/MAE, best exit) from them. Bars live in per-import chunks of typed arrays; the
 * slice for one trade is copied out and transferred, so the worker keeps nothing per call.
 */
import type {
	BarSymbol,
	ChartBars,
	ChartExecution,
	ChartRequest,
	ChartsApi,
	PriceChart,
	SignalsRequest,
	SymbolSignals,
	TradeChart
} from './contract';
import { transfer } from 'comlink';
import { excursion } from '$lib/core/analytics/excursion';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/types';
import { matches, type TradeFilter } from '$lib/core/trades/query';
import { listBarChunks, symbolBarFiles } from '$lib/db/bars';
import { chunkSpacing, disagreements, finestSpacing, preferredBars } from '$lib/core/prices/bar-sources';
import type { BarChunkRow, FillbookDb } from '$lib/db/schema';
import { resample, type BarColumns, type Timeframe } from '$lib/core/indicators';
import { generateSignals } from '$lib/core/signals';
import { checkStudy, computeStudy, studyLabel } from '$lib/core/studies';
import { higherTimeframes, spacingLabel, TIMEFRAME_MS } from '$lib/core/studies/bars';
import { marketSession } from '$lib/core/time/market-session';
import type { Derived } from './engine-trades';
import { portfolioFilter } from './engine-portfolios';

/** Bars shown before the open and after the close, at least. */
const PAD_BARS = 30;
/** …and at most, however long the trade: a day trade on 1-minute bars stays readable. */
const MAX_PAD_BARS = 240;
/** Bars in one chart at most (a multi-month swing trade on 1-minute bars). */
const MAX_BARS = 20_000;

/**
 * The symbol's bars: its finest imports merged, the preferred file's bars where files disagree
 * (core/prices/bar-sources.ts), resampled when asked on the instrument's session (US equities'
 * hours from 09:30 New York time, crypto's on UTC: see marketSession), whatever zone the page
 * displays.
 */
export async function loadSymbolBars(
	d: FillbookDb,
	symbol: string,
	timeframe: Timeframe | null
): Promise<{ bars: BarColumns; timeframeMs: number; label: string } | null> {
	const files = await symbolBarFiles(d, symbol);
	const nativeMs = finestSpacing(files);
	if (nativeMs === null) return null;
	const { importAt: _importAt, ...merged } = preferredBars(files, nativeMs);
	if (timeframe === null) return { bars: merged, timeframeMs: nativeMs, label: spacingLabel(nativeMs) };
	if (!higherTimeframes(nativeMs).includes(timeframe))
		throw new RangeError(`${symbol}'s ${spacingLabel(nativeMs)} bars cannot be shown as ${timeframe} bars`);
	return {
		bars: resample(merged, timeframe, marketSession(symbol)),
		timeframeMs: TIMEFRAME_MS[timeframe],
		label: timeframe
	};
}

export function createCharts(
	db: (mode: Mode) => FillbookDb,
	trades: (mode: Mode) => Promise<Derived>
): ChartsApi {
	const symbolBars = (mode: Mode, symbol: string, timeframe: Timeframe | null) =>
		loadSymbolBars(db(mode), symbol, timeframe);

	async function barSymbols(mode: Mode): Promise<BarSymbol[]> {
		const { main, alternates } = await listBarChunks(db(mode));
		const bySymbol = new Map<string, { main: BarChunkRow[]; alternates: BarChunkRow[] }>();
		const add = (c: BarChunkRow, kind: 'main' | 'alternates') => {
			if (c.count === 0) return;
			let files = bySymbol.get(c.symbol);
			if (!files) bySymbol.set(c.symbol, (files = { main: [], alternates: [] }));
			files[kind].push(c);
		};
		for (const c of main) add(c, 'main');
		for (const c of alternates) add(c, 'alternates');
		return [...bySymbol]
			.map(([symbol, files]) => {
				const nativeMs = finestSpacing({ ...files, preferred: null })!;
				const at = (c: BarChunkRow) => chunkSpacing(c) === nativeMs;
				const finest = [...files.main.filter(at), ...files.alternates.filter(at)];
				return {
					symbol,
					nativeMs,
					nativeLabel: spacingLabel(nativeMs),
					count:
						finest.length === 1
							? finest[0]!.count
							: new Set(finest.flatMap((c) => [...c.time.subarray(0, c.count)])).size,
					firstTime: Math.min(...finest.map((c) => c.firstTime)),
					lastTime: Math.max(...finest.map((c) => c.lastTime)),
					timeframes: higherTimeframes(nativeMs),
					files: new Set(finest.map((c) => c.importId)).size,
					disagreeing: files.alternates.length
						? disagreements({ ...files, preferred: null }, nativeMs).length
						: 0
				};
			})
			.sort((a, b) => a.symbol.localeCompare(b.symbol));
	}

	return {
		/** Every symbol with imported bars, by name. */
		barSymbols,

		/**
		 * A symbol's bars with the studies asked for and its executions; null when it has no bars.
		 * The columns are transferred, not copied.
		 */
		async priceChart(mode: Mode, request: ChartRequest): Promise<PriceChart | null> {
			const specs = request.studies.map(checkStudy);
			const found = await symbolBars(mode, request.symbol, request.timeframe);
			if (!found) return null;
			const { bars } = found;
			const n = bars.time.length;
			const end = n ? bars.time[n - 1]! + found.timeframeMs : 0;
			const chart: PriceChart = {
				symbol: request.symbol,
				timeframeMs: found.timeframeMs,
				timeframeLabel: found.label,
				sessionLabel: marketSession(request.symbol).label,
				// Copies: the merged columns may be a stored chunk's own arrays, or shared by studies.
				bars: {
					time: bars.time.slice(),
					open: bars.open.slice(),
					high: bars.high.slice(),
					low: bars.low.slice(),
					close: bars.close.slice(),
					volume: bars.volume.slice()
				},
				studies: specs.map((spec) => ({ spec, label: studyLabel(spec), lines: computeStudy(spec, bars) })),
				executions: [],
				hiddenExecutions: 0
			};
			if (n) {
				const derived = await trades(mode);
				const all = executionsOf(derived, request.symbol, bars.time[0]!, end);
				const kept = request.filter
					? executionsOf(
							derived,
							request.symbol,
							bars.time[0]!,
							end,
							filteredLegs(
								derived,
								await portfolioFilter(db(mode), request.filter),
								request.filterZone ?? request.zone
							)
						)
					: all;
				chart.executions = kept;
				chart.hiddenExecutions = all.length - kept.length;
			}
			const buffers = [
				...Object.values(chart.bars).map((a: Float64Array) => a.buffer),
				...chart.studies.flatMap((s) => s.lines.map((l) => l.buffer))
			];
			return transfer(chart, buffers);
		},

		/** The signal generator over each symbol's bars (or every symbol with bars). */
		async runSignals(mode: Mode, request: SignalsRequest): Promise<SymbolSignals[]> {
			const symbols = request.symbols ?? (await barSymbols(mode)).map((s) => s.symbol);
			const results: SymbolSignals[] = [];
			for (const symbol of symbols) {
				let found;
				try {
					found = await symbolBars(mode, symbol, request.timeframe);
				} catch (e) {
					results.push({
						symbol,
						timeframeLabel: '',
						bars: 0,
						lastBarTime: null,
						signals: [],
						error: (e as Error).message
					});
					continue;
				}
				if (!found) continue;
				const { bars, label } = found;
				const noVolume = bars.volume.every((v) => Number.isNaN(v));
				results.push({
					symbol,
					timeframeLabel: label,
					bars: bars.time.length,
					lastBarTime: bars.time.length ? bars.time[bars.time.length - 1]! : null,
					signals: noVolume ? [] : generateSignals(bars, request.params),
					error: noVolume ? `${symbol}'s bars have no volume, which the volume group (OBV) needs` : null
				});
			}
			return results;
		},

		/** The bars around a trade and its excursion; null when there is no such trade. */
		async tradeChart(mode: Mode, tradeId: string): Promise<TradeChart | null> {
			const derived = await trades(mode);
			const trade = derived.byId.get(tradeId);
			if (!trade) return null;
			const files = await symbolBarFiles(db(mode), trade.symbol);
			const picked = pickChunk([...files.main, ...files.alternates], trade);
			if (!picked) return { symbol: trade.symbol, bars: null, timeframeMs: null, excursion: null };
			// Every file's bars at the picked chunk's spacing, the preferred one's where they disagree.
			const chunk = { ...preferredBars(files, chunkSpacing(picked)), timeframeMs: chunkSpacing(picked) };
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

/** A chunk's bar spacing, with a single bar (no gap to measure) as one minute. */
/** The executions (table indexes) of the trades the filter lets through. */
function filteredLegs(derived: Derived, filter: TradeFilter, zone: string): Set<number> {
	const legs = new Set<number>();
	for (const row of derived.rows)
		if (matches(row, filter, zone))
			for (const leg of derived.byId.get(row.id)?.legs ?? []) legs.add(leg.execution);
	return legs;
}

/** Executions of `symbol` (any account, or only those in `only`) with from ≤ time < to, oldest first. */
function executionsOf(
	derived: Derived,
	symbol: string,
	from: number,
	to: number,
	only?: Set<number>
): ChartExecution[] {
	const t = derived.table;
	const groups = new Set(t.groups.flatMap((g, i) => (g.symbol === symbol ? [i] : [])));
	const out: ChartExecution[] = [];
	if (!groups.size) return out;
	for (let i = 0; i < t.count; i++) {
		const time = t.time[i]!;
		if (time < from || time >= to || !groups.has(t.group[i]!) || (only && !only.has(i))) continue;
		out.push({ time, side: t.side[i] === 0 ? 'buy' : 'sell', quantity: t.quantity[i]!, price: t.price[i]! });
	}
	return out.sort((a, b) => a.time - b.time);
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

/** A copy of the bars from some bars before the trade to some after it. */
function around(chunk: BarColumns & { timeframeMs: number }, trade: Trade): ChartBars {
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
