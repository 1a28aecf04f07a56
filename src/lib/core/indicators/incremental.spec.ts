/**
 * The incremental forms give, bar by bar, what the batch functions give for the whole series:
 * to the bit, on random series with flat stretches, price gaps and missing bars.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	adx,
	AdxStream,
	atr,
	AtrStream,
	bollinger,
	BollingerStream,
	ema,
	EmaStream,
	macd,
	MacdStream,
	obv,
	ObvStream,
	rsi,
	RsiStream,
	sma,
	SmaStream,
	stochastic,
	StochasticStream,
	supertrend,
	SupertrendStream,
	trueRange,
	TrueRangeStream,
	wma,
	WmaStream
} from './index';

interface Bars {
	high: number[];
	low: number[];
	close: number[];
	volume: number[];
}

/**
 * Random bars in cents: mostly a walk, with repeated bars (flat stretches, equal highs and lows),
 * jumps (gaps) and missing bars (NaN in one input).
 */
const barsArb: fc.Arbitrary<Bars> = fc
	.array(
		fc.record({
			kind: fc.constantFrom('walk', 'walk', 'walk', 'walk', 'flat', 'gap', 'missing'),
			move: fc.integer({ min: -300, max: 300 }),
			up: fc.integer({ min: 0, max: 200 }),
			down: fc.integer({ min: 0, max: 200 }),
			volume: fc.integer({ min: 0, max: 10_000 }),
			missing: fc.constantFrom<keyof Bars>('high', 'low', 'close', 'volume')
		}),
		{ maxLength: 150 }
	)
	.map((steps) => {
		const bars: Bars = { high: [], low: [], close: [], volume: [] };
		let close = 100;
		let high = 100;
		let low = 100;
		for (const s of steps) {
			if (s.kind !== 'flat') {
				close = Math.max(1, Math.round(close * 100 + s.move * (s.kind === 'gap' ? 20 : 1)) / 100);
				high = close + s.up / 100;
				low = close - s.down / 100;
			}
			bars.high.push(high);
			bars.low.push(low);
			bars.close.push(close);
			bars.volume.push(s.volume);
			if (s.kind === 'missing') bars[s.missing][bars.close.length - 1] = NaN;
		}
		return bars;
	});

const period = fc.integer({ min: 1, max: 30 });

/** Pushes every bar into a fresh stream and collects one output column per key. */
function streamed<T extends number | Record<string, number>>(n: number, push: (i: number) => T) {
	const columns: Record<string, number[]> = {};
	for (let i = 0; i < n; i++) {
		const value = push(i);
		const entries = typeof value === 'number' ? [['value', value] as const] : Object.entries(value);
		for (const [key, v] of entries) (columns[key] ??= []).push(v);
	}
	return columns;
}

/** Batch outputs: one column, or an object of columns (Bands, Macd, Adx…). */
type Columns<T> = Float64Array | { [K in keyof T]: Float64Array };

/** The batch outputs as plain arrays, under the same keys. */
function batch<T>(out: Columns<T>): Record<string, number[]> {
	if (out instanceof Float64Array) return { value: Array.from(out) };
	return Object.fromEntries((Object.keys(out) as (keyof T)[]).map((k) => [k, Array.from(out[k])]));
}

/** Fails unless stream and batch agree on every bar; `toEqual` counts NaN equal to NaN. */
function same<T>(b: Bars, ours: Record<string, number[]>, reference: Columns<T>) {
	if (b.close.length > 0) expect(ours).toEqual(batch(reference));
	else expect(Object.values(batch(reference)).every((c) => c.length === 0)).toBe(true);
}

