/**
 * The signal generator's parameters as the Signals form lists them: one descriptor per field
 * (its label, its input and how it reads and writes the parameters), grouped as the generator
 * groups its votes. The form draws every field from this list.
 */
import type { SignalParams } from '$lib/core/signals';

interface Common {
	label: string;
}

/** A number typed in a spin button. */
export interface NumberField extends Common {
	kind: 'number';
	min: number;
	max?: number;
	step?: number;
	get: (p: SignalParams) => number;
	set: (p: SignalParams, value: number) => void;
}

/** One of a few choices. */
export interface ChoiceField extends Common {
	kind: 'choice';
	options: { value: string; label: string }[];
	get: (p: SignalParams) => string;
	set: (p: SignalParams, value: string) => void;
}

/** Numbers typed as a list (`1.5, 3`), read when the field is left. */
export interface ListField extends Common {
	kind: 'list';
	get: (p: SignalParams) => number[];
	set: (p: SignalParams, value: number[]) => void;
}

/** On or off. */
export interface CheckField extends Common {
	kind: 'check';
	get: (p: SignalParams) => boolean;
	set: (p: SignalParams, value: boolean) => void;
}

export type ParamField = NumberField | ChoiceField | ListField | CheckField;

export interface ParamGroup {
	legend: string;
	fields: ParamField[];
}

/** The parameter sections holding numbers, and the number keys of each. */
type Section = Exclude<keyof SignalParams, 'confirmation' | 'onChangeOnly'>;
type NumberKey<S extends Section> = {
	[K in keyof SignalParams[S]]: SignalParams[S][K] extends number ? K : never;
}[keyof SignalParams[S]];

/** A whole number of bars, at least one. */
const BARS = { min: 1 };
/** A level on an oscillator's 0–100 scale. */
const LEVEL = { min: 0, max: 100 };
/** A multiple with one decimal (a factor, a number of ATRs). */
const MULTIPLE = { min: 0.1, step: 0.1 };

/** A number field for `params[section][key]`. */
function num<S extends Section>(
	label: string,
	section: S,
	key: NumberKey<S>,
	range: { min: number; max?: number; step?: number }
): NumberField {
	const numbers = (p: SignalParams) => p[section] as Record<NumberKey<S>, number>;
	return {
		kind: 'number',
		label,
		...range,
		get: (p) => numbers(p)[key],
		set: (p, v) => (numbers(p)[key] = v)
	};
}

/** Every parameter but the confirmation, which the form shows beside the Run button. */
export const PARAM_GROUPS: readonly ParamGroup[] = [
	{
		legend: 'Trend',
		fields: [
			num('SuperTrend ATR period', 'supertrend', 'atrPeriod', BARS),
			num('SuperTrend factor', 'supertrend', 'factor', MULTIPLE),
			{
				kind: 'choice',
				label: 'Averages',
				options: [
					{ value: 'ema', label: 'EMA' },
					{ value: 'sma', label: 'SMA' }
				],
				get: (p) => p.movingAverages.kind,
				set: (p, v) => (p.movingAverages.kind = v === 'sma' ? 'sma' : 'ema')
			},
			num('Fast average', 'movingAverages', 'fast', BARS),
			num('Slow average', 'movingAverages', 'slow', BARS)
		]
	},
	{
		legend: 'Momentum',
		fields: [
			num('MACD fast', 'macd', 'fast', BARS),
			num('MACD slow', 'macd', 'slow', BARS),
			num('MACD signal', 'macd', 'signal', BARS),
			num('RSI period', 'rsi', 'period', BARS),
			num('RSI midline', 'rsi', 'midline', LEVEL),
			num('RSI overbought', 'rsi', 'overbought', LEVEL),
			num('RSI oversold', 'rsi', 'oversold', LEVEL)
		]
	},
	{
		legend: 'Strength and volume',
		fields: [
			num('ADX period', 'adx', 'period', BARS),
			num('ADX trending at', 'adx', 'trending', LEVEL),
			num('OBV average', 'obv', 'average', BARS)
		]
	},
	{
		legend: 'Levels',
		fields: [
			num('ATR period', 'levels', 'atrPeriod', BARS),
			num('Stop (ATRs)', 'levels', 'stopAtr', MULTIPLE),
			{
				kind: 'list',
				label: 'Targets (ATRs)',
				get: (p) => p.levels.targetsAtr,
				set: (p, v) => (p.levels.targetsAtr = v)
			},
			{
				kind: 'check',
				label: 'Only when the decision changes',
				get: (p) => p.onChangeOnly,
				set: (p, v) => (p.onChangeOnly = v)
			}
		]
	}
];

/** `1.5, 3` or `1.5 3` as numbers. */
export function parseList(text: string): number[] {
	return text
		.split(/[,\s]+/)
		.filter(Boolean)
		.map(Number);
}
