import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const RIVN = { name: 'RIVN.csv', text: readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8') };

/** Imports the RIVN minute bars (2025-10-13 14:45–15:10 New York) and opens the start form. */
async function openStartForm(page: Page): Promise<void> {
	await importFiles(page, [RIVN]);
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('RIVN');
	await expect(page.getByTestId('paper-from')).toHaveValue('2025-10-13');
}

async function startSession(page: Page): Promise<void> {
	await openStartForm(page);
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(/RIVN · bar 0 of 26 · paused/);
}

/** A long position of 100 RIVN (bought at 14:46's open, 13.37) and a working sell limit above it. */
async function longWithWorkingLimit(page: Page): Promise<void> {
	await startSession(page);
	await page.getByTestId('replay-step').click();
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN market');
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toHaveText('100 @ 13.37');
	await page.getByTestId('ticket-type').selectOption('limit');
	await page.getByTestId('ticket-limit').fill('14.00');
	await page.getByTestId('ticket-sell').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Sell 100 RIVN limit 14.00');
	await expect(page.getByTestId('working-order')).toHaveCount(1);
}

test('the ticket keeps its quantity across tabs and a reload: 10 stays 10', async ({ page }) => {
	await startSession(page);
	await page.getByTestId('replay-step').click();
	await page.getByTestId('ticket-quantity').fill('10');
	await page.getByRole('link', { name: 'Risk' }).click();
	await page.getByRole('link', { name: 'Desk' }).click();
	await expect(page.getByTestId('ticket-quantity')).toHaveValue('10');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 10 RIVN market');

	await page.getByTestId('ticket-type').selectOption('limit');
	await page.getByTestId('ticket-limit').fill('13.10');
	await page.reload();
	await expect(page.getByTestId('ticket-quantity')).toHaveValue('10');
	await expect(page.getByTestId('ticket-type')).toHaveValue('limit');
	// A number field shows the number kept: 13.1.
	await expect(page.getByTestId('ticket-limit')).toHaveValue('13.1');
});

test('stopping cancels every working order and flattens by default; nothing is left working', async ({
	page
}) => {
	await longWithWorkingLimit(page);
	await page.getByRole('button', { name: 'Stop session' }).click();
	const dialog = page.getByRole('dialog');
	await expect(dialog).toContainText('Cancels 1 working order');
	await expect(dialog).toContainText('closes 100 RIVN at the next bar’s open');
	await dialog.getByRole('button', { name: 'Stop and flatten' }).click();
	await expect(page.getByTestId('session-status')).toContainText('stopped');
	// Closed at 14:47's open, 13.35: −2.00.
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	await expect(page.getByTestId('paper-realised')).toHaveText('−2.00');
	await expect(page.getByTestId('working-order')).toHaveCount(0);
	await page.getByRole('link', { name: 'Orders' }).click();
	await page.getByTestId('order-filter').getByRole('button', { name: 'Working' }).click();
	await expect(page.getByTestId('order-row')).toHaveCount(0);
	// After a reload (the list shows every order again: the entry, the cancelled limit, the flatten),
	// still none is working.
	await page.reload();
	await expect(page.getByTestId('order-row')).toHaveCount(3);
	await page.getByTestId('order-filter').getByRole('button', { name: 'Working' }).click();
	await expect(page.getByTestId('order-row')).toHaveCount(0);
});

test('"stop and leave open" cancels the working orders and says the position stays open', async ({
	page
}) => {
	await longWithWorkingLimit(page);
	await page.getByRole('button', { name: 'Stop session' }).click();
	const dialog = page.getByRole('dialog');
	await dialog.getByRole('button', { name: 'Stop and leave open' }).click();
	await expect(page.getByTestId('session-status')).toContainText('stopped');
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Stopped: 1 working order cancelled; 100 RIVN stay open (an open trade in the journal)'
	);
	await expect(page.getByTestId('paper-position')).toHaveText('100 @ 13.37');
	await expect(page.getByTestId('working-order')).toHaveCount(0);
});

test('risk limits are set on the start form and kept as the defaults of the next session', async ({
	page
}) => {
	await openStartForm(page);
	await page.getByText('Risk limits', { exact: true }).click();
	await page.getByRole('spinbutton', { name: 'Daily loss limit limit' }).fill('-3');
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 0 of 26');
	await page.getByRole('link', { name: 'Risk' }).click();
	await expect(page.locator('[data-rule="dailyLoss"]').getByTestId('risk-text')).toContainText('−$3.00');

	// Stopped (a running session reopens on a reload), the desk left for the start form, and reloaded.
	await page.getByRole('link', { name: 'Desk' }).click();
	await page.getByRole('button', { name: 'Stop session' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Stop the session' }).click();
	await expect(page.getByTestId('session-status')).toContainText('stopped');
	await page.getByRole('button', { name: 'Sessions' }).click();
	await page.reload();
	await page.getByText('Risk limits', { exact: true }).click();
	await expect(page.getByRole('spinbutton', { name: 'Daily loss limit limit' })).toHaveValue('-3');
});

test('a first day typed before the bars are listed is not overwritten by the default', async ({ page }) => {
	await importFiles(page, [RIVN]);
	// Typed the moment the form shows, before the engine has listed the bars' symbols.
	await page.goto('/paper', { waitUntil: 'commit' });
	await page.getByTestId('paper-from').fill('2025-10-10');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('RIVN');
	await expect(page.getByTestId('paper-to')).toHaveValue('2025-10-13');
	await expect(page.getByTestId('paper-from')).toHaveValue('2025-10-10');
});

test('the ticket and order texts: one order type, the trail named, no "yet" for a search, a full bar for 0.5', async ({
	page
}) => {
	await startSession(page);
	await page.getByTestId('replay-step').click();
	await page.getByTestId('ticket-type').selectOption('stop');
	await page.getByTestId('ticket-stop').fill('14.00');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN stop 14.00');

	await page.getByTestId('ticket-type').selectOption('trailing_stop');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'Placed: Buy 100 RIVN trailing stop, trail 0.50'
	);

	await page.getByTestId('ticket-type').selectOption('market');
	await page.getByTestId('ticket-quantity').fill('0.5');
	// A stock trades in whole shares unless its record says otherwise (see ticks.spec.ts).
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(
		'RIVN trades in whole shares: 0.5 is not a quantity; 1'
	);
	await page.getByRole('link', { name: 'Settings' }).click();
	await page.getByTestId('instrument-add').click();
	await page.getByTestId('instrument-symbol').fill('RIVN');
	await page.getByTestId('instrument-lot').fill('0.1');
	await page.getByTestId('instrument-save').click();
	await expect(page.getByTestId('instrument-message')).toHaveText('Saved RIVN.');
	await page.getByRole('link', { name: 'Paper trading' }).click();
	await expect(page.getByTestId('ticket-steps')).toContainText('quantity in 0.1 shares');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 0.5 RIVN market');
	await page.getByTestId('replay-step').click();

	await page.getByRole('link', { name: 'Orders' }).click();
	const half = page.getByTestId('order-row').filter({ hasText: 'market' });
	await expect(half).toHaveAttribute('data-status', 'filled');
	const full = await half.locator('progress').evaluate((p: HTMLProgressElement) => p.position);
	expect(full).toBe(1);

	await page.getByRole('searchbox', { name: 'Search by symbol' }).fill('ZZZ');
	await expect(page.getByText('No orders match “ZZZ”.')).toBeVisible();
	await expect(page.getByText(/No orders yet/)).toHaveCount(0);
});
