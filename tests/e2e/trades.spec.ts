import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, waitForServiceWorker } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');
const importDas = (page: Page) => importFiles(page, [{ name: DAS_NAME, text: dasText }]);

test('import, list and filter trades, open one, journal it with risk and see R; it survives reloads, offline and a re-import', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await importDas(page);
	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Trades' }).click();
	const rows = page.getByTestId('trade-row');
	await expect(rows.first()).toBeVisible();
	const total = await rows.count();
	expect(total).toBeGreaterThan(5);

	// Filter: shorts only, then winners among BABA trades.
	await page.getByTestId('filter-side').selectOption('short');
	await expect(page.getByTestId('trades-summary')).toBeVisible();
	for (const text of await rows.allInnerTexts()) expect(text.toLowerCase()).toContain('short');
	await page.getByTestId('filter-side').selectOption('all');
	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').press('Enter');
	await page.getByTestId('filter-symbol').blur();
	await expect(rows).toHaveCount(3);
	// The filter is remembered across pages and reloads.
	await page.reload();
	await expect(page.getByTestId('filter-symbol')).toHaveValue('BABA');
	await expect(rows).toHaveCount(3);

	await rows.filter({ hasText: 'long' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('BABA · long');
	await expect(page.getByTestId('net-pnl')).toHaveText('248.07');
	await expect(page.getByTestId('executions').locator('tbody tr')).toHaveCount(3);
	const tradeUrl = page.url();

	await page.getByTestId('notes').fill('Waited for the VWAP reclaim.\n<script>alert(1)</script> stays text');
	await page.getByTestId('tags').fill('vwap_reclaim, a+');
	await page.getByTestId('strategy').fill('VWAP reclaim');
	await page.getByTestId('risk-kind').selectOption('money');
	await page.getByTestId('risk-value').fill('100');
	await page.getByRole('button', { name: 'Save journal' }).click();
	await expect(page.getByTestId('r-multiple')).toHaveText('+2.48R');
	await expect(page.getByTestId('saved-notes')).toContainText('<script>alert(1)</script> stays text');

	await page.reload();
	await expect(page.getByTestId('notes')).toHaveValue(/Waited for the VWAP reclaim/);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByTestId('tags')).toHaveValue('vwap_reclaim, a+');
	await expect(page.getByTestId('r-multiple')).toHaveText('+2.48R');
	await context.setOffline(false);

	await importDas(page);
	await page.goto(tradeUrl);
	await expect(page.getByTestId('strategy')).toHaveValue('VWAP reclaim');
	await page.goto('/trades');
	await page.getByTestId('filter-tag').selectOption('a+');
	await expect(rows).toHaveCount(1);
	await expect(rows.first()).toContainText('+2.48R');
});

test('a hand-typed round trip becomes a trade, and deleting it takes it away', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Broker').fill('Manual');
	await page.getByLabel('Account number').fill('M1');
	await page.getByRole('button', { name: 'Add account' }).click();
	await page.goto('/trades/new');
	const add = async (side: string, qty: string, px: string, time: string) => {
		await page.getByTestId('manual-symbol').fill('AAPL');
		await page.getByTestId('manual-side').selectOption(side);
		await page.getByTestId('manual-qty').fill(qty);
		await page.getByTestId('manual-price').fill(px);
		await page.getByTestId('manual-date').fill('2026-03-04');
		await page.getByTestId('manual-time').fill(time);
		await page.getByRole('button', { name: 'Add execution' }).click();
		await expect(page.getByTestId('manual-message')).toContainText('Added');
	};
	await add('buy', '10', '200', '09:30:00');
	await add('sell', '10', '201.5', '09:45:00');
	await page.getByRole('button', { name: 'Done' }).click();
	const row = page.getByTestId('trade-row').first();
	await expect(row).toContainText('AAPL');
	await expect(row).toContainText('15.00');
	await row.click();
	await page.getByRole('button', { name: "Delete this trade's executions" }).click();
	await expect(page).toHaveURL(/\/trades$/);
	await expect(page.getByText('No trades yet')).toBeVisible();
});

