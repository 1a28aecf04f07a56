/**
 * Strategy backtest benchmark (Node's V8, the engine the worker runs on): an SMA(10)/SMA(30) cross
 * over one-minute bars through the paper broker and the risk manager (`backtest`, which drives a
 * PaperSession, the replay's code path), against `Float64Array.prototype.sort` of 1,000,000 random
 * keys in the same run (the issue's peer, whatever BARS is). Issue 17's target: at most 3x at
 * 1,000,000 bars.
 *
 * Prints, for BARS bars (default 1,000,000): the backtest's median over RUNS runs (default 5,
 * after one warm-up), the sort's median alternating with it, the ratio and bars a second; then
 * the parts on their own, for where the time goes: the two SMA streams alone, the stepper
 * (streams + rule), a bare PaperBroker fed every bar, and a PaperSession stepped over every bar
 * with no strategy (broker, equity, day, circuit breaker, stats).
 * Run: BARS=1000000 npx vitest run --config bench/vitest.config.ts bench/strategy.bench.ts --disableConsoleIntercept
 */
import { expect, it } from 'vitest';
import type { Bar } from '$lib/core/model/records';
import { DEFAULT_BROKER_CONFIG, PaperBroker } from '$lib/core/broker';
import { SmaStream } from '$lib/core/indicators';
import { PaperSession } from '$lib/core/paper/session';
import { allRulesOff } from '$lib/core/risk';
import { backtest, StrategyStepper } from '$lib/core/strategy';
import type { StrategyDefinition } from '$lib/core/strategy/types';

const N = Number(process.env.BARS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const KEYS = 1_000_000;
const MIN = 60_000;
/** 2025-03-03 09:30 New York. */
const OPEN = Date.UTC(2025, 2, 3, 14, 30);

/** `n` one-minute bars of a random walk in cents (Park-Miller generator, fixed seed). */
function walk(n: number): Bar[] {
	let state = 42;
	const next = () => (state = (state * 48271) % 2147483647) / 2147483647;
	const cents = (x: number) => Math.round(x * 100) / 100;
	const out: Bar[] = [];
	let price = 100;
	for (let i = 0; i < n; i++) {
		const open = price;
		price = Math.max(1, cents(open + (next() - 0.5) * 0.4));
		const high = cents(Math.max(open, price) + next() * 0.1);
		const low = cents(Math.max(0.01, Math.min(open, price) - next() * 0.1));
		out.push({ symbol: 'SYN', time: OPEN + i * MIN, open, high, low, close: price, volume: 10_000 });
	}
	return out;
}

const cross: StrategyDefinition = {
	id: 'bench',
	name: 'SMA 10/30',
	version: 1,
	rule: { kind: 'sma-cross', fast: 10, slow: 30 },
	sizing: { by: 'quantity', quantity: 100 },
	exits: { stop: null, target: null, atrPeriod: 14, flatAtSessionEnd: false }
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const timed = (fn: () => void) => {
	const start = performance.now();
	fn();
	return performance.now() - start;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const count = (x: number) => Math.round(x).toLocaleString('en-US');

it(`backtests an SMA(10)/SMA(30) cross over ${N.toLocaleString('en-US')} one-minute bars`, () => {
	const bars = walk(N);
	const broker = { ...DEFAULT_BROKER_CONFIG, startingCash: 1_000_000_000 };
	let state = 7;
	const keys = Float64Array.from({ length: KEYS }, () => (state = (state * 48271) % 2147483647));
	let trades = 0;
	let orders = 0;
	const run = () => {
		const result = backtest(cross, bars, broker, allRulesOff(), MIN);
		trades = result.summary.trades;
		orders = result.orders.length;
	};
	const sort = () => void keys.slice().sort();
	run();
	sort();
	const ours: number[] = [];
	const peer: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		// Alternate which goes first, so load from other jobs falls on both alike.
		if (i % 2) peer.push(timed(sort));
		ours.push(timed(run));
		if (!(i % 2)) peer.push(timed(sort));
	}
	const [o, p] = [median(ours), median(peer)];
	const ratio = o / p;
	console.log(
		`backtest SMA(10)/SMA(30), ${count(N)} bars (${count(orders)} orders, ${count(trades)} round trips): ${ms(o)} | peer Float64Array sort of ${count(KEYS)} keys: ${ms(p)} | ratio ${ratio.toFixed(2)}x  (target ≤ 3x: ${ratio <= 3 ? 'met' : 'MISSED'}) | ${count((N / o) * 1000)} bars/s`
	);
	console.log(
		`  backtest runs: ${ours.map((x) => x.toFixed(0)).join(', ')} ms; sort runs: ${peer.map((x) => x.toFixed(0)).join(', ')} ms`
	);

	// The parts alone: medians of 3 after one warm-up.
	const part = (name: string, fn: () => void) => {
		fn();
		const t = median([timed(fn), timed(fn), timed(fn)]);
		console.log(
			`  ${name}: ${ms(t)} (${(t / p).toFixed(2)}x the sort, ${((t / N) * 1e6).toFixed(0)} ns a bar)`
		);
	};
	let sink = 0;
	part('SMA(10) and SMA(30) streams alone', () => {
		const fast = new SmaStream(10);
		const slow = new SmaStream(30);
		for (const bar of bars) sink += fast.push(bar.close) - slow.push(bar.close) || 0;
	});
	part('StrategyStepper alone (streams + rule, no orders)', () => {
		const stepper = new StrategyStepper(cross, MIN);
		for (const bar of bars) sink += stepper.push(bar).length;
	});
	part('PaperBroker.onBar alone (no orders)', () => {
		const b = new PaperBroker(broker);
		for (const bar of bars) sink += b.onBar(bar).length;
	});
	part('PaperSession.step alone (no strategy)', () => {
		const facts = {
			id: 'bench',
			symbol: 'SYN',
			from: OPEN,
			to: OPEN + N * MIN,
			broker,
			risk: allRulesOff(),
			cursor: 0,
			actions: [],
			status: 'running' as const,
			createdAt: 0
		};
		const session = new PaperSession(facts, bars, MIN);
		while (!session.finished) sink += session.step().length;
	});
	expect(Number.isNaN(sink)).toBe(false);
	expect(trades).toBeGreaterThan(0);
});
