import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BREAKDOWN_KEYS, breakdown, breakdownCsv, dashboard, summary } from '../analytics';
import { toCsv } from '../export/csv';
import { checkPnl } from '../matching/candidates';
import { matchTrades } from '../matching/match';
import { DEFAULT_MATCH_SETTINGS, matchTradeOf, type MatchJournal } from '../matching/types';
import { executionStats } from '../matching/stats';
import { groupTrades } from './group';
import type { ExecutionTable } from './types';
import { EMPTY_FILTER, problemText, queryTrades, toRow, tradesCsv, type SortKey } from './query';

/** Numbers a damaged or hostile record could hold, beside ordinary ones. */
const odd = [NaN, Infinity, -Infinity, 0, -0, 1e300, -1e300, 5e-324, 2 ** 53 + 2, -3.5];
const oddOr = (ordinary: fc.Arbitrary<number>) =>
	fc.oneof({ weight: 3, arbitrary: ordinary }, fc.constantFrom(...odd));

const executionArb = fc.record({
	t: oddOr(fc.integer({ min: 0, max: 5_000_000 }).map((s) => Date.UTC(2025, 0, 2) + s * 1000)),
	side: fc.integer({ min: 0, max: 1 }),
	q: oddOr(fc.integer({ min: 1, max: 1000 })),
	p: oddOr(fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 10_000)),
	commission: oddOr(fc.integer({ min: 0, max: 500 }).map((c) => c / 100)),
	fees: oddOr(fc.integer({ min: 0, max: 500 }).map((c) => c / 1000)),
	broker: oddOr(fc.integer({ min: -100_000, max: 100_000 }).map((c) => c / 100)),
	g: fc.integer({ min: 0, max: 4 })
});
const GROUPS = [
	{ accountId: 'a', symbol: 'X', multiplier: 1 },
	{ accountId: 'a', symbol: 'ESZ5', multiplier: 50 },
	{ accountId: 'a', symbol: 'LE1!', multiplier: NaN },
	{ accountId: 'b', symbol: 'Y', multiplier: 0.5, brokerPnlAfterCommissions: true },
	{ accountId: 'b', symbol: 'Z', multiplier: Infinity }
];

type Execution = typeof executionArb extends fc.Arbitrary<infer T> ? T : never;

function table(fills: Execution[]): ExecutionTable {
	return {
		count: fills.length,
		id: fills.map((_, i) => `e${i}`),
		time: Float64Array.from(fills, (f) => f.t),
		quantity: Float64Array.from(fills, (f) => f.q),
		price: Float64Array.from(fills, (f) => f.p),
		side: Uint8Array.from(fills, (f) => f.side),
		commission: Float64Array.from(fills, (f) => f.commission),
		fees: Float64Array.from(fills, (f) => f.fees),
		brokerPnl: Float64Array.from(fills, (f) => f.broker),
		group: Uint32Array.from(fills, (f) => f.g),
		groups: GROUPS
	};
}

const SORT_KEYS: SortKey[] = [
	'openTime',
	'closeTime',
	'netPnl',
	'grossPnl',
	'returnPct',
	'rMultiple',
	'durationMs'
];

