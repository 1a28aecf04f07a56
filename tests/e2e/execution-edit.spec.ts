import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, showFilters } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

// The DAS day's times read as DAS wrote them.
test.use({ timezoneId: 'America/New_York' });

/** Opens the BABA long of 2025-10-13: buy 243 @ 166.92, buy 197 @ 167.11, sell 440 @ 167.57. */
async function openBabaLong(page: Page) {
	await page.goto('/trades');
	await showFilters(page);
	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').press('Enter');
	// Until the filter has applied, the list still holds every symbol's trades.
	const row = page.getByTestId('trade-row').filter({ hasText: 'BABA' }).filter({ hasText: 'long' });
	await expect(row).toHaveCount(1);
	await row.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('BABA · long');
}

const rows = (page: Page) => page.getByTestId('execution-row');

test('edit a fill’s price: the exact new P&L on the trade and in Trades, kept through a reload, reverted, then a fill deleted', async ({
	page
}) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await openBabaLong(page);
	await expect(page.getByTestId('net-pnl')).toHaveText('248.07');
	await expect(rows(page)).toHaveCount(3);

	// Keyboard: the sale's Edit button is reachable and opens the form with its values.
	const edit = page.getByRole('button', {
		name: 'Edit execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.57'
	});
	await edit.focus();
	await page.keyboard.press('Enter');
	const form = page.getByTestId('execution-edit-form');
	await expect(page.getByTestId('edit-price')).toHaveValue('167.57');
	await expect(page.getByTestId('edit-qty')).toHaveValue('440');
	await expect(page.getByTestId('edit-time')).toHaveValue('11:45:50');

	// A bad value is refused with the reason, and nothing changes.
	await page.getByTestId('edit-price').fill('-1');
	await form.getByRole('button', { name: 'Save execution' }).click();
	await expect(page.getByTestId('edit-message')).toHaveText('Price must be a number above zero.');
	await page.getByTestId('edit-price').fill('167.67');
	await page.getByTestId('edit-reason').fill('fill corrected by the broker');
	await form.getByRole('button', { name: 'Save execution' }).click();
	await expect(form).toBeHidden();

	// 440 × 0.10 more: 292.57 gross, 292.07 net, computed now (the broker booked 167.57).
	await expect(page.getByTestId('net-pnl')).toHaveText('292.07');
	await expect(page.getByTestId('execution-message')).toHaveText('Execution edited.');
	const sale = rows(page).nth(2);
	await expect(sale.getByTestId('edited-badge')).toHaveText('edited');
	await sale.getByTestId('edited-badge').click();
	await expect(page.getByTestId('edit-note')).toHaveText(
		'Imported as 2025-10-13 11:45:50 SELL 440 BABA @ 167.57; changed @ 167.57 to @ 167.67 (fill corrected by the broker).'
	);
	await expect(page.getByText('as the broker reports it')).toHaveCount(0);
	const tradeUrl = page.url();

	await page.goto('/trades');
	const baba = page.getByTestId('trade-row').filter({ hasText: 'BABA' }).filter({ hasText: 'long' });
	await expect(baba).toHaveCount(1);
	await expect(baba).toContainText('292.07');

	await page.goto(tradeUrl);
	await page.reload();
	await expect(page.getByTestId('net-pnl')).toHaveText('292.07');
	await expect(rows(page).nth(2).getByTestId('edited-badge')).toBeVisible();

	// Revert: the broker's figure again.
	await page
		.getByRole('button', { name: 'Revert execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.67 to imported' })
		.click();
	await expect(page.getByTestId('net-pnl')).toHaveText('248.07');
	await expect(page.getByTestId('execution-message')).toHaveText('Execution reverted to imported.');
	await expect(page.getByTestId('edited-badge')).toHaveCount(0);

	// Delete the 197 bought at 167.11: the sale closes 243 (243 × 0.65 = 157.95 gross) and opens a short.
	await page
		.getByRole('button', { name: 'Delete execution 2025-10-13 11:39:17 BUY 197 BABA @ 167.11' })
		.click();
	await expect(page.getByTestId('execution-message')).toHaveText('Execution deleted.');
	await expect(rows(page)).toHaveCount(2);
	await expect(page.getByTestId('net-pnl')).toHaveText('158.22');
	await expect(rows(page).nth(1)).toContainText('of 440');
	await page.goto('/trades');
	await expect(
		page.getByTestId('trade-row').filter({ hasText: 'BABA' }).filter({ hasText: 'long' })
	).toContainText('158.22');
});

