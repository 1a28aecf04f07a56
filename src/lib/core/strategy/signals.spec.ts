import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import {
	barsArb,
	builtInRuleArb,
	CROSS_CLOSES,
	rowBars,
	ruleArb,
	strategy
} from '../../../../tests/support/strategy';
import type { Bar } from '../broker';
import { atr, ema, rsi, sma } from '../indicators';
import { ChannelStream, isLateInSession, StrategyStepper, strategyIntents, type Intent } from './signals';
import type { StrategyRule } from './types';

/** Bars whose closes are `closes` (open = high = low = close). */
const closeBars = (closes: readonly number[]) => rowBars(closes.map((c) => [c, c, c, c] as const));

/** Where each intent fired: [bar index, kind]. */
const at = (intents: Intent[]) => intents.map((i) => [i.lineage.barIndex, i.kind]);

describe('strategy signals on hand-worked bars', () => {
	it('finds every SMA(2)/SMA(3) crossing at its bar, with the values that caused it', () => {
		// SMA(2): –, 10, 10, 10.5, 11.5, 11.5, 10.5, 9.5, 9, 9.5, 10.5, 11.5
		// SMA(3): –, –, 10, 10.33, 11, 11.33, 11, 10, 9.33, 9.33, 10, 11
		const intents = strategyIntents(
			strategy({ kind: 'sma-cross', fast: 2, slow: 3 }),
			closeBars(CROSS_CLOSES),
			MIN
		);
		expect(at(intents)).toEqual([
			[3, 'entry'],
			[6, 'exit'],
			[9, 'entry']
		]);
		const first = intents[0]!;
		expect(first).toMatchObject({
			kind: 'entry',
			side: 'buy',
			symbol: 'SPY',
			time: OPEN + 3 * MIN,
			reference: 11
		});
		expect(first.lineage).toMatchObject({
			barIndex: 3,
			close: 11,
			rule: 'SMA(2) crossed above SMA(3): 10.5 > 10.3333 (was 10 ≤ 10)',
			values: { 'SMA(2)': 10.5 },
			previous: { 'SMA(2)': 10, 'SMA(3)': 10 }
		});
		expect(first.lineage.values['SMA(3)']).toBeCloseTo(31 / 3, 12);
		expect(intents[1]!.lineage.rule).toBe('SMA(2) crossed below SMA(3): 10.5 < 11 (was 11.5 ≥ 11.3333)');
	});

	it('RSI(2) reversion: in when RSI climbs back over 30, out when it climbs over 70', () => {
		// Changes −1, −1: RSI 0 at bar 2; +1: gain 0.5, loss 0.5 → 50 at bar 3; +1: 0.75/0.25 → 75 at bar 4.
		const intents = strategyIntents(
			strategy({ kind: 'rsi-reversion', period: 2, oversold: 30, overbought: 70 }),
			closeBars([10, 9, 8, 9, 10, 11]),
			MIN
		);
		expect(at(intents)).toEqual([
			[3, 'entry'],
			[4, 'exit']
		]);
		expect(intents.map((i) => i.lineage.rule)).toEqual([
			'RSI(2) crossed above 30: 50 (was 0)',
			'RSI(2) crossed above 70: 75 (was 50)'
		]);
	});

	it('breakout: a close above the 3 bars before it enters with a stop 1.5 ATR(2) under the close; a close under their low exits', () => {
		const bars = rowBars([
			[10, 10.2, 9.8, 10],
			[10, 10.5, 9.9, 10.4],
			[10.4, 10.4, 10, 10.1],
			[10.1, 10.9, 10.1, 10.8],
			[10.8, 11, 10.6, 10.9],
			[10.9, 10.9, 10, 10.05],
			[10.05, 10.1, 9.8, 9.9]
		]);
		const intents = strategyIntents(
			strategy({ kind: 'breakout', lookback: 3, atrPeriod: 2, atrMultiple: 1.5 }),
			bars,
			MIN
		);
		expect(at(intents)).toEqual([
			[3, 'entry'],
			[6, 'exit']
		]);
		// True ranges 0.6 (bar 1), 0.4 (bar 2): ATR(2) 0.5 at bar 2; bar 3's 0.8 → (0.5 + 0.8) / 2 = 0.65.
		// Stop 10.8 − 1.5 × 0.65 = 9.825, on the cent tick halves away from zero: 9.83.
		expect(intents[0]!.lineage.values['ATR(2)']).toBeCloseTo(0.65, 12);
		expect(intents[0]).toMatchObject({ reference: 10.8, stop: 9.83, target: null, blocked: null });
		expect(intents[0]!.lineage.rule).toBe('close 10.8 broke above High(3) 10.5');
		// Bar 5's close 10.05 stays above bars 2–4's lowest low (10); bar 6's 9.9 breaks bars 3–5's (10).
		expect(intents[1]!.lineage.rule).toBe('close 9.9 broke below Low(3) 10');
	});

	it('blocks an entry whose ATR stop is not known yet, and prices R targets from the stop', () => {
		const def = (atrPeriod: number) =>
			strategy(
				{ kind: 'sma-cross', fast: 2, slow: 3 },
				{
					exits: {
						stop: { atrMultiple: 2 },
						target: { unit: 'r', value: 2 },
						atrPeriod,
						flatAtSessionEnd: false
					}
				}
			);
		const bars = closeBars(CROSS_CLOSES);
		const warming = strategyIntents(def(5), bars, MIN).find((i) => i.kind === 'entry')!;
		expect(warming).toMatchObject({
			stop: null,
			target: null,
			blocked: 'ATR(5) has no value yet for the stop'
		});
		const ready = strategyIntents(def(2), bars, MIN).find((i) => i.kind === 'entry')!;
		const atr3 = atr(CROSS_CLOSES, CROSS_CLOSES, CROSS_CLOSES, 2)[3]!;
		const stop = Math.round((11 - 2 * atr3) * 100) / 100;
		expect(ready).toMatchObject({
			stop,
			target: Math.round((11 + 2 * (11 - stop)) * 100) / 100,
			blocked: null
		});
	});

	it('blocks an entry whose ATR stop rounds onto the close (a range under a tick)', () => {
		// ATR(1) at bar 1 is 0.01: 100.01 − 0.5 × 0.01 = 100.005 rounds (halves away from zero) to 100.01.
		const bars = rowBars([
			[100, 100, 100, 100],
			[100, 100.01, 100, 100.01]
		]);
		const [entry] = strategyIntents(
			strategy({ kind: 'breakout', lookback: 1, atrPeriod: 1, atrMultiple: 0.5 }),
			bars,
			MIN
		);
		expect(entry).toMatchObject({
			kind: 'entry',
			stop: null,
			blocked: 'the stop rounds to 100.01, not below the close 100.01'
		});
	});

	it('flat at session end: the bar before the last of the day exits, and enters no more', () => {
		// 1-minute bars from 15:50 New York: the 15:58 bar is the one whose next bar is the session's last.
		const start = OPEN + 380 * MIN;
		expect(isLateInSession('SPY', start + 7 * MIN, MIN)).toBe(false);
		expect(isLateInSession('SPY', start + 8 * MIN, MIN)).toBe(true);
		expect(isLateInSession('BTC-USD', Date.UTC(2025, 2, 3, 23, 58), MIN)).toBe(true);
		expect(isLateInSession('BTC-USD', Date.UTC(2025, 2, 3, 23, 57), MIN)).toBe(false);
		const closes = [10, 10, 10, 10, 10, 10, 10, 10, 10, 11];
		const bars = rowBars(
			closes.map((c) => [c, c, c, c] as const),
			start
		);
		const def = strategy({ kind: 'sma-cross', fast: 2, slow: 3 });
		const intents = strategyIntents({ ...def, exits: { ...def.exits, flatAtSessionEnd: true } }, bars, MIN);
		expect(
			intents.map((i) => [i.lineage.barIndex, i.kind, i.kind === 'exit' ? i.reason : i.blocked])
		).toEqual([
			[8, 'exit', 'session-end'],
			[9, 'exit', 'session-end'],
			[9, 'entry', 'too late in the session: flat by its end']
		]);
	});

	it('a missing close restarts the averages: no crossing is read across it', () => {
		const closes = [10, 10, 10, NaN, 11, 12, 13];
		const intents = strategyIntents(
			strategy({ kind: 'sma-cross', fast: 2, slow: 3 }),
			closeBars(closes),
			MIN
		);
		// After the gap SMA(3) needs bars 4–6 again and there is no bar before them with both values.
		expect(intents).toEqual([]);
	});

	it('refuses a definition that cannot run, with its problem', () => {
		expect(() => new StrategyStepper(strategy({ kind: 'sma-cross', fast: 3, slow: 3 }), MIN)).toThrow(
			'SMA cross fast (3) must be shorter than slow (3)'
		);
	});
});

