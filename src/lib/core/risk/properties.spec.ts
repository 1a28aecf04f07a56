import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allRulesOff, DAY_MS, RULE_LABELS, RULE_ORDER } from './config';
import { evaluateOrder, isBeyond } from './evaluate';
import { NOW } from '../../../../tests/support/risk-builders';
import type { CircuitBreakerState, RiskConfig, RiskContext, RiskOrder, RuleId } from './types';

const symbol = fc.constantFrom('AAPL', 'MSFT', 'TSLA');
const money = (max: number) => fc.integer({ min: 0, max: max * 100 }).map((c) => c / 100);
const price = fc.integer({ min: 1, max: 100_000 }).map((c) => c / 100);
const quantity = fc.oneof(
	fc.integer({ min: 1, max: 10_000 }),
	fc.integer({ min: 1, max: 1_000_000 }).map((q) => q / 1_000)
);
const rule = (limit: fc.Arbitrary<number>) => fc.record({ enabled: fc.boolean(), limit });

const config: fc.Arbitrary<RiskConfig> = fc.record({
	positionShares: rule(fc.integer({ min: 0, max: 20_000 })),
	positionValue: rule(money(200_000)),
	totalExposure: rule(money(500_000)),
	openPositions: rule(fc.integer({ min: 0, max: 5 })),
	orderValue: rule(money(100_000)),
	dailyLoss: rule(money(10_000).map((x) => -x)),
	drawdown: fc.record({
		enabled: fc.boolean(),
		limit: fc.integer({ min: 0, max: 5_000 }).map((x) => x / 100),
		unit: fc.constantFrom('percent' as const, 'money' as const)
	}),
	circuitBreaker: fc.record({
		enabled: fc.boolean(),
		limit: fc.integer({ min: 0, max: 3_000 }).map((x) => x / 100),
		haltMs: fc.constantFrom(DAY_MS, 60_000)
	}),
	ordersPerMinute: rule(fc.integer({ min: 0, max: 10 })),
	symbolOrdersPerMinute: rule(fc.integer({ min: 0, max: 5 })),
	dayTrades: fc.record({
		enabled: fc.boolean(),
		limit: fc.integer({ min: 0, max: 4 }),
		minEquity: fc.constantFrom(25_000, 0, 1e9),
		businessDays: fc.constantFrom(5, 1),
		holidays: fc.constant([] as string[])
	})
});

const breaker: fc.Arbitrary<CircuitBreakerState> = fc.oneof(
	fc.constant({ referenceEquity: null, haltedUntil: null, trippedAtPercent: null }),
	money(300_000).map((referenceEquity) => ({ referenceEquity, haltedUntil: null, trippedAtPercent: null })),
	fc.record({
		referenceEquity: money(300_000),
		haltedUntil: fc.integer({ min: NOW - DAY_MS, max: NOW + DAY_MS }),
		trippedAtPercent: fc.integer({ min: 0, max: 5_000 }).map((x) => x / 100)
	})
);

const context: fc.Arbitrary<RiskContext> = fc.record({
	equity: money(300_000),
	cash: money(300_000),
	startOfDayEquity: money(300_000),
	peakEquity: money(300_000),
	marginAccount: fc.boolean(),
	positions: fc.uniqueArray(
		fc.record({ symbol, quantity: fc.integer({ min: -10_000, max: 10_000 }), price }),
		{ selector: (p) => p.symbol, maxLength: 3 }
	),
	submissions: fc.array(fc.record({ symbol, time: fc.integer({ min: NOW - 120_000, max: NOW }) }), {
		maxLength: 12
	}),
	executions: fc.array(
		fc.record({
			symbol,
			side: fc.constantFrom('buy' as const, 'sell' as const),
			quantity: fc.integer({ min: 1, max: 100 }),
			time: fc.integer({ min: NOW - 10 * DAY_MS, max: NOW - 1 })
		}),
		{ maxLength: 20 }
	),
	circuitBreaker: breaker
});

const order: fc.Arbitrary<RiskOrder> = fc.record({
	symbol,
	side: fc.constantFrom('buy' as const, 'sell' as const),
	quantity,
	price,
	time: fc.constant(NOW),
	flatten: fc.boolean()
});

/** An order that closes part or all of a position in the context, if there is one. */
const reducing = context
	.filter((c) => c.positions.some((p) => p.quantity !== 0))
	.chain((c) => {
		const open = c.positions.filter((p) => p.quantity !== 0);
		return fc.tuple(
			fc.constant(c),
			fc.constantFrom(...open).chain((p) =>
				fc.record({
					symbol: fc.constant(p.symbol),
					side: fc.constant(p.quantity > 0 ? ('sell' as const) : ('buy' as const)),
					quantity: fc.integer({ min: 1, max: Math.abs(p.quantity) }),
					price,
					time: fc.constant(NOW)
				})
			)
		);
	});

describe('risk properties', () => {
	it('accepts every order when every rule is off', () => {
		fc.assert(
			fc.property(config, context, order, (cfg, ctx, o) => {
				expect(evaluateOrder(allRulesOff(cfg), ctx, o).ok).toBe(true);
			})
		);
	});

	it('only rejects with enabled rules whose value is beyond the limit, the first as the headline', () => {
		fc.assert(
			fc.property(config, context, order, (cfg, ctx, o) => {
				const result = evaluateOrder(cfg, ctx, o);
				if (result.ok) return;
				expect(result.violations.length).toBeGreaterThan(0);
				expect(result.violations[0]).toEqual({
					rule: result.rule,
					limit: result.limit,
					value: result.value,
					message: result.message
				});
				for (const v of result.violations) {
					expect(cfg[v.rule].enabled).toBe(true);
					expect(isBeyond(v.rule, v.value, v.limit)).toBe(true);
					expect(v.message.startsWith(`${RULE_LABELS[v.rule]}:`)).toBe(true);
				}
				const order = result.violations.map((v) => RULE_ORDER.indexOf(v.rule));
				expect(order).toEqual([...order].sort((a, b) => a - b));
			})
		);
	});

	it('switching a rule off never rejects an order that passed', () => {
		fc.assert(
			fc.property(config, context, order, fc.constantFrom(...RULE_ORDER), (cfg, ctx, o, id: RuleId) => {
				const off: RiskConfig = { ...cfg, [id]: { ...cfg[id], enabled: false } };
				if (evaluateOrder(cfg, ctx, o).ok) expect(evaluateOrder(off, ctx, o).ok).toBe(true);
			})
		);
	});

	it('never stops the emergency flatten, and stops other reducing orders only for rates or day trades', () => {
		fc.assert(
			fc.property(config, reducing, (cfg, [ctx, o]) => {
				expect(evaluateOrder(cfg, ctx, { ...o, flatten: true }).ok).toBe(true);
				const result = evaluateOrder(cfg, ctx, o);
				const rules = result.ok ? [] : result.violations.map((v) => v.rule);
				for (const r of rules) expect(['ordersPerMinute', 'symbolOrdersPerMinute', 'dayTrades']).toContain(r);
			})
		);
	});
});
