/** Paper session facts for specs: SPY from 09:30 New York on 2025-03-03, no risk rules, nothing revealed. */
import { DEFAULT_BROKER_CONFIG, type Bar } from '../../src/lib/core/broker';
import type { PaperSessionFacts } from '../../src/lib/core/paper/session';
import { allRulesOff } from '../../src/lib/core/risk';

export const MIN = 60_000;
/** 2025-03-03 09:30 New York (EST, UTC−5). */
export const OPEN = Date.UTC(2025, 2, 3, 14, 30);

/** A running session's facts over SPY's regular session of 2025-03-03; `overrides` replace fields. */
export function paperFacts(overrides: Partial<PaperSessionFacts> = {}): PaperSessionFacts {
	return {
		id: 's1',
		symbol: 'SPY',
		from: OPEN,
		to: OPEN + 390 * MIN,
		broker: { ...DEFAULT_BROKER_CONFIG, startingCash: 100_000 },
		risk: allRulesOff(),
		cursor: 0,
		actions: [],
		status: 'running',
		createdAt: 1,
		...overrides
	};
}

/** One-minute SPY bars from [open, high, low, close] rows. */
export function rowBars(rows: readonly (readonly [number, number, number, number])[], start = OPEN): Bar[] {
	return rows.map(([open, high, low, close], i) => ({
		symbol: 'SPY',
		time: start + i * MIN,
		open,
		high,
		low,
		close,
		volume: 10_000
	}));
}
