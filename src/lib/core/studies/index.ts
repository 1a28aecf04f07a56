/**
 * Studies: the indicators a user adds to a chart, as plain data. A study is a kind from the
 * catalogue below with its parameters; the catalogue says where it is drawn (over the price, or in
 * a pane beneath), what its parameters are (defaults and bounds, for the editor), which lines it
 * draws and the guide levels of an oscillator. `computeStudy` turns one into columns by calling
 * the indicators core, so the values on a chart are exactly the public API's.
 */
import {
	adx,
	atr,
	bollinger,
	ema,
	macd,
	obv,
	rsi,
	sma,
	stochastic,
	supertrend,
	wma,
	type BarColumns
} from '../indicators';

export type StudyKind =
	'sma' | 'ema' | 'wma' | 'bollinger' | 'supertrend' | 'rsi' | 'macd' | 'stochastic' | 'adx' | 'atr' | 'obv';

/** One study on a chart: its kind and parameter values in the catalogue's order. */
export interface StudySpec {
	kind: StudyKind;
	params: number[];
}

export interface StudyParam {
	name: string;
	default: number;
	min: number;
	max: number;
	/** Whole numbers only (periods); otherwise any finite number in range (multipliers). */
	integer: boolean;
}

export interface StudyDef {
	kind: StudyKind;
	/** Short name as traders write it: `RSI`, `BB`, `MACD`. */
	short: string;
	label: string;
	/** Over the price (same scale) or in a pane of its own beneath. */
	placement: 'overlay' | 'pane';
	params: StudyParam[];
	/** Names of the lines it draws, in the order `computeStudy` returns them. */
	lines: string[];
	/** Lines drawn as bars (MACD's histogram) rather than as a line. */
	histogram?: string;
	/** Horizontal guides of an oscillator (RSI 30/70). */
	guides?: number[];
	/** A fixed value range for the pane (RSI 0–100); null: fit the data. */
	range?: [number, number];
	/**
	 * A rule between parameters that each are in range (MACD's fast shorter than its slow): why
	 * the values are refused, naming them, or null.
	 */
	relation?: (params: readonly number[]) => string | null;
}

const period = (def = 14, name = 'period'): StudyParam => ({
	name,
	default: def,
	min: 1,
	max: 1000,
	integer: true
});

/** Every study a chart can draw, in menu order: overlays first, then oscillators. */
export const STUDIES: readonly StudyDef[] = [
	{
		kind: 'sma',
		short: 'SMA',
		label: 'Simple moving average',
		placement: 'overlay',
		params: [period(20)],
		lines: ['SMA']
	},
	{
		kind: 'ema',
		short: 'EMA',
		label: 'Exponential moving average',
		placement: 'overlay',
		params: [period(20)],
		lines: ['EMA']
	},
	{
		kind: 'wma',
		short: 'WMA',
		label: 'Weighted moving average',
		placement: 'overlay',
		params: [period(20)],
		lines: ['WMA']
	},
	{
		kind: 'bollinger',
		short: 'BB',
		label: 'Bollinger Bands',
		placement: 'overlay',
		params: [period(20), { name: 'deviations', default: 2, min: 0.1, max: 10, integer: false }],
		lines: ['Upper', 'Middle', 'Lower']
	},
	{
		kind: 'supertrend',
		short: 'SuperTrend',
		label: 'SuperTrend',
		placement: 'overlay',
		params: [period(10, 'ATR period'), { name: 'factor', default: 3, min: 0.1, max: 20, integer: false }],
		lines: ['SuperTrend']
	},
	{
		kind: 'rsi',
		short: 'RSI',
		label: 'Relative strength index',
		placement: 'pane',
		params: [period(14)],
		lines: ['RSI'],
		guides: [30, 50, 70],
		range: [0, 100]
	},
	{
		kind: 'macd',
		short: 'MACD',
		label: 'MACD',
		placement: 'pane',
		params: [period(12, 'fast'), period(26, 'slow'), period(9, 'signal')],
		lines: ['MACD', 'Signal', 'Histogram'],
		histogram: 'Histogram',
		guides: [0],
		// The indicators core refuses it too (TA-Lib would swap them silently): say it in the editor.
		relation: ([fast = 0, slow = 0]) =>
			fast < slow ? null : `MACD fast (${fast}) must be shorter than slow (${slow})`
	},
	{
		kind: 'stochastic',
		short: 'Stoch',
		label: 'Stochastic',
		placement: 'pane',
		params: [period(14, '%K period'), period(3, '%K slowing'), period(3, '%D period')],
		lines: ['%K', '%D'],
		guides: [20, 80],
		range: [0, 100]
	},
	{
		kind: 'adx',
		short: 'ADX',
		label: 'ADX with +DI / −DI',
		placement: 'pane',
		params: [period(14)],
		lines: ['ADX', '+DI', '−DI'],
		guides: [25]
	},
	{
		kind: 'atr',
		short: 'ATR',
		label: 'Average true range',
		placement: 'pane',
		params: [period(14)],
		lines: ['ATR']
	},
	{ kind: 'obv', short: 'OBV', label: 'On-balance volume', placement: 'pane', params: [], lines: ['OBV'] }
];

