/**
 * Analytics benchmarks (Node's V8, the engine the worker runs on):
 * - recomputing the dashboard (summary, equity curve, daily P&L, P&L and R histograms) for
 *   100,000 trades after a filter change (target: under 100 ms), against sorting their 100,000
 *   close times with Float64Array.prototype.sort (the floor of any work in close order);
 * - for scale, every report breakdown and a 1,000 × 1,000 Monte Carlo on the same trades.
 * Run: npx vitest run --config bench/vitest.config.ts bench/analytics.bench.ts
 */
import { expect, it } from 'vitest';
import {
	breakdown,
	BREAKDOWN_KEYS,
	dailyPnl,
	dashboard,
	equityCurve,
	histogram,
	monteCarlo,
	rValues,
	seededRandom,
	summary
} from '$lib/core/analytics';
import type { TradeRow } from '$lib/core/trades/query';
import { measure, report, type Timing } from './harness';

const ZONE = 'America/New_York';
const MIN = 60_000;
const DAY = 86_400_000;

/**
 * `n` trades over five years of New York sessions, 3 accounts × 400 symbols, holding from seconds
 * to weeks, P&L with fat tails, 80% with a risk, some tags and mistakes, 2% still open. They come
 * in no particular order (the list's sort is the user's), so close order has to be made.
 */
function tradeRows(n: number): TradeRow[] {
	const next = seededRandom(42);
	const start = Date.UTC(2020, 0, 2, 14, 30);
	const rows: TradeRow[] = [];
	for (let i = 0; i < n; i++) {
		const day = Math.floor(next() * 5 * 365);
		const openTime = start + day * DAY + Math.floor(next() * 390) * MIN + Math.floor(next() * 60_000);
		const hold = Math.floor(Math.exp(next() * 14) * 1000);
		const open = next() < 0.02;
		const entryPrice = Math.round((2 + next() * 300) * 100) / 100;
		const quantity = 100 * (1 + Math.floor(next() * 10));
		const tail = next() < 0.05 ? 10 : 1;
		const netPnl = Math.round((next() - 0.47) * 40_000 * tail) / 100;
		const commission = Math.round(quantity * 0.005 * 100) / 100;
		const fees = Math.round(quantity * 0.003 * 100) / 100;
		const risk = next() < 0.8 ? 50 + Math.floor(next() * 10) * 25 : null;
		rows.push({
			id: i.toString(16).padStart(16, '0'),
			accountId: `acct${i % 3}`,
			currency: 'USD',
			symbol: `SYM${Math.floor(next() * 400)}`,
			direction: next() < 0.5 ? 'long' : 'short',
			open,
			openTime,
			closeTime: open ? null : openTime + hold,
			durationMs: open ? null : hold,
			quantity,
			entryPrice,
			exitPrice: open ? null : entryPrice,
			multiplier: 1,
			grossPnl: Math.round((netPnl + commission + fees) * 100) / 100,
			computedPnl: 0,
			brokerPnl: null,
			pnlMismatch: false,
			commission,
			fees,
			netPnl,
			returnPct: 0,
			executionCount: 2,
			tags: next() < 0.3 ? ['gap'] : next() < 0.2 ? ['news', 'earnings'] : [],
			strategy: ['', 'ORB', 'Fade', 'Breakout'][Math.floor(next() * 4)]!,
			mistakes: next() < 0.1 ? ['late'] : [],
			hasNotes: false,
			risk,
			rMultiple: risk === null || open ? null : netPnl / risk,
			problem: null
		});
	}
	return rows;
}

function line(t: Timing, target?: number): void {
	const verdict =
		target === undefined ? '' : ` (target < ${target} ms: ${t.medianMs < target ? 'met' : 'MISSED'})`;
	console.log(`${t.name}: ${t.medianMs.toFixed(1)} ms${verdict}`);
}

it('recomputes the dashboard for 100,000 trades after a filter change in under 100 ms', async () => {
	// A filter change hands the engine a new array of rows: the filter keeps two accounts of three.
	const all = tradeRows(150_000);
	const keep = new Set(['acct0', 'acct1']);
	const filtered = () => all.filter((r) => keep.has(r.accountId));
	const rows = filtered();
	expect(rows.length).toBe(100_000);

	const dollars = await measure(
		'filter + dashboard in $ (100,000 of 150,000 trades)',
		() => dashboard(filtered(), ZONE, '$'),
		7,
		2
	);
	const peerTimes = Float64Array.from(rows, (r) => r.closeTime ?? r.openTime);
	const peer = await measure(
		'Float64Array.prototype.sort (100k close times)',
		() => peerTimes.slice().sort(),
		7,
		2
	);
	report(dollars, peer);
	line(dollars, 100);
	// The first dashboard in a zone the worker has not seen yet: its offsets are looked up per day.
	const cold = await measure(
		'… first in a zone not seen before (1 run)',
		() => dashboard(filtered(), 'America/Chicago', '$'),
		1,
		0
	);
	line(cold, 100);
	const inR = await measure('filter + dashboard in R', () => dashboard(filtered(), ZONE, 'R'), 7, 2);
	line(inR, 100);
	const separate = await measure(
		'filter + summary, equityCurve, dailyPnl and both histograms called one by one',
		() => {
			const batch = filtered();
			summary(batch, '$');
			const curve = equityCurve(batch, '$');
			dailyPnl(batch, ZONE, '$');
			histogram(curve.pnl);
			histogram(rValues(batch));
		},
		7,
		2
	);
	line(separate, 100);
	const filterOnly = await measure('the filter alone (keeps 100,000 of 150,000 rows)', filtered, 7, 2);
	line(filterOnly);

	const d = dashboard(rows, ZONE, '$');
	console.log(
		`  ${d.summary.trades.toLocaleString('en')} closed, ${d.summary.open.toLocaleString('en')} open, ` +
			`${d.daily.days.length.toLocaleString('en')} days, ${d.pnlHistogram.counts.length} P&L bins, ` +
			`${d.rHistogram.counts.length} R bins`
	);
	expect(d.equity.equity.at(-1)).toBe(d.summary.netPnl);
	expect(dollars.medianMs).toBeGreaterThan(0);
}, 600_000);

it('reports: every breakdown and a Monte Carlo on the same trades', async () => {
	const rows = tradeRows(100_000);
	const keys = BREAKDOWN_KEYS.filter((key) => key !== 'venue');
	const all = await measure(
		`${keys.length} breakdowns in $ (100,000 trades)`,
		() => keys.forEach((key) => breakdown(rows, key, '$', ZONE)),
		3,
		1
	);
	line(all);
	const r = rValues(rows);
	const mc = await measure(
		'Monte Carlo, 1,000 paths × 1,000 trades',
		() => monteCarlo(r, { paths: 1000, tradesPerPath: 1000, seed: 1, ruinDrawdownR: 20 }),
		3,
		1
	);
	line(mc);
	expect(monteCarlo(r, { paths: 10, tradesPerPath: 10, ruinDrawdownR: 20 })).not.toBeNull();
}, 600_000);
