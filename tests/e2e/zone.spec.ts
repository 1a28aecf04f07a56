import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

// The device's zone is Berlin, so "Browser", "New York" and "UTC" are three different clocks.
test.use({ timezoneId: 'Europe/Berlin' });

/** Picks a zone in Settings as a user does. */
async function chooseZone(page: Page, label: string | RegExp) {
	await page.goto('/settings');
	await page.getByRole('radiogroup', { name: 'Display time zone' }).getByLabel(label).check();
	await expect(page.getByTestId('zone-message')).toBeVisible();
}

/** The only IWM trade (bought 07:53:23 and 07:53:24, sold 08:50:15 New York time). */
async function iwmRow(page: Page): Promise<Locator> {
	await page.goto('/trades');
	await page.getByTestId('filter-symbol').fill('IWM');
	await page.getByTestId('filter-symbol').press('Enter');
	const rows = page.getByTestId('trade-row');
	await expect(rows).toHaveCount(1);
	return rows.first();
}

/** The trade chart's time-axis labels as minutes of the day (`8:15am` → 495), parsed from what uPlot drew. */
async function axisMinutes(page: Page): Promise<number[]> {
	const chart = page.getByTestId('trade-chart');
	await expect(chart).not.toHaveAttribute('data-x-labels', '');
	const text = (await chart.getAttribute('data-x-labels')) ?? '';
	return [...text.matchAll(/(\d{1,2}):(\d{2})(am|pm)/g)].map(
		([, h, m, half]) => ((Number(h) % 12) + (half === 'pm' ? 12 : 0)) * 60 + Number(m)
	);
}

test('the display zone chosen in Settings moves every time by its offset: list, trade page, chart axis, hour report, CSV', async ({
	page
}) => {
	await page.goto('/');
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);

	// A new user sees the browser's zone, and every page says so.
	let row = await iwmRow(page);
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Europe/Berlin');
	await expect(row.locator('.col-openTime')).toHaveText('2025-10-13 13:53:23');

	// New York (the exchange): the file's own clock.
	await chooseZone(page, 'New York (exchange, America/New_York)');
	await expect(page.getByTestId('zone-now')).toHaveText('Now: America/New_York');
	row = await iwmRow(page);
	await expect(page.getByTestId('zone-label')).toHaveText('Times in America/New_York');
	await expect(row.locator('.col-openTime')).toHaveText('2025-10-13 07:53:23');
	await row.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('IWM · long');
	const tradeUrl = page.url();
	const executionTimes = page.getByTestId('executions').locator('tbody tr td:first-child');
	await expect(executionTimes).toHaveText([
		'2025-10-13 07:53:23',
		'2025-10-13 07:53:24',
		'2025-10-13 08:50:15'
	]);
	await expect(page.getByTestId('trade-chart')).toHaveAttribute('data-zone', 'America/New_York');
	const nyAxis = await axisMinutes(page);
	expect(nyAxis.length).toBeGreaterThan(1);
	// The trade is between 07:53 and 08:50 New York time: so are the axis's labels.
	expect(Math.min(...nyAxis)).toBeGreaterThanOrEqual(7 * 60 + 45);
	expect(Math.max(...nyAxis)).toBeLessThanOrEqual(9 * 60);

	await page.goto('/reports');
	await page.getByTestId('breakdown-key').selectOption('hourOfDay');
	const table = page.getByTestId('breakdown-table');
	await expect(table).toHaveAttribute('data-key', 'hourOfDay');
	await expect(table.locator('thead th').first()).toHaveText('Hour of day (entry) · America/New_York');
	await expect(table.getByTestId('bucket').locator('th')).toHaveText(['07:00–07:59']);

	// UTC: every time moves by exactly New York's October offset, 4 hours, without a reload.
	await chooseZone(page, 'UTC');
	await expect(page.getByTestId('zone-label')).toHaveText('Times in UTC');
	row = await iwmRow(page);
	await expect(row.locator('.col-openTime')).toHaveText('2025-10-13 11:53:23');
	await expect(page.getByTestId('zone-label')).toHaveText('Times in UTC');

	const saved = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export CSV' }).click();
	const lines = readFileSync(await (await saved).path(), 'utf8')
		.trim()
		.split('\r\n');
	const header = lines[0]!.split(',');
	const open = header.indexOf('Open time (UTC)');
	const close = header.indexOf('Close time (UTC)');
	expect([open, close].every((i) => i >= 0)).toBe(true);
	expect(lines).toHaveLength(2);
	expect([lines[1]!.split(',')[open], lines[1]!.split(',')[close]]).toEqual([
		'2025-10-13 11:53:23',
		'2025-10-13 12:50:15'
	]);

	await page.goto('/reports');
	await expect(table.locator('thead th').first()).toHaveText('Hour of day (entry) · UTC');
	await expect(table.getByTestId('bucket').locator('th')).toHaveText(['11:00–11:59']);

	await page.goto(tradeUrl);
	await expect(executionTimes).toHaveText([
		'2025-10-13 11:53:23',
		'2025-10-13 11:53:24',
		'2025-10-13 12:50:15'
	]);
	await expect(page.getByTestId('trade-chart')).toHaveAttribute('data-zone', 'UTC');
	expect(await axisMinutes(page)).toEqual(nyAxis.map((m) => m + 4 * 60));
});

