/**
 * The parts of the price chart that are plain computation: where an instant falls on a chart
 * whose x axis is the bar index (no gaps for nights and weekends), axis labels for those indices,
 * and the colours of study lines.
 */
import type { BarSymbol } from '$workers/contract';
import type { Timeframe } from '$lib/core/indicators';
import {
	axisIncrements,
	priceDecimals,
	priceText,
	roundToTick as onInstrumentTick,
	tickOf,
	type TickSource
} from '$lib/core/instruments';
import { roundToTick, tickFor } from '$lib/core/model/tick';
import { dragEdge, type Drag, type Grip } from './chart-trading';

/** How a symbol with bars is offered in a picker: `SPY · 92 × 1D`. */
export function symbolLabel(s: BarSymbol): string {
	return `${s.symbol} · ${s.count.toLocaleString('en-US')} × ${s.nativeLabel}`;
}

/** The timeframes a symbol's bars can be shown in, as the pages offer them: as imported first. */
export function timeframeOptions(symbol: BarSymbol | null): { value: Timeframe | null; label: string }[] {
	if (!symbol) return [];
	return [
		{ value: null, label: `${symbol.nativeLabel} (as imported)` },
		...symbol.timeframes.map((t) => ({ value: t, label: t }))
	];
}

/**
 * The x position of an instant on a bar-index axis: the index of the bar holding it plus how far
 * into the bar it is (a fill at 10:30:30 on 1-minute bars sits mid-bar). Before the first bar or
 * after the last bar's end it is clamped to the chart's edge.
 */
export function indexOfTime(times: ArrayLike<number>, timeframeMs: number, t: number): number {
	const n = times.length;
	if (!n) return 0;
	let lo = 0;
	let hi = n;
	// The last bar whose open is at or before t.
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (times[mid]! <= t) lo = mid + 1;
		else hi = mid;
	}
	const i = lo - 1;
	if (i < 0) return -0.5;
	const into = Math.min(1, Math.max(0, (t - times[i]!) / timeframeMs));
	return Math.min(n - 0.5, i - 0.5 + into);
}

/** A line drawn over the price or in a pane: one value per bar, NaN where there is none. */
export interface ChartLine {
	label: string;
	values: Float64Array;
	colour: string;
	/** Drawn as bars from 0 (MACD's histogram). */
	histogram?: boolean;
}

/** An oscillator's pane beneath the price. */
export interface ChartPane {
	id: string;
	title: string;
	lines: ChartLine[];
	guides: number[];
	/** A fixed range (RSI 0–100); null fits the data. */
	range: [number, number] | null;
}

/** An arrow at a time and price: an execution, a fill or a signal. */
export interface ChartMarker {
	time: number;
	price: number;
	side: 'buy' | 'sell';
	label: string;
	/** Filled (entries, signals) or outlined (exits). */
	filled: boolean;
	/** Radius in CSS px; 7 when not given. */
	size?: number;
}

/** A horizontal line across the price: an order, a stop, a target. */
export interface ChartLevel {
	price: number;
	label: string;
	tone: 'accent' | 'gain' | 'loss' | 'muted';
	/** The line can be dragged to a new price (a working order); `onlevelmove` is told where to. */
	movable?: boolean;
	/** The caller's own key for the line (which orders it stands for). */
	ref?: string;
	/**
	 * How many orders the line stands for, so lines at one price read `3 orders · 49.50`: 1 when
	 * not given for a movable line, 0 for any other (a position's average, a signal's stop).
	 */
	orders?: number;
	/**
	 * A position's entry: a drag from it up or down proposes the bracket's target or stop
	 * (`onbracket`), up being the target for a long position and the stop for a short one.
	 */
	bracket?: 'long' | 'short';
	/** The time (epoch ms) of the bar the line starts at, its label beside it (a signal's levels); the left edge when not given. */
	from?: number;
}

/** A bracket's stop and target proposed on the chart (before an order carries them). */
export interface ProposedBracket {
	stop?: number | null;
	target?: number | null;
}

/** A line as the chart draws it: a level, a proposed bracket edge, or one being dragged. */
export interface DrawnLine {
	price: number;
	label: string;
	tone: ChartLevel['tone'];
	dash: 'long' | 'short';
	orders: number;
	/** The bar time it starts at, or null for the left edge. */
	from: number | null;
	/** Its index among the levels, or null for a proposed line. */
	level: number | null;
	/** A proposed bracket edge. */
	edge?: 'stop' | 'target';
}

