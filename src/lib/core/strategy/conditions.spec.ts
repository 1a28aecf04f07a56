import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MIN, OPEN } from '../../../../tests/support/paper-facts';
import { barsOf, CROSS_CLOSES, rowBars, barColumns } from '../../../../tests/support/strategy';
import type { Bar } from '../broker/types';
import { alignToLower, resample, type Timeframe } from '../indicators/resample';
import { computeStudy, STUDIES, type StudySpec } from '../studies';
import { marketSession } from '../time/market-session';
import {
	ComposedStream,
	composedProblem,
	conditionLabel,
	type ComposedRule,
	type Condition,
	type Operand
} from './conditions';

const columns = barColumns;

/** The batch path: the study on the (resampled) bars, laid onto the base bars without look-ahead. */
function batch(bars: readonly Bar[], study: StudySpec, line: number, timeframe: Timeframe | null): number[] {
	const base = columns(bars);
	if (timeframe === null) return Array.from(computeStudy(study, base)[line]!);
	const clock = marketSession('SPY');
	const higher = resample(base, timeframe, clock);
	return Array.from(
		alignToLower(higher.time, computeStudy(study, higher)[line]!, base.time, timeframe, clock)
	);
}

const same = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

const studyArb: fc.Arbitrary<{ study: StudySpec; line: number }> = fc.constantFrom(...STUDIES).chain((def) =>
	fc
		.tuple(
			fc.tuple(
				...def.params.map((p) => (p.integer ? fc.integer({ min: 1, max: 6 }) : fc.constantFrom(1, 2.5)))
			),
			fc.integer({ min: 0, max: def.lines.length - 1 })
		)
		.map(([params, line]) => {
			// MACD's fast must be shorter than its slow.
			const fixed = def.kind === 'macd' ? [params[0]!, params[0]! + params[1]!, params[2]!] : params;
			return { study: { kind: def.kind, params: fixed }, line };
		})
);

/** A rule whose only entry condition reads `operand` above −∞: its values are the operand's. */
const reading = (operand: Operand): ComposedRule => ({
	kind: 'composed',
	entry: [{ left: operand, op: 'above', right: { kind: 'value', value: -1e300 } }],
	exit: []
});

describe('ComposedStream values', () => {
	it('every study line, on the bars or a higher timeframe, streams exactly the batch values', () => {
		fc.assert(
			fc.property(
				barsOf(1),
				fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 120, maxLength: 120 }),
				studyArb,
				fc.constantFrom<Timeframe | null>(null, '5m', '15m', '1h'),
				(walk, skips, { study, line }, timeframe) => {
					// Minutes missing between bars (a halt, a thin stock): buckets with few bars or none.
					let time = OPEN;
					const bars = walk.map((b, i) => ({ ...b, time: (time += i === 0 ? 0 : skips[i]! * MIN) }));
					const operand: Operand = { kind: 'study', study, line, ...(timeframe ? { timeframe } : {}) };
					const stream = new ComposedStream(reading(operand), MIN);
					const label = Object.keys(stream.push(bars[0]!).values)[0]!;
					const fresh = new ComposedStream(reading(operand), MIN);
					const streamed = bars.map((b) => fresh.push(b).values[label]!);
					const expected = batch(bars, study, line, timeframe);
					expect(streamed.length).toBe(expected.length);
					for (let i = 0; i < expected.length; i++)
						if (!same(streamed[i]!, expected[i]!))
							throw new Error(`bar ${i}: streamed ${streamed[i]}, batch ${expected[i]}`);
				}
			),
			{ numRuns: 150 }
		);
	});

	it('a higher timeframe’s value shows from the first bar after its bar closed, and later bars never change it', () => {
		fc.assert(
			fc.property(barsOf(30), fc.integer({ min: 0, max: 29 }), (bars, cut) => {
				const operand: Operand = { kind: 'price', field: 'close', timeframe: '5m' };
				const run = (bs: readonly Bar[]) => {
					const s = new ComposedStream(reading(operand), MIN);
					return bs.map((b) => s.push(b).values['close 5m']!);
				};
				const full = run(bars);
				// Changing every bar after `cut` changes nothing up to it.
				const changed = bars.map((b, i) => (i > cut ? { ...b, close: b.close + 7, high: b.high + 7 } : b));
				expect(run(changed).slice(0, cut + 1)).toEqual(full.slice(0, cut + 1));
			})
		);
		// Five-minute closes of 1-minute bars from 09:30: the 09:30–09:35 bar closes at 09:35 and shows from
		// the 09:35 bar on (12, bar 4's close), the 09:35–09:40 bar from 09:40 (10, bar 9's); the bars before
		// 09:35 show nothing yet.
		const bars = rowBars(CROSS_CLOSES.map((c) => [c, c, c, c] as const));
		const s = new ComposedStream(reading({ kind: 'price', field: 'close', timeframe: '5m' }), MIN);
		expect(bars.map((b) => s.push(b).values['close 5m'])).toEqual([
			NaN,
			NaN,
			NaN,
			NaN,
			NaN,
			12,
			12,
			12,
			12,
			12,
			10,
			10
		]);
	});

	it('refuses a condition on a timeframe shorter than the bars', () => {
		expect(
			() => new ComposedStream(reading({ kind: 'price', field: 'close', timeframe: '1m' }), 5 * MIN)
		).toThrow('close 1m reads 1m bars, shorter than the 5-minute bars run');
	});
});

