import { themeColors } from './theme-colors';

/**
 * A chart's canvas as a PNG on a solid background: uPlot draws on a transparent canvas, which
 * would show the theme's light text on whatever the viewer's background is.
 */
export function canvasPng(source: HTMLCanvasElement, background: string): Promise<Blob | null> {
	const canvas = document.createElement('canvas');
	canvas.width = source.width;
	canvas.height = source.height;
	const ctx = canvas.getContext('2d');
	if (!ctx) return Promise.resolve(null);
	ctx.fillStyle = background;
	ctx.fillRect(0, 0, canvas.width, canvas.height);
	ctx.drawImage(source, 0, 0);
	return png(canvas);
}

/** A canvas's pixels as a PNG file; null where the browser cannot encode it. */
function png(canvas: HTMLCanvasElement): Promise<Blob | null> {
	return new Promise((done) => canvas.toBlob(done, 'image/png'));
}

/**
 * A blank picture `width` × `height` CSS px at `ratio` device pixels per px, filled with the
 * theme's surface, with `title` at the top left (its middle at `titleY`); `colors` are the
 * theme's colours from `from`, so the picture matches the screen. Null without a 2D context.
 */
function picture(from: Element, width: number, height: number, ratio: number, title: string, titleY: number) {
	const colors = themeColors(from);
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * ratio);
	canvas.height = Math.round(height * ratio);
	const ctx = canvas.getContext('2d');
	if (!ctx) return null;
	ctx.scale(ratio, ratio);
	ctx.fillStyle = colors.surface;
	ctx.fillRect(0, 0, width, height);
	ctx.textBaseline = 'middle';
	ctx.fillStyle = colors.text;
	ctx.font = '600 15px system-ui, sans-serif';
	ctx.fillText(title, 16, titleY);
	return { canvas, ctx, colors };
}

export interface Bar {
	label: string;
	value: number;
	text: string;
}

/**
 * The same bars drawn on a canvas, for "Save chart as PNG": CSS bars have no pixels of their
 * own to save. Colours are read from the page's theme so the picture matches the screen.
 */
export function barsPng(title: string, bars: readonly Bar[], from: Element): Promise<Blob | null> {
	const width = 760;
	const row = 26;
	const top = 44;
	const height = top + bars.length * row + 16;
	const blank = picture(from, width, height, 2, title, 22);
	if (!blank) return Promise.resolve(null);
	const { canvas, ctx, colors } = blank;
	const labelW = 150;
	const valueW = 110;
	const plotX = 16 + labelW;
	const plotW = width - plotX - valueW - 16;
	const { zero, scale } = barLayout(bars);
	const zeroX = plotX + zero * plotW;
	ctx.font = '12px system-ui, sans-serif';
	bars.forEach((bar, i) => {
		const y = top + i * row;
		ctx.fillStyle = colors.text;
		ctx.textAlign = 'left';
		ctx.fillText(clip(ctx, bar.label, labelW - 8), 16, y + row / 2);
		const w = Math.abs(bar.value) * scale * plotW;
		ctx.fillStyle = bar.value >= 0 ? colors.gain : colors.loss;
		ctx.fillRect(bar.value >= 0 ? zeroX : zeroX - w, y + 5, Math.max(w, 1), row - 10);
		ctx.fillStyle = colors.muted;
		ctx.textAlign = 'right';
		ctx.fillText(bar.text, width - 16, y + row / 2);
	});
	ctx.strokeStyle = colors.border;
	ctx.beginPath();
	ctx.moveTo(zeroX + 0.5, top - 4);
	ctx.lineTo(zeroX + 0.5, top + bars.length * row + 4);
	ctx.stroke();
	return png(canvas);
}

/** Where zero sits (0..1 of the width) and the width per unit of value, so every bar fits. */
export function barLayout(bars: readonly Bar[]): { zero: number; scale: number } {
	const max = Math.max(0, ...bars.map((b) => b.value));
	const min = Math.min(0, ...bars.map((b) => b.value));
	const span = max - min || 1;
	return { zero: -min / span, scale: 1 / span };
}

