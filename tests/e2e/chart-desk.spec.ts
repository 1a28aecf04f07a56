import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const RIVN = { name: 'RIVN.csv', text: readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8') };
/** Label height on the chart, CSS px (chart-draw.ts LABEL_H). */
const LABEL_H = 15;

/** Imports the RIVN minute bars, starts a session over 2025-10-13 and reveals three bars (last close 13.33). */
async function startSession(page: Page): Promise<void> {
	await importFiles(page, [RIVN]);
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('RIVN');
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(/RIVN · bar 0 of 26 · paused/);
	for (let i = 0; i < 3; i++) await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 3 of 26');
}

/** Places an order through the ticket, as a user does. */
async function place(
	page: Page,
	side: 'buy' | 'sell',
	type: 'limit' | 'stop' | 'stop_limit',
	prices: { limit?: string; stop?: string }
): Promise<void> {
	const working = await page.getByTestId('working-order').count();
	await page.getByTestId('ticket-type').selectOption(type);
	if (prices.limit) await page.getByTestId('ticket-limit').fill(prices.limit);
	if (prices.stop) await page.getByTestId('ticket-stop').fill(prices.stop);
	await page.getByTestId(`ticket-${side}`).click();
	await expect(page.getByTestId('working-order')).toHaveCount(working + 1);
}

const line = (page: Page, price: string): Locator =>
	page.getByTestId('chart-levels').locator(`li[data-price="${price}"]`);
const labelTop = async (l: Locator) => Number(await l.getAttribute('data-label-top'));

test('a drag aimed at one of two close order lines moves that order; their labels and a stop-limit’s never overlap', async ({
	page
}) => {
	await startSession(page);
	await place(page, 'buy', 'limit', { limit: '13.25' });
	await place(page, 'buy', 'limit', { limit: '13.27' });
	// A stop-limit far below squeezes the price scale: the two limits' lines end up a few px apart.
	await place(page, 'sell', 'stop_limit', { stop: '10.50', limit: '10.40' });

	const [a, b] = [line(page, '13.25'), line(page, '13.27')];
	await expect(b).toHaveAttribute('data-movable', 'true');
	const [ya, yb] = [Number(await a.getAttribute('data-y')), Number(await b.getAttribute('data-y'))];
	expect(Math.abs(ya - yb)).toBeLessThan(6);
	// Every label clear of the others: the two limits', and the stop-limit's stop and limit.
	const tops = await Promise.all(['13.25', '13.27', '10.5', '10.4'].map((p) => labelTop(line(page, p))));
	expect(Math.abs(tops[0]! - tops[1]!)).toBeGreaterThanOrEqual(LABEL_H);
	expect(Math.abs(tops[2]! - tops[3]!)).toBeGreaterThanOrEqual(LABEL_H);
	await expect(line(page, '10.5')).toHaveAttribute('data-label', /stop 10\.50$/);
	await expect(line(page, '10.4')).toHaveAttribute('data-label', /limit 10\.40$/);

	// Aimed exactly at o2's line (13.27), the drag moves o2, not o1 whose line is within reach too.
	const over = (await page.getByTestId('price-chart').locator('.u-over').first().boundingBox())!;
	await page.mouse.move(over.x + over.width / 2, over.y + yb);
	await page.mouse.down();
	await page.mouse.move(over.x + over.width / 2, over.y + yb - 40, { steps: 5 });
	await page.mouse.up();
	await expect(page.getByTestId('paper-message')).toHaveText(/^Changed o2: limit 1\d\.\d\d$/);
	await expect(line(page, '13.25')).toHaveCount(1);
});

test('orders at one price share one label that counts them', async ({ page }) => {
	await startSession(page);
	await place(page, 'buy', 'limit', { limit: '13.25' });
	await place(page, 'sell', 'stop', { stop: '13.25' });
	const lines = line(page, '13.25');
	await expect(lines).toHaveCount(2);
	await expect(lines.first()).toHaveAttribute('data-label', '2 orders · 13.25');
	await expect(lines.last()).toHaveAttribute('data-label', '2 orders · 13.25');
});

for (const width of [1280, 390]) {
	test(`hovering the desk chart at ${width} px shows the readout without moving the chart`, async ({
		page
	}) => {
		await page.setViewportSize({ width, height: 900 });
		await startSession(page);
		const chart = page.getByTestId('price-chart');
		const canvas = chart.locator('canvas').first();
		await canvas.scrollIntoViewIfNeeded();
		const before = (await canvas.boundingBox())!;
		await expect(page.getByTestId('chart-readout')).toContainText('hover for a bar’s values');
		await page.mouse.move(before.x + before.width - 20, before.y + before.height / 2);
		await expect(page.getByTestId('chart-readout')).toContainText(/O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+/);
		expect(await canvas.boundingBox()).toEqual(before);
	});
}
