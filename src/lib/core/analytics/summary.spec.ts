import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equityCurve, summary, withStartingEquity } from './summary';
import { row } from '../../../../tests/support/trade-rows';
import type { TradeRow } from '../trades/query';

const T = Date.UTC(2025, 2, 3, 15);
const MIN = 60_000;

/**
 * Five closed trades and an open one. Net in cents: +10000, −5000, −2550, 0, +7525 (no risk), so
 * in $: net 99.75; equity 100, 50, 24.50, 24.50, 99.75; deepest fall 100 → 24.50 = 75.50.
 */
const FIXTURE: TradeRow[] = [
	row({ id: 'e', closeTime: T + 5 * MIN, netPnl: 75.25, commission: 1, fees: 0.25 }),
	row({ id: 'c', closeTime: T + 3 * MIN, netPnl: -25.5, commission: 1, fees: 0.25, risk: 50 }),
	row({ id: 'a', closeTime: T + 1 * MIN, netPnl: 100, commission: 1, fees: 0.25, risk: 50 }),
	row({ id: 'f', open: true, netPnl: 10, commission: 1, risk: 50 }),
	row({ id: 'd', closeTime: T + 4 * MIN, netPnl: 0, commission: 0.5, risk: 50 }),
	row({ id: 'b', closeTime: T + 2 * MIN, netPnl: -50, commission: 1, fees: 0.25, risk: 50 })
];

describe('summary in $', () => {
	it('computes every headline figure of a hand-checked period', () => {
		expect(summary(FIXTURE, '$')).toEqual({
			unit: '$',
			trades: 5,
			open: 1,
			excluded: 0,
			unusable: 0,
			wins: 2,
			losses: 2,
			breakeven: 1,
			winRate: 0.4,
			netPnl: 99.75,
			expectancy: 19.95,
			profitFactor: 175.25 / 75.5,
			averageWin: 87.625,
			averageLoss: -37.75,
			largestWin: 100,
			largestLoss: -50,
			averageR: (2 - 1 - 0.51 + 0) / 4,
			tradesWithR: 4,
			maxDrawdown: {
				amount: 75.5,
				fraction: 0.755,
				peak: 100,
				ofEquity: null,
				peakTime: T + MIN,
				troughTime: T + 3 * MIN
			},
			grossPnl: 105.25,
			commissions: 4.5,
			fees: 1
		});
	});

	it('has nothing to say about no trades', () => {
		const s = summary([], '$');
		expect(s).toMatchObject({
			trades: 0,
			wins: 0,
			losses: 0,
			breakeven: 0,
			winRate: null,
			netPnl: 0,
			expectancy: null,
			profitFactor: null,
			averageWin: null,
			averageLoss: null,
			largestWin: null,
			largestLoss: null,
			averageR: null,
			maxDrawdown: { amount: 0, fraction: null, peakTime: null, troughTime: null }
		});
	});

	it('leaves open trades out of every figure', () => {
		const s = summary([row({ id: 'x', open: true, netPnl: 50, commission: 1 })], '$');
		expect(s).toMatchObject({ trades: 0, open: 1, netPnl: 0, commissions: 0, profitFactor: null });
	});

	it('gives no profit factor when every trade is breakeven', () => {
		const rows = ['a', 'b', 'c'].map((id) => row({ id, netPnl: 0, commission: 1 }));
		expect(summary(rows, '$')).toMatchObject({
			trades: 3,
			breakeven: 3,
			wins: 0,
			losses: 0,
			winRate: 0,
			netPnl: 0,
			expectancy: 0,
			profitFactor: null,
			grossPnl: 3,
			maxDrawdown: { amount: 0, fraction: null }
		});
	});

	it('reports an infinite profit factor when nothing lost', () => {
		const rows = [row({ id: 'a', netPnl: 20 }), row({ id: 'b', netPnl: 0.01, closeTime: T })];
		const s = summary(rows, '$');
		expect(s.profitFactor).toBe(Infinity);
		expect(s).toMatchObject({ wins: 2, averageLoss: null, largestLoss: null, netPnl: 20.01 });
	});

	it('reports a profit factor of 0 and a fall from the start when nothing won', () => {
		const rows = [
			row({ id: 'a', netPnl: -20, closeTime: T }),
			row({ id: 'b', netPnl: -5, closeTime: T + MIN })
		];
		expect(summary(rows, '$')).toMatchObject({
			profitFactor: 0,
			averageWin: null,
			largestWin: null,
			largestLoss: -20,
			averageLoss: -12.5,
			// The start (0) is the peak: no fraction of a peak that was never above 0.
			maxDrawdown: { amount: 25, fraction: null, peakTime: null, troughTime: T + MIN }
		});
	});

	it('sums cents exactly where doubles drift', () => {
		const rows = Array.from({ length: 10 }, (_, i) => row({ id: `t${i}`, netPnl: 0.1, fees: 0.1 }));
		const s = summary(rows, '$');
		expect(s.netPnl).toBe(1);
		expect(s.fees).toBe(1);
		expect(s.grossPnl).toBe(2);
		expect(rows.reduce((sum, r) => sum + r.netPnl, 0)).not.toBe(1);
	});
});

