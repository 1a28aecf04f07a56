/** Strategies and bars for the strategy specs: SPY one-minute bars from the 09:30 open of 2025-03-03. */
import fc from 'fast-check';
import { DEFAULT_BROKER_CONFIG, type Bar, type BrokerConfig } from '../../src/lib/core/broker';
import type { Timeframe } from '../../src/lib/core/indicators/resample';
import type { Comparison, Condition, Operand, PriceField } from '../../src/lib/core/strategy/conditions';
import type { StrategyDefinition, StrategyRule } from '../../src/lib/core/strategy/types';
import { MIN, OPEN } from './paper-facts';

import { rowBars } from './paper-facts';

export { rowBars };

/** A definition of `rule`: 10 shares, no stop or target, not flat at the session end. */
export function strategy(
	rule: StrategyRule,
	overrides: Partial<StrategyDefinition> = {}
): StrategyDefinition {
	return {
		id: 'st1',
		name: 'Test',
		version: 1,
		rule,
		sizing: { by: 'quantity', quantity: 10 },
		exits: { stop: null, target: null, atrPeriod: 14, flatAtSessionEnd: false },
		...overrides
	};
}

/** SMA(2) crosses SMA(3) up at bar 3, down at bar 6, up again at bar 9 (signals.spec.ts works it out). */
export const CROSS_CLOSES: readonly number[] = [10, 10, 10, 11, 12, 11, 10, 9, 9, 10, 11, 12];

/**
 * Random one-minute SPY bars in cents, at least `minLength` of them: a walk with gaps and flat
 * stretches, opens between the closes.
 */
export const barsOf = (minLength: number): fc.Arbitrary<Bar[]> =>
	fc
		.array(
			fc.record({
				move: fc.integer({ min: -150, max: 150 }),
				gap: fc.integer({ min: -40, max: 40 }),
				up: fc.integer({ min: 0, max: 80 }),
				down: fc.integer({ min: 0, max: 80 }),
				flat: fc.boolean()
			}),
			{ minLength, maxLength: 120 }
		)
		.map((steps) => {
			let close = 100;
			return steps.map((s, i) => {
				const open = Math.max(1, Math.round((close + (s.flat ? 0 : s.gap / 100)) * 100) / 100);
				close = s.flat ? close : Math.max(1, Math.round(close * 100 + s.move) / 100);
				const high = Math.round((Math.max(open, close) + s.up / 100) * 100) / 100;
				const low = Math.max(0.5, Math.round((Math.min(open, close) - s.down / 100) * 100) / 100);
				return { symbol: 'SPY', time: OPEN + i * MIN, open, high, low, close, volume: 10_000 };
			});
		});

/** Random bars, any number of them (none included). */
export const barsArb: fc.Arbitrary<Bar[]> = barsOf(0);

const period = (max: number) => fc.integer({ min: 1, max });

/** Any valid rule of the four built-in kinds, small periods so the bars cross often. */
export const builtInRuleArb: fc.Arbitrary<StrategyRule> = fc.oneof(
	fc
		.tuple(period(10), period(10), fc.constantFrom<'sma-cross' | 'ema-cross'>('sma-cross', 'ema-cross'))
		.map(([a, b, kind]) => ({ kind, fast: a, slow: a + b })),
	fc
		.tuple(period(14), fc.integer({ min: 10, max: 45 }), fc.integer({ min: 55, max: 90 }))
		.map(([p, oversold, overbought]) => ({
			kind: 'rsi-reversion' as const,
			period: p,
			oversold,
			overbought
		})),
	fc
		.tuple(period(20), period(14), fc.double({ min: 0.5, max: 4, noNaN: true }))
		.map(([lookback, atrPeriod, atrMultiple]) => ({
			kind: 'breakout' as const,
			lookback,
			atrPeriod,
			atrMultiple
		}))
);

/** The signal generator with any confirmation and stop. */
const signalsArb: fc.Arbitrary<StrategyRule> = fc.record({
	kind: fc.constant('signals' as const),
	minGroups: fc.integer({ min: 1, max: 4 }),
	atrPeriod: period(14),
	stopAtr: fc.constantFrom(1, 1.5, 3)
});

/** Any valid rule: a built-in kind, the signal generator or a composed one. */
export const ruleArb: fc.Arbitrary<StrategyRule> = fc.oneof(builtInRuleArb, signalsArb, composedArb());

/**
 * A composed rule: one or two entry conditions and up to two exits, on small-period studies of
 * the bars or of 5-minute bars, prices and levels.
 */
function composedArb(): fc.Arbitrary<StrategyRule> {
	const operand: fc.Arbitrary<Operand> = fc.oneof(
		fc.record({
			kind: fc.constant('study' as const),
			study: fc.oneof(
				period(8).map((p) => ({ kind: 'sma' as const, params: [p] })),
				period(8).map((p) => ({ kind: 'ema' as const, params: [p] })),
				period(8).map((p) => ({ kind: 'rsi' as const, params: [p] }))
			),
			timeframe: fc.constantFrom<Timeframe>('1m', '5m')
		}),
		fc.record({
			kind: fc.constant('price' as const),
			field: fc.constantFrom<PriceField>('close', 'high', 'low')
		}),
		fc.integer({ min: 20, max: 80 }).map((value) => ({ kind: 'value' as const, value }))
	);
	const condition: fc.Arbitrary<Condition> = fc
		.record({
			left: operand,
			op: fc.constantFrom<Comparison>('crosses-above', 'crosses-below', 'above', 'below'),
			right: operand
		})
		.filter((c) => c.left.kind !== 'value' || c.right.kind !== 'value');
	return fc
		.record({
			entry: fc.array(condition, { minLength: 1, maxLength: 2 }),
			exit: fc.array(condition, { minLength: 0, maxLength: 2 })
		})
		.map((sides) => ({ kind: 'composed' as const, ...sides }));
}

/** CROSS_CLOSES as bars whose open is the close before plus i cents, so every open is told apart. */
export const CROSS_BARS: Bar[] = rowBars(
	CROSS_CLOSES.map((close, i) => {
		const open = i === 0 ? close : Math.round((CROSS_CLOSES[i - 1]! + i / 100) * 100) / 100;
		return [open, Math.max(open, close) + 0.1, Math.min(open, close) - 0.1, close] as const;
	})
);

/** $100,000, $0.005 a share with a $1 minimum: the broker the strategy specs trade through. */
export const STRATEGY_BROKER: BrokerConfig = {
	...DEFAULT_BROKER_CONFIG,
	startingCash: 100_000,
	commission: { kind: 'per_share', perShare: 0.005, minimum: 1 }
};

/** Bars as the batch functions' columns (volume NaN where a bar has none). */
export function barColumns(bars: readonly Bar[]) {
	return {
		time: Float64Array.from(bars, (b) => b.time),
		open: Float64Array.from(bars, (b) => b.open),
		high: Float64Array.from(bars, (b) => b.high),
		low: Float64Array.from(bars, (b) => b.low),
		close: Float64Array.from(bars, (b) => b.close),
		volume: Float64Array.from(bars, (b) => b.volume ?? NaN)
	};
}