describe('one bad record never blanks a mode', () => {
	it('executions with NaN, infinite, zero and huge values never make grouping, analytics or matching throw', () => {
		fc.assert(
			fc.property(fc.array(executionArb, { maxLength: 40 }), fc.constantFrom(...SORT_KEYS), (fills, key) => {
				const t = table(fills);
				const trades = groupTrades(t);
				const rows = trades.map((trade) =>
					toRow(
						trade,
						undefined,
						{ kind: 'money', amount: 100 },
						undefined,
						trade.problem === null
							? null
							: problemText(trade.problem, trade, t, (i) => ({ line: i + 2, file: 'x.csv' }))
					)
				);
				for (const trade of trades) {
					JSON.stringify(trade);
					// A trade either has a reason or figures that are numbers.
					if (trade.problem === null && !trade.open) {
						expect(Number.isFinite(trade.grossPnl), `${trade.id} gross`).toBe(true);
						expect(Number.isFinite(trade.netPnl), `${trade.id} net`).toBe(true);
						expect(Number.isFinite(trade.closeTime!), `${trade.id} close`).toBe(true);
					}
				}
				for (const r of rows) if (r.problem !== null) expect(r.problem).toMatch(/^cannot compute P&L: \S/);

				for (const unit of ['$', 'R'] as const) {
					const s = summary(rows, unit);
					const usable = rows.filter((r) => r.problem === null);
					expect(s.unusable).toBe(rows.length - usable.length);
					expect(Number.isFinite(s.netPnl)).toBe(true);
					const d = dashboard(rows, 'America/New_York', unit);
					expect([...d.equity.equity].every(Number.isFinite)).toBe(true);
					for (const k of BREAKDOWN_KEYS) breakdownCsv(breakdown(rows, k, unit, 'UTC', new Map()));
				}
				const page = queryTrades(rows, {
					filter: EMPTY_FILTER,
					sort: { key, dir: 'desc' },
					offset: 0,
					limit: 100,
					zone: 'UTC'
				});
				expect(page.summary.unusable).toBe(rows.filter((r) => r.problem !== null).length);
				expect(Number.isFinite(page.summary.netPnl)).toBe(true);
				tradesCsv(rows, { filter: EMPTY_FILTER, sort: { key, dir: 'asc' }, zone: 'UTC' }, toCsv);
				for (const dateBy of ['open', 'close'] as const)
					queryTrades(rows, {
						filter: { ...EMPTY_FILTER, from: '2025-01-03', to: '2025-02-01', dateBy },
						sort: { key, dir: 'asc' },
						offset: 0,
						limit: 10,
						zone: 'America/New_York'
					});

				const matchTrades_ = trades.map((trade) => matchTradeOf(trade, trade.netPnl));
				const journal: MatchJournal[] = trades.map((trade, i) => ({
					id: `j${i}`,
					importId: 'tv',
					accountId: null,
					symbol: trade.symbol,
					direction: trade.direction,
					openTime: trade.openTime,
					closeTime: trade.closeTime,
					volume: trade.entryQuantity,
					grossPnl: i % 2 === 0 ? (fills[0]?.broker ?? null) : null,
					netPnl: null
				}));
				const result = matchTrades(journal, matchTrades_, [], DEFAULT_MATCH_SETTINGS);
				for (const m of result.matched) {
					// What a run stores is numbers a backup can carry.
					expect(Number.isFinite(m.pnl.fillsGross)).toBe(true);
					expect(Number.isFinite(m.cost)).toBe(true);
				}
				matchTrades_.forEach((mt, i) => checkPnl(journal[i]!, mt, 0.01));
				for (const trade of trades) {
					let before = 0;
					const statsFills = trade.legs.map((leg) => {
						const entry = Math.abs(leg.position) > Math.abs(before);
						before = leg.position;
						const i = leg.execution;
						return { time: t.time[i]!, price: t.price[i]!, quantity: leg.quantity, venue: null, entry };
					});
					executionStats(statsFills, trade.direction, fills[0]?.p ?? null, null);
				}
			}),
			{ numRuns: 200 }
		);
		// Each run groups, summarises, breaks down by every key and matches: seconds on a busy machine.
	}, 60_000);

	it('names the execution at fault, and leaves the other trades of the group as they were', () => {
		const fills: Execution[] = [
			{ t: 1000, side: 0, q: 100, p: 10, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 2000, side: 1, q: 100, p: 10.5, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 3000, side: 0, q: 100, p: NaN, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 4000, side: 1, q: 100, p: 11, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 5000, side: 0, q: 50, p: 12, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 6000, side: 1, q: 50, p: 12.25, commission: 1, fees: NaN, broker: NaN, g: 0 },
			{ t: 7000, side: 0, q: 2, p: 100, commission: 0, fees: NaN, broker: NaN, g: 2 },
			{ t: 8000, side: 1, q: 2, p: 101, commission: 0, fees: NaN, broker: NaN, g: 2 }
		];
		const t = table(fills);
		const trades = groupTrades(t);
		expect(trades.map((x) => [x.symbol, x.grossPnl, x.netPnl, x.problem])).toEqual([
			['X', 50, 48, null],
			['X', NaN, NaN, { kind: 'price', execution: 2 }],
			['X', 12.5, 10.5, null],
			['LE1!', NaN, NaN, { kind: 'multiplier' }]
		]);
		const source = (i: number) => ({ line: i + 2, file: 'orders.csv' });
		expect(problemText(trades[1]!.problem!, trades[1]!, t, source)).toBe(
			'cannot compute P&L: price missing on execution line 4 of orders.csv'
		);
		expect(problemText(trades[3]!.problem!, trades[3]!, t, source)).toBe(
			'cannot compute P&L: no point value for the futures root LE (LE1!, execution line 8 of orders.csv); set it in Settings'
		);
		const rows = trades.map((x, i) =>
			toRow(x, undefined, { kind: 'none' }, undefined, i % 2 === 1 ? 'why' : null)
		);
		expect(summary(rows, '$')).toMatchObject({ trades: 2, netPnl: 58.5, unusable: 2 });
		expect(
			queryTrades(rows, {
				filter: EMPTY_FILTER,
				sort: { key: 'netPnl', dir: 'desc' },
				offset: 0,
				limit: 10,
				zone: 'UTC'
			}).summary
		).toEqual({
			trades: 4,
			netPnl: 58.5,
			netByCurrency: [{ currency: null, netPnl: 58.5 }],
			converted: null,
			wins: 2,
			losses: 0,
			open: 0,
			unusable: 2
		});
	});
});
