import { describe, expect, it } from 'vitest';
import { computeStudy } from '$lib/core/studies';
import { computeStudies, drawStudies } from './chart-studies';

function bars(n: number) {
	const close = Float64Array.from({ length: n }, (_, i) => 50 + Math.sin(i / 3) * 2 + i * 0.01);
	return {
		time: Float64Array.from({ length: n }, (_, i) => i * 60_000),
		open: close.map((c, i) => (i ? close[i - 1]! : c)),
		high: close.map((c) => c + 0.2),
		low: close.map((c) => c - 0.2),
		close,
		volume: Float64Array.from({ length: n }, () => 1000)
	};
}

describe('studies on a chart that holds its bars (the desk)', () => {
	it('draws the catalogue’s studies as the Charts page does: overlays over the price, panes beneath', () => {
		const b = bars(80);
		const { studies, refused } = computeStudies(
			[
				{ kind: 'ema', params: [9] },
				{ kind: 'macd', params: [12, 26, 9] }
			],
			b
		);
		expect(refused).toEqual([]);
		expect(studies.map((s) => s.label)).toEqual(['EMA(9)', 'MACD(12, 26, 9)']);
		expect(studies[1]!.lines).toEqual(computeStudy({ kind: 'macd', params: [12, 26, 9] }, b));
		const { overlays, panes } = drawStudies({ studies });
		expect(overlays.map((o) => o.label)).toEqual(['EMA(9)']);
		expect(panes.map((p) => [p.title, p.lines.map((l) => l.label)])).toEqual([
			['MACD(12, 26, 9)', ['MACD', 'Signal', 'Histogram']]
		]);
	});

	it('leaves out a study that cannot be drawn and says why, drawing the rest', () => {
		const { studies, refused } = computeStudies(
			[
				{ kind: 'macd', params: [26, 12, 9] },
				{ kind: 'rsi', params: [14] }
			],
			bars(30)
		);
		expect(studies.map((s) => s.label)).toEqual(['RSI(14)']);
		expect(refused).toEqual(['MACD fast (26) must be shorter than slow (12)']);
	});

	it('sees only the bars it is given: a study at a bar is the same whatever follows it', () => {
		const all = bars(60);
		const cut = (n: number) =>
			Object.fromEntries(Object.entries(all).map(([k, v]) => [k, v.slice(0, n)])) as typeof all;
		const early = computeStudies([{ kind: 'ema', params: [5] }], cut(40)).studies[0]!.lines[0]!;
		const late = computeStudies([{ kind: 'ema', params: [5] }], all).studies[0]!.lines[0]!;
		expect(Array.from(early)).toEqual(Array.from(late.slice(0, 40)));
	});
});
