/**
 * What the sweep e2e expects, computed here in Node by the same core the engine runs: RIVN's bars
 * parsed from the fixture, and the sweep and walk-forward of the spec's grid over them.
 */
import { DEFAULT_BROKER_CONFIG } from '../../src/lib/core/broker';
import { allRulesOff } from '../../src/lib/core/risk';
import { sweep, type RunConfig, type SweepGrid } from '../../src/lib/core/strategy/sweep';
import { STRATEGY_TEMPLATES } from '../../src/lib/core/strategy/templates';
import { walkForward, type WalkForwardSpec } from '../../src/lib/core/strategy/walk-forward';
import { rivnBars } from '../support/paper-day';

export { rivnBars };

export const SMA_TEMPLATE = STRATEGY_TEMPLATES[0]!;
/** fast 3 and 6 across, slow 5, 7, 9 down: 2 × 3 cells, one of them (6 over 5) invalid. */
export const GRID: SweepGrid = [
	{ key: 'rule.fast', from: 3, to: 6, step: 3 },
	{ key: 'rule.slow', from: 5, to: 9, step: 2 }
];
export const WINDOWS: WalkForwardSpec = { unit: 'bars', inSample: 11, outOfSample: 11, step: 4 };
const CONFIG: RunConfig = { broker: DEFAULT_BROKER_CONFIG, risk: allRulesOff(), timeframeMs: 60_000 };

export const expectedSweep = () => sweep(SMA_TEMPLATE, rivnBars(), GRID, CONFIG);
export const expectedWalkForward = () =>
	walkForward(SMA_TEMPLATE, rivnBars(), GRID, WINDOWS, 'netPnl', CONFIG);