test('the display zone is kept on reload, used by a deep link as the first visit, and adopted by another open tab', async ({
	page,
	context
}) => {
	await page.goto('/');
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await chooseZone(page, 'UTC');
	await (await iwmRow(page)).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('IWM · long');
	const tradeUrl = page.url();
	const executionTimes = page.getByTestId('executions').locator('tbody tr td:first-child');
	await expect(executionTimes.first()).toHaveText('2025-10-13 11:53:23');

	// Kept on reload.
	await page.reload();
	await expect(page.getByTestId('zone-label')).toHaveText('Times in UTC');
	await expect(executionTimes.first()).toHaveText('2025-10-13 11:53:23');

	// A deep link as the first visit of a new tab uses it too.
	const other = await context.newPage();
	await other.goto(tradeUrl);
	await expect(other.getByTestId('zone-label')).toHaveText('Times in UTC');
	await expect(other.getByTestId('executions').locator('tbody tr td:first-child').first()).toHaveText(
		'2025-10-13 11:53:23'
	);

	// A zone chosen in one tab applies in the other at once (the storage event), without a reload.
	await chooseZone(page, 'New York (exchange, America/New_York)');
	await expect(other.getByTestId('zone-label')).toHaveText('Times in America/New_York');
	await expect(other.getByTestId('executions').locator('tbody tr td:first-child').first()).toHaveText(
		'2025-10-13 07:53:23'
	);
	await other.close();
});

test('Settings refuses a zone that does not exist, saying why, and keeps the one in use; any IANA zone can be typed', async ({
	page
}) => {
	await page.goto('/settings');
	const group = page.getByRole('radiogroup', { name: 'Display time zone' });
	await expect(group.getByLabel('Browser (Europe/Berlin)')).toBeChecked();
	await group.getByLabel('Another zone').check();
	const input = page.getByTestId('display-zone-input');
	await expect(input).toBeFocused();
	await input.fill('America/New_Yrok');
	await input.press('Enter');
	await expect(page.getByRole('alert')).toHaveText(
		'"America/New_Yrok" is not a time zone this browser knows. Use an IANA name such as America/New_York, Europe/London or UTC.'
	);
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Europe/Berlin');
	await page.reload();
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Europe/Berlin');

	await group.getByLabel('Another zone').check();
	await input.fill('asia/kolkata');
	await page.getByRole('button', { name: 'Use this zone' }).click();
	await expect(page.getByTestId('zone-message')).toHaveText('Times now show in Asia/Kolkata on every page.');
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Asia/Kolkata');
	await page.reload();
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Asia/Kolkata');
	await expect(group.getByLabel('Another zone')).toBeChecked();
	await expect(input).toHaveValue('Asia/Kolkata');
});

test('the dashboard calendar splits days at midnight of the display zone: one New York session is two days in Tokyo', async ({
	page
}) => {
	await page.goto('/');
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	const days = page.getByTestId('pnl-calendar').locator('button[data-day]');
	const calendar = async () =>
		days.evaluateAll((els) =>
			els.map((el) => [el.getAttribute('data-day'), Number(el.getAttribute('data-trades'))])
		);

	await chooseZone(page, 'New York (exchange, America/New_York)');
	await page.goto('/');
	await expect(days).toHaveCount(1);
	const ny = await calendar();
	expect(ny[0]![0]).toBe('2025-10-13');

	// 07:53–16:00 New York is 20:53 on the 13th to 05:00 on the 14th in Tokyo.
	await page.goto('/settings');
	await page.getByRole('radiogroup', { name: 'Display time zone' }).getByLabel('Another zone').check();
	await page.getByTestId('display-zone-input').fill('Asia/Tokyo');
	await page.getByTestId('display-zone-input').press('Enter');
	await page.goto('/');
	await expect(page.getByTestId('zone-label')).toHaveText('Times in Asia/Tokyo');
	await expect(days).toHaveCount(2);
	const tokyo = await calendar();
	expect(tokyo.map(([d]) => d)).toEqual(['2025-10-13', '2025-10-14']);
	expect(tokyo.every(([, n]) => (n as number) > 0)).toBe(true);
	expect(tokyo.reduce((s, [, n]) => s + (n as number), 0)).toBe(ny[0]![1]);
});
