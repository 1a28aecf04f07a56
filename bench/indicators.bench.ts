/**
 * Indicators benchmark (Node's V8, the engine the worker runs on): every indicator of
 * src/lib/core/indicators over 1,000,000 bars, each against one pass of a plain SMA loop over the
 * same arrays (a running sum into a new Float64Array), measured just before it in the same run so
 * that both see the same machine load. Target: at most 2x per indicator. Each line also gives the
 * indicator's memory floor (its columns read and written, nothing computed), which bounds what
 * any implementation can reach.
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

/**
 * 1M bars of a random walk in cents (Park-Miller generator, fixed seed), shaped like real bars:
 * each opens at the previous close (2% open with a gap) and its high and low lie beyond its open
 * and close. The shape matters: it decides how often the previous close falls inside the bar's
 * range, a branch the true range takes at every bar.
 */
function bars(n: number) {
	let state = 42;
	const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
	const cents = (x: number) => Math.round(x * 100) / 100;
	const high = new Float64Array(n);
	const low = new Float64Array(n);
	const close = new Float64Array(n);
	const volume = new Float64Array(n);
	let price = 100;
	for (let i = 0; i < n; i++) {
		const open = next() < 0.02 ? cents(price + (next() - 0.5) * 4) : price;
		price = Math.max(1, cents(open + (next() - 0.5) * 2));
		close[i] = price;
		high[i] = cents(Math.max(open, price) + next() * 0.5);
		low[i] = cents(Math.min(open, price) - next() * 0.5);
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

/**
 * The memory floor of an indicator: read its input columns and write as many new output columns,
 * with one addition per bar. An indicator that moves three times the peer's bytes cannot run in
 * twice the peer's time on a machine whose memory bandwidth bounds the peer; this shows how close
 * each one is to that bound.
 */
function memoryFloor(inputs: Float64Array[], outputs: number): Float64Array[] {
	const n = inputs[0]!.length;
	const out = Array.from({ length: outputs }, () => new Float64Array(n));
	// Up to three of each; a repeated column is read (or written) twice at the same place, which
	// the cache absorbs, so one loop serves every shape without an inner loop per bar.
	const [a, b = a, c = b] = inputs as [Float64Array, Float64Array?, Float64Array?];
	const [x, y = x, z = y] = out as [Float64Array, Float64Array?, Float64Array?];
	for (let i = 0; i < n; i++) {
		const sum = a[i]! + b[i]! + c[i]!;
		x[i] = sum;
		y[i] = sum;
		z[i] = sum;
	}
	return out;
}

it('computes every indicator on 1,000,000 bars within 2x of a plain SMA pass', async () => {
	const { high, low, close, volume } = bars(N);
	const hlc = [high, low, close];
	const cases: [string, () => unknown, Float64Array[], number][] = [
		['sma(20)', () => sma(close, 20), [close], 1],
		['ema(20)', () => ema(close, 20), [close], 1],
		['wma(20)', () => wma(close, 20), [close], 1],
		['bollinger(20, 2)', () => bollinger(close, 20, 2), [close], 3],
		['macd(12, 26, 9)', () => macd(close, 12, 26, 9), [close], 3],
		['rsi(14)', () => rsi(close, 14), [close], 1],
		['trueRange', () => trueRange(high, low, close), hlc, 1],
		['atr(14)', () => atr(high, low, close, 14), hlc, 1],
		['stochastic(14, 3, 3)', () => stochastic(high, low, close, 14, 3, 3), hlc, 2],
		['adx(14)', () => adx(high, low, close, 14), hlc, 3],
		['obv', () => obv(close, volume), [close, volume], 1],
		['supertrend(10, 3)', () => supertrend(high, low, close, 10, 3), hlc, 2]
	];
	let total = 0;
	const ratios: number[] = [];
	for (const [name, run, inputs, outputs] of cases) {
		const peer = await measure('plain SMA(20) loop', () => plainSma(close, 20), 9, 2);
		const ours = await measure(`${name} on 1M bars`, run, 9, 2);
		const floor = await measure('floor', () => memoryFloor(inputs, outputs), 9, 2);
		total += ours.medianMs;
		ratios.push(report(ours, peer, 2));
		console.log(
			`  memory floor (${inputs.length} in, ${outputs} out): ${floor.medianMs.toFixed(1)} ms = ${(floor.medianMs / peer.medianMs).toFixed(2)}x the peer; ours ${(ours.medianMs / floor.medianMs).toFixed(2)}x the floor`
		);
	}
	console.log(`all ${cases.length} indicators: ${total.toFixed(1)} ms in total`);
	expect(ratios.every((r) => r > 0)).toBe(true);
}, 600_000);
