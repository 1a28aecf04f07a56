import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wallTimeToInstant } from '../time/zone';
import {
	endOfDay,
	impliedPositions,
	reconcile,
	type ExecutionColumns,
	type SnapshotFacts
} from './reconcile';

const NY = 'America/New_York';
const at = (date: string, time: string) => {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const [hour, minute, second] = time.split(':').map(Number) as [number, number, number];
	const r = wallTimeToInstant({ year, month, day, hour, minute, second, millisecond: 0 }, NY);
	if (!r.ok) throw new Error(r.reason);
	return r.value;
};

interface Row {
	account: string;
	symbol: string;
	side: 'buy' | 'sell';
	quantity: number;
	price: number;
	time: number;
}

function table(rows: readonly Row[]): ExecutionColumns {
	const groups: { accountId: string; symbol: string }[] = [];
	const index = new Map<string, number>();
	const group = rows.map((r) => {
		const k = `${r.account}|${r.symbol}`;
		let g = index.get(k);
		if (g === undefined) {
			g = groups.length;
			index.set(k, g);
			groups.push({ accountId: r.account, symbol: r.symbol });
		}
		return g;
	});
	return {
		count: rows.length,
		time: Float64Array.from(rows.map((r) => r.time)),
		quantity: Float64Array.from(rows.map((r) => r.quantity)),
		price: Float64Array.from(rows.map((r) => r.price)),
		side: Uint8Array.from(rows.map((r) => (r.side === 'buy' ? 0 : 1))),
		group: Uint32Array.from(group),
		groups
	};
}

const IBKR = 'Interactive Brokers';
const asOf = endOfDay('2025-03-05', NY);
if (!asOf.ok) throw new Error(asOf.reason);

const snapshot = (rows: SnapshotFacts['rows'], accountIds = ['ib|U1']): SnapshotFacts => ({
	broker: IBKR,
	asOf: asOf.value,
	zone: NY,
	accountIds,
	rows
});

describe('endOfDay', () => {
	it('is the last millisecond of the day in the zone, also on the day clocks change', () => {
		expect(endOfDay('2025-03-04', NY)).toEqual({ ok: true, value: at('2025-03-05', '00:00:00') - 1 });
		// 2025-03-09 is 23 hours long in New York.
		expect(endOfDay('2025-03-09', NY)).toEqual({ ok: true, value: Date.UTC(2025, 2, 10, 3, 59, 59, 999) });
		expect(endOfDay('2025-3-4', NY).ok).toBe(false);
	});
});

