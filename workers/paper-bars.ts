/**
 * A paper session's bars read from the bar repository: every symbol's bars in [from, to) as the
 * broker's Bar objects, with the shortest timeframe among them. Shared by the desk (engine-paper)
 * and by what replays stored sessions to read them (the promotion report).
 */
import type { Bar } from '$lib/core/broker';
import type { FillbookDb } from '$lib/db/schema';
import { loadSymbolBars } from './engine-charts';

/** One symbol's bars in [from, to); throws when the symbol has none at all. */
export async function symbolBarsIn(
	d: FillbookDb,
	symbol: string,
	from: number,
	to: number
): Promise<{ bars: Bar[]; timeframeMs: number }> {
	const found = await loadSymbolBars(d, symbol, null);
	if (!found) throw new Error(`There are no bars of ${symbol}: import some first`);
	const { bars, timeframeMs } = found;
	const list: Bar[] = [];
	for (let i = 0; i < bars.time.length; i++) {
		const time = bars.time[i]!;
		if (time < from || time >= to) continue;
		const volume = bars.volume[i]!;
		list.push({
			symbol,
			time,
			open: bars.open[i]!,
			high: bars.high[i]!,
			low: bars.low[i]!,
			close: bars.close[i]!,
			volume: Number.isNaN(volume) ? null : volume
		});
	}
	return { bars: list, timeframeMs };
}

/** Every symbol's bars in [from, to), and the shortest timeframe; throws naming a symbol without any. */
export async function sessionBarsIn(
	d: FillbookDb,
	symbols: readonly string[],
	from: number,
	to: number
): Promise<{ bars: Bar[]; timeframeMs: number }> {
	const list: Bar[] = [];
	let timeframeMs = Infinity;
	for (const symbol of symbols) {
		const found = await symbolBarsIn(d, symbol, from, to);
		if (!found.bars.length) throw new Error(`No bars of ${symbol} in the range picked`);
		list.push(...found.bars);
		timeframeMs = Math.min(timeframeMs, found.timeframeMs);
	}
	return { bars: list, timeframeMs };
}
