/**
 * The four groups' votes and the confirmation rule. Each function reads one bar's indicator values
 * and says, in words a trader can check, which way it leans and why.
 */
import type { SignalParams } from './params';

/** +1 leans up (the BUY side), −1 leans down (the SELL side), 0 abstains. */
export type Direction = 1 | -1 | 0;

export type Group = 'trend' | 'momentum' | 'strength' | 'volume';

export type Decision = 'BUY' | 'SELL' | 'HOLD';

/** One bar's indicator values, as the votes read them. */
export interface IndicatorValues {
	close: number;
	/** SuperTrend line and Pine direction (−1 up, +1 down). */
	supertrend: { value: number; direction: number };
	movingAverages: { fast: number; slow: number };
	macd: { macd: number; signal: number; histogram: number };
	rsi: number;
	adx: { adx: number; plusDI: number; minusDI: number };
	/** OBV and its simple average over `obv.average` bars. */
	obv: { value: number; average: number };
	/** The ATR the levels are measured in (levels.atrPeriod). */
	atr: number;
}

/** One indicator's lean inside its group. */
export interface PartVote {
	indicator: string;
	direction: Direction;
	reason: string;
}

export interface Vote {
	group: Group;
	direction: Direction;
	/** How firmly the group votes, 0..1: all its indicators agree = 1, one of two (the other abstains) = 0.5. */
	score: number;
	reason: string;
	parts: PartVote[];
}

/** Prices and indicator values in reasons: two decimals, enough to check against a chart. */
const f = (x: number) => x.toFixed(2);

const sign = (x: number): Direction => (x > 0 ? 1 : x < 0 ? -1 : 0);

/**
 * A group's vote from its indicators' leans: the common direction, or none when they point
 * opposite ways (a conflict inside a group is no evidence either way).
 */
export function combine(group: Group, parts: PartVote[]): Vote {
	const up = parts.filter((p) => p.direction === 1).length;
	const down = parts.filter((p) => p.direction === -1).length;
	const reasons = parts.map((p) => p.reason).join('; ');
	if (up > 0 && down > 0) return { group, direction: 0, score: 0, reason: `conflicting: ${reasons}`, parts };
	const direction = sign(up - down);
	return { group, direction, score: (up + down) / parts.length, reason: reasons, parts };
}

/**
 * Trend: SuperTrend's side and the moving averages' order.
 * @example trendVote(values, DEFAULT_SIGNAL_PARAMS).direction // 1 when price rides above both
 */
export function trendVote(v: IndicatorValues, p: SignalParams): Vote {
	const st = v.supertrend;
	const up = st.direction < 0;
	const supertrend: PartVote = {
		indicator: `SuperTrend(${p.supertrend.atrPeriod}, ${p.supertrend.factor})`,
		direction: up ? 1 : -1,
		reason: up
			? `SuperTrend up: close ${f(v.close)} above its line ${f(st.value)}`
			: `SuperTrend down: close ${f(v.close)} below its line ${f(st.value)}`
	};
	const { kind, fast, slow } = p.movingAverages;
	const name = (n: number) => `${kind.toUpperCase()}(${n})`;
	const ma = v.movingAverages;
	const direction: Direction =
		v.close > ma.fast && ma.fast > ma.slow ? 1 : v.close < ma.fast && ma.fast < ma.slow ? -1 : 0;
	const order =
		direction === 1
			? `close ${f(v.close)} > ${name(fast)} ${f(ma.fast)} > ${name(slow)} ${f(ma.slow)}`
			: direction === -1
				? `close ${f(v.close)} < ${name(fast)} ${f(ma.fast)} < ${name(slow)} ${f(ma.slow)}`
				: `not aligned: close ${f(v.close)}, ${name(fast)} ${f(ma.fast)}, ${name(slow)} ${f(ma.slow)}`;
	return combine('trend', [
		supertrend,
		{ indicator: `${name(fast)}/${name(slow)}`, direction, reason: `moving averages ${order}` }
	]);
}

