/**
 * The timeframes a symbol's bars can be shown in, and their names. (Its imports' bars are merged
 * into one series by core/prices/bar-sources.ts.)
 */
import type { Timeframe } from '../indicators';

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