describe('summary in R', () => {
	it('puts every figure in R and counts the trades without R apart', () => {
		const s = summary(FIXTURE, 'R');
		expect(s).toMatchObject({
			unit: 'R',
			trades: 4,
			open: 1,
			excluded: 1,
			wins: 1,
			losses: 2,
			breakeven: 1,
			winRate: 0.25,
			averageWin: 2,
			largestWin: 2,
			largestLoss: -1,
			tradesWithR: 4,
			maxDrawdown: { peakTime: T + MIN, troughTime: T + 3 * MIN }
		});
		expect(s.netPnl).toBeCloseTo(0.49, 12);
		expect(s.expectancy).toBeCloseTo(0.1225, 12);
		expect(s.averageR).toBeCloseTo(0.1225, 12);
		expect(s.profitFactor).toBeCloseTo(2 / 1.51, 12);
		expect(s.averageLoss).toBeCloseTo(-0.755, 12);
		expect(s.maxDrawdown.amount).toBeCloseTo(1.51, 12);
		expect(s.maxDrawdown.fraction).toBeCloseTo(0.755, 12);
		expect(s.commissions).toBeCloseTo(3.5 / 50, 12);
		expect(s.fees).toBeCloseTo(0.75 / 50, 12);
		expect(s.grossPnl).toBeCloseTo(0.49 + 4.25 / 50, 12);
	});

	it('has no trades when none has an R multiple', () => {
		const s = summary([row({ id: 'a', netPnl: 10 }), row({ id: 'b', open: true, risk: 5 })], 'R');
		expect(s).toMatchObject({ trades: 0, excluded: 1, open: 1, profitFactor: null, averageR: null });
	});
});

describe('equityCurve', () => {
	it('follows close times, ties by trade id, whatever the input order', () => {
		const curve = equityCurve(FIXTURE, '$');
		expect(curve.ids).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect([...curve.time]).toEqual([1, 2, 3, 4, 5].map((k) => T + k * MIN));
		expect([...curve.equity]).toEqual([100, 50, 24.5, 24.5, 99.75]);
		expect([...curve.drawdown]).toEqual([0, 50, 75.5, 75.5, 0.25]);
		expect([...curve.pnl]).toEqual([100, -50, -25.5, 0, 75.25]);
		expect(curve).toMatchObject({ open: 1, excluded: 0 });

		const tied = [row({ id: 'z', closeTime: T, netPnl: 1 }), row({ id: 'y', closeTime: T, netPnl: -3 })];
		expect(equityCurve(tied, '$').ids).toEqual(['y', 'z']);
		expect(equityCurve([...tied].reverse(), '$').ids).toEqual(['y', 'z']);
	});

	it('is empty without closed trades', () => {
		const curve = equityCurve([row({ id: 'a', open: true })], 'R');
		expect(curve.equity.length).toBe(0);
		expect(curve.open).toBe(1);
	});
});

/** Rows with random cents, R, close times (with ties), some open. */
const rowsArb = fc
	.array(
		fc.record({
			cents: fc.integer({ min: -500_000, max: 500_000 }),
			close: fc.integer({ min: 0, max: 50 }),
			risk: fc.option(fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100)),
			open: fc.integer({ min: 0, max: 9 }).map((x) => x === 0)
		}),
		{ maxLength: 60 }
	)
	.map((specs) =>
		specs.map((s, i) =>
			row({ id: `t${i}`, netPnl: s.cents / 100, closeTime: T + s.close * MIN, risk: s.risk, open: s.open })
		)
	);

/** Max drawdown by brute force: the largest E[i] − E[j] over i ≤ j, with the start (0) as E[−1]. */
function bruteDrawdown(equity: readonly number[]): number {
	const e = [0, ...equity];
	let best = 0;
	for (let i = 0; i < e.length; i++) for (let j = i; j < e.length; j++) best = Math.max(best, e[i]! - e[j]!);
	return best;
}

describe('properties', () => {
	it('the curve ends on the net P&L, and the drawdown is the brute-force maximum over pairs', () => {
		fc.assert(
			fc.property(rowsArb, fc.constantFrom('$' as const, 'R' as const), (rows, unit) => {
				const s = summary(rows, unit);
				const curve = equityCurve(rows, unit);
				expect(curve.equity.length).toBe(s.trades);
				expect(curve.equity.at(-1) ?? 0).toBe(s.netPnl);
				expect(s.maxDrawdown.amount).toBeGreaterThanOrEqual(0);
				expect(Math.max(0, ...curve.drawdown)).toBe(s.maxDrawdown.amount);
				if (unit === '$') {
					// In cents the brute force is exact: compare exactly.
					const cents = [...curve.equity].map((x) => Math.round(x * 100));
					expect(s.maxDrawdown.amount).toBe(bruteDrawdown(cents) / 100);
				} else expect(s.maxDrawdown.amount).toBeCloseTo(bruteDrawdown([...curve.equity]), 9);
			})
		);
	});

	it('sums money to the cent and counts every closed trade once', () => {
		fc.assert(
			fc.property(rowsArb, (rows) => {
				const closed = rows.filter((r) => !r.open);
				const cents = closed.reduce((sum, r) => sum + Math.round(r.netPnl * 100), 0);
				const s = summary(rows, '$');
				expect(s.netPnl).toBe(cents / 100);
				expect(s.wins + s.losses + s.breakeven).toBe(s.trades);
				expect(s.trades + s.open).toBe(rows.length);
				expect(s.grossPnl * 100 - s.commissions * 100 - s.fees * 100).toBeCloseTo(cents, 6);
			})
		);
	});

	it('gives the fall as a share of the account at the peak once the starting equity is known', () => {
		const s = summary(FIXTURE, '$');
		// A 75.50 fall from a +100 peak: with 25,000 before the first trade, 75.50 of 25,100.
		expect(withStartingEquity(s.maxDrawdown, '$', 25_000).ofEquity).toBeCloseTo(75.5 / 25_100, 12);
		expect(withStartingEquity(s.maxDrawdown, '$', null).ofEquity).toBeNull();
		expect(withStartingEquity(summary(FIXTURE, 'R').maxDrawdown, 'R', 25_000).ofEquity).toBeNull();
	});
});
