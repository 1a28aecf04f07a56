/**
 * Every indicator against the real TA-Lib C library: the golden files in
 * tests/fixtures/indicators were written by TA-Lib through the npm package `talib` (versions.json
 * and README.md there say which, and how to rerun). Tolerance |a − b| ≤ 1e-8 · max(1, |ref|), and
 * NaN exactly where TA-Lib has no value, so the lookback is checked at every parameter set.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adx, atr, bollinger, ema, macd, obv, rsi, sma, stochastic, trueRange, wma } from './index';

type Golden = Record<string, Float64Array>;

function golden(file: string): Golden {
	const [header, ...rows] = readFileSync(`tests/fixtures/indicators/${file}`, 'utf8').trim().split('\n');
	const keys = header!.split(',');
	const columns: Golden = Object.fromEntries(keys.map((k) => [k, new Float64Array(rows.length)]));
	rows.forEach((row, i) => {
		row.split(',').forEach((cell, j) => (columns[keys[j]!]![i] = cell === '' ? NaN : Number(cell)));
	});
	return columns;
}

/** Indices where ours and TA-Lib's differ beyond the tolerance, or where only one has a value. */
function mismatches(ours: Float64Array, reference: Float64Array): string[] {
	expect(ours.length).toBe(reference.length);
	const bad: string[] = [];
	reference.forEach((ref, i) => {
		const a = ours[i]!;
		const ok = Number.isNaN(ref) ? Number.isNaN(a) : Math.abs(a - ref) <= 1e-8 * Math.max(1, Math.abs(ref));
		if (!ok && bad.length < 5) bad.push(`[${i}] ours ${a}, TA-Lib ${ref}`);
	});
	return bad;
}

const firstValue = (values: Float64Array) => values.findIndex((v) => !Number.isNaN(v));

/** Each golden column with the call that must reproduce it. */
function cases(g: Golden): [string, Float64Array][] {
	const { high, low, close, volume } = g as Required<Golden> &
		Record<'high' | 'low' | 'close' | 'volume', Float64Array>;
	const list: [string, Float64Array][] = [];
	for (const p of [20, 5]) {
		list.push([`sma_${p}`, sma(close, p)], [`ema_${p}`, ema(close, p)], [`wma_${p}`, wma(close, p)]);
	}
	for (const [p, k] of [
		[20, 2],
		[10, 1.5]
	] as const) {
		const b = bollinger(close, p, k);
		list.push(
			[`bbands_upper_${p}_${k}`, b.upper],
			[`bbands_middle_${p}_${k}`, b.middle],
			[`bbands_lower_${p}_${k}`, b.lower]
		);
	}
	for (const [f, s, sig] of [
		[12, 26, 9],
		[5, 35, 5]
	] as const) {
		const m = macd(close, f, s, sig);
		const key = `${f}_${s}_${sig}`;
		list.push([`macd_${key}`, m.macd], [`macd_signal_${key}`, m.signal], [`macd_hist_${key}`, m.histogram]);
	}
	for (const p of [14, 2]) list.push([`rsi_${p}`, rsi(close, p)]);
	list.push(['trange', trueRange(high, low, close)]);
	for (const p of [14, 5]) list.push([`atr_${p}`, atr(high, low, close, p)]);
	for (const [k, slowing, d] of [
		[14, 3, 3],
		[5, 1, 4]
	] as const) {
		const s = stochastic(high, low, close, k, slowing, d);
		list.push([`stoch_slowk_${k}_${slowing}_${d}`, s.k], [`stoch_slowd_${k}_${slowing}_${d}`, s.d]);
	}
	for (const p of [14, 2]) {
		const a = adx(high, low, close, p);
		list.push([`adx_${p}`, a.adx], [`plus_di_${p}`, a.plusDI], [`minus_di_${p}`, a.minusDI]);
	}
	list.push(['obv', obv(close, volume)]);
	return list;
}

describe.each(['spy-daily.csv', 'random-walk.csv'])('TA-Lib goldens: %s', (file) => {
	const g = golden(file);
	const list = cases(g);

	it('covers every golden column', () => {
		const inputs = ['date', 'open', 'high', 'low', 'close', 'volume'];
		const outputs = Object.keys(g).filter((k) => !inputs.includes(k));
		expect(list.map(([key]) => key).sort()).toEqual(outputs.sort());
	});

	it.each(list.map(([key, ours]) => ({ key, ours })))('$key', ({ key, ours }) => {
		expect(mismatches(ours, g[key]!)).toEqual([]);
	});
});

describe('lookback: the first value where TA-Lib puts it (INDICATORS.md)', () => {
	const g = golden('random-walk.csv');
	const { high, low, close, volume } = g as Record<'high' | 'low' | 'close' | 'volume', Float64Array>;

	it('default parameters', () => {
		const b = bollinger(close, 20, 2);
		const m = macd(close, 12, 26, 9);
		const s = stochastic(high, low, close, 14, 3, 3);
		const a = adx(high, low, close, 14);
		const first = {
			sma: firstValue(sma(close, 20)),
			ema: firstValue(ema(close, 20)),
			wma: firstValue(wma(close, 20)),
			bbands: [firstValue(b.upper), firstValue(b.middle), firstValue(b.lower)],
			macd: [firstValue(m.macd), firstValue(m.signal), firstValue(m.histogram)],
			rsi: firstValue(rsi(close, 14)),
			atr: firstValue(atr(high, low, close, 14)),
			stoch: [firstValue(s.k), firstValue(s.d)],
			adx: [firstValue(a.adx), firstValue(a.plusDI), firstValue(a.minusDI)],
			obv: firstValue(obv(close, volume)),
			trange: firstValue(trueRange(high, low, close))
		};
		expect(first).toEqual({
			sma: 19,
			ema: 19,
			wma: 19,
			bbands: [19, 19, 19],
			macd: [33, 33, 33],
			rsi: 14,
			atr: 14,
			stoch: [17, 17],
			adx: [27, 14, 14],
			obv: 0,
			trange: 1
		});
	});

	it('other parameters follow the same formulas', () => {
		expect(firstValue(sma(close, 7))).toBe(6);
		expect(firstValue(wma(close, 1))).toBe(0);
		expect(firstValue(macd(close, 3, 10, 16).signal)).toBe(9 + 15);
		expect(firstValue(rsi(close, 9))).toBe(9);
		expect(firstValue(atr(high, low, close, 1))).toBe(1);
		expect(firstValue(stochastic(high, low, close, 9, 1, 1).k)).toBe(8);
		expect(firstValue(stochastic(high, low, close, 5, 4, 2).d)).toBe(4 + 3 + 1);
		expect(firstValue(adx(high, low, close, 6).adx)).toBe(11);
	});
});
