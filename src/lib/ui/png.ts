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
	return new Promise((done) => canvas.toBlob(done, 'image/png'));
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
	const css = getComputedStyle(from);
	const color = (name: string) => css.getPropertyValue(name).trim();
	const ratio = 2;
	const width = 760;
	const row = 26;
	const top = 44;
	const height = top + bars.length * row + 16;
	const canvas = document.createElement('canvas');
	canvas.width = width * ratio;
	canvas.height = height * ratio;
	const ctx = canvas.getContext('2d');
	if (!ctx) return Promise.resolve(null);
	ctx.scale(ratio, ratio);
	ctx.fillStyle = color('--surface');
	ctx.fillRect(0, 0, width, height);
	ctx.fillStyle = color('--text');
	ctx.font = '600 15px system-ui, sans-serif';
	ctx.textBaseline = 'middle';
	ctx.fillText(title, 16, 22);
	const labelW = 150;
	const valueW = 110;
	const plotX = 16 + labelW;
	const plotW = width - plotX - valueW - 16;
	const { zero, scale } = barLayout(bars);
	const zeroX = plotX + zero * plotW;
	ctx.font = '12px system-ui, sans-serif';
	bars.forEach((bar, i) => {
		const y = top + i * row;
		ctx.fillStyle = color('--text');
		ctx.textAlign = 'left';
		ctx.fillText(clip(ctx, bar.label, labelW - 8), 16, y + row / 2);
		const w = Math.abs(bar.value) * scale * plotW;
		ctx.fillStyle = color(bar.value >= 0 ? '--gain' : '--loss');
		ctx.fillRect(bar.value >= 0 ? zeroX : zeroX - w, y + 5, Math.max(w, 1), row - 10);
		ctx.fillStyle = color('--muted');
		ctx.textAlign = 'right';
		ctx.fillText(bar.text, width - 16, y + row / 2);
	});
	ctx.strokeStyle = color('--border');
	ctx.beginPath();
	ctx.moveTo(zeroX + 0.5, top - 4);
	ctx.lineTo(zeroX + 0.5, top + bars.length * row + 4);
	ctx.stroke();
	return new Promise((done) => canvas.toBlob(done, 'image/png'));
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