describe('reconcile', () => {
	const executions = table([
		{
			account: 'ib|U1',
			symbol: 'AAPL',
			side: 'buy',
			quantity: 100,
			price: 180,
			time: at('2025-03-04', '09:30:00')
		},
		{
			account: 'ib|U1',
			symbol: 'MSFT',
			side: 'sell',
			quantity: 50,
			price: 400,
			time: at('2025-03-04', '10:00:00')
		},
		{
			account: 'ib|U1',
			symbol: 'TSLA',
			side: 'buy',
			quantity: 10,
			price: 250,
			time: at('2025-03-04', '11:00:00')
		},
		// After the snapshot's day: not counted.
		{
			account: 'ib|U1',
			symbol: 'AAPL',
			side: 'buy',
			quantity: 100,
			price: 190,
			time: at('2025-03-06', '09:30:00')
		},
		// Another account, not in the snapshot: not compared.
		{
			account: 'das|TR1',
			symbol: 'AMD',
			side: 'buy',
			quantity: 5,
			price: 100,
			time: at('2025-03-04', '09:31:00')
		}
	]);

	it('lists missing, extra and broker-only positions, explained, with the opening balance where one fixes it', () => {
		const lines = reconcile(
			snapshot([
				{ accountId: 'ib|U1', symbol: 'AAPL', quantity: 200, avgCost: 185 },
				{ accountId: 'ib|U1', symbol: 'MSFT', quantity: -50, avgCost: 400 },
				{ accountId: 'ib|U1', symbol: 'NVDA', quantity: 30, avgCost: 120.5 }
			]),
			impliedPositions(executions, asOf.value)
		);
		expect(lines).toEqual([
			{
				accountId: 'ib|U1',
				symbol: 'AAPL',
				status: 'differs',
				brokerQuantity: 200,
				executionQuantity: 100,
				difference: 100,
				brokerAvgCost: 185,
				executionAvgCost: 180,
				avgCostDiffers: false,
				explanation:
					'Interactive Brokers says 200 AAPL, executions give 100: 100 missing (fills before 2025-03-04 not imported?)',
				// Priced so that the average comes out at the broker's 185: (200 × 185 − 100 × 180) / 100.
				opening: {
					accountId: 'ib|U1',
					symbol: 'AAPL',
					side: 'buy',
					quantity: 100,
					price: 190,
					time: at('2025-03-04', '09:29:59')
				}
			},
			{
				accountId: 'ib|U1',
				symbol: 'MSFT',
				status: 'matches',
				brokerQuantity: -50,
				executionQuantity: -50,
				difference: 0,
				brokerAvgCost: 400,
				executionAvgCost: 400,
				avgCostDiffers: false,
				explanation: '',
				opening: null
			},
			{
				accountId: 'ib|U1',
				symbol: 'NVDA',
				status: 'only-broker',
				brokerQuantity: 30,
				executionQuantity: 0,
				difference: 30,
				brokerAvgCost: 120.5,
				executionAvgCost: null,
				avgCostDiffers: false,
				explanation:
					'Interactive Brokers says 30 NVDA, executions give none: 30 missing (no execution of NVDA in this account is stored: fills on or before 2025-03-05 not imported?)',
				opening: {
					accountId: 'ib|U1',
					symbol: 'NVDA',
					side: 'buy',
					quantity: 30,
					price: 120.5,
					time: at('2025-03-05', '23:59:58')
				}
			},
			{
				accountId: 'ib|U1',
				symbol: 'TSLA',
				status: 'only-fillbook',
				brokerQuantity: null,
				executionQuantity: 10,
				difference: -10,
				brokerAvgCost: null,
				executionAvgCost: 250,
				avgCostDiffers: false,
				explanation:
					'Interactive Brokers says nothing of TSLA, executions give 10: the closing fills on or before 2025-03-05 not imported, or an execution imported twice?',
				opening: null
			}
		]);
	});

	it('flags an average cost more than a cent apart, not one within a cent', () => {
		const implied = impliedPositions(executions, asOf.value);
		const msft = (avgCost: number) =>
			reconcile(snapshot([{ accountId: 'ib|U1', symbol: 'MSFT', quantity: -50, avgCost }]), implied).find(
				(l) => l.symbol === 'MSFT'
			);
		expect(msft(400.01)?.status).toBe('matches');
		const far = msft(400.02);
		expect([far?.status, far?.explanation]).toEqual([
			'differs',
			"Interactive Brokers and the executions agree on short 50 MSFT, but the average cost differs: Interactive Brokers 400.02, executions 400.00 (a fill at another price, or the broker's cost includes commissions?)"
		]);
	});

	it('explains more than the broker holds and the other side, without an opening balance', () => {
		const implied = impliedPositions(executions, asOf.value);
		const lines = reconcile(
			snapshot([
				{ accountId: 'ib|U1', symbol: 'AAPL', quantity: 40, avgCost: 180 },
				{ accountId: 'ib|U1', symbol: 'MSFT', quantity: 20, avgCost: 390 }
			]),
			implied
		);
		expect(lines.filter((l) => l.symbol !== 'TSLA').map((l) => [l.explanation, l.opening])).toEqual([
			[
				'Interactive Brokers says 40 AAPL, executions give 100: 60 more than Interactive Brokers holds (a closing fill on or before 2025-03-05 not imported, or an execution imported twice?)',
				null
			],
			[
				'Interactive Brokers says 20 MSFT, executions give short 50: the other side, 70 apart (fills on or before 2025-03-05 not imported?)',
				null
			]
		]);
	});

	it('sums fractional quantities exactly and keeps the average through a partial exit and a reversal', () => {
		const t0 = at('2025-03-04', '09:30:00');
		const implied = impliedPositions(
			table([
				{ account: 'a', symbol: 'BTC-USD', side: 'buy', quantity: 0.1, price: 100, time: t0 },
				{ account: 'a', symbol: 'BTC-USD', side: 'buy', quantity: 0.2, price: 130, time: t0 + 1 },
				{ account: 'a', symbol: 'X', side: 'buy', quantity: 100, price: 10, time: t0 },
				{ account: 'a', symbol: 'X', side: 'sell', quantity: 40, price: 12, time: t0 + 1 },
				{ account: 'a', symbol: 'Y', side: 'buy', quantity: 10, price: 10, time: t0 },
				{ account: 'a', symbol: 'Y', side: 'sell', quantity: 30, price: 11, time: t0 + 1 }
			]),
			Infinity
		);
		expect(implied.get('a\u0001BTC-USD')).toMatchObject({ quantity: 0.3, avgCost: 120 });
		expect(implied.get('a\u0001X')).toMatchObject({ quantity: 60, avgCost: 10 });
		expect(implied.get('a\u0001Y')).toMatchObject({ quantity: -20, avgCost: 11 });
	});

	it('adding the opening balance it offers removes the difference (quantity and average cost)', () => {
		const [aapl] = reconcile(
			snapshot([{ accountId: 'ib|U1', symbol: 'AAPL', quantity: 200, avgCost: 185 }]),
			impliedPositions(executions, asOf.value)
		);
		const o = aapl!.opening!;
		const fixed = table([
			{
				account: o.accountId,
				symbol: o.symbol,
				side: o.side,
				quantity: o.quantity,
				price: o.price,
				time: o.time
			},
			{
				account: 'ib|U1',
				symbol: 'AAPL',
				side: 'buy',
				quantity: 100,
				price: 180,
				time: at('2025-03-04', '09:30:00')
			}
		]);
		const again = reconcile(
			snapshot([{ accountId: 'ib|U1', symbol: 'AAPL', quantity: 200, avgCost: 185 }]),
			impliedPositions(fixed, asOf.value)
		);
		expect(again.map((l) => l.status)).toEqual(['matches']);
	});

	it('finds no difference in a snapshot built from the executions themselves (property)', () => {
		const row = fc.record({
			account: fc.constantFrom('a', 'b'),
			symbol: fc.constantFrom('AAPL', 'MSFT', 'BTC-USD'),
			side: fc.constantFrom<'buy' | 'sell'>('buy', 'sell'),
			quantity: fc.integer({ min: 1, max: 100_000 }).map((n) => n / 1000),
			price: fc.integer({ min: 1, max: 1_000_000 }).map((n) => n / 100),
			time: fc.integer({ min: 0, max: 100 })
		});
		fc.assert(
			fc.property(fc.array(row, { maxLength: 60 }), fc.integer({ min: -1, max: 101 }), (rows, cut) => {
				const implied = impliedPositions(table(rows), cut);
				const facts: SnapshotFacts = {
					broker: 'B',
					asOf: cut,
					zone: 'UTC',
					accountIds: ['a', 'b'],
					rows: [...implied.values()]
						.filter((p) => p.quantity !== 0)
						.map((p) => ({
							accountId: p.accountId,
							symbol: p.symbol,
							quantity: p.quantity,
							avgCost: p.avgCost
						}))
				};
				const lines = reconcile(facts, implied);
				expect(lines.filter((l) => l.status !== 'matches')).toEqual([]);
				// Every held position is listed once, as a match.
				expect(lines.length).toBe(facts.rows.length);
			})
		);
	});
});
