/**
 * Behaviour beyond the TA-Lib goldens: worked examples from the definitions, argument checks,
 * series shorter than the warm-up, flat series, price gaps and missing (NaN) bars.
 */
import { describe, expect, it } from 'vitest';
import {
	adx,
	atr,
	bollinger,
	ema,
	macd,
	obv,
	rsi,
	sma,
	stochastic,
	supertrend,
	trueRange,
	wma
} from './index';

const arr = (values: Float64Array) => Array.from(values);
const close = (values: Float64Array | number[], expected: number[]) =>
	expect(Array.from(values).map((v) => (Number.isNaN(v) ? v : Math.round(v * 1e9) / 1e9))).toEqual(expected);

describe('worked examples from the definitions', () => {
	it('SMA, EMA (seeded with the SMA) and WMA (weights 1..n)', () => {
		expect(arr(sma([1, 2, 3, 4], 2))).toEqual([NaN, 1.5, 2.5, 3.5]);
		// EMA(2): k = 2/3; seed (1+2)/2 = 1.5; then (3 − 1.5)·2/3 + 1.5 = 2.5; (4 − 2.5)·2/3 + 2.5 = 3.5.
		close(ema([1, 2, 3, 4], 2), [NaN, 1.5, 2.5, 3.5]);
		// Not seeded with the first value: that would give 1, 1.6667, …
		close(ema([1, 3, 3], 2), [NaN, 2, 2.666666667]);
		// (1·1 + 2·2 + 3·3)/6 and (2·1 + 3·2 + 7·3)/6.
		close(
			wma([1, 2, 3, 7], 3),
			[NaN, NaN, 14 / 6, 29 / 6].map((v) => Math.round(v * 1e9) / 1e9)
		);
	});

	it('Bollinger Bands use the population deviation (÷N)', () => {
		// [1, 2, 3]: mean 2, population σ = √(2/3) = 0.81650; the sample σ would be 1.
		const b = bollinger([1, 2, 3], 3, 2);
		close(b.middle, [NaN, NaN, 2]);
		close(b.upper, [NaN, NaN, 2 + 2 * 0.816496581]);
		close(b.lower, [NaN, NaN, 2 - 2 * 0.816496581]);
	});

	it('RSI: mean gain and loss over the first period, then Wilder smoothing', () => {
		// Changes +1, +1, −1: seed over changes 1..2 → gain 1, loss 0 → 100; then
		// gain (1·1 + 0)/2 = 0.5, loss (0·1 + 1)/2 = 0.5 → 50.
		close(rsi([1, 2, 3, 2], 2), [NaN, NaN, 100, 50]);
	});

	it('true range reaches back to the previous close across a price gap', () => {
		// Bar 1 gaps up: high − low is 1, but high − previous close is 6.
		expect(arr(trueRange([11, 16], [9, 15], [10, 15.5]))).toEqual([NaN, 6]);
		// Gap down: previous close − low.
		expect(arr(trueRange([11, 5], [9, 4], [10, 4.5]))).toEqual([NaN, 6]);
		// ATR(2): TR 6, 2.5, 1 → mean(6, 2.5) = 4.25, then (4.25·1 + 1)/2 = 2.625.
		expect(arr(atr([11, 16, 18, 18], [9, 15, 16, 17], [10, 15.5, 17, 17.5], 2))).toEqual([
			NaN,
			NaN,
			4.25,
			2.625
		]);
	});

	it('OBV starts at the first volume and ignores unchanged closes', () => {
		expect(arr(obv([10, 11, 11, 9], [100, 200, 300, 400]))).toEqual([100, 300, 300, -100]);
	});

	it('stochastic %K is the close within the high-low range, smoothed', () => {
		// kPeriod 2, no smoothing: bar 1 range 8..12, close 11 → 75; bar 2 range 9..13, close 9 → 0.
		const s = stochastic([10, 12, 13], [8, 9, 9], [9, 11, 9], 2, 1, 1);
		expect(arr(s.k)).toEqual([NaN, 75, 0]);
		expect(arr(s.d)).toEqual([NaN, 75, 0]);
	});

	it('MACD needs slow + signal − 1 values before its first', () => {
		const values = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i / 3) * 5);
		const m = macd(values, 3, 6, 4);
		const first = m.macd.findIndex((v) => !Number.isNaN(v));
		expect(first).toBe(6 - 1 + 4 - 1);
		expect(m.histogram[first]).toBeCloseTo(m.macd[first]! - m.signal[first]!, 12);
	});
});

