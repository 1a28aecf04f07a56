import { describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy/templates';
import {
	ruleParameters,
	strategyKindLabel,
	strategyProblem,
	type StrategyDefinition
} from '$lib/core/strategy/types';
import { chartQuery, fillConventions, problemField, strategyStudies } from './format';

const template = (id: string) => STRATEGY_TEMPLATES.find((t) => t.id === `template:${id}`)!;
const [sma, ema, rsi, breakout, signals, rsiTrend] = [
	'sma-cross',
	'ema-cross',
	'rsi-reversion',
	'breakout',
	'signals',
	'rsi-trend'
].map(template) as [
	StrategyDefinition,
	StrategyDefinition,
	StrategyDefinition,
	StrategyDefinition,
	StrategyDefinition,
	StrategyDefinition
];

/** The field the core's problem with `def` is shown beside. */
const fieldOf = (def: StrategyDefinition) =>
	problemField(strategyProblem(def)!, ruleParameters(def.rule.kind), strategyKindLabel(def.rule.kind));

describe('the field a problem is shown beside', () => {
	it.each([
		[{ ...sma, rule: { kind: 'sma-cross', fast: 30, slow: 10 } }, 'rule.fast'],
		[{ ...sma, rule: { kind: 'sma-cross', fast: 5, slow: NaN } }, 'rule.slow'],
		[
			{ ...breakout, rule: { kind: 'breakout', lookback: 20, atrPeriod: 0, atrMultiple: 2 } },
			'rule.atrPeriod'
		],
		[
			{ ...breakout, rule: { kind: 'breakout', lookback: 20, atrPeriod: 14, atrMultiple: 99 } },
			'rule.atrMultiple'
		],
		[{ ...rsi, rule: { kind: 'rsi-reversion', period: 14, oversold: 80, overbought: 70 } }, 'rule.oversold'],
		[{ ...sma, name: ' ' }, 'name'],
		[{ ...sma, sizing: { by: 'quantity', quantity: 0 } }, 'sizing'],
		[{ ...sma, sizing: { by: 'risk-amount', amount: 100 } }, 'stop'],
		[{ ...ema, exits: { ...ema.exits, stop: { atrMultiple: 0 } } }, 'stop'],
		[{ ...ema, exits: { ...ema.exits, target: { unit: 'r', value: 0 } } }, 'target'],
		[{ ...ema, exits: { ...ema.exits, atrPeriod: 1.5 } }, 'atrPeriod']
	] as [StrategyDefinition, string][])('%j → %s', (def, field) => {
		expect(fieldOf(def)).toBe(field);
	});
});

describe('a strategy on a chart', () => {
	it("draws each kind's indicators and the exits' ATR", () => {
		expect(strategyStudies({ ...sma, rule: { kind: 'sma-cross', fast: 3, slow: 8 } })).toEqual([
			{ kind: 'sma', params: [3] },
			{ kind: 'sma', params: [8] }
		]);
		expect(strategyStudies(ema)).toEqual([
			{ kind: 'ema', params: [9] },
			{ kind: 'ema', params: [21] },
			{ kind: 'atr', params: [14] }
		]);
		expect(strategyStudies(rsi)).toEqual([
			{ kind: 'rsi', params: [14] },
			{ kind: 'atr', params: [14] }
		]);
		// The breakout's own ATR is the exits' one: drawn once.
		expect(strategyStudies(breakout)).toEqual([{ kind: 'atr', params: [14] }]);
		expect(strategyStudies(signals).map((s) => s.kind)).toEqual(['supertrend', 'ema', 'ema', 'atr']);
		// A composed rule's studies, each once (RSI(14) is read on entry and on exit).
		expect(strategyStudies(rsiTrend)).toEqual([
			{ kind: 'rsi', params: [14] },
			{ kind: 'sma', params: [200] },
			{ kind: 'atr', params: [14] }
		]);
	});

	it('links the Charts page with the symbol, timeframe, studies and time', () => {
		const query = chartQuery('RIVN', '5m', strategyStudies(ema), 1_760_381_820_000);
		expect(Object.fromEntries(new URLSearchParams(query))).toEqual({
			symbol: 'RIVN',
			timeframe: '5m',
			studies: 'ema:9,ema:21,atr:14',
			at: '1760381820000'
		});
		expect(chartQuery('RIVN', null, [], 5)).toBe('symbol=RIVN&at=5');
	});
});

describe('fill conventions in words', () => {
	it("states the next-open rule, the exits' start and the broker's both-touched rule", () => {
		const words = fillConventions({
			...DEFAULT_BROKER_CONFIG,
			commission: { kind: 'per_share', perShare: 0.01, minimum: 1 }
		});
		expect(words).toEqual([
			"Market orders placed on a bar's close fill at the next bar's open.",
			'A stop and a target work from the bar after the entry fills; a stop fills at its price, or at the open when the bar gaps through it; a target never fills worse than its price.',
			"When one bar touches both the stop and the target, the stop fills (the worse price for the trader; 'worse' rule).",
			'Commissions: $0.01 a share, at least $1.00 an order. Slippage: none.'
		]);
		expect(fillConventions({ ...DEFAULT_BROKER_CONFIG, bothTouched: 'nearest_open' })[2]).toContain(
			"nearer the bar's open"
		);
	});
});
