import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { riskAdjusted, type RiskAdjustedInput } from './risk-adjusted';

const DAY = 86_400_000;
const base: RiskAdjustedInput = {
	daily: [100, -50, 80],
	r: [1, -1, 2, Number.NaN],
	firstClose: 0,
	lastClose: 73 * DAY,
	netPnl: 130,
	maxDrawdown: 50,
	winRate: 0.5,
	averageWin: 90,
	averageLoss: -30
};

describe('riskAdjusted', () => {
	it('computes each figure by its stated formula', () => {
		const f = riskAdjusted(base);
		// mean 43.333…, sample sd = √((56.67² + 93.33² + 36.67²) / 2) = 81.4453…
		expect(f.sharpe).toBeCloseTo(
			(130 / 3 / Math.sqrt(((100 - 130 / 3) ** 2 + (-50 - 130 / 3) ** 2 + (80 - 130 / 3) ** 2) / 2)) *
				Math.sqrt(252),
			10
		);
		// downside deviation √(50² / 3) = 28.8675
		expect(f.sortino).toBeCloseTo((130 / 3 / Math.sqrt(2500 / 3)) * Math.sqrt(252), 10);
		// 73 days = 0.2 years: 650 a year over a 50 drawdown
		expect(f.calmar).toBeCloseTo(13, 10);
		// R without NaN: 1, −1, 2: mean 2/3, sd √((1/9 + 25/9 + 16/9) / 2) = 1.5275…
		expect(f.sqn).toBeCloseTo(Math.sqrt(3) * (2 / 3 / Math.sqrt(42 / 9 / 2)), 10);
		// W − (1 − W)/B with B = 3
		expect(f.kelly).toBeCloseTo(0.5 - 0.5 / 3, 12);
	});

	it('is null where the figure means nothing', () => {
		const f = riskAdjusted({
			...base,
			daily: [100],
			r: [1],
			maxDrawdown: 0,
			averageLoss: null
		});
		expect(f).toEqual({ sharpe: null, sortino: null, calmar: null, sqn: null, kelly: null });
		// No losing day: no downside, no Sortino; all days equal: no spread, no Sharpe.
		const flat = riskAdjusted({ ...base, daily: [10, 10] });
		expect(flat.sharpe).toBeNull();
		expect(flat.sortino).toBeNull();
		// Under a day from first to last close: no year to speak of.
		expect(riskAdjusted({ ...base, lastClose: DAY / 2 }).calmar).toBeNull();
	});

	it('caps SQN at 100 trades', () => {
		const r = Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? 2 : -1));
		const f = riskAdjusted({ ...base, r });
		const m = 0.5;
		const sd = Math.sqrt((200 * 1.5 ** 2 + 200 * 1.5 ** 2) / 399);
		expect(f.sqn).toBeCloseTo((Math.sqrt(100) * m) / sd, 10);
	});

	it('ratios do not depend on the scale of P&L (dollars or R)', () => {
		fc.assert(
			fc.property(
				fc.array(fc.integer({ min: -10_000, max: 10_000 }), { minLength: 2, maxLength: 40 }),
				fc.integer({ min: 2, max: 1000 }),
				(days, k) => {
					const a = riskAdjusted({ ...base, daily: days });
					const b = riskAdjusted({ ...base, daily: days.map((d) => d * k) });
					for (const key of ['sharpe', 'sortino'] as const) {
						if (a[key] === null) expect(b[key]).toBeNull();
						else expect(b[key]).toBeCloseTo(a[key], 8);
					}
				}
			)
		);
	});
});