/** Momentum: the MACD histogram's sign and the RSI's side of its midline (abstaining when stretched). */
export function momentumVote(v: IndicatorValues, p: SignalParams): Vote {
	const m = v.macd;
	const macdDirection = sign(m.histogram);
	const macd: PartVote = {
		indicator: `MACD(${p.macd.fast}, ${p.macd.slow}, ${p.macd.signal})`,
		direction: macdDirection,
		reason:
			macdDirection === 0
				? `MACD ${f(m.macd)} on its signal`
				: `MACD ${f(m.macd)} ${macdDirection > 0 ? 'above' : 'below'} its signal ${f(m.signal)} (histogram ${f(m.histogram)})`
	};
	const { period, midline, overbought, oversold } = p.rsi;
	const r = v.rsi;
	const [rsiDirection, rsiReason]: [Direction, string] =
		r >= overbought
			? [0, `RSI ${f(r)} overbought (≥ ${overbought}): stretched, no vote`]
			: r <= oversold
				? [0, `RSI ${f(r)} oversold (≤ ${oversold}): stretched, no vote`]
				: r > midline
					? [1, `RSI ${f(r)} above ${midline}`]
					: r < midline
						? [-1, `RSI ${f(r)} below ${midline}`]
						: [0, `RSI ${f(r)} on ${midline}`];
	return combine('momentum', [
		macd,
		{ indicator: `RSI(${period})`, direction: rsiDirection, reason: rsiReason }
	]);
}

/** Strength: a trending ADX votes with the larger directional indicator. */
export function strengthVote(v: IndicatorValues, p: SignalParams): Vote {
	const { adx, plusDI, minusDI } = v.adx;
	const { period, trending } = p.adx;
	const direction: Direction = adx >= trending ? sign(plusDI - minusDI) : 0;
	const reason =
		adx < trending
			? `ADX ${f(adx)} below ${trending}: no trend strength`
			: direction === 0
				? `ADX ${f(adx)} ≥ ${trending} but +DI and −DI are equal`
				: `ADX ${f(adx)} ≥ ${trending}, ${direction > 0 ? `+DI ${f(plusDI)} over −DI ${f(minusDI)}` : `−DI ${f(minusDI)} over +DI ${f(plusDI)}`}`;
	return combine('strength', [{ indicator: `ADX(${period})`, direction, reason }]);
}

/** Volume: OBV above its average is accumulation, below it distribution. */
export function volumeVote(v: IndicatorValues, p: SignalParams): Vote {
	const { value, average } = v.obv;
	const direction = sign(value - average);
	const reason =
		direction === 0
			? `OBV on its ${p.obv.average}-bar average`
			: `OBV ${direction > 0 ? 'above' : 'below'} its ${p.obv.average}-bar average: ${direction > 0 ? 'accumulation' : 'distribution'}`;
	return combine('volume', [{ indicator: 'OBV', direction, reason }]);
}

/** All four groups' votes for one bar. */
export function votes(v: IndicatorValues, p: SignalParams): Vote[] {
	return [trendVote(v, p), momentumVote(v, p), strengthVote(v, p), volumeVote(v, p)];
}

/** The confirmation rule as applied to one bar, for the lineage. */
export interface RuleResult {
	rule: string;
	minGroups: number;
	up: number;
	down: number;
	decision: Decision;
	/** 0..1; see `confirm`. */
	confidence: number;
}

/**
 * The confirmation rule: BUY when at least `minGroups` groups vote up and more vote up than down,
 * SELL the mirror, else HOLD. Confidence for BUY/SELL is the net support, (Σ scores with the
 * decision − Σ scores against) / number of groups, floored at 0; for HOLD it is how balanced the
 * votes are, 1 − |Σ signed scores| / number of groups. Both lie in 0..1.
 * @example confirm(votes, 3).decision // 'BUY' when 3 of 4 groups vote up
 */
export function confirm(groupVotes: readonly Vote[], minGroups: number): RuleResult {
	const up = groupVotes.filter((v) => v.direction === 1).length;
	const down = groupVotes.filter((v) => v.direction === -1).length;
	const decision: Decision =
		up >= minGroups && up > down ? 'BUY' : down >= minGroups && down > up ? 'SELL' : 'HOLD';
	const net = groupVotes.reduce((sum, v) => sum + v.direction * v.score, 0) / groupVotes.length;
	const confidence =
		decision === 'BUY' ? Math.max(0, net) : decision === 'SELL' ? Math.max(0, -net) : 1 - Math.abs(net);
	return {
		rule: `BUY or SELL when at least ${minGroups} of ${groupVotes.length} groups agree and outnumber the other side`,
		minGroups,
		up,
		down,
		decision,
		confidence
	};
}
