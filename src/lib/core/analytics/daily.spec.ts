import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dailyPnl, tradesOn } from './daily';
import { dashboard } from './dashboard';
import { equityCurve, summary } from './summary';
import { row } from '../../../../tests/support/trade-rows';

const NY = 'America/New_York';

const ROWS = [
	row({ id: 'a', closeTime: Date.UTC(2025, 2, 15, 3, 30), netPnl: 10.1, risk: 10 }), // 14 Mar, 23:30 in New York
	row({ id: 'b', closeTime: Date.UTC(2025, 2, 14, 13, 31), netPnl: -0.1, risk: 10 }),
	row({ id: 'c', closeTime: Date.UTC(2025, 2, 15, 4, 30), netPnl: 5, risk: 10 }), // 15 Mar, 00:30
	row({ id: 'd', closeTime: Date.UTC(2025, 2, 9, 7, 30), netPnl: 1, risk: 10 }), // 9 Mar, 03:30 EDT, just after the skip
	row({ id: 'e', open: true, netPnl: 50, risk: 10 }),
	row({ id: 'f', closeTime: Date.UTC(2025, 2, 14, 20), netPnl: 2 })
];

describe('dailyPnl', () => {
	it('puts each trade on the day it closed in the zone, to the cent', () => {
		const daily = dailyPnl(ROWS, NY, '$');
		expect(daily.days).toEqual(['2025-03-09', '2025-03-14', '2025-03-15']);
		expect([...daily.pnl]).toEqual([1, 12, 5]);
		expect([...daily.trades]).toEqual([1, 3, 1]);
		expect([...daily.start]).toEqual([0, 1, 4, 5]);
		expect(tradesOn(daily, '2025-03-14')).toEqual(['b', 'f', 'a']);
		expect(tradesOn(daily, '2025-03-10')).toEqual([]);
		expect(daily).toMatchObject({ open: 1, excluded: 0, unit: '$', zone: NY });
	});

	it('moves late trades to the next day in UTC', () => {
		const daily = dailyPnl(ROWS, 'UTC', '$');
		expect(daily.days).toEqual(['2025-03-09', '2025-03-14', '2025-03-15']);
		expect([...daily.pnl]).toEqual([1, 1.9, 15.1]);
		expect(tradesOn(daily, '2025-03-15')).toEqual(['a', 'c']);
	});

	it('puts a futures trade closed Sunday 19:00 New York on Monday’s trading day, in New York only', () => {
		const rows = [
			// Sunday 2025-03-09 19:00 New York: Globex's Monday.
			row({ id: 'es', symbol: 'ESZ5', closeTime: Date.UTC(2025, 2, 9, 23), netPnl: 50 }),
			// A stock closed later on that Sunday (after hours data) stays on Sunday: out of close order.
			row({ id: 'spy', symbol: 'SPY', closeTime: Date.UTC(2025, 2, 10, 1), netPnl: 1 }),
			row({ id: 'fx', symbol: 'EURUSD', closeTime: Date.UTC(2025, 2, 10, 21, 30), netPnl: 2 }) // Mon 17:30: Tuesday's
		];
		const ny = dailyPnl(rows, NY, '$');
		expect(ny.days).toEqual(['2025-03-09', '2025-03-10', '2025-03-11']);
		expect([...ny.pnl]).toEqual([1, 50, 2]);
		expect(tradesOn(ny, '2025-03-10')).toEqual(['es']);
		// Shown in Paris, "the evening before" means nothing: the plain Paris dates.
		const paris = dailyPnl(rows, 'Europe/Paris', '$');
		expect(paris.days).toEqual(['2025-03-10']);
		expect([...paris.pnl]).toEqual([53]);
		expect(dashboard(rows, NY, '$').daily.days).toEqual(ny.days);
	});

	it('works in R, without the trades that have no R', () => {
		const daily = dailyPnl(ROWS, NY, 'R');
		expect([...daily.trades]).toEqual([1, 2, 1]);
		expect(daily.pnl[1]).toBeCloseTo(1, 12);
		expect(daily.excluded).toBe(1);
		expect(tradesOn(daily, '2025-03-14')).toEqual(['b', 'a']);
	});

	it('is empty without closed trades, and refuses an unknown zone', () => {
		const daily = dailyPnl([], NY, '$');
		expect(daily.days).toEqual([]);
		expect([...daily.start]).toEqual([0]);
		expect(() => dailyPnl(ROWS, 'Nowhere/City', '$')).toThrow(RangeError);
	});

	it('adds up to the equity curve, day by day', () => {
		const closeTimes = fc.integer({ min: Date.UTC(2023, 0, 1), max: Date.UTC(2026, 0, 1) });
		fc.assert(
			fc.property(
				fc.array(fc.tuple(closeTimes, fc.integer({ min: -100_000, max: 100_000 })), { maxLength: 50 }),
				fc.constantFrom(NY, 'UTC', 'Asia/Kathmandu'),
				(specs, zone) => {
					const rows = specs.map(([closeTime, cents], i) =>
						row({ id: `t${i}`, closeTime, netPnl: cents / 100 })
					);
					const daily = dailyPnl(rows, zone, '$');
					const curve = equityCurve(rows, '$');
					let cents = 0;
					daily.pnl.forEach((p, i) => {
						cents += Math.round(p * 100);
						// The curve after the day's last trade in close order.
						expect(curve.equity[daily.start[i + 1]! - 1]).toBe(cents / 100);
					});
					expect(cents / 100).toBe(summary(rows, '$').netPnl);
					expect(daily.ids.slice().sort()).toEqual(rows.map((r) => r.id).sort());
				}
			)
		);
	});
});

describe('dashboard', () => {
	it('gives what the separate functions give', () => {
		for (const unit of ['$', 'R'] as const) {
			const d = dashboard(ROWS, NY, unit);
			expect(d.summary).toEqual(summary(ROWS, unit));
			expect(d.equity).toEqual(equityCurve(ROWS, unit));
			expect(d.daily).toEqual(dailyPnl(ROWS, NY, unit));
		}
		const d = dashboard(ROWS, NY, '$');
		expect(d.pnlHistogram.counts.reduce((a, b) => a + b, 0)).toBe(5);
		expect(d.rHistogram.counts.reduce((a, b) => a + b, 0)).toBe(4);
	});
});
