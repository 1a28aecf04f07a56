import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

/** Picks the DAS sample on the Import page and imports it into paper mode. */
const importSample = (page: Page) =>
	importFiles(page, [{ name: DAS_NAME, text: dasText, format: 'das-trades' }], 'Import into paper mode');

/** The value of a `data-net` attribute in cents. */
const cents = (text: string | null) => Math.round(Number(text) * 100);

test('reports break the DAS sample down, agree with the dashboard, switch and export CSV', async ({
	page
}) => {
	await page.goto('/reports');
	await expect(page.getByRole('heading', { name: 'No reports yet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'import a file' })).toBeVisible();

	await importSample(page);
	await page.goto('/');
	const net = page.getByTestId('net-pnl');
	await expect(net).toBeVisible();
	const dashboardNet = cents(await net.getAttribute('data-value'));

	await page.goto('/reports');
	const table = page.getByTestId('breakdown-table');
	await page.getByTestId('breakdown-key').selectOption('symbol');
	await expect(table).toHaveAttribute('data-key', 'symbol');
	const rows = table.getByTestId('bucket');
	expect(await rows.count()).toBeGreaterThan(1);
	const nets = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-net')));
	expect(nets.reduce((s, n) => s + cents(n), 0)).toBe(dashboardNet);
	expect(cents(await table.getByTestId('breakdown-total').getAttribute('data-net'))).toBe(dashboardNet);
	// One bar per bucket.
	await expect(page.getByTestId('breakdown-bars').locator('.row')).toHaveCount(await rows.count());

	await page.getByTestId('breakdown-key').selectOption('side');
	await expect(table).toHaveAttribute('data-key', 'side');
	await expect(table.locator('thead th').first()).toHaveText('Side (long or short)');
	await expect(rows.first().locator('th')).toHaveText('Long');

	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('fillbook-paper-by-side.csv');
	const lines = readFileSync(await file.path(), 'utf8')
		.trim()
		.split('\r\n');
	expect(lines[0]).toMatch(/^Side,Trades,Wins,Losses,Breakeven,Win rate %,Net P&L \(\$\)/);
	expect(lines.at(-1)).toMatch(/^All trades,/);
	expect(cents(lines.at(-1)!.split(',')[6]!)).toBe(dashboardNet);

	const png = page.waitForEvent('download');
	await page.getByTestId('save-bars-png').click();
	expect((await png).suggestedFilename()).toBe('fillbook-paper-by-side.png');

	// Without a risk, no R: the Monte Carlo says so and where to set one.
	await expect(page.getByTestId('no-r')).toContainText('has an R multiple');
	await page.getByTestId('no-r').getByRole('link', { name: 'Settings' }).click();
	await page.getByTestId('default-risk-kind').selectOption('money');
	await page.getByTestId('default-risk-value').fill('50');
	await page.getByRole('button', { name: 'Save rule' }).click();
	await expect(page.getByText('Saved: R-multiples use it')).toBeVisible();

	await page.goto('/reports');
	const chart = page.getByTestId('monte-carlo-chart');
	await expect(chart.locator('canvas')).toHaveCount(1);
	await expect(chart).toHaveAttribute('data-paths', '1000');
	const probability = page.getByTestId('ruin-probability');
	const at = async () => Number(await probability.getAttribute('data-value'));
	await page.getByTestId('mc-drawdown').fill('1');
	const shallow = await at();
	await page.getByTestId('mc-drawdown').fill('20');
	expect(await at()).toBeLessThanOrEqual(shallow);
	await page.getByTestId('mc-paths').fill('200');
	await page.getByTestId('mc-paths').blur();
	await expect(chart).toHaveAttribute('data-paths', '200');
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the reports fit without horizontal scrolling', async ({ page }) => {
		await importSample(page);
		await page.goto('/reports');
		await expect(page.getByTestId('breakdown-table')).toBeVisible();
		await expect(page.getByTestId('breakdown-bars')).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});
