/**
 * A strategy as plain, stored data: a versioned definition of one built-in rule with its
 * parameters, how it sizes a position and where it exits. JSON round-trips it; `checkStrategy`
 * is the one gate a definition passes (from storage or the UI) before anything runs it.
 *
 * This increment trades long only: an entry buys, an exit sells what the strategy holds.
 * Prices are per share; money is in dollars as a trader types it.
 */
import { composedProblem, type ComposedRule } from './conditions';
import type { SignalsRule } from './generator-rule';

/** The built-in rules and their parameters (periods are whole bars). */
export type StrategyRule =
	/** Buy when SMA(fast) crosses above SMA(slow); sell when it crosses below. */
	| { kind: 'sma-cross'; fast: number; slow: number }
	/** The same with EMAs. */
	| { kind: 'ema-cross'; fast: number; slow: number }
	/** Buy when RSI(period) crosses back above `oversold`; sell when it crosses above `overbought`. */
	| { kind: 'rsi-reversion'; period: number; oversold: number; overbought: number }
	/**
	 * Buy when the close breaks above the highest high of the `lookback` bars before it, with a stop
	 * `atrMultiple` × ATR(atrPeriod) below the close; sell when the close breaks below their lowest low.
	 */
	| { kind: 'breakout'; lookback: number; atrPeriod: number; atrMultiple: number }
	/** The signal generator's 3-of-4 vote with its ATR stop (generator-rule.ts). */
	| SignalsRule
	/** Conditions on the indicator catalogue, any timeframe (conditions.ts). */
	| ComposedRule;

export type StrategyKind = StrategyRule['kind'];

/** How many shares an entry buys. */
export type Sizing =
	| { by: 'quantity'; quantity: number }
	/** The most shares whose loss at the stop is at most `amount` dollars. */
	| { by: 'risk-amount'; amount: number }
	/** The same with `percent` of the equity at the signal (0.5 = 0.5 %). */
	| { by: 'risk-percent'; percent: number };

/** Where a position exits besides the rule's own exit signal. */
export interface Exits {
	/** A stop `atrMultiple` × ATR below the entry; null: none (a breakout always has its own). */
	stop: { atrMultiple: number } | null;
	/** A target above the entry in ATRs, or in R (multiples of the entry-to-stop distance). */
	target: { unit: 'atr' | 'r'; value: number } | null;
	/** Wilder's ATR period the stop and an ATR target read (a breakout's stop reads its own). */
	atrPeriod: number;
	/** Close at the open of the session's last bar (no entry that late): no position overnight. */
	flatAtSessionEnd: boolean;
}

export interface StrategyDefinition {
	id: string;
	name: string;
	/** Grows by one with every saved change: a run names the version it ran. */
	version: number;
	rule: StrategyRule;
	sizing: Sizing;
	exits: Exits;
}

interface Bound {
	name: string;
	min: number;
	max: number;
	integer: boolean;
}

const periodBound = (name: string): Bound => ({ name, min: 1, max: 1000, integer: true });
const levelBound = (name: string): Bound => ({ name, min: 0, max: 100, integer: false });
const multipleBound = (name: string): Bound => ({ name, min: 0.1, max: 50, integer: false });

/** Each kind's parameters, their bounds and how the lineage names the rule. */
const RULES: {
	[K in StrategyKind]: { label: string; bounds: Record<string, Bound> };
} = {
	'sma-cross': { label: 'SMA cross', bounds: { fast: periodBound('fast'), slow: periodBound('slow') } },
	'ema-cross': { label: 'EMA cross', bounds: { fast: periodBound('fast'), slow: periodBound('slow') } },
	'rsi-reversion': {
		label: 'RSI mean reversion',
		bounds: {
			period: periodBound('period'),
			oversold: levelBound('oversold'),
			overbought: levelBound('overbought')
		}
	},
	breakout: {
		label: 'Breakout',
		bounds: {
			lookback: periodBound('lookback'),
			atrPeriod: periodBound('ATR period'),
			atrMultiple: multipleBound('ATR multiple')
		}
	},
	signals: {
		label: 'Signal generator',
		bounds: {
			minGroups: { name: 'groups that agree', min: 1, max: 4, integer: true },
			atrPeriod: periodBound('ATR period'),
			stopAtr: multipleBound('stop in ATRs')
		}
	},
	// Its parameters are its conditions, checked by composedProblem.
	composed: { label: 'Conditions', bounds: {} }
};

export const STRATEGY_KINDS = Object.keys(RULES) as StrategyKind[];

/** `SMA cross`, `Breakout`: a kind as the UI names it. */
export function strategyKindLabel(kind: StrategyKind): string {
	return RULES[kind].label;
}

/** Why `value` is not allowed for a bound, naming the rule and the parameter; null when it is. */
function boundProblem(what: string, b: Bound, value: unknown): string | null {
	if (typeof value !== 'number' || !Number.isFinite(value)) return `${what} ${b.name} must be a number`;
	if (b.integer && !Number.isInteger(value)) return `${what} ${b.name} must be a whole number, got ${value}`;
	if (value < b.min || value > b.max)
		return `${what} ${b.name} must be between ${b.min} and ${b.max}, got ${value}`;
	return null;
}

