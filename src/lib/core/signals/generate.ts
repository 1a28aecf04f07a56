/**
 * The signal generator: indicators over the bars, the four groups' votes at each bar, the
 * confirmation rule, and for BUY or SELL the levels (entry, ATR stop, targets, R-multiples). Each
 * signal carries its lineage as a plain object (JSON round-trips it), so the UI can show step by
 * step why it fired: bars → indicators → votes → rule → levels.
 */
import {
	adx,
	atr,
	ema,
	macd,
	obv,
	rsi,
	sma,
	supertrend,
	type Adx,
	type BarColumns,
	type Macd,
	type Supertrend
} from '../indicators';
import { resolveSignalParams, type SignalParams, type SignalParamsInput } from './params';
import { confirm, votes, type Decision, type IndicatorValues, type RuleResult, type Vote } from './votes';

/** Every indicator column the votes read, computed once over the bars. */
export interface SignalIndicators {
	supertrend: Supertrend;
	maFast: Float64Array;
	maSlow: Float64Array;
	macd: Macd;
	rsi: Float64Array;
	adx: Adx;
	obv: Float64Array;
	obvAverage: Float64Array;
	atr: Float64Array;
}

export interface Levels {
	/** The signal bar's close: the price a trader acting on the closed bar could get. */
	entry: number;
	stop: number;
	/** |entry − stop|: one R. */
	risk: number;
	/** Ordered nearest first; rMultiple = distance to entry / risk. */
	targets: { price: number; rMultiple: number }[];
	atr: number;
	reason: string;
}

/** Why a signal fired, as plain data. */
export interface Lineage {
	/**
	 * The bars the indicators read: from the first bar of the stretch without missing values
	 * (indicators restart after a missing bar) to the signal bar, by index and open time.
	 */
	bars: { first: number; last: number; firstTime: number; lastTime: number };
	indicators: IndicatorValues;
	votes: Vote[];
	rule: RuleResult;
	/** Null for HOLD. */
	levels: Levels | null;
	params: SignalParams;
}

export interface Signal {
	index: number;
	/** The signal bar's open time; epoch ms, UTC. */
	time: number;
	decision: Decision;
	/** 0..1 (votes.ts `confirm`). */
	confidence: number;
	lineage: Lineage;
}

/**
 * The indicator columns the generator reads.
 * @example computeSignalIndicators(bars, resolveSignalParams()).rsi // RSI(14) at every bar
 */
export function computeSignalIndicators(bars: BarColumns, p: SignalParams): SignalIndicators {
	const { high, low, close, volume } = bars;
	const average = p.movingAverages.kind === 'ema' ? ema : sma;
	const onBalance = obv(close, volume);
	return {
		supertrend: supertrend(high, low, close, p.supertrend.atrPeriod, p.supertrend.factor),
		maFast: average(close, p.movingAverages.fast),
		maSlow: average(close, p.movingAverages.slow),
		macd: macd(close, p.macd.fast, p.macd.slow, p.macd.signal),
		rsi: rsi(close, p.rsi.period),
		adx: adx(high, low, close, p.adx.period),
		obv: onBalance,
		obvAverage: sma(onBalance, p.obv.average),
		atr: atr(high, low, close, p.levels.atrPeriod)
	};
}

/** One bar's values; null while any indicator is still warming up (or the bar is missing). */
function valuesAt(bars: BarColumns, ind: SignalIndicators, i: number): IndicatorValues | null {
	const v: IndicatorValues = {
		close: bars.close[i]!,
		supertrend: { value: ind.supertrend.value[i]!, direction: ind.supertrend.direction[i]! },
		movingAverages: { fast: ind.maFast[i]!, slow: ind.maSlow[i]! },
		macd: { macd: ind.macd.macd[i]!, signal: ind.macd.signal[i]!, histogram: ind.macd.histogram[i]! },
		rsi: ind.rsi[i]!,
		adx: { adx: ind.adx.adx[i]!, plusDI: ind.adx.plusDI[i]!, minusDI: ind.adx.minusDI[i]! },
		obv: { value: ind.obv[i]!, average: ind.obvAverage[i]! },
		atr: ind.atr[i]!
	};
	const numbers = [
		v.close,
		v.supertrend.value,
		v.movingAverages.fast,
		v.movingAverages.slow,
		v.macd.histogram,
		v.rsi,
		v.adx.adx,
		v.obv.average,
		v.atr
	];
	return numbers.every(Number.isFinite) ? v : null;
}

