import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

// A trader in New York: SPY's daily bars are dated on New York's calendar.
test.use({ timezoneId: 'America/New_York' });

const SPY = {
	name: 'SPY.csv',
	text: readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8'),
	format: 'yahoo-bars'
};

/** Runs the generator at 2 of 4 groups and opens the oldest signal: SPY's BUY of 2020-11-10 (close 354.04). */
async function openOldestSignal(page: Page) {
	await page.goto('/signals');
	await page.getByTestId('min-groups').selectOption('2');
	await page.getByTestId('run-signals').click();
	const rows = page.getByTestId('signal-row');
	await expect(rows).toHaveCount(3);
	const oldest = rows.last();
	await expect(oldest.locator('td').nth(4)).toHaveText('354.04');
	await oldest.click();
	await expect(page.getByTestId('lineage').getByRole('heading', { level: 2 })).toContainText(
		'Why BUY SPY · 2020-11-10'
	);
	return oldest;
}

test('a signal taken on the desk shows what became of it: the refused take, the edited one, its orders, fills and trade', async ({
	page
}) => {
	await importFiles(page, [SPY]);
	const oldest = await openOldestSignal(page);
	const outcome = page.getByTestId('signal-outcome');
	await expect(outcome.getByTestId('outcome-empty')).toContainText('Nothing yet');

	// Taken from the empty state: no session of SPY runs, so the desk offers one from the signal's day.
	await outcome.getByTestId('outcome-take').click();
	await expect(page.getByTestId('take-offer')).toContainText('No paper session of SPY is running at');
	await page.getByTestId('take-start').click();
	await expect(page).toHaveURL(/\/paper$/);
	await expect(page.getByTestId('ticket-signal')).toContainText(
		'From the BUY signal of SPY 1D at 2020-11-10'
	);
	await expect(page.getByTestId('ticket-limit')).toHaveValue('354.04');

	// As filled (100 shares) the order is worth $35,404: the order value limit ($25,000) refuses it.
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Order value: $35,404.00 is beyond the limit of $25,000.00'
	);
	// Edited: 50 shares, good till cancelled (daily bars end a DAY order), a limit of 354.00.
	await page.getByTestId('ticket-quantity').fill('50');
	await page.getByTestId('ticket-tif').selectOption('gtc');
	await page.getByTestId('ticket-limit').fill('354.00');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toContainText('Placed: Buy 50 SPY limit 354.00');
	// The entry fills on 2020-11-12 (low 351.26); the target 364.63 on 2020-12-01, opening at 365.57.
	for (let i = 0; i < 14; i++) await page.getByTestId('replay-step').click();
	await expect(page.getByLabel('Bars revealed')).toHaveAttribute('aria-valuenow', '15');
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	await expect(page.getByTestId('paper-realised')).toHaveText('578.50');

	await openOldestSignal(page);
	await expect(oldest).toBeVisible();
	const shown = async () => {
		const items = outcome.getByTestId('outcome');
		await expect(items).toHaveCount(2);
		const [refused, placed] = [items.nth(0), items.nth(1)];
		await expect(refused.getByTestId('outcome-session')).toHaveText(
			'SPY paper session, 2020-11-10 to 2021-01-12 · running'
		);
		await expect(refused.getByTestId('outcome-source')).toHaveText(
			'Taken from this signal at 2020-11-10, as it filled the ticket'
		);
		await expect(refused.getByTestId('outcome-risk')).toHaveText(
			'rejected: Order value: $35,404.00 is beyond the limit of $25,000.00'
		);
		await expect(refused.getByTestId('outcome-risk').locator('[data-rule]')).toHaveAttribute(
			'data-rule',
			'orderValue'
		);
		await expect(refused.getByTestId('outcome-order')).toHaveCount(0);
		await expect(placed.getByTestId('outcome-source')).toHaveText(
			"Taken from this signal at 2020-11-10, edited before sending: limit 354.00 (the signal's 354.04)"
		);
		await expect(placed.getByTestId('outcome-risk')).toHaveText('passed');
		await expect(placed.getByTestId('outcome-order')).toHaveText([
			'o1 buy 50 limit 354.00 (entry) · filled',
			'o2 sell 0 stop 343.45 (stop loss) · cancelled',
			'o3 sell 50 limit 364.63 (take profit) · filled'
		]);
		await expect(placed.getByTestId('outcome-fill')).toHaveText([
			'2020-11-12 · buy 50 @ 354.00 (o1)',
			'2020-12-01 · sell 50 @ 365.57 (o3)'
		]);
		// 50 × (365.57 − 354.00) with no commission.
		await expect(placed.getByTestId('outcome-trade')).toHaveText('Closed trade · net $578.50');
	};
	await shown();

	// Still there after a reload (the run is asked again).
	await page.reload();
	await openOldestSignal(page);
	await shown();

	// The trade link opens the trade.
	await outcome.getByTestId('outcome-trade').getByRole('link', { name: 'Closed trade' }).click();
	await expect(page).toHaveURL(/\/trades\/[0-9a-f]+$/);
	await expect(page.getByTestId('net-pnl')).toHaveText('578.50');
	// …whose page leads its fills back to the signal they were taken from, and what was edited.
	const chain = page.getByTestId('lineage-chain');
	await expect(chain).toHaveCount(1);
	await expect(chain.getByTestId('lineage-signal')).toContainText(
		'BUY signal of SPY 1D on the bar of 2020-11-10'
	);
	await expect(chain.getByTestId('lineage-values')).toContainText('edited before sending: limit 354.00');
	await expect(chain.getByTestId('lineage-fill')).toHaveText([
		/^2020-11-12 00:00:00 · buy\s+50 @ 354\.00 \(o1\)$/,
		/^2020-12-01 00:00:00 · sell\s+50 @ 365\.57 \(o3\)$/
	]);

	// "Open on the desk" opens its session there.
	await page.goBack();
	await openOldestSignal(page);
	await outcome.getByTestId('outcome-open-session').first().focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/paper$/);
	await expect(page.getByTestId('ticket-signal')).toContainText('From the BUY signal of SPY 1D');
	await page.getByTestId('ticket-clear').click();
	await expect(page.getByTestId('ticket-signal')).toHaveCount(0);
	await expect(page.getByTestId('ticket-limit')).toHaveCount(0);
});