const BY_KIND = new Map(STUDIES.map((d) => [d.kind, d]));

export function isStudyKind(kind: unknown): kind is StudyKind {
	return typeof kind === 'string' && BY_KIND.has(kind as StudyKind);
}

/** The catalogue entry of a kind. */
export function studyDef(kind: StudyKind): StudyDef {
	const def = BY_KIND.get(kind);
	if (!def) throw new RangeError(`Unknown study: ${String(kind)}`);
	return def;
}

/** A study of `kind` with its default parameters. */
export function defaultStudy(kind: StudyKind): StudySpec {
	return { kind, params: studyDef(kind).params.map((p) => p.default) };
}

/** `RSI(14)`, `BB(20, 2)`, `OBV`: how the legend and the lineage name a study. */
export function studyLabel(spec: StudySpec): string {
	const def = studyDef(spec.kind);
	return spec.params.length ? `${def.short}(${spec.params.join(', ')})` : def.short;
}

/** Why a parameter value is not allowed, naming the study and the parameter; null when it is. */
export function paramError(def: StudyDef, index: number, value: number): string | null {
	const p = def.params[index];
	if (!p) return `${def.short} has no parameter ${index + 1}`;
	if (!Number.isFinite(value)) return `${def.short} ${p.name} must be a number`;
	if (p.integer && !Number.isInteger(value))
		return `${def.short} ${p.name} must be a whole number, got ${value}`;
	if (value < p.min || value > p.max)
		return `${def.short} ${p.name} must be between ${p.min} and ${p.max}, got ${value}`;
	return null;
}

/**
 * The spec checked: a known kind, every parameter in range and the parameters' rule between
 * them (MACD's fast shorter than its slow), so a checked spec always computes. Throws a RangeError that names the
 * study and the parameter otherwise (specs come back from storage and from the UI).
 */
export function checkStudy(spec: StudySpec): StudySpec {
	if (!isStudyKind(spec?.kind)) throw new RangeError(`Unknown study: ${JSON.stringify(spec?.kind)}`);
	const def = studyDef(spec.kind);
	if (!Array.isArray(spec.params) || spec.params.length !== def.params.length)
		throw new RangeError(
			`${def.short} takes ${def.params.length} parameters, got ${JSON.stringify(spec.params)}`
		);
	spec.params.forEach((value, i) => {
		const error = paramError(def, i, value);
		if (error) throw new RangeError(error);
	});
	const related = def.relation?.(spec.params);
	if (related) throw new RangeError(related);
	return { kind: spec.kind, params: [...spec.params] };
}

/**
 * The spec with one parameter changed, checked with the others (so MACD's fast cannot pass its
 * slow). Throws the RangeError of `checkStudy`, naming the study and parameter.
 * @example withParam({ kind: 'rsi', params: [14] }, 0, 7) // { kind: 'rsi', params: [7] }
 */
export function withParam(spec: StudySpec, index: number, value: number): StudySpec {
	const params = [...spec.params];
	params[index] = value;
	return checkStudy({ kind: spec.kind, params });
}

/**
 * A study's lines over the bars, one Float64Array per catalogue line, each the bars' length with
 * NaN where the indicator has no value yet.
 * @example computeStudy({ kind: 'rsi', params: [14] }, bars)[0] // RSI(14) at every bar
 */
export function computeStudy(spec: StudySpec, bars: BarColumns): Float64Array[] {
	const { kind, params } = checkStudy(spec);
	const { high, low, close, volume } = bars;
	const [a = 0, b = 0, c = 0] = params;
	switch (kind) {
		case 'sma':
			return [sma(close, a)];
		case 'ema':
			return [ema(close, a)];
		case 'wma':
			return [wma(close, a)];
		case 'bollinger': {
			const bands = bollinger(close, a, b);
			return [bands.upper, bands.middle, bands.lower];
		}
		case 'supertrend':
			return [supertrend(high, low, close, a, b).value];
		case 'rsi':
			return [rsi(close, a)];
		case 'macd': {
			const m = macd(close, a, b, c);
			return [m.macd, m.signal, m.histogram];
		}
		case 'stochastic': {
			const s = stochastic(high, low, close, a, b, c);
			return [s.k, s.d];
		}
		case 'adx': {
			const x = adx(high, low, close, a);
			return [x.adx, x.plusDI, x.minusDI];
		}
		case 'atr':
			return [atr(high, low, close, a)];
		case 'obv':
			return [obv(close, volume)];
	}
}
