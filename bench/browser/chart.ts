/**
 * The equity chart benchmark: a deterministic 1,000,000-point equity curve drawn the dashboard's
 * way (equityPlotData's M4 decimation + the equity chart's uPlot options, as EquityChart.svelte
 * makes it) against a bare `new uPlot(...)` with one plain line on the same arrays, each timed
 * from just before construction to the next animation frame. The dashboard's whole figure (the
 * drawdown chart beneath too) is timed as well, for the record.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { seededRandom, type EquityCurve } from '$lib/core/analytics';
import { drawdownOptions, EQUITY_H, equityOptions, equityPlotData } from '$lib/ui/equity-chart';

export interface ChartTiming {
	points: number;
	/** CSS pixels of each chart's width. */
	width: number;
	/** Points handed to uPlot by ours (after decimation). */
	drawn: number;
	/** The equity chart: equityPlotData + the equity chart's uPlot. */
	oursMs: number[];
	/** The dashboard's whole figure: equityPlotData + the equity and the drawdown charts. */
	bothMs: number[];
	/** Of ours: equityPlotData (decimation of both series, ms → s, drawdown sign) alone, per run. */
	decimateMs: number[];
	peerMs: number[];
}

const WIDTH = 1000;

/** A seeded random walk: trades closing 1 s to 10 min apart from 2020-01-01, P&L in cents. */
function curveOf(points: number): Pick<EquityCurve, 'time' | 'equity' | 'drawdown'> {
	const next = seededRandom(6);
	const time = new Float64Array(points);
	const equity = new Float64Array(points);
	const drawdown = new Float64Array(points);
	let t = Date.UTC(2020, 0, 1);
	let cents = 0;
	let peak = 0;
	for (let i = 0; i < points; i++) {
		t += 1000 + Math.floor(next() * 599_000);
		// A slight edge so the curve rises with real drawdowns on the way.
		cents += Math.round((next() - 0.48) * 20_000);
		peak = Math.max(peak, cents);
		time[i] = t;
		equity[i] = cents / 100;
		drawdown[i] = (peak - cents) / 100;
	}
	return { time, equity, drawdown };
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function host(): HTMLDivElement {
	const el = document.createElement('div');
	el.style.width = `${WIDTH}px`;
	document.body.append(el);
	return el;
}

/**
 * Times the curve's first paint, ours and the peer alternately (which goes first alternates too),
 * after one untimed run of each; every chart is destroyed and its element removed before the next.
 */
export async function chartBench(points: number, reps: number): Promise<ChartTiming> {
	const curve = curveOf(points);
	// The peer gets the times in seconds, uPlot's unit, made outside its clock; ours converts them
	// inside its clock, as the dashboard does.
	const seconds = Float64Array.from(curve.time, (t) => t / 1000);
	const setup = {
		width: WIDTH,
		axis: 'time' as const,
		zone: 'America/New_York',
		unit: '$' as const,
		colours: { loss: '#d33', accent: '#36c', muted: '#777', border: '#ddd' },
		syncKey: 'bench-equity'
	};
	let drawn = 0;

	/** Ours: the equity chart alone, or (both) with the drawdown chart beneath as on the dashboard. */
	const ours = async (both: boolean): Promise<{ ms: number; decimateMs: number }> => {
		const [a, b] = [host(), host()];
		await frame();
		const start = performance.now();
		const data = equityPlotData(curve, WIDTH * (window.devicePixelRatio || 1));
		const decimateMs = performance.now() - start;
		const sync = uPlot.sync(setup.syncKey);
		const charts = [new uPlot(equityOptions(setup), [data.x, data.equity], a)];
		if (both) charts.push(new uPlot(drawdownOptions(setup), [data.x, data.drawdown], b));
		for (const chart of charts) sync.sub(chart);
		await frame();
		const ms = performance.now() - start;
		drawn = data.x.length;
		for (const chart of charts) {
			sync.unsub(chart);
			chart.destroy();
		}
		a.remove();
		b.remove();
		return { ms, decimateMs };
	};

	const peer = async (): Promise<number> => {
		const el = host();
		await frame();
		const start = performance.now();
		const chart = new uPlot(
			{ width: WIDTH, height: EQUITY_H, series: [{}, { stroke: '#36c' }] },
			[seconds, curve.equity],
			el
		);
		await frame();
		const ms = performance.now() - start;
		chart.destroy();
		el.remove();
		return ms;
	};

	await ours(true);
	await ours(false);
	await peer();
	const result: ChartTiming = {
		points,
		width: WIDTH,
		drawn: 0,
		oursMs: [],
		bothMs: [],
		decimateMs: [],
		peerMs: []
	};
	for (let r = 0; r < reps; r++) {
		const oursFirst = r % 2 === 0;
		const p1 = oursFirst ? null : await peer();
		const o = await ours(false);
		const p = p1 ?? (await peer());
		result.oursMs.push(o.ms);
		result.decimateMs.push(o.decimateMs);
		result.peerMs.push(p);
		result.bothMs.push((await ours(true)).ms);
	}
	result.drawn = drawn;
	return result;
}
