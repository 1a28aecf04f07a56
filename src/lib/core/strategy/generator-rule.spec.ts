import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { strategy, barColumns } from '../../../../tests/support/strategy';
import type { Bar } from '../broker/types';
import { DEFAULT_BROKER_CONFIG } from '../broker';
import { allRulesOff } from '../risk';
import { generateSignals } from '../signals';
import { backtest } from './backtest';
import { signalParamsOf, SignalsStream, type SignalsRule } from './generator-rule';
import { strategyIntents } from './signals';
import { strategyProblem } from './types';

/** A trending walk long enough for the generator's 50-bar average to warm up, with volume. */
const walkArb = (length: number): fc.Arbitrary<Bar[]> =>
	fc
		.array(
			fc.record({
				move: fc.integer({ min: -60, max: 70 }),
				wick: fc.integer({ min: 0, max: 40 }),
				volume: fc.integer({ min: 0, max: 50_000 }),
				missing: fc.integer({ min: 0, max: 99 })
			}),
			{ minLength: length, maxLength: length }
		)
		.map((steps) => {
			let close = 50;
			return steps.map((s, i) => {
				const open = close;
				close = Math.max(1, Math.round(close * 100 + s.move) / 100);
				return {
					symbol: 'SPY',
					time: OPEN + i * MIN,
					open,
					high: Math.max(open, close) + s.wick / 100,
					low: Math.max(0.5, Math.min(open, close) - s.wick / 100),
					close,
					// Now and then a bar without volume: the generator skips it and starts afresh.
					volume: s.missing === 0 ? null : s.volume
				};
			});
		});

const columns = barColumns;

const ruleArb: fc.Arbitrary<SignalsRule> = fc.record({
	kind: fc.constant('signals' as const),
	minGroups: fc.integer({ min: 1, max: 4 }),
	atrPeriod: fc.integer({ min: 1, max: 20 }),
	stopAtr: fc.constantFrom(1, 1.5, 2.5)
});

describe('SignalsStream', () => {
	it('enters where generateSignals says BUY and exits where it says SELL, at every bar, nowhere else', () => {
		let signals = 0;
		fc.assert(
			fc.property(walkArb(160), ruleArb, (bars, rule) => {
				const stream = new SignalsStream(rule);
				const streamed = bars.flatMap((b, i) => {
					const step = stream.push(b);
					return step.entry ? [[i, 'BUY']] : step.exit ? [[i, 'SELL']] : [];
				});
				const batch = generateSignals(columns(bars), signalParamsOf(rule)).map((s) => [s.index, s.decision]);
				expect(streamed).toEqual(batch);
				signals += batch.length;
			}),
			{ numRuns: 60 }
		);
		// The walks do give signals: the property is not passing on empty lists.
		expect(signals).toBeGreaterThan(60);
	});

	it('a strategy of it buys at the next open with the generator’s own stop, and names the votes', () => {
		const bars = fc.sample(walkArb(200), { numRuns: 1, seed: 7 })[0]!;
		const rule: SignalsRule = { kind: 'signals', minGroups: 2, atrPeriod: 14, stopAtr: 1.5 };
		const def = strategy(rule);
		expect(strategyProblem(def)).toBe(null);
		const buys = generateSignals(columns(bars), signalParamsOf(rule)).filter((s) => s.decision === 'BUY');
		expect(buys.length).toBeGreaterThan(0);
		const entries = strategyIntents(def, bars, MIN).filter((i) => i.kind === 'entry');
		expect(entries.map((e) => e.lineage.barIndex)).toEqual(buys.map((s) => s.index));
		const first = entries[0]!;
		if (first.kind !== 'entry') throw new Error('expected an entry');
		const signal = buys[0]!;
		// The stop is 1.5 ATR(14) below the close, on the tick (the generator's is exact).
		expect(first.stop).toBe(Math.round(signal.lineage.levels!.stop * 100) / 100);
		expect(first.lineage.rule).toMatch(/^signals BUY: .*agree; confidence/);
		const result = backtest(
			def,
			bars,
			{ ...DEFAULT_BROKER_CONFIG, startingCash: 100_000 },
			allRulesOff(),
			MIN
		);
		const entryOrder = result.orders.find((o) => o.intent.lineage.barIndex === signal.index)!;
		const fill = result.executions.find((e) => e.orderId === entryOrder.order.id)!;
		expect([fill.side, fill.price, fill.time]).toEqual([
			'buy',
			bars[signal.index + 1]!.open,
			bars[signal.index + 1]!.time
		]);
	});
});