describe('arguments', () => {
	it('periods must be integers ≥ 1', () => {
		expect(() => sma([1, 2], 0)).toThrow('sma: period must be an integer ≥ 1, got 0');
		expect(() => ema([1, 2], 2.5)).toThrow('ema: period must be an integer ≥ 1, got 2.5');
		expect(() => rsi([1, 2], NaN)).toThrow('rsi: period must be an integer ≥ 1, got NaN');
		expect(() => atr([1], [1], [1], -3)).toThrow('atr: period must be an integer ≥ 1');
		expect(() => stochastic([1], [1], [1], 5, 0, 3)).toThrow('stochastic: kSlowing must be');
		expect(() => supertrend([1], [1], [1], 1.5, 3)).toThrow('supertrend: atrPeriod must be');
	});

	it('multipliers must be finite and ≥ 0', () => {
		expect(() => bollinger([1, 2], 2, -1)).toThrow('bollinger: k must be a finite number ≥ 0, got -1');
		expect(() => supertrend([1], [1], [1], 10, Infinity)).toThrow('supertrend: factor must be');
	});

	it('MACD wants fast shorter than slow rather than swapping them as TA-Lib does', () => {
		expect(() => macd([1, 2], 26, 12, 9)).toThrow('macd: fast (26) must be shorter than slow (12)');
		expect(() => macd([1, 2], 12, 12, 9)).toThrow('must be shorter');
	});

	it('inputs of one bar must have one length', () => {
		expect(() => atr([1, 2], [1], [1, 2], 1)).toThrow(
			'atr: inputs must have the same length (high 2, low 1, close 2)'
		);
		expect(() => obv([1, 2], [1])).toThrow('obv: inputs must have the same length');
	});

	it('accepts plain arrays and typed arrays alike, and never writes to the input', () => {
		const typed = Float64Array.from([3, 1, 4, 1, 5, 9, 2, 6]);
		const copy = typed.slice();
		expect(arr(sma(typed, 3))).toEqual(arr(sma(Array.from(typed), 3)));
		bollinger(typed, 3, 2);
		expect(typed).toEqual(copy);
	});
});

/** Every output of every indicator for one set of bars, with small periods. */
function allOutputs(h: number[], l: number[], c: number[], v: number[]): Record<string, Float64Array> {
	const b = bollinger(c, 3, 2);
	const m = macd(c, 2, 4, 3);
	const s = stochastic(h, l, c, 3, 2, 2);
	const a = adx(h, l, c, 3);
	const st = supertrend(h, l, c, 3, 2);
	return {
		sma: sma(c, 3),
		ema: ema(c, 3),
		wma: wma(c, 3),
		upper: b.upper,
		middle: b.middle,
		lower: b.lower,
		macd: m.macd,
		signal: m.signal,
		histogram: m.histogram,
		rsi: rsi(c, 3),
		trueRange: trueRange(h, l, c),
		atr: atr(h, l, c, 3),
		k: s.k,
		d: s.d,
		adx: a.adx,
		plusDI: a.plusDI,
		minusDI: a.minusDI,
		obv: obv(c, v),
		supertrend: st.value,
		direction: st.direction
	};
}

describe('series too short for the warm-up', () => {
	it('a period longer than the data gives all NaN, of the input length', () => {
		const c = [1, 2, 3, 4, 5];
		expect(arr(sma(c, 6))).toEqual(Array(5).fill(NaN));
		expect(arr(rsi(c, 5))).toEqual(Array(5).fill(NaN)); // RSI(5) needs 6 values
		expect(arr(adx(c, c, c, 3).adx)).toEqual(Array(5).fill(NaN)); // ADX(3) needs 6
		expect(arr(macd(c, 2, 4, 3).signal)).toEqual(Array(5).fill(NaN)); // needs 6
	});

	it('empty input gives empty output', () => {
		for (const values of Object.values(allOutputs([], [], [], [])))
			expect(values).toEqual(new Float64Array(0));
	});
});