/**
 * Entry, stop and targets for a BUY (side +1) or SELL (−1) at `entry`; null when the ATR gives no
 * distance (a flat market has no stop to place).
 */
export function levelsFor(
	side: 1 | -1,
	entry: number,
	atrValue: number,
	p: SignalParams['levels']
): Levels | null {
	const risk = p.stopAtr * atrValue;
	if (!(risk > 0)) return null;
	const targets = [...p.targetsAtr]
		.sort((a, b) => a - b)
		.map((k) => ({ price: entry + side * k * atrValue, rMultiple: k / p.stopAtr }));
	const word = side > 0 ? 'below' : 'above';
	return {
		entry,
		stop: entry - side * risk,
		risk,
		targets,
		atr: atrValue,
		reason: `entry at the close; stop ${p.stopAtr} × ATR(${p.atrPeriod}) = ${risk.toFixed(2)} ${word} it; targets at ${targets.map((t) => `${t.rMultiple.toFixed(2)}R`).join(', ')}`
	};
}

/**
 * The decision at bar `i` with its lineage; null while the indicators warm up.
 * @example evaluateBar(bars, computeSignalIndicators(bars, params), 250, params)?.decision // 'BUY' | 'SELL' | 'HOLD'
 */
export function evaluateBar(
	bars: BarColumns,
	indicators: SignalIndicators,
	i: number,
	params: SignalParams,
	first = 0
): Signal | null {
	const values = valuesAt(bars, indicators, i);
	if (!values) return null;
	const groupVotes = votes(values, params);
	let rule = confirm(groupVotes, params.confirmation.minGroups);
	let levels: Levels | null = null;
	if (rule.decision !== 'HOLD') {
		levels = levelsFor(rule.decision === 'BUY' ? 1 : -1, values.close, values.atr, params.levels);
		if (!levels)
			rule = {
				...rule,
				decision: 'HOLD',
				confidence: 0,
				rule: `${rule.rule}; HOLD instead of ${rule.decision}: the ATR is 0, so there is no stop distance`
			};
	}
	return {
		index: i,
		time: bars.time[i]!,
		decision: rule.decision,
		confidence: rule.confidence,
		lineage: {
			bars: { first, last: i, firstTime: bars.time[first]!, lastTime: bars.time[i]! },
			indicators: values,
			votes: groupVotes,
			rule,
			levels,
			// A copy per signal: the lineage must not change if the caller edits its parameters later.
			params: resolveSignalParams(params)
		}
	};
}

/**
 * Runs the generator over bars sorted by time: BUY and SELL signals, by default only where the
 * decision changes (params.onChangeOnly). Parameters not given keep their defaults.
 * @example generateSignals(chunk, { confirmation: { minGroups: 4 } }) // signals where all four groups agree
 */
export function generateSignals(bars: BarColumns, input: SignalParamsInput = {}): Signal[] {
	const params = resolveSignalParams(input);
	const indicators = computeSignalIndicators(bars, params);
	const signals: Signal[] = [];
	let previous: Decision = 'HOLD';
	let first = 0;
	for (let i = 0; i < bars.time.length; i++) {
		const { high, low, close, volume } = bars;
		if (![high[i]!, low[i]!, close[i]!, volume[i]!].every(Number.isFinite)) {
			// Indicators restart after a missing bar, and so does the decision.
			first = i + 1;
			previous = 'HOLD';
			continue;
		}
		const signal = evaluateBar(bars, indicators, i, params, first);
		if (!signal) continue;
		if (signal.decision !== 'HOLD' && (!params.onChangeOnly || signal.decision !== previous))
			signals.push(signal);
		previous = signal.decision;
	}
	return signals;
}
