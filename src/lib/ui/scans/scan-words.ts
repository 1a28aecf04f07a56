/** How the Scans page words a schedule: its timing, its timeframes, a signal's placement. */
import type { Timeframe } from '$lib/core/indicators';
import type { BarSymbol, ScanSignal } from '$workers/contract';

export { EXCHANGE_ZONE } from '$lib/state/zone.svelte';

/** The timeframes every chosen symbol's bars can be resampled to (none when no symbol is chosen). */
export function commonTimeframes(symbols: readonly BarSymbol[]): Timeframe[] {
	if (!symbols.length) return [];
	return symbols[0]!.timeframes.filter((t) => symbols.every((s) => s.timeframes.includes(t)));
}

/** What became of a signal: placed (its orders), not placed (why), or notified only. */
export function placement(s: ScanSignal): string {
	if (s.placed === null) return 'notified';
	return 'refused' in s.placed
		? `not placed: ${s.placed.refused}`
		: `placed: orders ${s.placed.orderIds.join(', ')}`;
}

export { describeTiming } from '$lib/core/alerts/schedule';
