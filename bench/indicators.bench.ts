/**
 * Indicators benchmark (Node's V8, the engine the worker runs on): every indicator of
 * src/lib/core/indicators over 1,000,000 bars, each against one pass of a plain SMA loop over the
 * same arrays (a running sum into a new Float64Array), measured just before it in the same run so
 * that both see the same machine load. Target: at most 2x per indicator.
 * Run: npx vitest run --config bench/vitest.config.ts bench/indicators.bench.ts
 */
import { expect, it } from 'vitest';
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
} from '$lib/core/indicators';
import { measure, report } from './harness';

const N = 1_000_000;

/** 1M bars of a random walk in cents (Park-Miller generator, fixed seed). */
function bars(n: number) {
	let state = 42;
	const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
	const high = new Float64Array(n);
	const low = new Float64Array(n);
	const close = new Float64Array(n);
	const volume = new Float64Array(n);
	let price = 100;
	for (let i = 0; i < n; i++) {
		price = Math.max(1, Math.round((price + (next() - 0.5) * 2) * 100) / 100);
		close[i] = price;
		high[i] = Math.round((price + next()) * 100) / 100;
		low[i] = Math.round((price - next()) * 100) / 100;
		volume[i] = 100 + Math.floor(next() * 100_000);
	}
	return { high, low, close, volume };
}

/** The peer: the plainest SMA one would write, into a new output column. */
function plainSma(values: Float64Array, period: number): Float64Array {
	const out = new Float64Array(values.length);
	let sum = 0;
	for (let i = 0; i < values.length; i++) {
		sum += values[i]!;
		if (i >= period) sum -= values[i - period]!;
		out[i] = i >= period - 1 ? sum / period : NaN;
	}
	return out;
}

it('computes every indicator on 1,000,000 bars within 2x of a plain SMA pass', async () => {
	const { high, low, close, volume } = bars(N);
	const cases: [string, () => unknown][] = [
		['sma(20)', () => sma(close, 20)],
		['ema(20)', () => ema(close, 20)],
		['wma(20)', () => wma(close, 20)],
		['bollinger(20, 2)', () => bollinger(close, 20, 2)],
		['macd(12, 26, 9)', () => macd(close, 12, 26, 9)],
		['rsi(14)', () => rsi(close, 14)],
		['trueRange', () => trueRange(high, low, close)],
		['atr(14)', () => atr(high, low, close, 14)],
		['stochastic(14, 3, 3)', () => stochastic(high, low, close, 14, 3, 3)],
		['adx(14)', () => adx(high, low, close, 14)],
		['obv', () => obv(close, volume)],
		['supertrend(10, 3)', () => supertrend(high, low, close, 10, 3)]
	];
	let total = 0;
	const ratios: number[] = [];
	for (const [name, run] of cases) {
		const peer = await measure('plain SMA(20) loop', () => plainSma(close, 20), 9, 2);
		const ours = await measure(`${name} on 1M bars`, run, 9, 2);
		total += ours.medianMs;
		ratios.push(report(ours, peer, 2));
	}
	console.log(`all ${cases.length} indicators: ${total.toFixed(1)} ms in total`);
	expect(ratios.every((r) => r > 0)).toBe(true);
}, 600_000);
