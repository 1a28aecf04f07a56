/**
 * How the sweep page shows a metric: its value in words and a cell's colour on a diverging scale
 * (loss colour for worse, gain colour for better, the surface at the middle).
 */
import { metricValue, SWEEP_METRICS, type SweepCell, type SweepMetric } from '$lib/core/strategy/sweep';

/** The metric's middle: break-even where it has one, else the middle of the values shown. */
function middle(metric: SweepMetric, values: readonly number[]): number {
	if (metric === 'profitFactor') return 1;
	if (metric === 'winRate') return 50;
	if (metric === 'trades' || metric === 'maxDrawdownPct')
		return values.length ? (Math.min(...values) + Math.max(...values)) / 2 : 0;
	return 0;
}

/** A value as a cell prints it: dollars with cents, percentages with one decimal, ratios with two. */
export function formatMetric(metric: SweepMetric, value: number | null): string {
	if (value === null) return '—';
	switch (metric) {
		case 'netPnl':
			return `${value < 0 ? '−' : ''}$${Math.abs(value).toFixed(2)}`;
		case 'returnPct':
		case 'winRate':
		case 'maxDrawdownPct':
			return `${value < 0 ? '−' : ''}${percentDigits(Math.abs(value))}%`;
		case 'trades':
			return String(value);
		default:
			return `${value < 0 ? '−' : ''}${Math.abs(value).toFixed(2)}`;
	}
}

/**
 * A percentage (≥ 0) with the digits that make it readable: `12.5`, `1.25`, `0.005` (a sweep's
 * return on $100,000 is often a few thousandths of a percent).
 */
export function percentDigits(x: number): string {
	return x === 0 ? '0' : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : String(Number(x.toPrecision(2)));
}

export const metricLabel = (metric: SweepMetric): string => SWEEP_METRICS[metric].label;

/** The scale of one heatmap: where each cell falls from −1 (worst) to +1 (best); null without a value. */
export function heatScale(
	cells: readonly SweepCell[],
	metric: SweepMetric
): (cell: SweepCell) => number | null {
	const values = cells.flatMap((c) => {
		const v = metricValue(c.metrics, metric);
		return v === null ? [] : [v];
	});
	const mid = middle(metric, values);
	const spread = Math.max(1e-12, ...values.map((v) => Math.abs(v - mid)));
	const better = SWEEP_METRICS[metric].better;
	return (cell) => {
		const v = metricValue(cell.metrics, metric);
		return v === null ? null : (better * (v - mid)) / spread;
	};
}

/** The CSS background of a cell at `t` (−1 to +1) on the diverging scale. */
export function heatColour(t: number | null): string {
	if (t === null) return 'var(--surface)';
	const share = Math.round(Math.min(1, Math.abs(t)) * 55);
	return `color-mix(in srgb, var(${t >= 0 ? '--gain' : '--loss'}) ${share}%, var(--surface))`;
}

/** A parameter value as an axis prints it (no float noise). */
export const axisValue = (x: number): string => String(Number(x.toFixed(4)));