/** The rule's indicator columns by the batch functions, under the stepper's labels. */
function batchValues(rule: StrategyRule, bars: Bar[]): Record<string, number[]> {
	const close = bars.map((b) => b.close);
	const high = bars.map((b) => b.high);
	const low = bars.map((b) => b.low);
	switch (rule.kind) {
		case 'sma-cross':
			return {
				[`SMA(${rule.fast})`]: [...sma(close, rule.fast)],
				[`SMA(${rule.slow})`]: [...sma(close, rule.slow)]
			};
		case 'ema-cross':
			return {
				[`EMA(${rule.fast})`]: [...ema(close, rule.fast)],
				[`EMA(${rule.slow})`]: [...ema(close, rule.slow)]
			};
		case 'rsi-reversion':
			return { [`RSI(${rule.period})`]: [...rsi(close, rule.period)] };
		case 'breakout': {
			// The channel by its definition: the extremes of the `lookback` bars before each bar.
			const n = rule.lookback;
			const prior = (xs: number[], f: (...v: number[]) => number) =>
				xs.map((_, i) => (i >= n ? f(...xs.slice(i - n, i)) : NaN));
			return {
				[`High(${n})`]: prior(high, Math.max),
				[`Low(${n})`]: prior(low, Math.min),
				[`ATR(${rule.atrPeriod})`]: [...atr(high, low, close, rule.atrPeriod)]
			};
		}
		case 'signals':
		case 'composed':
			throw new Error(`${rule.kind} rules are checked against the batch path in their own specs`);
	}
}

