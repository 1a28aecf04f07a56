import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_RISK_CONFIG } from './config';
import { evaluateOrder } from './evaluate';
import { context, NOW, only, order, submitted } from '../../../../tests/support/risk-builders';
import type { RiskResult, RiskViolation } from './types';

/** The violations of a result, [] when it passed. */
function violations(result: RiskResult): RiskViolation[] {
	return result.ok ? [] : result.violations;
}

describe('position size', () => {
	const config = only(['positionShares', 'positionValue'], { positionShares: 5_000, positionValue: 1e9 });
	const held = context({ positions: [{ symbol: 'AAPL', quantity: 4_000, price: 10 }] });
	it('allows exactly the limit in shares and rejects one share more', () => {
		expect(evaluateOrder(config, held, order({ quantity: 1_000, price: 10 })).ok).toBe(true);
		const result = evaluateOrder(config, held, order({ quantity: 1_001, price: 10 }));
		expect(result).toMatchObject({
			ok: false,
			rule: 'positionShares',
			limit: 5_000,
			value: 5_001,
			message: 'Position size: 5,001 shares of AAPL is beyond the limit of 5,000 shares'
		});
	});
	it('counts short positions by their size', () => {
		const short = context({ positions: [{ symbol: 'AAPL', quantity: -4_000, price: 10 }] });
		expect(evaluateOrder(config, short, order({ side: 'sell', quantity: 1_000 })).ok).toBe(true);
		expect(evaluateOrder(config, short, order({ side: 'sell', quantity: 1_001 }))).toMatchObject({
			value: 5_001
		});
	});
	it('allows exactly the limit in dollars and rejects one cent more, at the order price', () => {
		const dollars = only(['positionValue'], { positionValue: 25_000 });
		expect(evaluateOrder(dollars, context(), order({ quantity: 2_500, price: 10 })).ok).toBe(true);
		expect(evaluateOrder(dollars, context(), order({ quantity: 2_500, price: 10.000004 }))).toMatchObject({
			rule: 'positionValue',
			limit: 25_000,
			value: 25_000.01,
			message: 'Position value: $25,000.01 in AAPL is beyond the limit of $25,000.00'
		});
		// 0.1 × 3 is 0.30000000000000004 as a double: compared at the cent it is 0.30.
		expect(
			evaluateOrder(
				only(['positionValue'], { positionValue: 0.3 }),
				context(),
				order({ quantity: 3, price: 0.1 })
			).ok
		).toBe(true);
	});
});

describe('total exposure', () => {
	const config = only(['totalExposure'], { totalExposure: 200_000 });
	const held = context({
		positions: [
			{ symbol: 'MSFT', quantity: 1_000, price: 150 },
			{ symbol: 'TSLA', quantity: -100, price: 250 }
		]
	});
	it('sums |position value| after the order; exactly the limit passes, a cent more does not', () => {
		expect(evaluateOrder(config, held, order({ quantity: 125, price: 200 })).ok).toBe(true);
		expect(evaluateOrder(config, held, order({ quantity: 125, price: 200.0001 }))).toMatchObject({
			rule: 'totalExposure',
			value: 200_000.01,
			message: 'Total exposure: $200,000.01 is beyond the limit of $200,000.00'
		});
	});
	it('lets an order that reduces exposure through even when over the limit', () => {
		expect(
			evaluateOrder(
				only(['totalExposure'], { totalExposure: 1 }),
				held,
				order({ symbol: 'MSFT', side: 'sell', quantity: 10 })
			).ok
		).toBe(true);
	});
});

describe('open positions', () => {
	const config = only(['openPositions'], { openPositions: 2 });
	it('counts symbols after an order that opens a new one', () => {
		const one = context({ positions: [{ symbol: 'MSFT', quantity: 10, price: 1 }] });
		expect(evaluateOrder(config, one, order()).ok).toBe(true);
		const two = context({
			positions: [
				{ symbol: 'MSFT', quantity: 10, price: 1 },
				{ symbol: 'TSLA', quantity: -5, price: 1 },
				{ symbol: 'FLAT', quantity: 0, price: 1 }
			]
		});
		expect(evaluateOrder(config, two, order())).toMatchObject({
			rule: 'openPositions',
			limit: 2,
			value: 3,
			message: 'Open positions: 3 is beyond the limit of 2'
		});
		// Adding to or reducing a symbol already open never opens a new position.
		expect(
			evaluateOrder(only(['openPositions'], { openPositions: 1 }), two, order({ symbol: 'MSFT' })).ok
		).toBe(true);
		expect(
			evaluateOrder(only(['openPositions'], { openPositions: 1 }), two, order({ symbol: 'TSLA' })).ok
		).toBe(true);
	});
});

