import type { Locator, Page } from '@playwright/test';
import { expect, test, startRivnSession } from './fixtures';

const startSession = (page: Page) => startRivnSession(page, 1);

test('OCO: two exits, one cancels the other; OTO: the stop is placed once the entry fills', async ({
	page
}) => {
	await startSession(page);
	const message = page.getByTestId('paper-message');
	await page.getByTestId('ticket-oto').check();
	await page.getByTestId('ticket-type').selectOption('limit');
	await page.getByTestId('ticket-limit').fill('13.40');
	await page.getByTestId('ticket-other-type').selectOption('stop');
	await page.getByTestId('ticket-other-price').fill('13.00');
	await page.getByTestId('ticket-buy').click();
	await expect(message).toHaveText('Placed: Buy 100 RIVN limit 13.40, then Sell 100 RIVN stop 13.00');
	await expect(page.getByTestId('working-order')).toHaveCount(2);
	// 14:46 opens at 13.37, under the limit: the entry fills and its stop starts working.
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toHaveText('100 @ 13.37');
	await expect(page.getByTestId('working-order')).toHaveCount(1);
	await expect(page.getByTestId('working-order')).toContainText('stop 13.00');

	await page.getByRole('button', { name: 'Cancel o2' }).click();
	await page.getByTestId('ticket-oco').check();
	await page.getByTestId('ticket-limit').fill('13.60');
	await page.getByTestId('ticket-other-side').selectOption('same');
	await page.getByTestId('ticket-sell').click();
	await expect(message).toHaveText('Placed: OCO: Sell 100 RIVN limit 13.60 / Sell 100 RIVN stop 13.00');
	await expect(page.getByTestId('working-order')).toHaveCount(2);
	await page.getByRole('button', { name: 'Cancel o3' }).click();
	// Cancelling one leg cancels the other.
	await expect(page.getByTestId('working-order')).toHaveCount(0);
});

test('presets, exits in ticks and R, and a size from the risk shown before it is sent', async ({ page }) => {
	await startSession(page);
	await page.getByTestId('ticket-preset-10').click();
	await expect(page.getByTestId('ticket-quantity')).toHaveValue('10');

	await page.getByTestId('ticket-bracket').check();
	await page.getByTestId('ticket-stop-unit').selectOption('ticks');
	await page.getByTestId('ticket-stop-loss').fill('8');
	await page.getByTestId('ticket-target-unit').selectOption('r');
	await page.getByTestId('ticket-take-profit').fill('2');
	// From the last price 13.28: the stop 8 ticks away, the target 2 R (0.16) the other way.
	const preview = page.getByTestId('ticket-preview');
	await expect(preview.locator('[data-side="buy"]')).toHaveText(
		'Buy → Buy 10 RIVN market, stop 13.20, target 13.44'
	);
	await expect(preview.locator('[data-side="sell"]')).toHaveText(
		'Sell → Sell 10 RIVN market, stop 13.36, target 13.12'
	);

	// Risk $50 with the stop at 13.20, 0.08 a share below 13.28: 625 shares.
	await page.getByTestId('ticket-sizing').selectOption('amount');
	await page.getByTestId('ticket-stop-unit').selectOption('price');
	await page.getByTestId('ticket-stop-loss').fill('13.20');
	await page.getByTestId('ticket-risk').fill('50');
	await expect(preview.locator('[data-side="buy"]')).toHaveText(
		'Buy → Buy 625 RIVN market, stop 13.20, target 13.44'
	);
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Placed: Buy 625 RIVN market, stop 13.20, target 13.44'
	);
	await page.getByTestId('ticket-sizing').selectOption('shares');
	await expect(page.getByTestId('ticket-preset-last')).toHaveText('Last 625');
});

test('the stat row: session P&L, win rate of closed trades and the open position’s adverse excursion', async ({
	page
}) => {
	await startSession(page);
	await page.getByTestId('ticket-buy').click();
	// Bought at 14:46's open 13.37; its low 13.36, then 14:47's 13.32.
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('stat-mae')).toHaveText('−1.00 at 13.36');
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('stat-mae')).toHaveText('−5.00 at 13.32');
	await expect(page.getByTestId('stat-win-rate')).toHaveText('—');
	await page.getByTestId('flatten').click();
	await page.getByRole('button', { name: 'Flatten everything' }).click();
	await page.getByTestId('replay-step').click();
	// Sold at 14:48's open 13.33: −4.00 and $2 of commissions.
	await expect(page.getByTestId('stat-pnl')).toHaveText('−6.00');
	await expect(page.getByTestId('stat-win-rate')).toHaveText('0% (0 of 1)');
	await expect(page.getByTestId('stat-mae')).toHaveText('flat');
});

test('"ready to work offline" covers none of the page’s card and goes by itself', async ({ page }) => {
	// A fresh browser: the service worker installs and the note appears.
	await page.goto('/paper');
	const note = page.getByTestId('offline-ready');
	await expect(note).toBeVisible({ timeout: 15_000 });
	const box = (await note.boundingBox())!;
	const form = (await page.locator('main .card').first().boundingBox())!;
	const apart =
		box.x + box.width <= form.x ||
		form.x + form.width <= box.x ||
		box.y + box.height <= form.y ||
		form.y + form.height <= box.y;
	expect(apart, 'the note is clear of the form').toBe(true);
	await expect(note).toHaveCount(0, { timeout: 8_000 });
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

	/** Entirely inside the 390 px wide screen. */
	async function onScreen(l: Locator): Promise<void> {
		await expect(l).toBeVisible();
		const box = (await l.boundingBox())!;
		expect(box.x).toBeGreaterThanOrEqual(0);
		expect(box.x + box.width).toBeLessThanOrEqual(390);
	}

	test('the desk’s control bar stays at the bottom; an order’s status, fill and Cancel fit the screen', async ({
		page
	}) => {
		await startSession(page);
		const dock = page.getByTestId('desk-dock');
		const box = (await dock.boundingBox())!;
		expect(Math.round(box.y + box.height)).toBe(844);
		await page.getByTestId('ticket-type').selectOption('limit');
		await page.getByTestId('ticket-limit').fill('13.00');
		await page.getByTestId('dock-buy').click();
		await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN limit 13.00');
		await page.getByTestId('replay-step').click();
		await expect(page.getByTestId('session-status')).toContainText('bar 2 of 26');

		await page.getByRole('link', { name: 'Orders', exact: true }).click();
		const row = page.getByTestId('order-row').first();
		await onScreen(row.locator('.badge'));
		await onScreen(row.locator('progress'));
		await onScreen(row.getByRole('button', { name: 'Cancel' }));
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	});
});