const EDGE = {
	stop: { label: 'Stop', tone: 'loss' },
	target: { label: 'Target', tone: 'gain' }
} as const;

/**
 * The lines to draw: every level (a dragged one where it is being dragged to), and the proposed
 * bracket's stop and target (one being set by a drag from the entry, or moved, where the pointer
 * is). Trailing stops are levels like any other, at their current stop.
 */
export function chartLines(
	levels: readonly ChartLevel[],
	proposed: ProposedBracket,
	drag: Drag | null
): DrawnLine[] {
	const lines: DrawnLine[] = levels.map((l, i) => ({
		price: drag?.grip.kind === 'level' && drag.grip.index === i ? drag.price : l.price,
		label: l.label,
		tone: l.tone,
		dash: 'long',
		orders: l.orders ?? (l.movable ? 1 : 0),
		from: l.from ?? null,
		level: i
	}));
	const dragged = drag ? dragEdge(drag) : null;
	for (const edge of ['stop', 'target'] as const) {
		const at = dragged === edge ? drag!.price : proposed[edge];
		if (at === null || at === undefined || !Number.isFinite(at)) continue;
		lines.push({ price: at, ...EDGE[edge], dash: 'short', orders: 0, from: null, level: null, edge });
	}
	return lines;
}

/**
 * The lines a pointer can take: movable levels when they can be moved, and a position's entry
 * and the proposed stop and target when a bracket can be set.
 */
export function chartGrips(
	levels: readonly ChartLevel[],
	proposed: ProposedBracket,
	can: { move: boolean; bracket: boolean }
): { grip: Grip; price: number }[] {
	const grips: { grip: Grip; price: number }[] = [];
	levels.forEach((l, index) => {
		if (can.move && l.movable) grips.push({ grip: { kind: 'level', index }, price: l.price });
		else if (can.bracket && l.bracket)
			grips.push({ grip: { kind: 'entry', index, side: l.bracket }, price: l.price });
	});
	if (can.bracket)
		for (const edge of ['stop', 'target'] as const) {
			const at = proposed[edge];
			if (at !== null && at !== undefined && Number.isFinite(at))
				grips.push({ grip: { kind: edge }, price: at });
		}
	return grips;
}

/**
 * A price dragged to or picked on the chart, rounded to what an order can carry: the symbol's
 * tick (cents from $1 up and hundredths of a cent below for a stock; a future's own).
 */
export function dragPrice(value: number, symbol = ''): number {
	return roundToTick(value, tickFor(symbol, value));
}

/**
 * A price dragged to or picked on a chart that knows its instrument: on the instrument's tick
 * (the nearest; always on the tick and within half a tick of where the pointer is), else the
 * symbol-less rule of `dragPrice`.
 * @example snapPrice(5012.37, fixedTick(0.25)) // 5012.25
 */
export function snapPrice(value: number, tick?: TickSource): number {
	return tick === undefined ? dragPrice(value) : onInstrumentTick(value, tick);
}

/**
 * How a chart of an instrument writes prices on its axis: each label with the decimals of the
 * tick at the lowest price shown (ES `5012.25`, a $0.50 stock `0.5123`, BTC-USD 2 decimals), so
 * one axis reads in one precision.
 * @example tickAxisLabels([5010, 5012.5], fixedTick(0.25)) // ['5010.00', '5012.50']
 */
export function tickAxisLabels(splits: readonly number[], tick: TickSource): string[] {
	let lowest = Infinity;
	for (const v of splits) if (Number.isFinite(v) && Math.abs(v) < lowest) lowest = Math.abs(v);
	const decimals = priceDecimals(tick, Number.isFinite(lowest) ? lowest : 0);
	return splits.map((v) => (Number.isFinite(v) ? v.toFixed(decimals) : ''));
}

/**
 * The steps a chart's price axis may place its labels at: whole numbers of the tick at the
 * lowest price of the bars (see axisIncrements), so every label is a price the instrument trades at.
 */
export function tickAxisIncrements(tick: TickSource, lowestPrice: number): number[] {
	return axisIncrements(tickOf(tick, Number.isFinite(lowestPrice) ? Math.abs(lowestPrice) : 0));
}

/**
 * A price in a readout or a label, with the instrument's tick decimals when the chart knows
 * them (never rounding a stored bar or execution price: see priceText), else as `price` in
 * money.ts writes it.
 */
export function chartPriceText(
	value: number,
	tick: TickSource | undefined,
	plain: (v: number) => string
): string {
	return tick === undefined ? plain(value) : priceText(value, tick);
}

