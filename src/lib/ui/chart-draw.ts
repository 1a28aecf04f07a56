/**
 * What the price charts draw on uPlot's canvas themselves: candles, arrows for executions and
 * signals, and labelled horizontal lines. Positions are canvas pixels (uPlot's `valToPos(…, true)`);
 * each function leaves the context as it found it.
 */
import uPlot from 'uplot';

/** One candle at canvas x `cx`: its wick from high to low and its body from open to close. */
export function drawCandle(
	u: uPlot,
	cx: number,
	width: number,
	bar: { open: number; high: number; low: number; close: number },
	colours: { gain: string; loss: string }
): void {
	const ctx = u.ctx;
	ctx.strokeStyle = ctx.fillStyle = bar.close >= bar.open ? colours.gain : colours.loss;
	ctx.lineWidth = Math.max(1, devicePixelRatio);
	const x = Math.round(cx);
	const yo = u.valToPos(bar.open, 'y', true);
	const yc = u.valToPos(bar.close, 'y', true);
	ctx.beginPath();
	ctx.moveTo(x, u.valToPos(bar.high, 'y', true));
	ctx.lineTo(x, u.valToPos(bar.low, 'y', true));
	ctx.stroke();
	ctx.fillRect(cx - width / 2, Math.min(yo, yc), width, Math.max(1, Math.abs(yc - yo)));
}

/**
 * An arrow whose tip touches the price at (cx, cy): a buy's points up from below, a sell's down
 * from above; filled (entries, signals) or outlined (exits). `size` is in CSS pixels.
 */
export function drawArrow(
	ctx: CanvasRenderingContext2D,
	cx: number,
	cy: number,
	size: number,
	side: 'buy' | 'sell',
	filled: boolean,
	colours: { gain: string; loss: string; surface: string }
): void {
	const s = size * devicePixelRatio;
	const buy = side === 'buy';
	const dir = buy ? 1 : -1;
	ctx.save();
	// A series' dash stays on the context after uPlot draws it: arrows are solid.
	ctx.setLineDash([]);
	ctx.lineWidth = 2 * devicePixelRatio;
	ctx.beginPath();
	ctx.moveTo(cx, cy);
	ctx.lineTo(cx - s * 0.6, cy + dir * s * 1.2);
	ctx.lineTo(cx + s * 0.6, cy + dir * s * 1.2);
	ctx.closePath();
	ctx.strokeStyle = buy ? colours.gain : colours.loss;
	ctx.fillStyle = filled ? (buy ? colours.gain : colours.loss) : colours.surface;
	ctx.fill();
	ctx.stroke();
	ctx.restore();
}

/** A dashed line across the plot at `value` with its label above it at the left edge. */
export function drawLevel(
	u: uPlot,
	value: number,
	label: string,
	colour: string,
	dash: 'long' | 'short' = 'long'
): void {
	const y = drawLine(u, value, colour, dash);
	const ctx = u.ctx;
	ctx.save();
	ctx.font = `${11 * devicePixelRatio}px system-ui, sans-serif`;
	// uPlot leaves the axes' alignment on the context: labels start at the plot's left edge.
	ctx.textAlign = 'left';
	ctx.textBaseline = 'alphabetic';
	ctx.fillStyle = colour;
	ctx.fillText(label, u.bbox.left + 4 * devicePixelRatio, y - 3 * devicePixelRatio);
	ctx.restore();
}

/**
 * A dashed line at `value` from canvas x `from` (the plot's left edge by default) to the right
 * edge. Returns its canvas y.
 */
export function drawLine(
	u: uPlot,
	value: number,
	colour: string,
	dash: 'long' | 'short' = 'long',
	from = u.bbox.left
): number {
	const ctx = u.ctx;
	const dpr = devicePixelRatio;
	const y = Math.round(u.valToPos(value, 'y', true));
	ctx.save();
	ctx.strokeStyle = colour;
	ctx.lineWidth = dpr;
	ctx.setLineDash(dash === 'short' ? [2 * dpr, 3 * dpr] : [6 * dpr, 4 * dpr]);
	ctx.beginPath();
	ctx.moveTo(Math.max(u.bbox.left, from), y);
	ctx.lineTo(u.bbox.left + u.bbox.width, y);
	ctx.stroke();
	ctx.restore();
	return y;
}

/** The height of a line's label, CSS px: what the label layout (chart-labels.ts) spaces them by. */
export const LABEL_H = 15;

/**
 * A line's label with its top at CSS y `top` (from the plot's top), starting at CSS x `left`
 * (from the plot's left) but kept inside the plot, on a backdrop of the surface colour so the
 * lines it crosses do not strike through it. Returns where it was drawn, CSS px.
 */
export function drawLabel(
	u: uPlot,
	text: string,
	left: number,
	top: number,
	colour: string,
	surface: string
): { left: number; width: number } {
	const ctx = u.ctx;
	const dpr = devicePixelRatio;
	ctx.save();
	ctx.font = `${11 * dpr}px system-ui, sans-serif`;
	ctx.textAlign = 'left';
	ctx.textBaseline = 'middle';
	const width = ctx.measureText(text).width / dpr + 8;
	const plotW = u.bbox.width / dpr;
	const x = Math.max(0, Math.min(left, plotW - width));
	const cx = u.bbox.left + x * dpr;
	const cy = u.bbox.top + top * dpr;
	ctx.globalAlpha = 0.85;
	ctx.fillStyle = surface;
	ctx.fillRect(cx, cy, width * dpr, (LABEL_H - 1) * dpr);
	ctx.globalAlpha = 1;
	ctx.fillStyle = colour;
	ctx.fillText(text, cx + 4 * dpr, cy + (LABEL_H / 2) * dpr);
	ctx.restore();
	return { left: x, width };
}

/** The volume pane's series: bars from zero in the muted colour. */
export function volumeSeries(muted: string): uPlot.Series {
	return {
		label: 'Volume',
		stroke: muted,
		fill: `color-mix(in srgb, ${muted} 45%, transparent)`,
		paths: uPlot.paths.bars?.({ size: [0.7, 100] }),
		points: { show: false }
	};
}

/** The volume pane's scale: from zero to the largest volume in view. */
export const volumeRange: uPlot.Range.Function = (_u, _min, max) => [0, max || 1];