function clip(ctx: CanvasRenderingContext2D, text: string, width: number): string {
	if (ctx.measureText(text).width <= width) return text;
	let t = text;
	while (t.length > 1 && ctx.measureText(`${t}…`).width > width) t = t.slice(0, -1);
	return `${t}…`;
}

/** One chart of a picture: its caption and the canvas uPlot drew it on. */
export interface Panel {
	caption: string;
	canvas: HTMLCanvasElement;
}

/**
 * Charts drawn on canvases (the equity curve and its drawdown) as one PNG: a title, then each
 * canvas under its caption, on the theme's surface and at the canvases' own pixel ratio (a HiDPI
 * screen gives a sharp picture). The legend and captions on screen are HTML, so they are drawn again.
 */
export function panelsPng(title: string, panels: readonly Panel[], from: Element): Promise<Blob | null> {
	if (panels.length === 0) return Promise.resolve(null);
	const first = panels[0]!.canvas;
	const ratio = first.clientWidth > 0 ? first.width / first.clientWidth : window.devicePixelRatio || 1;
	const pad = 16;
	const titleH = 34;
	const captionH = 22;
	const gap = 10;
	const width = Math.max(...panels.map((p) => p.canvas.width / ratio)) + 2 * pad;
	const height =
		titleH + panels.reduce((h, p) => h + captionH + p.canvas.height / ratio + gap, 0) + pad - gap;
	const blank = picture(from, width, height, ratio, title, 20);
	if (!blank) return Promise.resolve(null);
	const { canvas, ctx, colors } = blank;
	let y = titleH;
	for (const panel of panels) {
		ctx.fillStyle = colors.muted;
		ctx.font = '12px system-ui, sans-serif';
		ctx.fillText(panel.caption, pad, y + captionH / 2);
		y += captionH;
		const h = panel.canvas.height / ratio;
		ctx.drawImage(panel.canvas, pad, y, panel.canvas.width / ratio, h);
		y += h + gap;
	}
	return png(canvas);
}

/** A histogram bin: trades with a value from `from` up to `to`. */
export interface Bin {
	from: number;
	to: number;
	count: number;
}

/**
 * A histogram's bars drawn on a canvas, for its PNG: like `barsPng`, the screen's bars are CSS and
 * have no pixels to save. Bins wholly above zero are gains, wholly below losses, as on screen.
 */
export function histogramPng(
	title: string,
	bins: readonly Bin[],
	format: (x: number) => string,
	from: Element
): Promise<Blob | null> {
	const width = 640;
	const pad = 16;
	const top = 56;
	const plotH = 220;
	const height = top + plotH + 40;
	const blank = picture(from, width, height, 2, title, 20);
	if (!blank) return Promise.resolve(null);
	const { canvas, ctx, colors } = blank;
	const most = bins.reduce((m, b) => Math.max(m, b.count), 1);
	const total = bins.reduce((s, b) => s + b.count, 0);
	ctx.fillStyle = colors.muted;
	ctx.font = '12px system-ui, sans-serif';
	ctx.fillText(`${total} ${total === 1 ? 'trade' : 'trades'}, at most ${most} in a bin`, pad, 40);
	const plotW = width - 2 * pad;
	const slot = bins.length > 0 ? plotW / bins.length : plotW;
	const bottom = top + plotH;
	bins.forEach((bin, i) => {
		const h = Math.max((bin.count / most) * plotH, bin.count > 0 ? 1 : 0);
		ctx.fillStyle = bin.from >= 0 ? colors.gain : bin.to <= 0 ? colors.loss : colors.muted;
		ctx.fillRect(pad + i * slot + 1, bottom - h, Math.max(slot - 2, 1), h);
	});
	ctx.strokeStyle = colors.border;
	ctx.beginPath();
	ctx.moveTo(pad, bottom + 0.5);
	ctx.lineTo(width - pad, bottom + 0.5);
	ctx.stroke();
	if (bins.length > 0) {
		ctx.fillStyle = colors.muted;
		ctx.textAlign = 'left';
		ctx.fillText(format(bins[0]!.from), pad, bottom + 16);
		ctx.textAlign = 'right';
		ctx.fillText(format(bins[bins.length - 1]!.to), width - pad, bottom + 16);
	}
	return png(canvas);
}
