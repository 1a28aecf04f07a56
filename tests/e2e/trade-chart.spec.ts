import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, showFilters } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');
const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
/** 2025-10-13 hh:mm:ss New York (EDT, UTC−4) in epoch ms. */
const ny = (hh: number, mm: number, ss = 0) => Date.UTC(2025, 9, 13, hh + 4, mm, ss);

async function openTrade(page: Page, symbol: string, direction: 'long' | 'short'): Promise<void> {
	await page.goto('/trades');
	await showFilters(page);
	await page.getByTestId('filter-symbol').fill(symbol);
	await page.getByTestId('filter-symbol').press('Enter');
	const row = page.getByTestId('trade-row').filter({ hasText: symbol }).filter({ hasText: direction });
	await expect(row.first()).toBeVisible();
	await row.first().click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${symbol} · ${direction}`);
}

/** The chart's markers as data, in order. */
async function markers(page: Page) {
	return page
		.getByTestId('chart-markers')
		.locator('li')
		.evaluateAll((items) =>
			items.map((li) => ({
				time: Number(li.getAttribute('data-time')),
				price: Number(li.getAttribute('data-price')),
				quantity: Number(li.getAttribute('data-quantity')),
				side: li.getAttribute('data-side'),
				kind: li.getAttribute('data-kind')
			}))
		);
}

/** The chart's time range in view, epoch ms. */
async function xRange(page: Page): Promise<{ min: number; max: number }> {
	const chart = page.getByTestId('trade-chart');
	return {
		min: Number(await chart.getAttribute('data-x-min')),
		max: Number(await chart.getAttribute('data-x-max'))
	};
}

test('a trade with bars: candles, volume, one marker per execution, MFE/MAE; without bars: the executions and a hint', async ({
	page
}) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await importFiles(page, [{ name: 'RIVN.csv', text: barsText }]);

	// RIVN short: 3,200 and 600 sold at 14:57:17, 3,800 bought back at 14:58:43.
	await openTrade(page, 'RIVN', 'short');
	const chart = page.getByTestId('trade-chart');
	await expect(chart).toHaveAttribute('data-kind', 'candles');
	await expect(chart).toHaveAttribute('data-bars', '26');
	await expect(chart.locator('canvas')).toHaveCount(2);
	// Fills of one instant come in the file's order: compare in time, then price order.
	const sorted = (await markers(page)).sort((a, b) => a.time - b.time || a.price - b.price);
	expect(sorted).toEqual([
		{ time: ny(14, 57, 17), price: 13.34, quantity: 3200, side: 'sell', kind: 'entry' },
		{ time: ny(14, 57, 17), price: 13.3435, quantity: 600, side: 'sell', kind: 'entry' },
		{ time: ny(14, 58, 43), price: 13.42, quantity: 3800, side: 'buy', kind: 'exit' }
	]);
	// One marker per row of the executions table.
	await expect(page.getByTestId('executions').locator('tbody tr')).toHaveCount(3);
	await expect(page.getByTestId('mfe-price')).toHaveText('13.33');
	await expect(page.getByTestId('mae-price')).toHaveText('13.45');
	await expect(page.getByTestId('mfe-position')).toHaveText('40.10');
	await expect(page.getByTestId('mae-position')).toHaveText('−415.90');
	await expect(page.getByTestId('bars-hint')).toHaveCount(0);

	// The crosshair reads out the bar under it.
	const over = chart.locator('.u-over').first();
	const box = (await over.boundingBox())!;
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await expect(page.getByTestId('chart-readout')).toContainText(/O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+/);
	// Drag to zoom, then reset.
	await page.mouse.move(box.x + box.width * 0.3, box.y + 40);
	await page.mouse.down();
	await page.mouse.move(box.x + box.width * 0.6, box.y + 40, { steps: 5 });
	await page.mouse.up();
	await chart.getByRole('button', { name: 'Reset' }).click();
	await chart.getByRole('button', { name: 'Zoom in' }).click();
	await chart.getByRole('button', { name: 'Pan left' }).click();

	// The wheel over the plot zooms around the time under the cursor (read from the chart's scale,
	// data-x-min/max in epoch ms, not from pixels), no further out than the trade, and Reset restores.
	await chart.getByRole('button', { name: 'Reset' }).click();
	const full = await xRange(page);
	expect(full.max).toBeGreaterThan(full.min);
	// Zoom in is clamped like the rest: half the span, around the middle.
	await chart.getByRole('button', { name: 'Zoom in' }).click();
	await expect
		.poll(async () => (await xRange(page)).max - (await xRange(page)).min)
		.toBeCloseTo((full.max - full.min) / 2, 0);
	await chart.getByRole('button', { name: 'Reset' }).click();
	await expect.poll(() => xRange(page)).toEqual(full);
	const plot = (await over.boundingBox())!;
	await page.mouse.move(plot.x + plot.width * 0.25, plot.y + plot.height / 2);
	const anchor = full.min + 0.25 * (full.max - full.min);
	await page.mouse.wheel(0, -200);
	await expect
		.poll(async () => (await xRange(page)).max - (await xRange(page)).min)
		.toBeLessThan((full.max - full.min) * 0.9);
	const zoomed = await xRange(page);
	expect(zoomed.min).toBeGreaterThan(full.min);
	expect(zoomed.max).toBeLessThan(full.max);
	// The time under the cursor is still a quarter of the way across.
	expect((anchor - zoomed.min) / (zoomed.max - zoomed.min)).toBeCloseTo(0.25, 2);
	await page.mouse.wheel(0, -200);
	await expect
		.poll(async () => (await xRange(page)).max - (await xRange(page)).min)
		.toBeLessThan(zoomed.max - zoomed.min);
	await chart.getByRole('button', { name: 'Reset' }).click();
	await expect.poll(() => xRange(page)).toEqual(full);
	// The wheel elsewhere (the mouse is on Reset) scrolls, it does not zoom.
	await page.mouse.wheel(0, -200);
	await expect.poll(() => xRange(page)).toEqual(full);
	// Zooming out stops at the whole trade.
	const again = (await over.boundingBox())!;
	await page.mouse.move(again.x + again.width * 0.25, again.y + again.height / 2);
	await page.mouse.wheel(0, -200);
	await expect.poll(async () => (await xRange(page)).min).toBeGreaterThan(full.min);
	for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 200);
	await expect.poll(() => xRange(page)).toEqual(full);

	// Two fingers spreading from a third and two thirds across to the edges zoom in to about the
	// middle third; one finger then pans; Reset gives the whole trade back.
	await over.evaluate((el) => {
		const { left, top, width } = el.getBoundingClientRect();
		const touch = (type: string, pointerId: number, at: number) =>
			el.dispatchEvent(
				new PointerEvent(type, {
					pointerId,
					pointerType: 'touch',
					clientX: left + at * width,
					clientY: top + 20,
					bubbles: true
				})
			);
		touch('pointerdown', 1, 1 / 3);
		touch('pointerdown', 2, 2 / 3);
		touch('pointermove', 1, 0);
		touch('pointermove', 2, 1);
		touch('pointerup', 1, 0);
		touch('pointerup', 2, 1);
	});
	const pinched = await xRange(page);
	expect((pinched.max - pinched.min) / (full.max - full.min)).toBeCloseTo(1 / 3, 2);
	expect((pinched.min + pinched.max) / 2).toBeCloseTo((full.min + full.max) / 2, -3);
	await over.evaluate((el) => {
		const { left, top, width } = el.getBoundingClientRect();
		const touch = (type: string, at: number) =>
			el.dispatchEvent(
				new PointerEvent(type, {
					pointerId: 3,
					pointerType: 'touch',
					clientX: left + at * width,
					clientY: top + 20,
					bubbles: true
				})
			);
		touch('pointerdown', 0.5);
		touch('pointermove', 0.8);
		touch('pointerup', 0.8);
	});
	// The finger moved right: earlier times come into view.
	const panned = await xRange(page);
	expect(panned.min).toBeLessThan(pinched.min);
	expect(panned.max - panned.min).toBeCloseTo(pinched.max - pinched.min, 0);
	await chart.getByRole('button', { name: 'Reset' }).click();
	await expect.poll(() => xRange(page)).toEqual(full);

	// A stop in the journal draws the initial stop.
	await expect(chart).not.toContainText('initial stop');
	await page.getByTestId('risk-kind').selectOption('stop');
	await page.getByTestId('risk-value').fill('13.5');
	await page.getByRole('button', { name: 'Save journal' }).click();
	await expect(chart).toContainText('initial stop');
	await expect(chart).toHaveAttribute('data-stop', '13.5');

	// BABA has no bars: the executions themselves, and the way to bars.
	await openTrade(page, 'BABA', 'long');
	await expect(chart).toHaveAttribute('data-kind', 'executions');
	const rows = await page.getByTestId('executions').locator('tbody tr').count();
	expect(await markers(page)).toHaveLength(rows);
	const hint = page.getByTestId('bars-hint');
	await expect(hint).toContainText('Import bars for BABA to see candles');
	await expect(hint.getByRole('link')).toHaveAttribute('href', /\/import$/);

	// Phone width: nothing scrolls sideways.
	await page.setViewportSize({ width: 390, height: 844 });
	await openTrade(page, 'RIVN', 'short');
	await expect(chart).toHaveAttribute('data-kind', 'candles');
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});