describe('flat series', () => {
	const n = 20;
	const flat = Array<number>(n).fill(50);
	const out = allOutputs(flat, flat, flat, Array<number>(n).fill(1000));
	const last = (key: string) => out[key]![n - 1];

	it('averages equal the price and the bands have zero width', () => {
		expect([last('sma'), last('ema'), last('wma'), last('upper'), last('middle'), last('lower')]).toEqual(
			Array(6).fill(50)
		);
	});

	it('oscillators take TA-Lib zero cases: RSI 0, %K 0, DI 0, MACD 0', () => {
		expect([last('rsi'), last('k'), last('d'), last('plusDI'), last('minusDI'), last('adx')]).toEqual(
			Array(6).fill(0)
		);
		expect([last('macd'), last('signal'), last('histogram')]).toEqual([0, 0, 0]);
		expect([last('trueRange'), last('atr')]).toEqual([0, 0]);
	});

	it('OBV stays at the first volume; SuperTrend sits on the price, pointing down', () => {
		expect(last('obv')).toBe(1000);
		expect([last('supertrend'), last('direction')]).toEqual([50, 1]);
	});
});

describe('missing bars (NaN or ±Infinity)', () => {
	// 30 bars of a deterministic wiggle with a missing close at 12 and a missing high at 13.
	const n = 30;
	const c = Array.from({ length: n }, (_, i) => 100 + 3 * Math.sin(i * 1.7) + i / 4);
	const h = c.map((x, i) => x + 1 + (i % 3) / 2);
	const l = c.map((x, i) => x - 1 - (i % 4) / 3);
	const v = c.map((_, i) => 1000 + 37 * i);
	const withGap = (values: number[], at: number, bad = NaN) => values.map((x, i) => (i === at ? bad : x));

	it('a missing bar gives NaN and each stretch around it is computed as a series of its own', () => {
		const gapped = allOutputs(withGap(h, 13), l, withGap(c, 12), v);
		const before = allOutputs(h.slice(0, 12), l.slice(0, 12), c.slice(0, 12), v.slice(0, 12));
		const after = allOutputs(h.slice(14), l.slice(14), c.slice(14), v.slice(14));
		for (const [key, values] of Object.entries(gapped)) {
			// OBV and the moving averages read no high: for them bar 13 is complete and starts the second stretch.
			const secondStart = [
				'sma',
				'ema',
				'wma',
				'upper',
				'middle',
				'lower',
				'macd',
				'signal',
				'histogram',
				'rsi',
				'obv'
			].includes(key)
				? 13
				: 14;
			const alone =
				secondStart === 13 ? allOutputs(h.slice(13), l.slice(13), c.slice(13), v.slice(13)) : after;
			expect({ key, values: arr(values.subarray(0, 12)) }).toEqual({ key, values: arr(before[key]!) });
			expect({ key, missing: values[12] }).toEqual({ key, missing: NaN });
			expect({ key, values: arr(values.subarray(secondStart)) }).toEqual({ key, values: arr(alone[key]!) });
		}
	});

	it('a recursive indicator recovers after the warm-up instead of staying NaN as in TA-Lib', () => {
		const e = ema(withGap(c, 5), 3);
		expect(arr(e.subarray(5, 8))).toEqual([NaN, NaN, NaN]);
		expect(e[8]).toBeCloseTo((c[6]! + c[7]! + c[8]!) / 3, 12);
	});

	it('Infinity counts as missing, and a missing volume restarts OBV', () => {
		expect(
			arr(sma(withGap(c, 2, Infinity), 2))
				.slice(0, 5)
				.map(Number.isNaN)
		).toEqual([true, false, true, true, false]);
		expect(arr(obv([1, 2, 3, 2], [10, NaN, 30, 40]))).toEqual([10, NaN, 30, -10]);
	});

	it('a series of missing bars gives all NaN', () => {
		const none = Array<number>(10).fill(NaN);
		for (const values of Object.values(allOutputs(none, none, none, none)))
			expect(arr(values)).toEqual(Array(10).fill(NaN));
	});
});
