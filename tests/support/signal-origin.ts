/** A signal origin for specs: SPY's BUY on the third one-minute bar of 2025-03-03, entry 100.60. */
import type { SignalOrigin } from '../../src/lib/core/paper/signal-origin';
import type { Lineage } from '../../src/lib/core/signals';
import { resolveSignalParams } from '../../src/lib/core/signals';
import { MIN, OPEN } from './paper-facts';

export function signalOrigin(overrides: Partial<SignalOrigin> = {}): SignalOrigin {
	const levels = {
		entry: 100.6,
		stop: 99.6,
		risk: 1,
		targets: [{ price: 102.1, rMultiple: 1.5 }],
		atr: 0.5,
		reason: 'ATR stop'
	};
	const lineage = {
		bars: { first: 0, last: 1, firstTime: OPEN, lastTime: OPEN + MIN },
		votes: [],
		levels,
		params: resolveSignalParams()
	} as unknown as Lineage;
	return {
		symbol: 'SPY',
		timeframeLabel: '1m',
		time: OPEN + MIN,
		decision: 'BUY',
		confidence: 0.75,
		prices: { entry: 100.6, stop: 99.6, target: 102.1 },
		lineage,
		...overrides
	};
}
