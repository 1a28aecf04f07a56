import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bollinger, macd, rsi, stochastic, supertrend } from '../indicators';
import {
	STUDIES,
	checkStudy,
	computeStudy,
	defaultStudy,
	studyDef,
	studyLabel,
	withParam,
	type StudyParam,
	type StudySpec
} from './index';

function bars(n: number) {
	const time = new Float64Array(n);
	const open = new Float64Array(n);
	const high = new Float64Array(n);
	const low = new Float64Array(n);
	const close = new Float64Array(n);
	const volume = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		time[i] = i * 60_000;
		close[i] = 100 + 5 * Math.sin(i / 7) + i * 0.05;
		open[i] = i ? close[i - 1]! : close[i]!;
		high[i] = Math.max(open[i]!, close[i]!) + 0.3;
		low[i] = Math.min(open[i]!, close[i]!) - 0.2;
		volume[i] = 1000 + ((i * 37) % 500);
	}
	return { time, open, high, low, close, volume };
}

describe('studies', () => {
	const b = bars(200);

	it('draws each catalogue line, the bars’ length, with the indicators core’s values', () => {
		for (const def of STUDIES) {
			const lines = computeStudy(defaultStudy(def.kind), b);
			expect(lines, def.kind).toHaveLength(def.lines.length);
			for (const line of lines) expect(line.length).toBe(200);
		}
		expect(computeStudy({ kind: 'rsi', params: [14] }, b)[0]).toEqual(rsi(b.close, 14));
		const bands = bollinger(b.close, 20, 2.5);
		expect(computeStudy({ kind: 'bollinger', params: [20, 2.5] }, b)).toEqual([
			bands.upper,
			bands.middle,
			bands.lower
		]);
		const m = macd(b.close, 5, 13, 4);
		expect(computeStudy({ kind: 'macd', params: [5, 13, 4] }, b)).toEqual([m.macd, m.signal, m.histogram]);
		const s = stochastic(b.high, b.low, b.close, 9, 3, 3);
		expect(computeStudy({ kind: 'stochastic', params: [9, 3, 3] }, b)).toEqual([s.k, s.d]);
		expect(computeStudy({ kind: 'supertrend', params: [7, 2] }, b)[0]).toEqual(
			supertrend(b.high, b.low, b.close, 7, 2).value
		);
	});

	it('names a study as traders write it', () => {
		expect(studyLabel({ kind: 'bollinger', params: [20, 2] })).toBe('BB(20, 2)');
		expect(studyLabel(defaultStudy('rsi'))).toBe('RSI(14)');
		expect(studyLabel(defaultStudy('obv'))).toBe('OBV');
		expect(studyDef('rsi').range).toEqual([0, 100]);
	});

	it('rejects unknown kinds and bad parameters with the study and parameter named', () => {
		expect(() => checkStudy({ kind: 'vwap' as never, params: [] })).toThrow('Unknown study: "vwap"');
		expect(() => checkStudy({ kind: 'rsi', params: [] })).toThrow('RSI takes 1 parameters');
		expect(() => checkStudy({ kind: 'rsi', params: [14.5] })).toThrow(
			'RSI period must be a whole number, got 14.5'
		);
		expect(() => checkStudy({ kind: 'rsi', params: [0] })).toThrow(
			'RSI period must be between 1 and 1000, got 0'
		);
		expect(() => checkStudy({ kind: 'bollinger', params: [20, NaN] })).toThrow(
			'BB deviations must be a number'
		);
		expect(checkStudy({ kind: 'bollinger', params: [20, 2.5] })).toEqual({
			kind: 'bollinger',
			params: [20, 2.5]
		});
	});

	it('checks a study’s parameters together: MACD’s fast period must be shorter than its slow', () => {
		expect(() => checkStudy({ kind: 'macd', params: [26, 26, 9] })).toThrow(
			'MACD fast (26) must be shorter than slow (26)'
		);
		expect(() => checkStudy({ kind: 'macd', params: [30, 26, 9] })).toThrow(
			'MACD fast (30) must be shorter than slow (26)'
		);
		expect(checkStudy({ kind: 'macd', params: [5, 35, 5] })).toEqual({ kind: 'macd', params: [5, 35, 5] });
		// One parameter changed is checked with the others.
		expect(() => withParam(defaultStudy('macd'), 1, 12)).toThrow(
			'MACD fast (12) must be shorter than slow (12)'
		);
		expect(withParam(defaultStudy('macd'), 1, 40)).toEqual({ kind: 'macd', params: [12, 40, 9] });
	});

	it('accepts only what computeStudy can draw: every checked spec computes without throwing', () => {
		const columns = bars(60);
		const param = (p: StudyParam) =>
			p.integer
				? fc.integer({ min: p.min, max: Math.min(p.max, 80) })
				: fc.double({ min: p.min, max: p.max, noNaN: true });
		fc.assert(
			fc.property(
				fc
					.constantFrom(...STUDIES)
					.chain((def) => fc.tuple(fc.constant(def.kind), fc.tuple(...def.params.map(param)))),
				([kind, params]) => {
					let spec: StudySpec;
					try {
						spec = checkStudy({ kind, params });
					} catch {
						return;
					}
					expect(() => computeStudy(spec, columns)).not.toThrow();
				}
			)
		);
	});
});