/** The zoom kept across redraws: the series it was for (its first bar, bar count, timeframe) and the view. */
export interface KeptView {
	first: number;
	n: number;
	timeframeMs: number;
	view: [number, number];
}

/**
 * The x range to show when the chart is drawn again with `bars`, given the zoom kept from the
 * last drawing; null to show every bar. The same series with more bars (a replay revealing one)
 * keeps the zoom, and a view that showed the last bar follows the new ones; other bars (another
 * symbol, another timeframe, fewer bars) start from the whole series, as bar indices of one
 * series mean other times in another.
 */
export function keptRange(
	kept: KeptView | null,
	bars: { first: number | undefined; n: number; timeframeMs: number }
): [number, number] | null {
	if (!kept || bars.n < kept.n || kept.first !== bars.first || kept.timeframeMs !== bars.timeframeMs)
		return null;
	const [min, max] = kept.view;
	if (min <= -1 && max >= kept.n) return null;
	const grow = max >= kept.n - 1 ? bars.n - kept.n : 0;
	return [min + grow, max + grow];
}

const DAY = 86_400_000;

/**
 * The calendar date a daily bar stands for, as `YYYY-MM-DD`. Daily files stamp each bar with the
 * exchange's midnight (or UTC midnight), which is the evening before in zones west of it, so the
 * date is read at the bar's midday in UTC: right for any midnight from UTC−12 to UTC+11.
 */
export function barDate(t: number): string {
	return new Date(t + DAY / 2).toISOString().slice(0, 10);
}

/** How an axis names bar times: dates for daily and longer bars, times of day (and dates where they change) for intraday. */
export function timeLabeller(
	zone: string,
	timeframeMs: number
): (times: ArrayLike<number>, splits: number[]) => string[] {
	const daily = timeframeMs >= DAY;
	// Daily bars are named by their own date (see barDate), whatever the display zone.
	const dateZone = daily ? 'UTC' : zone;
	const date = new Intl.DateTimeFormat('en-US', { timeZone: dateZone, month: 'short', day: 'numeric' });
	const year = new Intl.DateTimeFormat('en-US', { timeZone: dateZone, year: 'numeric' });
	const clock = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit' });
	return (times, splits) => {
		let lastDay = '';
		let lastYear = '';
		return splits.map((s) => {
			const i = Math.round(s);
			if (i < 0 || i >= times.length) return '';
			const t = daily ? times[i]! + DAY / 2 : times[i]!;
			const day = date.format(t);
			const y = year.format(t);
			let label: string;
			if (daily) label = y !== lastYear && lastYear ? `${day} ${y}` : day;
			else label = day !== lastDay ? `${day} ${clock.format(t)}` : clock.format(t);
			lastDay = day;
			lastYear = y;
			return label;
		});
	};
}

/** Line colours for studies, readable on the light and the dark theme, in order of use. */
export const STUDY_COLOURS = ['#f59e0b', '#8b5cf6', '#0ea5e9', '#ec4899', '#14b8a6', '#84cc16', '#f97316'];

/** Prices on an axis: whole numbers for large prices, up to four decimals otherwise. */
export function priceTick(x: number): string {
	return Math.abs(x) >= 1000 ? x.toFixed(0) : +x.toFixed(4) + '';
}

/** Volumes and OBV on an axis: 1.2M, 350k. */
export function compactTick(v: number): string {
	const a = Math.abs(v);
	if (a >= 1e9) return `${+(v / 1e9).toFixed(1)}B`;
	if (a >= 1e6) return `${+(v / 1e6).toFixed(1)}M`;
	if (a >= 1e3) return `${+(v / 1e3).toFixed(0)}k`;
	return `${+v.toFixed(2)}`;
}

/**
 * The value range to show for bars `from`..`to` (inclusive) of some columns plus fixed levels,
 * with 8% room above and below; NaN (no value yet) is skipped. [0, 1] when there is nothing.
 */
export function visibleRange(
	columns: readonly ArrayLike<number>[],
	from: number,
	to: number,
	levels: readonly number[] = []
): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (const v of levels) {
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	for (const values of columns) {
		const last = Math.min(to, values.length - 1);
		for (let i = Math.max(0, from); i <= last; i++) {
			const v = values[i]!;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
	}
	if (!Number.isFinite(lo)) return [0, 1];
	const pad = (hi - lo || Math.abs(hi) * 0.01 || 1) * 0.08;
	return [lo - pad, hi + pad];
}