describe('incremental equals batch, bar by bar', () => {
	it('SMA, EMA, WMA', () => {
		fc.assert(
			fc.property(barsArb, period, (b, p) => {
				const [s, e, w] = [new SmaStream(p), new EmaStream(p), new WmaStream(p)];
				same(
					b,
					streamed(b.close.length, (i) => s.push(b.close[i]!)),
					sma(b.close, p)
				);
				same(
					b,
					streamed(b.close.length, (i) => e.push(b.close[i]!)),
					ema(b.close, p)
				);
				same(
					b,
					streamed(b.close.length, (i) => w.push(b.close[i]!)),
					wma(b.close, p)
				);
			})
		);
	});

	it('Bollinger Bands', () => {
		fc.assert(
			fc.property(barsArb, period, fc.double({ min: 0, max: 4, noNaN: true }), (b, p, k) => {
				const s = new BollingerStream(p, k);
				same(
					b,
					streamed(b.close.length, (i) => ({ ...s.push(b.close[i]!) })),
					bollinger(b.close, p, k)
				);
			})
		);
	});

	it('MACD', () => {
		fc.assert(
			fc.property(barsArb, period, period, period, (b, x, y, signal) => {
				fc.pre(x !== y);
				const [fast, slow] = x < y ? [x, y] : [y, x];
				const s = new MacdStream(fast, slow, signal);
				same(
					b,
					streamed(b.close.length, (i) => ({ ...s.push(b.close[i]!) })),
					macd(b.close, fast, slow, signal)
				);
			})
		);
	});

	it('RSI and OBV', () => {
		fc.assert(
			fc.property(barsArb, period, (b, p) => {
				const r = new RsiStream(p);
				const o = new ObvStream();
				same(
					b,
					streamed(b.close.length, (i) => r.push(b.close[i]!)),
					rsi(b.close, p)
				);
				same(
					b,
					streamed(b.close.length, (i) => o.push(b.close[i]!, b.volume[i]!)),
					obv(b.close, b.volume)
				);
			})
		);
	});

	it('true range and ATR', () => {
		fc.assert(
			fc.property(barsArb, period, (b, p) => {
				const t = new TrueRangeStream();
				const a = new AtrStream(p);
				const { high: h, low: l, close: c } = b;
				same(
					b,
					streamed(c.length, (i) => t.push(h[i]!, l[i]!, c[i]!)),
					trueRange(h, l, c)
				);
				same(
					b,
					streamed(c.length, (i) => a.push(h[i]!, l[i]!, c[i]!)),
					atr(h, l, c, p)
				);
			})
		);
	});

	it('stochastic', () => {
		fc.assert(
			fc.property(
				barsArb,
				period,
				fc.integer({ min: 1, max: 5 }),
				fc.integer({ min: 1, max: 5 }),
				(b, k, slowing, d) => {
					const s = new StochasticStream(k, slowing, d);
					const { high: h, low: l, close: c } = b;
					same(
						b,
						streamed(c.length, (i) => ({ ...s.push(h[i]!, l[i]!, c[i]!) })),
						stochastic(h, l, c, k, slowing, d)
					);
				}
			)
		);
	});

	it('ADX, +DI, −DI', () => {
		fc.assert(
			fc.property(barsArb, period, (b, p) => {
				const s = new AdxStream(p);
				const { high: h, low: l, close: c } = b;
				same(
					b,
					streamed(c.length, (i) => ({ ...s.push(h[i]!, l[i]!, c[i]!) })),
					adx(h, l, c, p)
				);
			})
		);
	});

	it('SuperTrend', () => {
		fc.assert(
			fc.property(barsArb, period, fc.double({ min: 0, max: 5, noNaN: true }), (b, p, factor) => {
				const s = new SupertrendStream(p, factor);
				const { high: h, low: l, close: c } = b;
				same(
					b,
					streamed(c.length, (i) => ({ ...s.push(h[i]!, l[i]!, c[i]!) })),
					supertrend(h, l, c, p, factor)
				);
			})
		);
	});

	it('reset forgets everything: a stream reused after reset equals a fresh one', () => {
		fc.assert(
			fc.property(barsArb, barsArb, period, (first, second, p) => {
				const used = new AdxStream(p);
				for (let i = 0; i < first.close.length; i++)
					used.push(first.high[i]!, first.low[i]!, first.close[i]!);
				used.reset();
				const fresh = new AdxStream(p);
				for (let i = 0; i < second.close.length; i++) {
					const args = [second.high[i]!, second.low[i]!, second.close[i]!] as const;
					expect(used.push(...args)).toEqual(fresh.push(...args));
				}
			})
		);
	});
});
