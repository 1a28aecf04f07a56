import type { Page } from '@playwright/test';
import { expect, test, startRivnSession } from './fixtures';

const startSession = (page: Page) => startRivnSession(page, 0);

test('replay: a bracket order fills, exits at its target, and the trade is in the journal', async ({
	page
}) => {
	await startSession(page);
	// The first bar (14:45) by keyboard.
	await page.keyboard.press('ArrowRight');
	await expect(page.getByTestId('session-status')).toContainText('bar 1 of 26');

	await page.getByTestId('ticket-quantity').fill('100');
	await page.getByTestId('ticket-bracket').check();
	await page.getByTestId('ticket-stop-loss').fill('13.20');
	await page.getByTestId('ticket-take-profit').fill('13.40');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Placed: Buy 100 RIVN market, stop 13.20, target 13.40'
	);
	// The entry works; its two exits are held until it fills; the exits' prices are lines on the chart.
	await expect(page.getByTestId('working-order')).toHaveCount(3);

	await page
		.getByRole('group', { name: 'Speed, bars per second' })
		.getByRole('button', { name: '50×' })
		.click();
	await page.getByTestId('replay-play').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 26 of 26', { timeout: 15_000 });

	// Bought at 14:46's open 13.37; 14:50 reached 13.40: sold there. +3.00 before $1 + $1 commission.
	await expect(page.getByTestId('paper-realised')).toHaveText('3.00');
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	const arrows = page.getByTestId('chart-markers').locator('li');
	await expect(arrows).toHaveCount(2);
	await expect(arrows.first()).toHaveAttribute('data-price', '13.37');
	await expect(arrows.last()).toHaveAttribute('data-price', '13.4');

	await page.getByRole('link', { name: 'Orders' }).click();
	await expect(page.getByTestId('order-row').filter({ hasText: 'take profit' })).toHaveAttribute(
		'data-status',
		'filled'
	);
	await expect(page.getByTestId('order-row').filter({ hasText: 'stop loss' })).toHaveAttribute(
		'data-status',
		'cancelled'
	);

	// The paper executions are a trade in the journal like any other.
	await page.goto('/trades');
	const row = page.getByTestId('trade-row').filter({ hasText: 'RIVN' });
	await expect(row).toHaveCount(1);
	await expect(row).toContainText('long');
	await expect(row).toContainText('1.00');
});

test('risk: past the daily loss limit the next order is rejected with its reason; emergency flatten', async ({
	page
}) => {
	await startSession(page);
	await page.getByRole('link', { name: 'Risk' }).click();
	await page.getByRole('spinbutton', { name: 'Daily loss limit limit' }).fill('-3');
	await page.getByTestId('risk-save').click();
	await expect(page.getByTestId('paper-message')).toContainText('Risk limits changed');

	await page.getByRole('link', { name: 'Desk' }).click();
	await page.getByTestId('replay-step').click();
	await page.getByTestId('ticket-quantity').fill('100');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN market');
	// Filled at 13.37 (14:46), marked at 13.33 (14:47): −4.00, and the $1 commission: −5.00 today.
	await page.getByTestId('replay-step').click();
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toHaveText('100 @ 13.37');

	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Daily loss limit: −$5.00 is beyond the limit of −$3.00'
	);

	await page.getByRole('link', { name: 'Risk' }).click();
	const rule = page.locator('[data-rule="dailyLoss"]');
	await expect(rule).toHaveAttribute('data-status', 'breached');
	await page.getByRole('link', { name: 'Orders' }).click();
	await page.getByTestId('order-filter').getByRole('button', { name: 'Rejected' }).click();
	await expect(page.getByTestId('order-row')).toHaveCount(1);
	await expect(page.getByTestId('order-reason')).toHaveText(
		'Daily loss limit: −$5.00 is beyond the limit of −$3.00'
	);

	// Emergency flatten, behind a confirmation: the position closes at the next bar's open (14:48, 13.33).
	await page.getByRole('link', { name: 'Desk' }).click();
	// The desk's keys work once it is on screen.
	await expect(page.getByTestId('order-ticket')).toBeVisible();
	await page.keyboard.press('f');
	await page.getByRole('button', { name: 'Flatten everything' }).click();
	await expect(page.getByTestId('paper-message')).toContainText('Flattening');
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	await expect(page.getByTestId('paper-realised')).toHaveText('−4.00');

	// A reload replays the stored session to the same place.
	await page.reload();
	await expect(page.getByTestId('session-status')).toContainText('bar 4 of 26');
	await expect(page.getByTestId('paper-realised')).toHaveText('−4.00');
});

