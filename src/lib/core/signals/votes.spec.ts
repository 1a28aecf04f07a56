import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	confirm,
	DEFAULT_SIGNAL_PARAMS as P,
	momentumVote,
	resolveSignalParams,
	strengthVote,
	trendVote,
	volumeVote,
	type IndicatorValues,
	type Vote
} from './index';

/** A bar where every group leans up. */
const bullish: IndicatorValues = {
	close: 105,
	supertrend: { value: 100, direction: -1 },
	movingAverages: { fast: 103, slow: 101 },
	macd: { macd: 0.8, signal: 0.5, histogram: 0.3 },
	rsi: 60,
	adx: { adx: 30, plusDI: 28, minusDI: 12 },
	obv: { value: 5000, average: 4000 },
	atr: 2
};

/** The same bar mirrored: every group leans down. */
const bearish: IndicatorValues = {
	close: 95,
	supertrend: { value: 100, direction: 1 },
	movingAverages: { fast: 97, slow: 99 },
	macd: { macd: -0.8, signal: -0.5, histogram: -0.3 },
	rsi: 40,
	adx: { adx: 30, plusDI: 12, minusDI: 28 },
	obv: { value: 3000, average: 4000 },
	atr: 2
};

const vote = (group: Vote['group'], direction: Vote['direction'], score = 1): Vote => ({
	group,
	direction,
	score,
	reason: '',
	parts: []
});

describe('trend', () => {
	it('SuperTrend up and the averages in order vote up with full score, and say why', () => {
		expect(trendVote(bullish, P)).toMatchObject({
			direction: 1,
			score: 1,
			reason:
				'SuperTrend up: close 105.00 above its line 100.00; moving averages close 105.00 > EMA(20) 103.00 > EMA(50) 101.00'
		});
		expect(trendVote(bearish, P)).toMatchObject({ direction: -1, score: 1 });
	});

	it('averages out of order leave SuperTrend alone: half a vote', () => {
		const v = trendVote({ ...bullish, movingAverages: { fast: 101, slow: 103 } }, P);
		expect(v).toMatchObject({ direction: 1, score: 0.5 });
		expect(v.parts[1]!.direction).toBe(0);
		expect(v.parts[1]!.reason).toContain('not aligned');
	});

	it('SuperTrend against the averages is a conflict: no vote', () => {
		const v = trendVote({ ...bullish, supertrend: { value: 110, direction: 1 } }, P);
		expect(v).toMatchObject({ direction: 0, score: 0 });
		expect(v.reason).toMatch(/^conflicting: SuperTrend down/);
	});
});

describe('momentum', () => {
	it('MACD above its signal and RSI above the midline vote up', () => {
		expect(momentumVote(bullish, P)).toMatchObject({ direction: 1, score: 1 });
		expect(momentumVote(bearish, P)).toMatchObject({ direction: -1, score: 1 });
	});

	it('an overbought or oversold RSI abstains: stretched, not a fresh entry', () => {
		expect(momentumVote({ ...bullish, rsi: 75 }, P)).toMatchObject({ direction: 1, score: 0.5 });
		expect(momentumVote({ ...bullish, rsi: 75 }, P).parts[1]!.reason).toBe(
			'RSI 75.00 overbought (≥ 70): stretched, no vote'
		);
		expect(momentumVote({ ...bearish, rsi: 25 }, P)).toMatchObject({ direction: -1, score: 0.5 });
	});

	it('the thresholds are parameters', () => {
		const strict = resolveSignalParams({ rsi: { midline: 65 } });
		expect(momentumVote(bullish, strict)).toMatchObject({ direction: 0, score: 0 }); // MACD up, RSI 60 < 65 down
	});
});

describe('strength', () => {
	it('a trending ADX votes with the larger DI', () => {
		expect(strengthVote(bullish, P)).toMatchObject({
			direction: 1,
			reason: 'ADX 30.00 ≥ 25, +DI 28.00 over −DI 12.00'
		});
		expect(strengthVote(bearish, P)).toMatchObject({ direction: -1 });
	});

	it('below the trending level ADX abstains whatever the DIs say', () => {
		expect(strengthVote({ ...bullish, adx: { adx: 18, plusDI: 40, minusDI: 5 } }, P)).toMatchObject({
			direction: 0,
			reason: 'ADX 18.00 below 25: no trend strength'
		});
	});
});

