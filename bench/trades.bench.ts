/**
 * Trades benchmarks (Node's V8, the engine the worker runs on):
 * - grouping 1,000,000 executions into trades, against Float64Array.prototype.sort of 1M keys
 *   (target: at most 2x);
 * - filtering and sorting 100,000 trades and taking the first page (target: under 100 ms).
 * Run: npm run bench (or npx vitest run --config bench/vitest.config.ts bench/trades.bench.ts).
 */
import { expect, it } from 'vitest';
import { groupTrades } from '$lib/core/trades/group';
import type { ExecutionTable } from '$lib/core/trades/types';
import { EMPTY_FILTER, queryTrades, toRow } from '$lib/core/trades/query';
import { measure, report } from './harness';

/** Deterministic generator (mulberry32). */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a |= 0;
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** 1M executions over 400 symbols × 3 accounts: round trips of 2-6 executions, scale-ins and outs. */
function executions(n: number): ExecutionTable {
	const next = random(42);
	const groups = Array.from({ length: 1200 }, (_, g) => ({
		accountId: `acct${g % 3}`,
		symbol: `SYM${Math.floor(g / 3)}`,
		multiplier: 1
	}));
	const table: ExecutionTable = {
		count: n,
		id: Array.from({ length: n }, (_, i) => i.toString(16).padStart(16, '0')),
		time: new Float64Array(n),
		quantity: new Float64Array(n),
		price: new Float64Array(n),
		side: new Uint8Array(n),
		commission: new Float64Array(n).fill(NaN),
		fees: new Float64Array(n),
		group: new Uint32Array(n),
		groups
	};
	const position = new Float64Array(groups.length);
	const clock = new Float64Array(groups.length).fill(Date.UTC(2020, 0, 2, 14, 30));
	for (let i = 0; i < n; i++) {
		const g = Math.floor(next() * groups.length);
		const pos = position[g]!;
		const qty = 100 * (1 + Math.floor(next() * 5));
		// Flatten half the time when holding, else add to or open a position.
		const flatten = pos !== 0 && next() < 0.5;
		const side = flatten ? (pos > 0 ? 1 : 0) : pos !== 0 ? (pos > 0 ? 0 : 1) : next() < 0.5 ? 0 : 1;
		const q = flatten ? Math.abs(pos) : qty;
		position[g] = pos + (side === 0 ? q : -q);
		clock[g] = clock[g]! + 1000 + Math.floor(next() * 600_000);
		table.time[i] = clock[g]!;
		table.quantity[i] = q;
		table.price[i] = Math.round((20 + next() * 200) * 100) / 100;
		table.side[i] = side;
		table.fees[i] = Math.round(q * 0.003 * 1000) / 1000;
		table.group[i] = g;
	}
	// Stored executions come in import order, not time order: shuffle the rows.
	const order = Array.from({ length: n }, (_, i) => i).sort(() => next() - 0.5);
	const shuffled: ExecutionTable = { ...table, id: order.map((i) => table.id[i]!) };
	for (const key of ['time', 'quantity', 'price', 'fees'] as const)
		shuffled[key] = Float64Array.from(order, (i) => table[key][i]!);
	shuffled.side = Uint8Array.from(order, (i) => table.side[i]!);
	shuffled.group = Uint32Array.from(order, (i) => table.group[i]!);
	return shuffled;
}

it('groups 1,000,000 executions within 2x of sorting 1M doubles', async () => {
	const table = executions(1_000_000);
	const keys = Float64Array.from(table.time, (t, i) => t + table.group[i]! * 1e13);
	let trades = 0;
	const ours = await measure(
		'group 1M executions into trades',
		() => {
			trades = groupTrades(table).length;
		},
		3,
		1
	);
	const peer = await measure(
		'Float64Array.prototype.sort (1M keys)',
		() => {
			keys.slice().sort();
		},
		3,
		1
	);
	const ratio = report(ours, peer, 2);
	console.log(`  ${trades.toLocaleString()} trades`);
	expect(trades).toBeGreaterThan(100_000);
	expect(ratio).toBeGreaterThan(0);
}, 600_000);

it('filters and sorts 100,000 trades and returns the first page', async () => {
	const table = executions(300_000);
	const rows = groupTrades(table)
		.slice(0, 100_000)
		.map((t) => toRow(t, undefined, { kind: 'none' }));
	const query = {
		filter: { ...EMPTY_FILTER, side: 'long' as const, outcome: 'win' as const },
		sort: { key: 'netPnl' as const, dir: 'desc' as const },
		offset: 0,
		limit: 200,
		zone: 'America/New_York'
	};
	const timing = await measure(
		`filter + sort ${rows.length.toLocaleString()} trades, first page`,
		() => queryTrades(rows, query),
		5,
		1
	);
	console.log(
		`${timing.name}: ${timing.medianMs.toFixed(1)} ms (target < 100 ms: ${timing.medianMs < 100 ? 'met' : 'MISSED'})`
	);
	const dated = {
		...query,
		filter: { ...query.filter, from: '2020-03-01', to: '2020-12-31' },
		sort: { key: 'openTime' as const, dir: 'asc' as const }
	};
	const withDates = await measure(
		'… with a date range (day of each trade in its zone)',
		() => queryTrades(rows, dated),
		5,
		1
	);
	console.log(
		`${withDates.name}: ${withDates.medianMs.toFixed(1)} ms (target < 100 ms: ${withDates.medianMs < 100 ? 'met' : 'MISSED'})`
	);
	expect(rows.length).toBe(100_000);
}, 600_000);