describe('ComposedStream rule', () => {
	const closeAboveSma3: Condition = {
		left: { kind: 'price', field: 'close' },
		op: 'crosses-above',
		right: { kind: 'study', study: { kind: 'sma', params: [3] } }
	};

	it('close crosses above SMA(3): every crossing found, worked by hand', () => {
		// Closes 10 10 10 11 12 11 10 9 9 10 11 12; SMA(3) from bar 2: 10 10.33 11 11.33 11 10 9.33 9.33 10 11.
		// close ≤ SMA then > SMA: bar 3 (11 > 10.33, was 10 ≤ 10) and bar 9 (10 > 9.33, was 9 ≤ 9.33).
		const bars = rowBars(CROSS_CLOSES.map((c) => [c, c, c, c] as const));
		const rule: ComposedRule = {
			kind: 'composed',
			entry: [closeAboveSma3],
			exit: [{ ...closeAboveSma3, op: 'crosses-below' }]
		};
		const s = new ComposedStream(rule, MIN);
		const steps = bars.map((b) => s.push(b));
		expect(steps.flatMap((st, i) => (st.entry ? [[i, st.entry]] : []))).toEqual([
			[3, 'close crossed above SMA(3): 11 > 10.3333 (was 10 ≤ 10)'],
			[9, 'close crossed above SMA(3): 10 > 9.3333 (was 9 ≤ 9.3333)']
		]);
		// Below: bar 5 (11 < 11.33, was 12 ≥ 11), then it stays below until bar 9.
		expect(steps.flatMap((st, i) => (st.exit ? [[i, st.exit]] : []))).toEqual([
			[5, 'close crossed below SMA(3): 11 < 11.3333 (was 12 ≥ 11)']
		]);
		expect(steps[3]!.values).toEqual({ close: 11, 'SMA(3)': 31 / 3 });
		expect(steps[3]!.previous).toEqual({ close: 10, 'SMA(3)': 10 });
	});

	it('all entry conditions, fired when they become true together; a level fires once, not every bar', () => {
		const bars = rowBars(CROSS_CLOSES.map((c) => [c, c, c, c] as const));
		const rule: ComposedRule = {
			kind: 'composed',
			entry: [
				{ left: { kind: 'price', field: 'close' }, op: 'above', right: { kind: 'value', value: 10.5 } },
				{ left: { kind: 'price', field: 'close' }, op: 'below', right: { kind: 'value', value: 11.5 } }
			],
			exit: []
		};
		const s = new ComposedStream(rule, MIN);
		// In (10.5, 11.5): bars 3, 5 and 10 (close 11); each after a bar outside it, so each fires.
		expect(bars.flatMap((b, i) => (s.push(b).entry ? [i] : []))).toEqual([3, 5, 10]);
		const held = new ComposedStream({ kind: 'composed', entry: [{ ...rule.entry[0]! }], exit: [] }, MIN);
		// close > 10.5 on bars 3–5 and 10–11: fires on 3 and 10 only.
		expect(bars.flatMap((b, i) => (held.push(b).entry ? [i] : []))).toEqual([3, 10]);
	});
});

describe('composedProblem', () => {
	const ok: Condition = {
		left: { kind: 'study', study: { kind: 'rsi', params: [14] } },
		op: 'crosses-above',
		right: { kind: 'value', value: 30 }
	};
	it.each([
		[{ entry: [], exit: [] }, 'Give the rule at least one entry condition'],
		[
			{
				entry: [ok, { ...ok, right: { kind: 'study', study: { kind: 'macd', params: [26, 12, 9] } } }],
				exit: []
			},
			'Entry 2, right side: MACD fast (26) must be shorter than slow (12)'
		],
		[
			{
				entry: [ok],
				exit: [{ ...ok, left: { kind: 'study', study: { kind: 'rsi', params: [14] }, line: 2 } }]
			},
			'Exit 1, left side: RSI(14) has the lines RSI; line 2 is not one'
		],
		[
			{ entry: [{ ...ok, left: { kind: 'value', value: 1 } }], exit: [] },
			'Entry 1: compares two numbers, which never changes'
		],
		[
			{ entry: [{ ...ok, left: { kind: 'price', field: 'close', timeframe: '2h' } }], exit: [] },
			'Entry 1, left side: unknown timeframe "2h"'
		]
	] as const)('%#: %s', (sides, message) => {
		expect(composedProblem({ kind: 'composed', ...(sides as unknown as Omit<ComposedRule, 'kind'>) })).toBe(
			message
		);
	});

	it('names a condition as a trader writes it', () => {
		expect(
			conditionLabel({
				left: { kind: 'study', study: { kind: 'macd', params: [12, 26, 9] }, line: 1, timeframe: '1h' },
				op: 'crosses-below',
				right: { kind: 'price', field: 'close' }
			})
		).toBe('MACD(12, 26, 9) Signal 1h crosses below close');
		expect(conditionLabel(ok)).toBe('RSI(14) crosses above 30');
		expect(OPEN).toBeGreaterThan(0);
	});
});