describe('volume', () => {
	it('OBV above its average is accumulation, below distribution', () => {
		expect(volumeVote(bullish, P)).toMatchObject({
			direction: 1,
			reason: 'OBV above its 20-bar average: accumulation'
		});
		expect(volumeVote(bearish, P)).toMatchObject({
			direction: -1,
			reason: 'OBV below its 20-bar average: distribution'
		});
	});
});

describe('confirmation rule', () => {
	it('3 of 4 groups up is a BUY, 2 is not', () => {
		const three = [vote('trend', 1), vote('momentum', 1), vote('strength', 1), vote('volume', 0)];
		expect(confirm(three, 3)).toMatchObject({ decision: 'BUY', up: 3, down: 0, confidence: 0.75 });
		const two = [vote('trend', 1), vote('momentum', 1), vote('strength', 0), vote('volume', 0)];
		expect(confirm(two, 3)).toMatchObject({ decision: 'HOLD', confidence: 0.5 });
		expect(confirm(two, 2).decision).toBe('BUY');
	});

	it('the side must also outnumber the other: 2 up and 2 down hold even with minGroups 2', () => {
		const split = [vote('trend', 1), vote('momentum', 1), vote('strength', -1), vote('volume', -1)];
		expect(confirm(split, 2)).toMatchObject({ decision: 'HOLD', confidence: 1 });
	});

	it('SELL mirrors BUY, and half votes weigh half', () => {
		const down = [vote('trend', -1, 0.5), vote('momentum', -1), vote('strength', -1), vote('volume', 1)];
		expect(confirm(down, 3)).toMatchObject({ decision: 'SELL', confidence: (0.5 + 1 + 1 - 1) / 4 });
		expect(confirm(down, 3).rule).toBe(
			'BUY or SELL when at least 3 of 4 groups agree and outnumber the other side'
		);
	});

	it('confidence always lies in 0..1 and BUY needs minGroups up votes', () => {
		const voteArb = fc
			.tuple(fc.constantFrom<Vote['direction']>(1, -1, 0), fc.constantFrom(0.5, 1))
			.map(([d, s]) => vote('trend', d, d === 0 ? 0 : s));
		fc.assert(
			fc.property(
				fc.array(voteArb, { minLength: 4, maxLength: 4 }),
				fc.integer({ min: 1, max: 4 }),
				(vs, min) => {
					const r = confirm(vs, min);
					expect(r.confidence).toBeGreaterThanOrEqual(0);
					expect(r.confidence).toBeLessThanOrEqual(1);
					if (r.decision === 'BUY') expect(r.up).toBeGreaterThanOrEqual(min);
					if (r.decision === 'SELL') expect(r.down).toBeGreaterThanOrEqual(min);
				}
			)
		);
	});
});

describe('parameters', () => {
	it('defaults fill what is not given, and every parameter is checked by name', () => {
		expect(resolveSignalParams({ adx: { trending: 20 } }).adx).toEqual({ period: 14, trending: 20 });
		expect(() => resolveSignalParams({ rsi: { period: 0 } })).toThrow(
			'signal parameter rsi.period must be an integer ≥ 1, got 0'
		);
		expect(() => resolveSignalParams({ confirmation: { minGroups: 5 } })).toThrow('confirmation.minGroups');
		expect(() => resolveSignalParams({ movingAverages: { fast: 60 } })).toThrow(
			'movingAverages.fast must be shorter than slow'
		);
		expect(() => resolveSignalParams({ rsi: { overbought: 40 } })).toThrow('rsi.overbought');
		expect(() => resolveSignalParams({ levels: { targetsAtr: [] } })).toThrow('levels.targetsAtr');
	});

	it('resolving never shares arrays with the defaults', () => {
		const p = resolveSignalParams();
		p.levels.targetsAtr.push(9);
		expect(resolveSignalParams().levels.targetsAtr).toEqual([1.5, 3]);
	});
});
