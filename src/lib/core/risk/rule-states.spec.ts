import { describe, expect, it } from 'vitest';
import { allRulesOff, DEFAULT_RISK_CONFIG, RULE_ORDER } from './config';
import { ruleStates } from './evaluate';
import { context, NOW, submitted } from '../../../../tests/support/risk-builders';
import type { RiskConfig, RiskContext, RuleId, RuleState } from './types';

function stateOf(
	id: RuleId,
	ctx: RiskContext,
	config: RiskConfig = DEFAULT_RISK_CONFIG,
	now = NOW
): RuleState {
	return ruleStates(config, ctx, now).find((s) => s.id === id)!;
}

describe('ruleStates', () => {
	it('lists every rule once, in the reporting order', () => {
		expect(ruleStates(DEFAULT_RISK_CONFIG, context(), NOW).map((s) => s.id)).toEqual(RULE_ORDER);
		expect(new Set(RULE_ORDER)).toEqual(new Set(Object.keys(DEFAULT_RISK_CONFIG)));
	});
	it('shows the daily loss as text, a fraction and a status', () => {
		expect(stateOf('dailyLoss', context({ equity: 99_188 }))).toEqual({
			id: 'dailyLoss',
			label: 'Daily loss limit',
			enabled: true,
			limit: -2_000,
			value: -812,
			text: 'daily loss \u2212$812.00 of \u2212$2,000.00',
			usage: 0.406,
			status: 'ok'
		});
		const levels: [equity: number, expected: Partial<RuleState>][] = [
			[98_400, { usage: 0.8, status: 'warning' }],
			[98_000, { usage: 1, status: 'warning' }],
			[97_999.99, { usage: 1, status: 'breached' }],
			[100_300, { value: 300, text: 'daily loss $0.00 of \u2212$2,000.00', usage: 0, status: 'ok' }]
		];
		for (const [equity, expected] of levels)
			expect(stateOf('dailyLoss', context({ equity })), String(equity)).toMatchObject(expected);
	});
	it('describes sizes, exposure and open positions from the positions', () => {
		const ctx = context({
			positions: [
				{ symbol: 'AAPL', quantity: 100, price: 200 },
				{ symbol: 'TSLA', quantity: -4_500, price: 5 },
				{ symbol: 'FLAT', quantity: 0, price: 1_000 }
			]
		});
		const expected: Partial<Record<RuleId, Partial<RuleState>>> = {
			positionShares: {
				value: 4_500,
				text: 'largest position 4,500 of 5,000 shares',
				usage: 0.9,
				status: 'warning'
			},
			positionValue: { value: 22_500, text: 'largest position $22,500.00 of $25,000.00', usage: 0.9 },
			totalExposure: {
				value: 42_500,
				text: 'exposure $42,500.00 of $200,000.00',
				usage: 0.2125,
				status: 'ok'
			},
			openPositions: { value: 2, text: '2 of 10 open positions', usage: 0.2 },
			orderValue: { value: null, text: 'up to $25,000.00 an order', usage: 0 }
		};
		for (const [id, state] of Object.entries(expected))
			expect(stateOf(id as RuleId, ctx), id).toMatchObject(state);
	});
	it('shows the drawdown in the configured unit', () => {
		expect(stateOf('drawdown', context({ equity: 95_800 }))).toMatchObject({
			value: 4.2,
			text: 'drawdown 4.20% of 10.00%',
			status: 'ok'
		});
		const money = {
			...DEFAULT_RISK_CONFIG,
			drawdown: { enabled: true, limit: 5_000, unit: 'money' as const }
		};
		expect(stateOf('drawdown', context({ equity: 95_800 }), money)).toMatchObject({
			value: 4_200,
			text: 'drawdown $4,200.00 of $5,000.00',
			usage: 0.84,
			status: 'warning'
		});
	});
	it('shows the circuit breaker armed, halted, and re-armed after the halt', () => {
		expect(stateOf('circuitBreaker', context({ equity: 98_000 }))).toMatchObject({
			value: 2,
			text: 'equity 2.00% below $100,000.00; halts beyond 5.00%',
			usage: 0.4,
			status: 'ok'
		});
		const halted = context({
			equity: 99_000,
			circuitBreaker: { referenceEquity: 100_000, haltedUntil: NOW + 3_600_000, trippedAtPercent: 6 }
		});
		expect(stateOf('circuitBreaker', halted)).toMatchObject({
			value: 6,
			text: 'halted until 2026-11-18 11:00:00 New York time (equity fell 6.00% below $100,000.00)',
			usage: 1,
			status: 'breached'
		});
		expect(stateOf('circuitBreaker', halted, DEFAULT_RISK_CONFIG, NOW + 3_600_000)).toMatchObject({
			value: 0,
			text: 'equity 0.00% below $99,000.00; halts beyond 5.00%',
			status: 'ok'
		});
	});
	it('counts orders in the last minute, overall and for the busiest symbol', () => {
		const ctx = submitted(['AAPL', 59_999], ['AAPL', 1_000], ['MSFT', 1_000], ['MSFT', 60_000]);
		expect(stateOf('ordersPerMinute', ctx)).toMatchObject({
			value: 3,
			text: '3 of 30 orders in the last minute',
			usage: 0.1
		});
		expect(stateOf('symbolOrdersPerMinute', ctx)).toMatchObject({
			value: 2,
			text: '2 of 10 orders in AAPL in the last minute',
			usage: 0.2
		});
		expect(stateOf('symbolOrdersPerMinute', context())).toMatchObject({
			value: 0,
			text: '0 of 10 orders in any symbol in the last minute'
		});
	});
	it('says when the day-trade rule does not apply', () => {
		const executions = [
			{ symbol: 'A', side: 'buy' as const, quantity: 1, time: NOW - 7_200_000 },
			{ symbol: 'A', side: 'sell' as const, quantity: 1, time: NOW - 3_600_000 }
		];
		const pdt = { ...DEFAULT_RISK_CONFIG, dayTrades: { ...DEFAULT_RISK_CONFIG.dayTrades, enabled: true } };
		expect(stateOf('dayTrades', context({ equity: 20_000, executions }), pdt)).toMatchObject({
			value: 1,
			text: '1 of 3 day trades in 5 business days',
			status: 'ok'
		});
		expect(stateOf('dayTrades', context({ executions }), pdt)).toMatchObject({
			text: '1 of 3 day trades in 5 business days (not applied: equity $100,000.00 is at least $25,000.00)'
		});
		expect(
			stateOf('dayTrades', context({ equity: 20_000, marginAccount: false, executions }), pdt).text
		).toBe('1 of 3 day trades in 5 business days (not applied: cash account)');
		expect(stateOf('dayTrades', context({ executions }))).toMatchObject({ enabled: false, status: 'off' });
	});
	it('marks every disabled rule off, even when beyond its limit', () => {
		const states = ruleStates(allRulesOff(), context({ equity: 50_000 }), NOW);
		expect(states.every((s) => !s.enabled && s.status === 'off')).toBe(true);
	});
});