describe('order value', () => {
	const config = only(['orderValue'], { orderValue: 25_000 });
	it('allows exactly the limit and rejects a cent more', () => {
		expect(evaluateOrder(config, context(), order({ quantity: 1, price: 25_000 })).ok).toBe(true);
		expect(evaluateOrder(config, context(), order({ quantity: 1, price: 25_000.01 }))).toMatchObject({
			rule: 'orderValue',
			value: 25_000.01,
			message: 'Order value: $25,000.01 is beyond the limit of $25,000.00'
		});
	});
	it('does not stop a large closing order', () => {
		const held = context({ positions: [{ symbol: 'AAPL', quantity: 1_000, price: 100 }] });
		expect(evaluateOrder(config, held, order({ side: 'sell', quantity: 1_000, price: 100 })).ok).toBe(true);
	});
});

describe('daily loss', () => {
	const config = only(['dailyLoss'], { dailyLoss: -2_000 });
	it('allows exactly the limit and rejects a cent beyond it, with the message the page shows', () => {
		expect(evaluateOrder(config, context({ equity: 98_000 }), order()).ok).toBe(true);
		expect(evaluateOrder(config, context({ equity: 97_999.99 }), order())).toMatchObject({
			value: -2_000.01
		});
		expect(evaluateOrder(config, context({ equity: 97_849.75 }), order())).toMatchObject({
			ok: false,
			rule: 'dailyLoss',
			limit: -2_000,
			value: -2_150.25,
			message: 'Daily loss limit: \u2212$2,150.25 is beyond the limit of \u2212$2,000.00'
		});
	});
	it('reads a positive limit as the loss it means', () => {
		expect(
			evaluateOrder(only(['dailyLoss'], { dailyLoss: 2_000 }), context({ equity: 97_000 }), order())
		).toMatchObject({
			limit: -2_000,
			value: -3_000
		});
	});
	it('lets closing and reducing orders through under a breached limit, but not a flip', () => {
		const losing = context({ equity: 90_000, positions: [{ symbol: 'AAPL', quantity: 100, price: 100 }] });
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, losing, order({ side: 'sell', quantity: 100 })).ok).toBe(true);
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, losing, order({ side: 'sell', quantity: 40 })).ok).toBe(true);
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, losing, order({ side: 'sell', quantity: 101 })).ok).toBe(false);
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, losing, order({ side: 'buy', quantity: 1 })).ok).toBe(false);
		const shortLosing = context({
			equity: 90_000,
			positions: [{ symbol: 'AAPL', quantity: -100, price: 100 }]
		});
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, shortLosing, order({ side: 'buy', quantity: 100 })).ok).toBe(
			true
		);
	});
});

describe('drawdown', () => {
	it('in percent of the peak: exactly the limit passes, a cent lower is beyond it', () => {
		const config = only(['drawdown'], { drawdown: 10 });
		expect(evaluateOrder(config, context({ equity: 90_000, peakEquity: 100_000 }), order()).ok).toBe(true);
		expect(evaluateOrder(config, context({ equity: 89_999.99, peakEquity: 100_000 }), order())).toMatchObject(
			{
				rule: 'drawdown',
				limit: 10,
				value: 10.00001,
				message: 'Drawdown: 10.00% below the peak of $100,000.00 is beyond the limit of 10.00%'
			}
		);
	});
	it('in dollars', () => {
		const config = only(['drawdown'], { drawdown: 5_000 });
		config.drawdown.unit = 'money';
		expect(evaluateOrder(config, context({ equity: 115_000, peakEquity: 120_000 }), order()).ok).toBe(true);
		expect(
			evaluateOrder(config, context({ equity: 114_999.99, peakEquity: 120_000 }), order())
		).toMatchObject({
			value: 5_000.01,
			message: 'Drawdown: $5,000.01 below the peak of $120,000.00 is beyond the limit of $5,000.00'
		});
	});
	it('never stops a closing order', () => {
		const deep = context({ equity: 50_000, positions: [{ symbol: 'AAPL', quantity: 5, price: 100 }] });
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, deep, order({ side: 'sell', quantity: 5 })).ok).toBe(true);
	});
});

