import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { groupText, layoutLabels, type LabelLine } from './chart-labels';

const fmt = (p: number) => p.toFixed(2);
const box = { height: 14, top: 0, bottom: 300 };
const order = (y: number, price: number, label: string): LabelLine => ({ y, price, label, orders: 1 });

describe('chart line labels', () => {
	it('names one line by its words and price, and counts several orders at one price', () => {
		expect(groupText([{ label: 'o1 buy 100 limit', orders: 1 }], '49.50')).toBe('o1 buy 100 limit 49.50');
		expect(
			groupText(
				[
					{ label: 'o1 buy 100 limit', orders: 2 },
					{ label: 'o3 sell 50 stop', orders: 1 }
				],
				'49.50'
			)
		).toBe('3 orders · 49.50');
		expect(
			groupText(
				[
					{ label: 'Avg 100', orders: 0 },
					{ label: 'o1 sell 100 limit', orders: 1 }
				],
				'49.50'
			)
		).toBe('Avg 100 · o1 sell 100 limit 49.50');
		expect(
			groupText(
				[
					{ label: 'Avg 100', orders: 0 },
					{ label: 'o1', orders: 1 },
					{ label: 'o2', orders: 1 }
				],
				'49.50'
			)
		).toBe('Avg 100 · 2 orders · 49.50');
	});

	it('puts each label just above its line when there is room', () => {
		const placed = layoutLabels([order(100, 50, 'a'), order(200, 40, 'b')], fmt, box);
		expect(placed).toEqual([
			{ top: 84, text: 'a 50.00', lines: [0] },
			{ top: 184, text: 'b 40.00', lines: [1] }
		]);
	});

	it('gives lines at one price one label, and pushes a stop-limit’s two labels apart', () => {
		const placed = layoutLabels(
			[order(150, 49.5, 'o1'), order(150, 49.5, 'o2'), order(150, 49.5, 'o3'), order(152, 49.47, 'o4 stop')],
			fmt,
			box
		);
		expect(placed.map((l) => l.text)).toEqual(['3 orders · 49.50', 'o4 stop 49.47']);
		expect(placed[0]!.lines).toEqual([0, 1, 2]);
		expect(placed[1]!.top - placed[0]!.top).toBe(14);
		// The lower one is pushed down, not the upper one up: the upper keeps its place above its line.
		expect(placed[0]!.top).toBe(134);
	});

	it('keeps labels inside the plot where they fit, the top one no higher than the top', () => {
		const placed = layoutLabels([order(3, 60, 'a'), order(299, 40, 'b'), order(300, 39, 'c')], fmt, box);
		expect(placed.map((l) => l.top)).toEqual([0, 272, 286]);
	});

	it('never lets two labels overlap, wherever the lines are', () => {
		fc.assert(
			fc.property(
				fc.array(
					fc.record({
						y: fc.double({ min: -50, max: 350, noNaN: true }),
						price: fc.integer({ min: 0, max: 40 }),
						orders: fc.integer({ min: 0, max: 3 })
					}),
					{ maxLength: 30 }
				),
				fc.integer({ min: 8, max: 20 }),
				(raw, height) => {
					// One price, one y (as on a chart).
					const lines = raw.map((r) => ({ ...r, y: r.price * 8, label: 'x' }));
					const placed = layoutLabels(lines, fmt, { height, top: 0, bottom: 300 });
					const tops = placed.map((l) => l.top).sort((a, b) => a - b);
					for (let i = 1; i < tops.length; i++)
						expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(height - 1e-9);
					expect(tops[0] ?? 0).toBeGreaterThanOrEqual(0);
					// Every line is named by exactly one label, and prices are never mixed in one.
					expect(placed.flatMap((l) => l.lines).sort((a, b) => a - b)).toEqual(lines.map((_, i) => i));
					for (const l of placed) expect(new Set(l.lines.map((i) => lines[i]!.price)).size).toBe(1);
					expect(placed.length).toBe(new Set(lines.map((l) => l.price)).size);
				}
			)
		);
	});
});