/** Where the rule fires by the batch columns: crossings (TradingView's definition) and breaks. */
function batchSignals(rule: StrategyRule, bars: Bar[]): (string | number)[][] {
	const v = batchValues(rule, bars);
	const out: (string | number)[][] = [];
	const ok = (...xs: number[]) => xs.every(Number.isFinite);
	for (let i = 1; i < bars.length; i++) {
		const close = bars[i]!.close;
		if (rule.kind === 'breakout') {
			const [h, l] = [v[`High(${rule.lookback})`]![i]!, v[`Low(${rule.lookback})`]![i]!];
			if (ok(h, l) && close > h) out.push([i, 'entry']);
			else if (ok(h, l) && close < l) out.push([i, 'exit']);
			continue;
		}
		if (rule.kind === 'rsi-reversion') {
			const r = v[`RSI(${rule.period})`]!;
			const [a, b] = [r[i - 1]!, r[i]!];
			if (!ok(a, b)) continue;
			if (b > rule.overbought && a <= rule.overbought) out.push([i, 'exit']);
			if (b > rule.oversold && a <= rule.oversold) out.push([i, 'entry']);
			continue;
		}
		if (rule.kind === 'composed' || rule.kind === 'signals') continue;
		const name = rule.kind === 'sma-cross' ? 'SMA' : 'EMA';
		const [f, s] = [v[`${name}(${rule.fast})`]!, v[`${name}(${rule.slow})`]!];
		const [pf, ps, cf, cs] = [f[i - 1]!, s[i - 1]!, f[i]!, s[i]!];
		if (!ok(pf, ps, cf, cs)) continue;
		if (cf > cs && pf <= ps) out.push([i, 'entry']);
		else if (cf < cs && pf >= ps) out.push([i, 'exit']);
	}
	return out;
}

describe('strategy signals: properties', () => {
	// Composed rules' values and conditions against the batch path: conditions.spec.ts.
	it('the streamed indicator values equal the batch functions at every bar', () => {
		fc.assert(
			fc.property(barsArb, builtInRuleArb, (bars, rule) => {
				const stepper = new StrategyStepper(strategy(rule), MIN);
				const streamed: Record<string, number[]> = {};
				for (const bar of bars) {
					stepper.push(bar);
					for (const [k, x] of Object.entries(stepper.values)) (streamed[k] ??= []).push(x);
				}
				if (bars.length) expect(streamed).toEqual(batchValues(rule, bars));
			})
		);
	});

	it('every signal the batch columns give is an intent at the same bar, and no other', () => {
		fc.assert(
			fc.property(barsArb, builtInRuleArb, (bars, rule) => {
				expect(at(strategyIntents(strategy(rule), bars, MIN))).toEqual(batchSignals(rule, bars));
			})
		);
	});

	it('no look-ahead: the intents up to a bar are the same whatever the bars after it', () => {
		fc.assert(
			fc.property(barsArb, barsArb, ruleArb, fc.nat(), (bars, other, rule, cut) => {
				const k = bars.length ? cut % (bars.length + 1) : 0;
				const def = strategy(rule, {
					exits: {
						stop: { atrMultiple: 2 },
						target: { unit: 'r', value: 2 },
						atrPeriod: 3,
						flatAtSessionEnd: true
					}
				});
				const future = other.map((b, i) => ({ ...b, time: OPEN + (k + i) * MIN }));
				const full = strategyIntents(def, bars, MIN).filter((i) => i.lineage.barIndex < k);
				expect(
					strategyIntents(def, [...bars.slice(0, k), ...future], MIN).filter((i) => i.lineage.barIndex < k)
				).toEqual(full);
				// One by one, as a replay reveals them.
				const stepper = new StrategyStepper(def, MIN);
				const oneByOne: Intent[] = [];
				for (const bar of bars.slice(0, k)) oneByOne.push(...stepper.push(bar));
				expect(oneByOne).toEqual(full);
			})
		);
	});

	it('the channel is the highest high and lowest low of the bars before', () => {
		const c = new ChannelStream(2);
		expect([c.push(5, 1), c.push(6, 2), c.push(4, 3), c.push(3, 0)]).toEqual([
			{ high: NaN, low: NaN },
			{ high: NaN, low: NaN },
			{ high: 6, low: 1 },
			{ high: 6, low: 2 }
		]);
	});
});