describe('circuit breaker', () => {
	const config = only(['circuitBreaker'], { circuitBreaker: 5 });
	it('trips beyond X % below the reference, halts for 24 h, and re-arms at exactly 24 h', () => {
		expect(evaluateOrder(config, context({ equity: 95_000 }), order()).ok).toBe(true);
		const tripped = evaluateOrder(config, context({ equity: 94_999.99 }), order());
		expect(tripped).toMatchObject({
			ok: false,
			rule: 'circuitBreaker',
			limit: 5,
			value: 5.00001,
			circuitBreaker: { referenceEquity: 100_000, haltedUntil: NOW + DAY_MS, trippedAtPercent: 5.00001 }
		});
		expect(tripped.ok || tripped.message).toBe(
			'Circuit breaker: equity fell 5.00% below $100,000.00, beyond the limit of 5.00%; new orders are halted until 2026-11-19 10:00:00 New York time'
		);
		// Equity recovers, but the halt stands until 24 h have passed.
		const halted = context({ equity: 99_000, circuitBreaker: tripped.circuitBreaker });
		expect(evaluateOrder(config, halted, order({ time: NOW + DAY_MS - 1 }))).toMatchObject({
			ok: false,
			value: 5.00001
		});
		const after = evaluateOrder(config, halted, order({ time: NOW + DAY_MS }));
		expect(after).toEqual({
			ok: true,
			circuitBreaker: { referenceEquity: 99_000, haltedUntil: null, trippedAtPercent: null }
		});
	});
	it('lets closing orders through during a halt', () => {
		const halted = context({
			equity: 90_000,
			positions: [{ symbol: 'AAPL', quantity: 10, price: 100 }],
			circuitBreaker: { referenceEquity: 100_000, haltedUntil: NOW + 1_000, trippedAtPercent: 10 }
		});
		expect(evaluateOrder(config, halted, order({ side: 'sell' })).ok).toBe(true);
		expect(evaluateOrder(config, halted, order({ side: 'buy' })).ok).toBe(false);
	});
});

describe('rate limits', () => {
	it('count orders in the sliding 60 s: one 59.999 s old counts, one exactly 60 s old does not', () => {
		const config = only(['ordersPerMinute'], { ordersPerMinute: 3 });
		const recent = (oldest: number) => submitted(['MSFT', oldest], ['TSLA', 30_000], ['AAPL', 1]);
		expect(evaluateOrder(config, recent(59_999), order())).toMatchObject({
			rule: 'ordersPerMinute',
			limit: 3,
			value: 4,
			message: 'Orders per minute: this would be order 4 in 60 s, beyond the limit of 3'
		});
		expect(evaluateOrder(config, recent(60_000), order()).ok).toBe(true);
	});
	it('count per symbol separately', () => {
		const config = only(['symbolOrdersPerMinute'], { symbolOrdersPerMinute: 2 });
		const recent = submitted(['AAPL', 59_999], ['AAPL', 10], ['MSFT', 10], ['AAPL', 60_000]);
		expect(evaluateOrder(config, recent, order())).toMatchObject({
			rule: 'symbolOrdersPerMinute',
			value: 3,
			message: 'Orders per symbol per minute: this would be order 3 in AAPL in 60 s, beyond the limit of 2'
		});
		expect(evaluateOrder(config, recent, order({ symbol: 'MSFT' })).ok).toBe(true);
	});
	it('apply to closing orders too, but not to the emergency flatten', () => {
		const config = only(['ordersPerMinute'], { ordersPerMinute: 1 });
		const busy = context({
			positions: [{ symbol: 'AAPL', quantity: 10, price: 100 }],
			submissions: [{ symbol: 'AAPL', time: NOW - 5 }]
		});
		expect(evaluateOrder(config, busy, order({ side: 'sell' })).ok).toBe(false);
		expect(evaluateOrder(config, busy, order({ side: 'sell', flatten: true })).ok).toBe(true);
		// The flag does not open a position past the limits.
		expect(evaluateOrder(config, busy, order({ side: 'buy', flatten: true })).ok).toBe(false);
		expect(evaluateOrder(config, busy, order({ side: 'sell', quantity: 11, flatten: true })).ok).toBe(false);
	});
});

describe('every violation, in order', () => {
	it('reports all broken rules with the halt first as the headline', () => {
		const result = evaluateOrder(
			DEFAULT_RISK_CONFIG,
			context({
				equity: 89_000,
				circuitBreaker: { referenceEquity: 100_000, haltedUntil: NOW + 1, trippedAtPercent: 6 }
			}),
			order({ quantity: 6_000, price: 10 })
		);
		expect(result).toMatchObject({ ok: false, rule: 'circuitBreaker', value: 6 });
		expect(violations(result).map((v) => v.rule)).toEqual([
			'circuitBreaker',
			'dailyLoss',
			'drawdown',
			'orderValue',
			'positionShares',
			'positionValue'
		]);
	});
	it('passes an ordinary order under the defaults', () => {
		expect(evaluateOrder(DEFAULT_RISK_CONFIG, context(), order())).toEqual({
			ok: true,
			circuitBreaker: { referenceEquity: 100_000, haltedUntil: null, trippedAtPercent: null }
		});
	});
	it('throws on an order that is not an order', () => {
		expect(() => evaluateOrder(DEFAULT_RISK_CONFIG, context(), order({ quantity: 0 }))).toThrow(RangeError);
		expect(() => evaluateOrder(DEFAULT_RISK_CONFIG, context(), order({ price: Number.NaN }))).toThrow(
			RangeError
		);
	});
});