test('backup, clear, restore: the journal comes back and a second backup is byte-identical', async ({
	page
}) => {
	await importDas(page);
	await page.goto('/trades');
	await page.getByTestId('trade-row').first().click();
	await page.getByTestId('notes').fill('Kept through backup — ünïcödé ✓');
	await page.getByRole('button', { name: 'Save journal' }).click();
	await expect(page.getByTestId('saved-notes')).toBeVisible();
	const tradeUrl = page.url();

	await page.goto('/settings');
	const first = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download backup' }).click();
	const backupPath = await (await first).path();
	const backup = readFileSync(backupPath, 'utf8');
	expect(backup.startsWith('{"format":"fillbook-backup"')).toBe(true);

	await page.getByRole('button', { name: 'Delete all paper data…' }).click();
	await page
		.getByRole('dialog', { name: 'Delete everything in paper mode?' })
		.getByRole('button', { name: 'Delete all paper data' })
		.click();
	await expect(page.getByTestId('backup-message')).toHaveText('Everything in paper mode was deleted.');
	await page.goto('/trades');
	await expect(page.getByText('No trades yet')).toBeVisible();

	await page.goto('/settings');
	await page
		.getByTestId('restore-input')
		.setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
	const dialog = page.getByRole('dialog', { name: 'Replace everything in paper mode?' });
	await expect(dialog).toContainText('a paper-mode backup');
	await dialog.getByRole('button', { name: 'Replace with the backup' }).click();
	await expect(page.getByTestId('backup-message')).toHaveText('Restored backup.json.');

	await page.goto(tradeUrl);
	await expect(page.getByTestId('notes')).toHaveValue('Kept through backup — ünïcödé ✓');
	await page.goto('/settings');
	const second = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download backup' }).click();
	expect(readFileSync(await (await second).path(), 'utf8')).toBe(backup);
});

test('trades export to CSV with formula escaping', async ({ page }) => {
	await importDas(page);
	await page.goto('/trades');
	await expect(page.getByTestId('trade-row').first()).toBeVisible();
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('fillbook-paper-trades.csv');
	const text = readFileSync(await file.path(), 'utf8');
	expect(text.split('\r\n')[0]).toContain('Trade id,Account,Symbol,Side');
	expect(text).toContain('BABA');
});

test('the default risk rule gives R to trades without their own risk', async ({ page }) => {
	await importDas(page);
	await page.goto('/trades?');
	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').blur();
	const long = page.getByTestId('trade-row').filter({ hasText: 'BABA' }).filter({ hasText: 'long' });
	await expect(long).toHaveCount(1);
	await expect(long).toContainText('—');
	await page.goto('/settings');
	await page.getByTestId('default-risk-kind').selectOption('money');
	await page.getByTestId('default-risk-value').fill('50');
	await page.getByRole('button', { name: 'Save rule' }).click();
	await expect(page.getByText('Saved: R-multiples use it')).toBeVisible();
	await page.goto('/trades');
	await expect(long).toContainText('+4.96R');
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the trades list and a trade fit without horizontal scrolling', async ({ page }) => {
		await importDas(page);
		await page.goto('/trades');
		await page.getByTestId('trade-row').first().waitFor();
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		).toBeLessThanOrEqual(0);
		await page.getByTestId('trade-row').first().click();
		await expect(page.getByTestId('net-pnl')).toBeVisible();
		expect(
			await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
		).toBeLessThanOrEqual(0);
	});
});

test('futures point values can be set per root in Settings', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByText('Built in: ES 50')).toBeVisible();
	await page.getByTestId('point-root').fill('mym');
	await page.getByTestId('point-value').fill('0.5');
	await page.getByRole('button', { name: 'Set', exact: true }).click();
	await expect(page.getByTestId('point-values')).toContainText('MYM');
	await page.reload();
	await expect(page.getByTestId('point-values')).toContainText('0.5 per point');
	await page.getByRole('button', { name: 'Remove point value of MYM' }).click();
	await expect(page.getByTestId('point-values')).toHaveCount(0);
});
