import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { executionOrder } from './bucket-sort';
import { groupTrades } from './group';
import type { ExecutionTable, Trade } from './types';

interface Fill {
	t: number;
	side: 'B' | 'S';
	q: number;
	p: number;
	fee?: number;
	g?: number;
}

function table(
	fills: Fill[],
	groups = [{ accountId: 'das|TR1', symbol: 'MU', multiplier: 1 }]
): ExecutionTable {
	const n = fills.length;
	return {
		count: n,
		id: fills.map((_, i) => `e${i}`),
		time: Float64Array.from(fills.map((f) => f.t)),
		quantity: Float64Array.from(fills.map((f) => f.q)),
		price: Float64Array.from(fills.map((f) => f.p)),
		side: Uint8Array.from(fills.map((f) => (f.side === 'B' ? 0 : 1))),
		commission: new Float64Array(n).fill(NaN),
		fees: Float64Array.from(fills.map((f) => f.fee ?? NaN)),
		group: Uint32Array.from(fills.map((f) => f.g ?? 0)),
		groups
	};
}

/** The group of one account's executions in one symbol, at multiplier 1. */
function plain(accountId: string, symbol: string) {
	return { accountId, symbol, multiplier: 1 };
}

describe('groupTrades', () => {
	it('a long round trip with a scale-in and two scale-outs is one trade, P&L to the cent', () => {
		const [trade, ...rest] = groupTrades(
			table([
				{ t: 1, side: 'B', q: 100, p: 50.99, fee: 0.3 },
				{ t: 2, side: 'B', q: 100, p: 51.01, fee: 0.3 },
				{ t: 3, side: 'S', q: 150, p: 51.5, fee: -0.1 },
				{ t: 4, side: 'S', q: 50, p: 51.2 }
			])
		);
		expect(rest).toEqual([]);
		expect(trade).toMatchObject({
			id: 'e0',
			direction: 'long',
			open: false,
			openTime: 1,
			closeTime: 4,
			quantity: 200,
			entryQuantity: 200,
			exitQuantity: 200,
			entryPrice: 51,
			exitPrice: 51.425,
			grossPnl: 85,
			fees: 0.5,
			netPnl: 84.5
		});
		expect(trade?.legs.map((l) => l.position)).toEqual([100, 200, 50, 0]);
	});

	it('a short trade earns when the price falls', () => {
		const [trade] = groupTrades(
			table([
				{ t: 1, side: 'S', q: 225, p: 2.77 },
				{ t: 2, side: 'B', q: 225, p: 2.88 }
			])
		);
		expect(trade).toMatchObject({ direction: 'short', grossPnl: -24.75, entryPrice: 2.77, exitPrice: 2.88 });
	});

	it('an execution that crosses zero closes one trade and opens the opposite one with the rest', () => {
		const trades = groupTrades(
			table([
				{ t: 1, side: 'B', q: 100, p: 10, fee: 1 },
				{ t: 2, side: 'S', q: 300, p: 11, fee: 3 },
				{ t: 3, side: 'B', q: 200, p: 10.5 }
			])
		);
		expect(
			trades.map((t) => [t.id, t.direction, t.quantity, t.grossPnl, t.fees, t.openTime, t.closeTime])
		).toEqual([
			['e0', 'long', 100, 100, 2, 1, 2],
			['e1~r', 'short', 200, 100, 2, 2, 3]
		]);
		expect(trades[1]?.legs[0]).toEqual({ execution: 1, quantity: 200, position: -200 });
	});

	it('a position still open is an open trade with its realised part', () => {
		const [trade] = groupTrades(
			table([
				{ t: 1, side: 'B', q: 100, p: 10 },
				{ t: 2, side: 'S', q: 40, p: 12 }
			])
		);
		expect(trade).toMatchObject({
			open: true,
			closeTime: null,
			quantity: 100,
			exitQuantity: 40,
			grossPnl: 80
		});
	});

	it('keeps accounts and symbols apart even when their executions interleave', () => {
		const trades = groupTrades(
			table(
				[
					{ t: 1, side: 'B', q: 1, p: 100, g: 0 },
					{ t: 2, side: 'S', q: 1, p: 200, g: 1 },
					{ t: 3, side: 'S', q: 1, p: 101, g: 0 },
					{ t: 4, side: 'B', q: 1, p: 150, g: 1 }
				],
				[plain('a', 'X'), plain('b', 'X')]
			)
		);
		expect(trades.map((t) => [t.accountId, t.direction, t.grossPnl])).toEqual([
			['a', 'long', 1],
			['b', 'short', 50]
		]);
	});

	it.each([
		{
			kind: 'options ×100',
			symbol: 'AAPL  250117C00150000',
			multiplier: 100,
			open: { side: 'B', q: 2, p: 1.25 },
			close: { side: 'S', q: 2, p: 1.4 },
			grossPnl: 30
		},
		{
			kind: 'futures by point value',
			symbol: 'MESZ5',
			multiplier: 5,
			open: { side: 'S', q: 1, p: 5000.25 },
			close: { side: 'B', q: 1, p: 4990.5 },
			grossPnl: 48.75
		}
	] as const)('applies the multiplier: $kind', ({ symbol, multiplier, open, close, grossPnl }) => {
		const trades = groupTrades(
			table(
				[
					{ t: 1, ...open },
					{ t: 2, ...close }
				],
				[{ accountId: 'a', symbol, multiplier }]
			)
		);
		expect(trades[0]?.grossPnl).toBe(grossPnl);
	});

	it('fractional quantities that add up to zero are flat', () => {
		const trades = groupTrades(
			table([
				{ t: 1, side: 'B', q: 0.1, p: 60000 },
				{ t: 2, side: 'B', q: 0.2, p: 60100 },
				{ t: 3, side: 'S', q: 0.3, p: 61000 }
			])
		);
		expect(trades).toHaveLength(1);
		expect(trades[0]).toMatchObject({ open: false, grossPnl: 280 });
	});

	it('sorts by group then time, keeping file order for equal times', () => {
		const t = table(
			[
				{ t: 5, side: 'B', q: 1, p: 1, g: 1 },
				{ t: 2, side: 'B', q: 1, p: 1, g: 0 },
				{ t: 2, side: 'B', q: 1, p: 1, g: 0 },
				{ t: 1, side: 'B', q: 1, p: 1, g: 1 }
			],
			[plain('a', 'X'), plain('a', 'Y')]
		);
		expect([...executionOrder(t)]).toEqual([1, 2, 3, 0]);
	});
});

