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
	const ctx = u.ctx;
	const dpr = devicePixelRatio;
	const y = Math.round(u.valToPos(value, 'y', true));
	ctx.save();
	ctx.font = `${11 * dpr}px system-ui, sans-serif`;
	// uPlot leaves the axes' alignment on the context: labels start at the plot's left edge.
	ctx.textAlign = 'left';
	ctx.textBaseline = 'alphabetic';
	ctx.strokeStyle = ctx.fillStyle = colour;
	ctx.lineWidth = dpr;
	ctx.setLineDash(dash === 'short' ? [2 * dpr, 3 * dpr] : [6 * dpr, 4 * dpr]);
	ctx.beginPath();
	ctx.moveTo(u.bbox.left, y);
	ctx.lineTo(u.bbox.left + u.bbox.width, y);
	ctx.stroke();
	ctx.fillText(label, u.bbox.left + 4 * dpr, y - 3 * dpr);
	ctx.restore();
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
