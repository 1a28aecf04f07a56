/**
 * The dashboard's equity and drawdown charts as plain uPlot options and data, apart from the
 * component (EquityChart.svelte) so that the chart benchmark (bench/browser) times exactly what
 * the dashboard draws.
 */
import uPlot from 'uplot';
import { m4Indices, pick, type EquityCurve, type Unit } from '$lib/core/analytics';
import { inUnit } from './money';

export const EQUITY_H = 220;
export const DRAWDOWN_H = 110;

/**
 * Above this many points per device pixel of width the curve is decimated before uPlot sees it:
 * M4 keeps at most 4 a pixel column per series, so below it there is nothing to gain.
 */
export const POINTS_PER_PIXEL = 4;

export interface EquityColours {
	loss: string;
	accent: string;
	muted: string;
	border: string;
}

/**
 * What the x axis counts: close time (nights and weekends are flat stretches) or trade number
 * (one step per closed trade, so the curve's shape is the sequence of results).
 */
export type EquityAxis = 'time' | 'trade';

export interface EquityChartSetup {
	/** CSS pixels. */
	width: number;
	axis: EquityAxis;
	zone: string;
	unit: Unit;
	colours: EquityColours;
	/** uPlot.sync key shared by the equity and drawdown charts, so their cursors move together. */
	syncKey?: string;
}

/** What uPlot is given: x in epoch seconds (uPlot's time unit) or trade numbers, drawdown below zero. */
export interface EquityPlotData {
	x: Float64Array;
	equity: Float64Array;
	drawdown: Float64Array;
}

/**
 * The curve's points to draw at `pixels` device pixels of width: all of them, or, when there are
 * more than POINTS_PER_PIXEL a pixel, the M4 decimation of equity and drawdown together (see
 * core/analytics/decimate.ts), which draws the same pixels from a few thousand points.
 */
export function equityPlotData(
	curve: Pick<EquityCurve, 'time' | 'equity' | 'drawdown'>,
	pixels: number,
	axis: EquityAxis = 'time'
): EquityPlotData {
	const buckets = Math.max(1, Math.round(pixels));
	const n = curve.time.length;
	// Trade numbers from 1; times in seconds.
	const xs = axis === 'time' ? curve.time : Float64Array.from({ length: n }, (_, i) => i + 1);
	const toX = axis === 'time' ? 1000 : 1;
	if (n <= POINTS_PER_PIXEL * buckets)
		return {
			x: Float64Array.from(xs, (t) => t / toX),
			equity: curve.equity,
			drawdown: Float64Array.from(curve.drawdown, negate)
		};
	const kept = m4Indices(xs, [curve.equity, curve.drawdown], buckets);
	const x = pick(xs, kept);
	for (let i = 0; i < x.length; i++) x[i] = x[i]! / toX;
	const drawdown = pick(curve.drawdown, kept);
	for (let i = 0; i < drawdown.length; i++) drawdown[i] = negate(drawdown[i]!);
	return { x, equity: pick(curve.equity, kept), drawdown };
}

// Drawn below zero, as a fall from the peak (and never as −0).
const negate = (d: number) => (d === 0 ? 0 : -d);

function common(setup: EquityChartSetup, height: number): Omit<uPlot.Options, 'series'> {
	const { muted, border } = setup.colours;
	// Axis ticks: short, so the axis stays narrow at phone width.
	const tick = (x: number) =>
		setup.unit === '$'
			? `${x < 0 ? '−' : ''}${Math.abs(x) >= 1000 ? `${+(Math.abs(x) / 1000).toFixed(1)}k` : Math.abs(x).toFixed(0)}`
			: `${x < 0 ? '−' : ''}${+Math.abs(x).toFixed(2)}R`;
	const axis = (): uPlot.Axis => ({
		stroke: muted,
		grid: { stroke: border, width: 1 },
		ticks: { stroke: border, width: 1 },
		font: '11px system-ui, sans-serif'
	});
	const byTrade = setup.axis === 'trade';
	return {
		width: setup.width,
		height,
		tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), setup.zone),
		legend: { show: false },
		cursor: {
			...(setup.syncKey === undefined ? {} : { sync: { key: setup.syncKey } }),
			drag: { x: false, y: false }
		},
		...(byTrade ? { scales: { x: { time: false } } } : {}),
		axes: [
			byTrade
				? {
						...axis(),
						// Whole trade numbers only.
						values: (_u, splits) => splits.map((x) => (Number.isInteger(x) ? `#${x}` : ''))
					}
				: axis(),
			{ ...axis(), size: 52, values: (_u, splits) => splits.map(tick) }
		]
	};
}

export function equityOptions(setup: EquityChartSetup): uPlot.Options {
	const { accent } = setup.colours;
	const value = (x: number) => inUnit(x, setup.unit);
	return {
		...common(setup, EQUITY_H),
		series: [
			{},
			{
				label: 'Equity',
				stroke: accent,
				width: 2,
				fill: `color-mix(in srgb, ${accent} 12%, transparent)`,
				value: (_u, v) => (v === null ? '—' : value(v))
			}
		]
	};
}

export function drawdownOptions(setup: EquityChartSetup): uPlot.Options {
	const { loss } = setup.colours;
	const options = common(setup, DRAWDOWN_H);
	return {
		...options,
		scales: { ...options.scales, y: { range: (_u, min) => [Math.min(min, -1e-9), 0] } },
		series: [
			{},
			{
				label: 'Drawdown',
				stroke: loss,
				width: 1.5,
				fill: `color-mix(in srgb, ${loss} 25%, transparent)`
			}
		]
	};
}
