/**
 * One symbol's bars for a chart: the stored chunks of its imports merged into one series, and the
 * timeframes it can be shown in.
 */
import type { BarColumns, Timeframe } from '../indicators';

const MINUTE = 60_000;
/** Each timeframe's length; a day is nominal (resample follows the zone's calendar). */
export const TIMEFRAME_MS: Record<Timeframe, number> = {
	'1m': MINUTE,
	'5m': 5 * MINUTE,
	'15m': 15 * MINUTE,
	'30m': 30 * MINUTE,
	'1h': 60 * MINUTE,
	'1D': 24 * 60 * MINUTE
};
export const TIMEFRAMES = Object.keys(TIMEFRAME_MS) as Timeframe[];

/**
 * The timeframes bars of spacing `nativeMs` can be resampled to: the longer ones that a whole
 * number of native bars fill. Daily is offered from any intraday spacing (a session's day is not
 * a fixed number of bars); nothing is offered from daily or longer bars, nor from odd spacings.
 */
export function higherTimeframes(nativeMs: number): Timeframe[] {
	if (!(nativeMs > 0) || nativeMs >= TIMEFRAME_MS['1D']) return [];
	return TIMEFRAMES.filter((tf) => {
		const ms = TIMEFRAME_MS[tf];
		return ms > nativeMs && (tf === '1D' ? TIMEFRAME_MS['1h'] % nativeMs === 0 : ms % nativeMs === 0);
	});
}

/** The name of a native spacing: `1m`, `1D`, or minutes / days for others (`2m`, `7D`). */
export function spacingLabel(ms: number): string {
	const named = TIMEFRAMES.find((tf) => TIMEFRAME_MS[tf] === ms);
	if (named) return named;
	if (ms % TIMEFRAME_MS['1D'] === 0) return `${ms / TIMEFRAME_MS['1D']}D`;
	if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
	return `${ms / 1000}s`;
}

/**
 * Bars of several imports merged by time. Imports may overlap (a file downloaded again, a longer
 * range): at a time several of them have, the later one in `chunks` wins — pass them oldest import
 * first, so the newest download is what the chart shows.
 */
export function mergeBars(chunks: readonly BarColumns[]): BarColumns {
	if (chunks.length === 1) return chunks[0]!;
	const byTime = new Map<number, [BarColumns, number]>();
	for (const chunk of chunks) {
		for (let i = 0; i < chunk.time.length; i++) byTime.set(chunk.time[i]!, [chunk, i]);
	}
	const times = Float64Array.from(byTime.keys()).sort();
	const n = times.length;
	const out: BarColumns = {
		time: times,
		open: new Float64Array(n),
		high: new Float64Array(n),
		low: new Float64Array(n),
		close: new Float64Array(n),
		volume: new Float64Array(n)
	};
	for (let j = 0; j < n; j++) {
		const [chunk, i] = byTime.get(times[j]!)!;
		out.open[j] = chunk.open[i]!;
		out.high[j] = chunk.high[i]!;
		out.low[j] = chunk.low[i]!;
		out.close[j] = chunk.close[i]!;
		out.volume[j] = chunk.volume[i]!;
	}
	return out;
}