/** Why a rule cannot run (naming the kind and the parameter), or null. */
export function ruleProblem(rule: StrategyRule): string | null {
	if (typeof rule !== 'object' || rule === null) return 'The strategy has no rule';
	const def = (RULES as Record<string, (typeof RULES)[StrategyKind] | undefined>)[rule.kind];
	if (!def) return `Unknown strategy kind: ${JSON.stringify(rule.kind)}`;
	const values = rule as unknown as Record<string, unknown>;
	for (const [key, bound] of Object.entries(def.bounds)) {
		const problem = boundProblem(def.label, bound, values[key]);
		if (problem) return problem;
	}
	if ((rule.kind === 'sma-cross' || rule.kind === 'ema-cross') && !(rule.fast < rule.slow))
		return `${def.label} fast (${rule.fast}) must be shorter than slow (${rule.slow})`;
	if (rule.kind === 'composed') return composedProblem(rule);
	if (rule.kind === 'rsi-reversion' && !(rule.oversold < rule.overbought))
		return `RSI mean reversion oversold (${rule.oversold}) must be below overbought (${rule.overbought})`;
	return null;
}

/** Why the sizing cannot size an entry of `rule` with `exits`, or null. */
function sizingProblem(sizing: Sizing, hasStop: boolean): string | null {
	if (typeof sizing !== 'object' || sizing === null) return 'The strategy has no sizing';
	switch (sizing.by) {
		case 'quantity':
			return boundProblem('Sizing', { name: 'quantity', min: 1, max: 1e9, integer: true }, sizing.quantity);
		case 'risk-amount':
			return (
				boundProblem('Sizing', { name: 'risk in $', min: 0.01, max: 1e9, integer: false }, sizing.amount) ??
				(hasStop ? null : 'Sizing by risk needs a stop: give the exits an ATR stop')
			);
		case 'risk-percent':
			return (
				boundProblem('Sizing', { name: 'risk in %', min: 0.01, max: 100, integer: false }, sizing.percent) ??
				(hasStop ? null : 'Sizing by risk needs a stop: give the exits an ATR stop')
			);
		default:
			return `Unknown sizing: ${JSON.stringify((sizing as { by?: unknown }).by)}`;
	}
}

function exitsProblem(exits: Exits, hasStop: boolean): string | null {
	if (typeof exits !== 'object' || exits === null) return 'The strategy has no exits';
	const atrPeriod = boundProblem('Exits', periodBound('ATR period'), exits.atrPeriod);
	if (atrPeriod) return atrPeriod;
	if (exits.stop !== null) {
		const p = boundProblem('Exits', multipleBound('stop ATR multiple'), exits.stop?.atrMultiple);
		if (p) return p;
	}
	if (exits.target !== null) {
		const t = exits.target;
		if (t?.unit !== 'atr' && t?.unit !== 'r') return `Exits target unit must be 'atr' or 'r'`;
		const p = boundProblem('Exits', multipleBound(`target in ${t.unit === 'r' ? 'R' : 'ATR'}`), t.value);
		if (p) return p;
		if (t.unit === 'r' && !hasStop) return 'A target in R needs a stop: give the exits an ATR stop';
	}
	if (typeof exits.flatAtSessionEnd !== 'boolean') return 'Exits flat at session end must be on or off';
	return null;
}

/** Whether a rule places its own ATR stop (a breakout's, the signal generator's); the exits' stop is then unused. */
export function hasOwnStop(
	rule: StrategyRule | undefined
): rule is Extract<StrategyRule, { kind: 'breakout' | 'signals' }> {
	return rule?.kind === 'breakout' || rule?.kind === 'signals';
}

/** Whether entries of this definition carry a stop (an ATR stop, or a breakout's own). */
export function hasStop(def: Pick<StrategyDefinition, 'rule' | 'exits'>): boolean {
	return hasOwnStop(def.rule) || (def.exits?.stop ?? null) !== null;
}

/**
 * Why a definition cannot run, naming what and why, or null.
 * @example strategyProblem({ ...def, rule: { kind: 'sma-cross', fast: 30, slow: 10 } })
 * // 'SMA cross fast (30) must be shorter than slow (10)'
 */
export function strategyProblem(def: StrategyDefinition): string | null {
	if (typeof def !== 'object' || def === null) return 'Not a strategy';
	if (typeof def.id !== 'string' || def.id === '') return 'The strategy has no id';
	if (typeof def.name !== 'string' || def.name.trim() === '') return 'Give the strategy a name';
	if (!Number.isInteger(def.version) || def.version < 1)
		return `The strategy version must be a whole number ≥ 1, got ${String(def.version)}`;
	const stop = hasStop(def);
	return ruleProblem(def.rule) ?? sizingProblem(def.sizing, stop) ?? exitsProblem(def.exits, stop);
}

/**
 * The definition checked (see `strategyProblem`); throws a RangeError with the problem otherwise.
 * @example checkStrategy(def).rule // the rule, known to run
 */
export function checkStrategy(def: StrategyDefinition): StrategyDefinition {
	const problem = strategyProblem(def);
	if (problem) throw new RangeError(problem);
	return def;
}