const fillArb = fc.record({
	t: fc.integer({ min: 0, max: 50 }),
	side: fc.constantFrom<'B' | 'S'>('B', 'S'),
	q: fc.integer({ min: 1, max: 500 }),
	p: fc.integer({ min: 1, max: 2_000_000 }).map((c) => c / 10000),
	fee: fc.integer({ min: -100, max: 500 }).map((c) => c / 1000),
	g: fc.integer({ min: 0, max: 2 })
});
const GROUPS = [
	{ accountId: 'a', symbol: 'X', multiplier: 1 },
	{ accountId: 'a', symbol: 'Y', multiplier: 100 },
	{ accountId: 'b', symbol: 'X', multiplier: 1 }
];

describe('grouping rules that always hold', () => {
	it('conserves quantity: every execution is split over its trades exactly', () => {
		fc.assert(
			fc.property(fc.array(fillArb, { maxLength: 80 }), (fills) => {
				const trades = groupTrades(table(fills, GROUPS));
				const perExecution = new Map<number, number>();
				for (const t of trades)
					for (const leg of t.legs)
						perExecution.set(leg.execution, (perExecution.get(leg.execution) ?? 0) + leg.quantity);
				fills.forEach((f, i) => expect(perExecution.get(i)).toBeCloseTo(f.q, 8));
				for (const t of trades.filter((x) => !x.open)) expect(t.entryQuantity).toBe(t.exitQuantity);
				// At most one open trade per group, and it is the last one of that group.
				const open = trades.filter((t) => t.open).map((t) => `${t.accountId}|${t.symbol}`);
				expect(new Set(open).size).toBe(open.length);
			})
		);
	});

	it('P&L does not depend on the order of the rows', () => {
		fc.assert(
			fc.property(
				fc
					.array(fillArb, { maxLength: 60 })
					// Distinct times: rows at the same instant keep their file order, by design.
					.map((fills) => fills.map((f, i) => ({ ...f, t: i * 7 + (f.t % 7) })))
					.chain((fills) =>
						fc.tuple(
							fc.constant(fills),
							fc.shuffledSubarray(fills, { minLength: fills.length, maxLength: fills.length })
						)
					),
				([fills, shuffled]) => {
					const summary = (fs: Fill[]) =>
						groupTrades(table(fs, GROUPS))
							.map(
								(t) =>
									`${t.accountId}|${t.symbol}|${t.openTime}|${t.direction}|${t.grossPnl}|${t.netPnl}|${t.quantity}|${t.open}`
							)
							.sort();
					expect(summary(shuffled)).toEqual(summary(fills));
				}
			)
		);
	});

	it('the P&L of closed trades equals the sum over their executions, to the cent', () => {
		fc.assert(
			fc.property(fc.array(fillArb, { maxLength: 60 }), (fills) => {
				for (const trade of groupTrades(table(fills, GROUPS)).filter((t) => !t.open)) {
					let cents = 0n;
					for (const leg of trade.legs) {
						const f = fills[leg.execution]!;
						// Exact in 1e-4 units: prices have 4 decimals, quantities are whole.
						const value = BigInt(Math.round(leg.quantity)) * BigInt(Math.round(f.p * 10000));
						cents += f.side === 'S' ? value : -value;
					}
					const m = BigInt(trade.multiplier);
					const exact = cents * m; // 1e-4 units
					const rounded = Number((exact >= 0n ? exact + 50n : exact - 50n) / 100n) / 100;
					expect(trade.grossPnl).toBe(rounded);
				}
			})
		);
	});
});

