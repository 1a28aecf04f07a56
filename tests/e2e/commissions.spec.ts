import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterRealMode, expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

/** The BABA long round trip of 2025-10-13 on the Trades page (gross 248.57, DAS ECN fees 0.50). */
async function babaLong(page: Page) {
	await page.goto('/trades');
	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').press('Enter');
	const row = page.getByTestId('trade-row').filter({ hasText: 'BABA' }).filter({ hasText: 'long' });
	await expect(row).toHaveCount(1);
	return row;
}

/** IBKR Pro fixed as a trader types it: $0.0035/share, $0.35 min per order, SEC and TAF. */
async function fillSchedule(page: Page, perShare = '0.0035') {
	await page.getByTestId('schedule-name').fill('IBKR Pro fixed');
	await page.getByTestId('schedule-from').fill('2025-01-01');
	await page.getByTestId('schedule-kind').selectOption('per_share');
	await page.getByTestId('schedule-per-share').fill(perShare);
	await page.getByTestId('schedule-minimum').fill('0.35');
	await page.getByTestId('schedule-sec').fill('27.80');
	await page.getByTestId('schedule-taf').fill('0.000166');
	await page.getByTestId('schedule-taf-cap').fill('8.30');
}

test('a commission schedule changes a DAS trade’s net P&L on Trades and its page, names itself, and deleting it restores it', async ({
	page
}) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await expect((await babaLong(page)).locator('.col-netPnl')).toHaveText('248.07');

	await page.goto('/settings');
	await expect(page.getByTestId('no-schedules')).toHaveText(
		'No schedules in paper mode: net P&L counts only the costs your files give. Add one below.'
	);
	// A negative rate is refused with a message at its field, and nothing is stored.
	await fillSchedule(page, '-0.0035');
	await page.getByTestId('schedule-save').click();
	await expect(page.getByText('The rate per share cannot be negative.')).toBeVisible();
	await expect(page.getByTestId('schedule')).toHaveCount(0);

	await page.getByTestId('schedule-per-share').fill('0.0035');
	await page.getByTestId('schedule-save').click();
	await expect(page.getByTestId('schedule-message')).toHaveText(
		'Saved “IBKR Pro fixed”: net P&L is recomputed with it everywhere.'
	);
	await expect(page.getByTestId('schedule')).toHaveCount(1);
	await expect(page.getByTestId('schedule')).toContainText('TRPA61247 at DAS Trader · from 2025-01-01');
	await expect(page.getByTestId('schedule')).toContainText(
		'$0.0035/share, min $0.35 per order · SEC $27.8/M sold · TAF $0.000166/share sold, cap $8.3 per order'
	);

	// Commission 3.08 (3 orders × shares × 0.0035), fees 0.501 ECN + 2.0497 SEC + 0.073 TAF = 2.62:
	// 248.57 − 3.08 − 2.62 = 242.87, Tradervue's Net P&L for this trade.
	const row = await babaLong(page);
	await expect(row.locator('.col-netPnl')).toHaveText('242.87');
	await row.click();
	await expect(page.getByTestId('net-pnl')).toHaveText('242.87');
	await expect(page.getByTestId('commissions')).toHaveText('3.08');
	await expect(page.getByTestId('fees')).toHaveText('2.62');
	await expect(page.getByTestId('cost-line')).toHaveText([
		'Commission $3.08 — IBKR Pro fixed, from 2025-01-01',
		'SEC fee $2.04971624 — IBKR Pro fixed, from 2025-01-01',
		'FINRA TAF $0.07304 — IBKR Pro fixed, from 2025-01-01'
	]);

	await page.goto('/settings');
	await page.getByRole('button', { name: 'Delete IBKR Pro fixed' }).click();
	await expect(page.getByTestId('schedule-message')).toHaveText('Deleted “IBKR Pro fixed”.');
	await expect(page.getByTestId('no-schedules')).toBeVisible();
	await expect((await babaLong(page)).locator('.col-netPnl')).toHaveText('248.07');
});

test('in real mode, saving and deleting a schedule first names what changes', async ({ page }) => {
	await page.goto('/');
	await enterRealMode(page);
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await page.goto('/settings');
	await fillSchedule(page);
	await page.getByTestId('schedule-save').click();
	const dialog = page.getByRole('dialog', { name: 'Change net P&L in real mode?' });
	await expect(dialog.getByTestId('schedule-impact')).toContainText(
		/^Saving “IBKR Pro fixed” changes the commissions, fees and net P&L of \d+ trades in TRPA61247: net P&L falls by [\d,]+\.\d\d in all\.$/
	);
	// Cancelling changes nothing.
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('no-schedules')).toBeVisible();
	await page.getByTestId('schedule-save').click();
	await dialog.getByRole('button', { name: 'Save schedule' }).click();
	await expect(page.getByTestId('schedule')).toHaveCount(1);
	await expect((await babaLong(page)).locator('.col-netPnl')).toHaveText('242.87');

	await page.goto('/settings');
	await page.getByRole('button', { name: 'Delete IBKR Pro fixed' }).click();
	await expect(dialog.getByTestId('schedule-impact')).toContainText(
		/^Deleting “IBKR Pro fixed” changes .* net P&L rises by/
	);
	await dialog.getByRole('button', { name: 'Delete schedule' }).click();
	await expect(page.getByTestId('no-schedules')).toBeVisible();
	await expect((await babaLong(page)).locator('.col-netPnl')).toHaveText('248.07');
});
