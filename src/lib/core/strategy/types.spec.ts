import { describe, expect, it } from 'vitest';
import { strategy } from '../../../../tests/support/strategy';
import {
	checkStrategy,
	ruleParameters,
	STRATEGY_KINDS,
	strategyProblem,
	type StrategyDefinition,
	type StrategyRule
} from './types';

const rule = (r: unknown) => strategy(r as StrategyRule);
const exits = (e: Partial<StrategyDefinition['exits']>) =>
	strategy(
		{ kind: 'sma-cross', fast: 10, slow: 30 },
		{ exits: { ...strategy({ kind: 'sma-cross', fast: 1, slow: 2 }).exits, ...e } }
	);

describe('strategy definitions', () => {
	it('accepts each kind with sound parameters', () => {
		for (const r of [
			{ kind: 'sma-cross', fast: 10, slow: 30 },
			{ kind: 'ema-cross', fast: 12, slow: 26 },
			{ kind: 'rsi-reversion', period: 14, oversold: 30, overbought: 70 },
			{ kind: 'breakout', lookback: 20, atrPeriod: 14, atrMultiple: 2 }
		])
			expect(strategyProblem(rule(r))).toBeNull();
	});

	it.each([
		[{ kind: 'sma-cross', fast: 30, slow: 10 }, 'SMA cross fast (30) must be shorter than slow (10)'],
		[{ kind: 'ema-cross', fast: 20, slow: 20 }, 'EMA cross fast (20) must be shorter than slow (20)'],
		[{ kind: 'sma-cross', fast: 2.5, slow: 10 }, 'SMA cross fast must be a whole number, got 2.5'],
		[{ kind: 'sma-cross', fast: 0, slow: 10 }, 'SMA cross fast must be between 1 and 1000, got 0'],
		[{ kind: 'ema-cross', fast: 5 }, 'EMA cross slow must be a number'],
		[
			{ kind: 'rsi-reversion', period: 14, oversold: 70, overbought: 30 },
			'RSI mean reversion oversold (70) must be below overbought (30)'
		],
		[
			{ kind: 'rsi-reversion', period: 14, oversold: -1, overbought: 70 },
			'RSI mean reversion oversold must be between 0 and 100, got -1'
		],
		[
			{ kind: 'breakout', lookback: 20, atrPeriod: 14, atrMultiple: 0 },
			'Breakout ATR multiple must be between 0.1 and 50, got 0'
		],
		[{ kind: 'macd-cross', fast: 1, slow: 2 }, 'Unknown strategy kind: "macd-cross"']
	])('refuses %j: %s', (r, message) => {
		expect(strategyProblem(rule(r))).toBe(message);
		expect(() => checkStrategy(rule(r))).toThrow(new RangeError(message));
	});

	it('sizing by risk and a target in R need a stop; a breakout brings its own', () => {
		const sma = { kind: 'sma-cross', fast: 10, slow: 30 } as const;
		expect(strategyProblem(strategy(sma, { sizing: { by: 'risk-amount', amount: 100 } }))).toBe(
			'Sizing by risk needs a stop: give the exits an ATR stop'
		);
		expect(strategyProblem(strategy(sma, { sizing: { by: 'risk-percent', percent: 0.5 } }))).toBe(
			'Sizing by risk needs a stop: give the exits an ATR stop'
		);
		expect(strategyProblem(exits({ target: { unit: 'r', value: 2 } }))).toBe(
			'A target in R needs a stop: give the exits an ATR stop'
		);
		const breakout = { kind: 'breakout', lookback: 20, atrPeriod: 14, atrMultiple: 2 } as const;
		expect(strategyProblem(strategy(breakout, { sizing: { by: 'risk-percent', percent: 0.5 } }))).toBeNull();
		expect(strategyProblem(strategy(sma, { sizing: { by: 'risk-percent', percent: 150 } }))).toBe(
			'Sizing risk in % must be between 0.01 and 100, got 150'
		);
		expect(strategyProblem(strategy(sma, { sizing: { by: 'quantity', quantity: 1.5 } }))).toBe(
			'Sizing quantity must be a whole number, got 1.5'
		);
	});

	it('names what is missing from the definition itself', () => {
		const sma = { kind: 'sma-cross', fast: 10, slow: 30 } as const;
		expect(strategyProblem(strategy(sma, { name: '  ' }))).toBe('Give the strategy a name');
		expect(strategyProblem(strategy(sma, { version: 0 }))).toBe(
			'The strategy version must be a whole number ≥ 1, got 0'
		);
		expect(strategyProblem(exits({ atrPeriod: 0 }))).toBe(
			'Exits ATR period must be between 1 and 1000, got 0'
		);
		expect(strategyProblem(exits({ stop: { atrMultiple: 100 } }))).toBe(
			'Exits stop ATR multiple must be between 0.1 and 50, got 100'
		);
	});

	it("lists each kind's parameters with the bounds the check applies", () => {
		expect(ruleParameters('sma-cross')).toEqual([
			{ key: 'fast', label: 'fast', min: 1, max: 1000, integer: true },
			{ key: 'slow', label: 'slow', min: 1, max: 1000, integer: true }
		]);
		expect(ruleParameters('breakout').map((p) => [p.key, p.label, p.integer])).toEqual([
			['lookback', 'lookback', true],
			['atrPeriod', 'ATR period', true],
			['atrMultiple', 'ATR multiple', false]
		]);
		// Every template parameter is a listed key, and a value past a bound is refused naming it.
		for (const kind of STRATEGY_KINDS)
			for (const p of ruleParameters(kind)) {
				const base = rule({
					kind,
					fast: 5,
					slow: 10,
					period: 14,
					oversold: 30,
					overbought: 70,
					lookback: 20,
					atrPeriod: 14,
					atrMultiple: 2,
					minGroups: 3,
					stopAtr: 1.5
				});
				const bad = { ...base, rule: { ...base.rule, [p.key]: p.max + 1 } };
				expect(strategyProblem(bad)).toContain(`${p.label} must be between ${p.min} and ${p.max}`);
			}
	});
});