describe('gross P&L is the cash flow, whatever the broker reports', () => {
	const brokerFillArb = fc.record({
		fill: fillArb,
		// The broker's per-execution P/L: absent, its own rounding of the truth, or plain wrong.
		broker: fc.oneof(
			fc.constant(NaN),
			fc.integer({ min: -1_000_000, max: 1_000_000 }).map((c) => c / 100)
		)
	});
	/** Multipliers in tenths: stocks, options, futures points with a half (12.5, 0.5). */
	const multiplierArb = fc.constantFrom(10, 1000, 500, 125, 5, 20);

	it('gross = (Σ sell value − Σ buy value) × multiplier, exact and rounded once, for any fills and broker figures', () => {
		fc.assert(
			fc.property(
				fc.array(brokerFillArb, { maxLength: 60 }),
				multiplierArb,
				fc.boolean(),
				(rows, m10, afterCommissions) => {
					const fills = rows.map((r) => r.fill);
					const t = table(
						fills,
						GROUPS.map((g) => ({ ...g, multiplier: m10 / 10, brokerPnlAfterCommissions: afterCommissions }))
					);
					t.brokerPnl = Float64Array.from(rows, (r) => r.broker);
					for (const trade of groupTrades(t).filter((x) => !x.open)) {
						let flow = 0n; // 1e-4 units
						for (const leg of trade.legs) {
							const f = fills[leg.execution]!;
							const value = BigInt(Math.round(leg.quantity)) * BigInt(Math.round(f.p * 10000));
							flow += f.side === 'S' ? value : -value;
						}
						const exact = flow * BigInt(m10); // 1e-5 units
						const abs = exact < 0n ? -exact : exact;
						const cents = abs / 1000n + ((abs % 1000n) * 2n >= 1000n ? 1n : 0n);
						const rounded = Number(exact < 0n ? -cents : cents) / 100;
						expect(trade.grossPnl).toBe(rounded === 0 ? 0 : rounded);
						expect(trade.computedPnl).toBe(trade.grossPnl);
						expect(trade.problem).toBe(null);
						// Flagged exactly when the broker's sum is off by more than ½ cent per closing fill.
						if (trade.brokerPnl !== null && !afterCommissions) {
							const closing = trade.legs.filter(
								(leg, k) => Math.abs(leg.position) < Math.abs(trade.legs[k - 1]?.position ?? 0)
							).length;
							const off = Math.abs(trade.brokerPnl * 1e5 - Number(exact)) / 1e5;
							if (Math.abs(off - 0.005 * closing) > 1e-6)
								expect(trade.pnlMismatch).toBe(off > 0.005 * closing);
						}
					}
				}
			)
		);
	});
});

