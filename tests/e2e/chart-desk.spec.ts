import type { Locator, Page } from '@playwright/test';
import { expect, test, startRivnSession } from './fixtures';

/** Label height on the chart, CSS px (chart-draw.ts LABEL_H). */
const LABEL_H = 15;

const startSession = (page: Page) => startRivnSession(page, 3);

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
	// A stop-limit far above squeezes the price scale: the two limits' lines end up a few px apart.
	await place(page, 'buy', 'stop_limit', { stop: '16.50', limit: '16.60' });

	const [a, b] = [line(page, '13.25'), line(page, '13.27')];
	await expect(b).toHaveAttribute('data-movable', 'true');
	const [ya, yb] = [Number(await a.getAttribute('data-y')), Number(await b.getAttribute('data-y'))];
	expect(Math.abs(ya - yb)).toBeLessThan(6);
	// Aimed exactly at o2's line (13.27), the drag moves o2, not o1 whose line is within reach too.
	const over = (await page.getByTestId('price-chart').locator('.u-over').first().boundingBox())!;
	await page.mouse.move(over.x + over.width / 2, over.y + yb);
	await page.mouse.down();
	await page.mouse.move(over.x + over.width / 2, over.y + yb - 40, { steps: 5 });
	await page.mouse.up();
	await expect(page.getByTestId('paper-message')).toHaveText(/^Changed o2: limit 1\d\.\d\d$/);
	await expect(line(page, '13.25')).toHaveCount(1);

	// Every label clear of the others: the stop-limit's stop and limit a few px apart.
	const tops = await Promise.all(['13.25', '16.5', '16.6'].map((p) => labelTop(line(page, p))));
	expect(Math.abs(tops[1]! - tops[2]!)).toBeGreaterThanOrEqual(LABEL_H);
	expect(Math.abs(tops[0]! - tops[1]!)).toBeGreaterThanOrEqual(LABEL_H);
	await expect(line(page, '16.5')).toHaveAttribute('data-label', /stop 16\.50$/);
	await expect(line(page, '16.6')).toHaveAttribute('data-label', /limit 16\.60$/);
});

test('orders at one price share one label that counts them', async ({ page }) => {
	await startSession(page);
	// A buy limit and a buy stop at one price above the market (13.33): two lines, one label.
	await place(page, 'buy', 'limit', { limit: '13.45' });
	await place(page, 'buy', 'stop', { stop: '13.45' });
	const lines = line(page, '13.45');
	await expect(lines).toHaveCount(2);
	await expect(lines.first()).toHaveAttribute('data-label', '2 orders · 13.45');
	await expect(lines.last()).toHaveAttribute('data-label', '2 orders · 13.45');
});

test('hovering the desk chart shows the readout without moving the chart, at any width', async ({ page }) => {
	await startSession(page);
	const canvas = page.getByTestId('price-chart').locator('canvas').first();
	const readout = page.getByTestId('chart-readout');
	// The readout and the hint wrap differently at different widths: every width from a phone's up.
	for (let width = 390; width <= 1440; width += 50) {
		await page.setViewportSize({ width, height: 900 });
		await page.mouse.move(0, 0);
		await canvas.scrollIntoViewIfNeeded();
		await expect(readout).toContainText('hover for a bar’s values');
		// Measured once the chart has followed the new width.
		let before = (await canvas.boundingBox())!;
		await expect
			.poll(async () => {
				const now = (await canvas.boundingBox())!;
				const settled = JSON.stringify(now) === JSON.stringify(before);
				before = now;
				return settled;
			})
			.toBe(true);
		// The middle of the part on screen (the desk's own layout may be wider than a phone).
		const right = Math.min(before.x + before.width, width);
		await page.mouse.move((Math.max(before.x, 0) + right) / 2, before.y + before.height / 2);
		await expect(readout, `at ${width} px`).toContainText(/O [\d.]+ H [\d.]+ L [\d.]+ C [\d.]+/);
		expect(await canvas.boundingBox(), `at ${width} px`).toEqual(before);
	}
});
