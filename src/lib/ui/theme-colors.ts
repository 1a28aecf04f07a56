/** The theme's colours for drawing on a canvas, which cannot use CSS custom properties itself. */
export interface ThemeColors {
	gain: string;
	loss: string;
	muted: string;
	border: string;
	text: string;
	accent: string;
	surface: string;
}

/** The theme's colours as `from` sees them (app.css's custom properties), e.g. `'#16a34a'`. */
export function themeColors(from: Element): ThemeColors {
	const css = getComputedStyle(from);
	const read = (name: string) => css.getPropertyValue(name).trim();
	return {
		gain: read('--gain'),
		loss: read('--loss'),
		muted: read('--muted'),
		border: read('--border'),
		text: read('--text'),
		accent: read('--accent'),
		surface: read('--surface')
	};
}
