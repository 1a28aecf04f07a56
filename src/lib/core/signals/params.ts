/**
 * Every parameter of the signal generator, in one typed object with its defaults: what the UI
 * shows and lets the user edit, and what each signal's lineage records.
 */

export interface SignalParams {
	/** Trend group: TradingView's SuperTrend. */
	supertrend: { atrPeriod: number; factor: number };
	/** Trend group: moving-average alignment, close > fast > slow for up (and the mirror for down). */
	movingAverages: { kind: 'sma' | 'ema'; fast: number; slow: number };
	/** Momentum group: MACD histogram above or below 0. */
	macd: { fast: number; slow: number; signal: number };
	/**
	 * Momentum group: RSI above `midline` leans up, below leans down; beyond `overbought` or
	 * `oversold` it abstains (the move is stretched, not a fresh entry).
	 */
	rsi: { period: number; midline: number; overbought: number; oversold: number };
	/** Strength group: ADX at or above `trending` votes with the larger DI; below it abstains. */
	adx: { period: number; trending: number };
	/** Volume group: OBV above its SMA over `average` bars is accumulation (up), below distribution. */
	obv: { average: number };
	/** How many of the four groups must agree (and outnumber the other side) for BUY or SELL. */
	confirmation: { minGroups: number };
	/**
	 * Levels: entry at the signal bar's close, stop `stopAtr` ATRs away, targets `targetsAtr` ATRs
	 * away on the profit side; a target's R-multiple is its distance over the stop's.
	 */
	levels: { atrPeriod: number; stopAtr: number; targetsAtr: number[] };
	/** Signal only when the decision changes (HOLD → BUY, BUY → SELL…), not at every bar it holds. */
	onChangeOnly: boolean;
}

/** The defaults: the indicators' usual settings and a 3-of-4 confirmation. */
export const DEFAULT_SIGNAL_PARAMS: SignalParams = {
	supertrend: { atrPeriod: 10, factor: 3 },
	movingAverages: { kind: 'ema', fast: 20, slow: 50 },
	macd: { fast: 12, slow: 26, signal: 9 },
	rsi: { period: 14, midline: 50, overbought: 70, oversold: 30 },
	adx: { period: 14, trending: 25 },
	obv: { average: 20 },
	confirmation: { minGroups: 3 },
	levels: { atrPeriod: 14, stopAtr: 1.5, targetsAtr: [1.5, 3] },
	onChangeOnly: true
};

/** Changes to some parameters; the rest keep their defaults. */
export type SignalParamsInput = {
	[K in keyof SignalParams]?: SignalParams[K] extends object ? Partial<SignalParams[K]> : SignalParams[K];
};

function check(ok: boolean, path: string, rule: string, value: unknown): void {
	if (!ok) throw new RangeError(`signal parameter ${path} must be ${rule}, got ${JSON.stringify(value)}`);
}

const isPeriod = (x: number) => Number.isSafeInteger(x) && x >= 1;
const isPositive = (x: number) => Number.isFinite(x) && x > 0;
const isPercent = (x: number) => Number.isFinite(x) && x >= 0 && x <= 100;

/**
 * The defaults with `input` laid over them, checked: a clear error names the parameter.
 * @example resolveSignalParams({ confirmation: { minGroups: 4 } }).rsi.period // 14
 */
export function resolveSignalParams(input: SignalParamsInput = {}): SignalParams {
	const d = DEFAULT_SIGNAL_PARAMS;
	const p: SignalParams = {
		supertrend: { ...d.supertrend, ...input.supertrend },
		movingAverages: { ...d.movingAverages, ...input.movingAverages },
		macd: { ...d.macd, ...input.macd },
		rsi: { ...d.rsi, ...input.rsi },
		adx: { ...d.adx, ...input.adx },
		obv: { ...d.obv, ...input.obv },
		confirmation: { ...d.confirmation, ...input.confirmation },
		levels: {
			...d.levels,
			...input.levels,
			targetsAtr: [...(input.levels?.targetsAtr ?? d.levels.targetsAtr)]
		},
		onChangeOnly: input.onChangeOnly ?? d.onChangeOnly
	};
	const periods: [string, number][] = [
		['supertrend.atrPeriod', p.supertrend.atrPeriod],
		['movingAverages.fast', p.movingAverages.fast],
		['movingAverages.slow', p.movingAverages.slow],
		['macd.fast', p.macd.fast],
		['macd.slow', p.macd.slow],
		['macd.signal', p.macd.signal],
		['rsi.period', p.rsi.period],
		['adx.period', p.adx.period],
		['obv.average', p.obv.average],
		['levels.atrPeriod', p.levels.atrPeriod]
	];
	for (const [path, value] of periods) check(isPeriod(value), path, 'an integer ≥ 1', value);
	check(isPositive(p.supertrend.factor), 'supertrend.factor', 'a number > 0', p.supertrend.factor);
	check(
		['sma', 'ema'].includes(p.movingAverages.kind),
		'movingAverages.kind',
		'"sma" or "ema"',
		p.movingAverages.kind
	);
	check(
		p.movingAverages.fast < p.movingAverages.slow,
		'movingAverages.fast',
		'shorter than slow',
		p.movingAverages.fast
	);
	check(p.macd.fast < p.macd.slow, 'macd.fast', 'shorter than macd.slow', p.macd.fast);
	const { midline, overbought, oversold } = p.rsi;
	check(isPercent(midline), 'rsi.midline', 'between 0 and 100', midline);
	check(
		isPercent(overbought) && overbought > midline,
		'rsi.overbought',
		'between the midline and 100',
		overbought
	);
	check(isPercent(oversold) && oversold < midline, 'rsi.oversold', 'between 0 and the midline', oversold);
	check(isPercent(p.adx.trending), 'adx.trending', 'between 0 and 100', p.adx.trending);
	const { minGroups } = p.confirmation;
	check(
		Number.isInteger(minGroups) && minGroups >= 1 && minGroups <= 4,
		'confirmation.minGroups',
		'an integer from 1 to 4',
		minGroups
	);
	check(isPositive(p.levels.stopAtr), 'levels.stopAtr', 'a number > 0', p.levels.stopAtr);
	check(
		p.levels.targetsAtr.length > 0 && p.levels.targetsAtr.every(isPositive),
		'levels.targetsAtr',
		'numbers > 0',
		p.levels.targetsAtr
	);
	check(typeof p.onChangeOnly === 'boolean', 'onChangeOnly', 'true or false', p.onChangeOnly);
	return p;
}
