/**
 * How studies are offered and drawn on a price chart: the menu of studies by where they go, and
 * a computed chart's study lines turned into coloured overlays (on the price) and panes (beneath).
 */
import type { ChartBars, ChartStudy, PriceChart } from '$workers/contract';
import {
	STUDIES,
	checkStudy,
	computeStudy,
	studyDef,
	studyLabel,
	type StudyDef,
	type StudySpec
} from '$lib/core/studies';
import { STUDY_COLOURS, type ChartLine, type ChartPane } from './price-chart';

export { studyDef };

/** The studies a chart offers: those drawn over the price, and those in a pane beneath. */
export const STUDY_MENU: { overlay: readonly StudyDef[]; pane: readonly StudyDef[] } = {
	overlay: STUDIES.filter((d) => d.placement === 'overlay'),
	pane: STUDIES.filter((d) => d.placement === 'pane')
};

/**
 * Studies computed over bars a chart already holds (the paper desk's revealed bars: nothing after
 * the last one is seen, so there is no look-ahead), with the catalogue's own functions, as the
 * engine computes the Charts page's. A spec that cannot be drawn is left out and named in
 * `refused`, so one bad setting never stops the chart from drawing.
 */
export function computeStudies(
	specs: readonly StudySpec[],
	bars: ChartBars
): { studies: ChartStudy[]; refused: string[] } {
	const studies: ChartStudy[] = [];
	const refused: string[] = [];
	for (const s of specs) {
		try {
			const spec = checkStudy(s);
			studies.push({ spec, label: studyLabel(spec), lines: computeStudy(spec, bars) });
		} catch (e) {
			refused.push((e as Error).message);
		}
	}
	return { studies, refused };
}

/** Each study's lines with a colour, overlays over the price and the rest in panes. */
export function drawStudies(chart: Pick<PriceChart, 'studies'> | null): {
	overlays: ChartLine[];
	panes: ChartPane[];
} {
	const overlays: ChartLine[] = [];
	const panes: ChartPane[] = [];
	if (!chart) return { overlays, panes };
	let colour = 0;
	chart.studies.forEach((s, i) => {
		const def = studyDef(s.spec.kind);
		const lines = s.lines.map((values, j) => ({
			label: def.lines.length > 1 ? `${s.label} ${def.lines[j]}` : s.label,
			values,
			colour: STUDY_COLOURS[colour++ % STUDY_COLOURS.length]!,
			histogram: def.histogram === def.lines[j]
		}));
		if (def.placement === 'overlay') overlays.push(...lines);
		else
			panes.push({
				id: `${i}-${s.label}`,
				title: s.label,
				lines: lines.map((l, j) => ({ ...l, label: def.lines[j]! })),
				guides: def.guides ?? [],
				range: def.range ?? null
			});
	});
	return { overlays, panes };
}