describe('executionOrder', () => {
	/** Times spread out, clustered, in bursts or already in order, over one or many groups. */
	const tableArb = fc
		.record({
			n: fc.integer({ min: 0, max: 400 }),
			groups: fc.integer({ min: 1, max: 6 }),
			span: fc.constantFrom(0, 3, 1000, 86_400_000, 3e11),
			sorted: fc.boolean(),
			seed: fc.integer()
		})
		.map(({ n, groups, span, sorted, seed }) => {
			let a = seed;
			const next = () => {
				a = (Math.imul(a, 1103515245) + 12345) | 0;
				return (a >>> 0) / 2 ** 32;
			};
			const base = Date.UTC(2024, 0, 2);
			const times = Array.from({ length: n }, () =>
				// Mostly spread, some bursts at the same instant and near it.
				next() < 0.2 ? base + 5 : base + Math.floor(next() * span) + (next() < 0.1 ? 0.4 : 0)
			);
			if (sorted) times.sort((x, y) => x - y);
			return {
				count: n,
				id: times.map((_, i) => `e${i}`),
				time: Float64Array.from(times),
				quantity: new Float64Array(n).fill(1),
				price: new Float64Array(n).fill(1),
				side: new Uint8Array(n),
				commission: new Float64Array(n).fill(NaN),
				fees: new Float64Array(n).fill(NaN),
				group: Uint32Array.from(times, () => Math.floor(next() * groups)),
				groups: Array.from({ length: groups }, (_, g) => ({ accountId: 'a', symbol: `S${g}`, multiplier: 1 }))
			} satisfies ExecutionTable;
		});

	it('orders by group, then whole ms, then input order, as a comparison sort would', () => {
		fc.assert(
			fc.property(tableArb, (t) => {
				const min = Math.min(...t.time);
				const key = (i: number) => Math.round(t.time[i]! - min);
				const expected = Array.from({ length: t.count }, (_, i) => i).sort(
					(x, y) => t.group[x]! - t.group[y]! || key(x) - key(y) || x - y
				);
				expect([...executionOrder(t)]).toEqual(expected);
			})
		);
	});
});

describe('exact P&L beyond whole shares at cent prices', () => {
	const fineArb = fc.record({
		t: fc.integer({ min: 0, max: 1000 }),
		side: fc.constantFrom<'B' | 'S'>('B', 'S'),
		// Fractional and huge quantities; prices with up to 6 decimals.
		q: fc.oneof(
			fc.integer({ min: 1, max: 50_000 }).map((c) => c / 10000),
			fc.integer({ min: 1, max: 300 }),
			fc.integer({ min: 10_000_000, max: 90_000_000 })
		),
		p: fc.oneof(
			fc.integer({ min: 1, max: 500_000_000 }).map((c) => c / 1_000_000),
			fc.integer({ min: 1, max: 500_000 })
		),
		g: fc.integer({ min: 0, max: 2 })
	});

	it('closed trades: gross P&L is the exact sum over legs, rounded once, half away from zero', () => {
		fc.assert(
			fc.property(fc.array(fineArb, { maxLength: 60 }), (fills) => {
				for (const trade of groupTrades(table(fills, GROUPS)).filter((t) => !t.open)) {
					// In 1e-10 units: quantities have up to 4 decimals, prices up to 6.
					let exact = 0n;
					for (const leg of trade.legs) {
						const f = fills[leg.execution]!;
						const value = BigInt(Math.round(leg.quantity * 1e4)) * BigInt(Math.round(f.p * 1e6));
						exact += f.side === 'S' ? value : -value;
					}
					exact *= BigInt(trade.multiplier);
					const unit = 10n ** 8n;
					const abs = exact < 0n ? -exact : exact;
					const cents = abs / unit + ((abs % unit) * 2n >= unit ? 1n : 0n);
					// Exact to the cent is promised up to 2^53 cents (about 90 trillion dollars, see
					// analytics/closed.ts); beyond it no double holds every cent, so there is nothing to compare.
					if (cents > BigInt(Number.MAX_SAFE_INTEGER)) continue;
					const rounded = Number(exact < 0n ? -cents : cents) / 100;
					expect(trade.grossPnl).toBe(rounded === 0 ? 0 : rounded);
				}
			})
		);
	});
});

describe('trades as returned', () => {
	it('count their executions, list legs with the running position, and serialise as plain objects', () => {
		const trades = groupTrades(
			table([
				{ t: 1, side: 'B', q: 100, p: 10 },
				{ t: 2, side: 'S', q: 300, p: 11 },
				{ t: 3, side: 'B', q: 50, p: 10.5 }
			])
		);
		expect(trades.map((t) => [t.id, t.executionCount, t.open])).toEqual([
			['e0', 2, false],
			['e1~r', 2, true]
		]);
		expect(trades[1]!.legs).toEqual([
			{ execution: 1, quantity: 200, position: -200 },
			{ execution: 2, quantity: 50, position: -150 }
		]);
		expect(trades[1]!.legs).toBe(trades[1]!.legs);
		const plain = JSON.parse(JSON.stringify(trades[1])) as Trade;
		expect(plain).toMatchObject({ id: 'e1~r', direction: 'short', entryQuantity: 200, exitQuantity: 50 });
		expect(plain.legs).toHaveLength(2);
	});
});