test('a working order’s line drags to a new price', async ({ page }) => {
	await startSession(page);
	for (let i = 0; i < 3; i++) await page.getByTestId('replay-step').click();
	await page.getByTestId('ticket-type').selectOption('limit');
	await page.getByTestId('ticket-limit').fill('13.25');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN limit 13.25');

	const line = page.getByTestId('chart-levels').locator('li[data-price="13.25"]');
	await expect(line).toHaveAttribute('data-movable', 'true');
	const y = Number(await line.getAttribute('data-y'));
	const over = (await page.getByTestId('price-chart').locator('.u-over').first().boundingBox())!;
	await page.mouse.move(over.x + over.width / 2, over.y + y);
	await page.mouse.down();
	await page.mouse.move(over.x + over.width / 2, over.y + y - 30, { steps: 5 });
	await page.mouse.up();
	// Up the chart is a higher price: the limit moves up, to the cent.
	await expect(page.getByTestId('paper-message')).toHaveText(/^Changed o1: limit 13\.\d\d$/);
	const moved = Number((await page.getByTestId('paper-message').textContent())!.split('limit ')[1]);
	expect(moved).toBeGreaterThan(13.25);
	await expect(page.getByTestId('chart-levels').locator(`li[data-price="${moved}"]`)).toHaveCount(1);

	// A zoom is kept while bars are revealed: the view follows the new bar at the right edge.
	for (let i = 0; i < 8; i++) await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 11 of 26');
	const chart = page.getByTestId('price-chart');
	// The chart in view again, clear of the sticky header (the ticket's buttons, clicked above, sit lower).
	await chart
		.locator('.u-over')
		.first()
		.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const plot = (await chart.locator('.u-over').first().boundingBox())!;
	await page.mouse.move(plot.x + plot.width - 10, plot.y + 20);
	await page.mouse.wheel(0, -200);
	const view = async (): Promise<[number, number]> => [
		Number(await chart.getAttribute('data-x-min')),
		Number(await chart.getAttribute('data-x-max'))
	];
	await expect
		.poll(async () => {
			const [a, b] = await view();
			return b - a;
		})
		.toBeLessThan(10);
	const [min, max] = await view();
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 12 of 26');
	await expect.poll(view).toEqual([min + 1, max + 1]);
	await page.getByRole('link', { name: 'Orders' }).click();
	// The order's price cell (the 7th) reads the price it was dragged to, to the cent, exactly.
	await expect(page.getByTestId('order-row').first().locator('td').nth(6)).toHaveText(moved.toFixed(2));
});

test('real mode: no orders can be sent; the journal is offered instead', async ({ page }) => {
	await page.addInitScript(() => localStorage.setItem('fillbook.mode', 'real'));
	await page.goto('/paper');
	await expect(page.getByRole('heading', { name: 'Orders cannot be sent from real mode' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Open the journal' })).toBeVisible();
	await expect(page.getByTestId('order-ticket')).toHaveCount(0);
});

test.describe('at phone width', () => {
	// Not isMobile: a mobile layout viewport grows to fit the content and would hide an overflow.
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

	test('the desk and its tabs fit without horizontal scrolling', async ({ page }) => {
		await startSession(page);
		await page.getByTestId('replay-step').click();
		await page.getByTestId('ticket-buy').click();
		await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN market');
		await page.getByTestId('replay-step').click();
		for (const tab of ['Desk', 'Orders', 'Positions', 'Risk']) {
			await page.getByRole('link', { name: tab, exact: true }).click();
			await expect(page.getByRole('link', { name: tab, exact: true })).toHaveAttribute(
				'aria-current',
				'page'
			);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - 390);
			expect(overflow, tab).toBeLessThanOrEqual(0);
		}
	});
});