test('in real mode an edit and the deletion of a reversal’s crossing fill name the change and every trade first', async ({
	page
}) => {
	await page.goto('/');
	await page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Real' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Switch to real mode' }).click();
	await importFiles(page, [{ name: DAS_NAME, text: dasText }], 'Import into real mode');
	await openBabaLong(page);

	await page
		.getByRole('button', { name: 'Edit execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.57' })
		.click();
	await page.getByTestId('edit-price').fill('167.67');
	await page.getByRole('button', { name: 'Save execution' }).click();
	const confirm = page.getByRole('dialog', { name: 'Change a real execution?' });
	await expect(confirm.getByTestId('change-question')).toHaveText(
		'Change execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.57 to @ 167.67 in real mode?'
	);
	await expect(confirm.getByTestId('affected-trades').locator('li')).toHaveText([
		'Trade BABA long 2025-10-13 11:39:15: net P&L changes from 248.07 to 292.07'
	]);
	// Cancel changes nothing.
	await confirm.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('net-pnl')).toHaveText('248.07');

	// Deleting the 197 bought makes the sale a reversal; deleting the sale then touches both trades.
	await page
		.getByRole('button', { name: 'Delete execution 2025-10-13 11:39:17 BUY 197 BABA @ 167.11' })
		.click();
	await page
		.getByRole('dialog', { name: 'Delete a real execution?' })
		.getByRole('button', { name: 'Delete execution' })
		.click();
	await expect(page.getByTestId('net-pnl')).toHaveText('158.22');
	await page
		.getByRole('button', { name: 'Delete execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.57' })
		.click();
	const both = page.getByRole('dialog', { name: 'Delete a real execution?' });
	await expect(both.getByTestId('change-question')).toHaveText(
		'Delete execution 2025-10-13 11:45:50 SELL 440 BABA @ 167.57 in real mode?'
	);
	await expect(both.getByTestId('affected-trades').locator('li')).toHaveText([
		// The 243 bought stays open into the day's later BABA executions.
		'Trade BABA long 2025-10-13 11:39:15 (open): net P&L changes from 158.22 to 27.06',
		'Trade BABA short 2025-10-13 11:45:50 (open): net P&L −5.75; it is no longer a trade of its own'
	]);
	await both.getByRole('button', { name: 'Delete execution' }).click();
	await expect(page.getByTestId('execution-message')).toHaveText('Execution deleted.');
	await expect(page.getByTestId('net-pnl')).toHaveText('27.06');
});

test.describe('phone width', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the executions with their Edit and Delete buttons fit without widening the page; a wrong-side stop is refused', async ({
		page
	}) => {
		await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
		await openBabaLong(page);
		await expect(page.getByRole('button', { name: /^Edit execution/ }).first()).toBeVisible();
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390);

		// A stop above a long's entry is refused with the reason, as typed and on saving.
		await page.getByTestId('risk-kind').selectOption('stop');
		await page.getByTestId('risk-value').fill('168');
		const reason = "A long's stop must be below its entry (167.0051); 168 is above it.";
		await expect(page.getByTestId('stop-problem')).toHaveText(reason);
		await page.getByRole('button', { name: 'Save journal' }).click();
		await expect(page.locator('.journal [role="status"]')).toHaveText(reason);
		await page.getByTestId('risk-value').fill('166.5');
		await expect(page.getByTestId('stop-problem')).toHaveCount(0);
		await page.getByRole('button', { name: 'Save journal' }).click();
		await expect(page.locator('.journal [role="status"]')).toHaveText('Saved.');
	});
});
