/**
 * Where the labels of a chart's horizontal lines go (orders, stops, targets), as plain
 * arithmetic in CSS pixels: lines at one price share one label ("3 orders · 49.50"), and labels
 * that would overlap (a stop-limit's stop and limit a cent apart) are pushed apart vertically,
 * each kept as near its line as the others allow. Drawing is chart-draw.ts's.
 */

/** A line to label: where it is drawn and what it says. */
export interface LabelLine {
	/** The line's y, CSS px from the plot's top. */
	y: number;
	/** The line's price (lines at one price share a label). */
	price: number;
	/** The line's own words, without its price: `o4 buy 100 limit`, `Stop`. */
	label: string;
	/** How many orders the line stands for; 0 for a line that is not an order (an average, a target). */
	orders: number;
}

/** One label as laid out. */
export interface PlacedLabel {
	/** The label's top, CSS px from the plot's top. */
	top: number;
	text: string;
	/** The indices of the lines it names (one, or several at one price). */
	lines: number[];
}

/**
 * The label of the lines at one price: the line's own words for one line (or one order among
 * lines that are not orders), else the orders counted: `3 orders · 49.50`.
 * @example groupText([{ label: 'o1 buy 100 limit', orders: 1 }], '49.50') // 'o1 buy 100 limit 49.50'
 */
export function groupText(lines: readonly Pick<LabelLine, 'label' | 'orders'>[], price: string): string {
	const orders = lines.reduce((sum, l) => sum + l.orders, 0);
	if (orders <= 1) return `${lines.map((l) => l.label).join(' · ')} ${price}`;
	const others = lines.filter((l) => l.orders === 0).map((l) => `${l.label} · `);
	return `${others.join('')}${orders} orders · ${price}`;
}

/**
 * The labels of `lines`, one per price, each wanting to sit just above its line (its bottom
 * `gap` px above it) and none overlapping another: a label is `height` px tall and the next one
 * starts at or below its bottom. Labels stay within `top`..`bottom` where they fit; where there
 * are more than fit, the lowest go below `bottom` rather than overlap. `format` writes a price.
 */
export function layoutLabels(
	lines: readonly LabelLine[],
	format: (price: number) => string,
	{ height, top, bottom, gap = 2 }: { height: number; top: number; bottom: number; gap?: number }
): PlacedLabel[] {
	const order = lines.map((_, i) => i).sort((a, b) => lines[a]!.y - lines[b]!.y);
	const groups: number[][] = [];
	for (const i of order) {
		const last = groups.at(-1);
		if (last && lines[last[0]!]!.price === lines[i]!.price) last.push(i);
		else groups.push([i]);
	}
	const labels = groups.map((g) => ({
		top: lines[g[0]!]!.y - gap - height,
		text: groupText(
			g.map((i) => lines[i]!),
			format(lines[g[0]!]!.price)
		),
		lines: g
	}));
	// Down from the top, then up from the bottom edge, then down again: the last pass is what
	// guarantees no overlap, at the cost of the bottom edge when there is no room.
	for (let i = 0; i < labels.length; i++)
		labels[i]!.top = Math.max(labels[i]!.top, top, i ? labels[i - 1]!.top + height : -Infinity);
	for (let i = labels.length - 1; i >= 0; i--)
		labels[i]!.top = Math.min(
			labels[i]!.top,
			i < labels.length - 1 ? labels[i + 1]!.top - height : bottom - height
		);
	for (let i = 0; i < labels.length; i++)
		labels[i]!.top = Math.max(labels[i]!.top, top, i ? labels[i - 1]!.top + height : -Infinity);
	return labels;
}
