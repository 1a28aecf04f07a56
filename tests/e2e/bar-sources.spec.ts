import { expect, importFiles, RIVN_BARS, test } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

/**
 * RIVN's bars from another source: the 15:05 bar a cent off, the 15:10 bar spiking, and one new
 * bar at 15:11. A browser names a second download of a file "RIVN (1).csv".
 */
const OTHER = {
	name: 'RIVN (1).csv',
	text: RIVN_BARS.text
		.replace(
			'2025-10-13 15:10:00-04:00,13.34,13.37,13.33,13.36',
			'2025-10-13 15:10:00-04:00,13.37,14.10,13.33,14.00'
		)
		.replace(
			'2025-10-13 15:05:00-04:00,13.35,13.36,13.32,13.33',
			'2025-10-13 15:05:00-04:00,13.35,13.36,13.32,13.34'
		)
		.concat('2025-10-13 15:11:00-04:00,13.36,13.38,13.35,13.37,13.37,50000\n')
};

test('two bar files that disagree are shown side by side, and the one chosen is what the desk replays', async ({
	page
}) => {
	await importFiles(page, [RIVN_BARS]);
	await importFiles(page, [OTHER]);
	const card = page.getByRole('article', { name: `Import ${OTHER.name}` });
	await expect(card.getByTestId('import-result')).toHaveText(
		'27 rows read: 3 imported, 24 already stored, 0 rejected, 0 skipped'
	);
	await expect(card.getByTestId('result-warnings')).toHaveText(
		"2 bars of RIVN differ from the bars already stored (the first at 2025-10-13 15:05:00, line 22: stored O 13.35 H 13.36 L 13.32 C 13.33, this file O 13.35 H 13.36 L 13.32 C 13.34); this file's are kept beside them: compare the files and choose which to use in Charts → Bar sources"
	);

	// The Charts page says so and leads to the comparison.
	await page.goto('/charts?symbol=RIVN');
	await expect(page.getByTestId('chart-bar-files')).toHaveText(
		'2 bar files; they disagree on 2 bars. Compare bar files'
	);
	await page.getByRole('link', { name: 'Compare bar files' }).click();
	await expect(page).toHaveURL(/\/charts\/sources\?symbol=RIVN$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bar sources');

	const files = page.getByTestId('sources-file');
	await expect(files).toHaveCount(2);
	await expect(files.nth(0)).toContainText('RIVN.csv');
	await expect(files.nth(0).locator('td.num')).toHaveText(['26', '2']);
	await expect(files.nth(1)).toContainText('RIVN (1).csv');
	await expect(files.nth(1).locator('td.num')).toHaveText(['3', '2']);
	await expect(page.getByTestId('sources-in-use')).toHaveCount(1);
	await expect(files.nth(0).getByTestId('sources-in-use')).toHaveText('in use');
	await expect(page.getByLabel('The first imported file (default)')).toBeChecked();

	await expect(page.getByTestId('sources-total')).toHaveText('2 bars');
	const rows = page.getByTestId('sources-row');
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0).locator('th')).toHaveText('2025-10-13 15:05:00');
	await expect(rows.nth(0).locator('td')).toHaveText([
		'O 13.35H 13.36L 13.32C 13.33',
		'O 13.35H 13.36L 13.32C 13.34',
		'0.08 %'
	]);
	await expect(rows.nth(1).locator('th')).toHaveText('2025-10-13 15:10:00');
	await expect(rows.nth(1).locator('td')).toHaveText([
		'O 13.34H 13.37L 13.33C 13.36',
		'O 13.37H 14.10L 13.33C 14.00',
		'4.79 %'
	]);
	// Only the prices that differ are marked.
	await expect(rows.nth(1).locator('td').nth(1).locator('.differs')).toHaveText([
		'O 13.37',
		'H 14.10',
		'C 14.00'
	]);

	// The other file chosen: kept after a reload, and what every reader uses.
	await page.getByLabel('RIVN (1).csv').check();
	await expect(files.nth(1).getByTestId('sources-in-use')).toHaveText('in use');
	await page.reload();
	await expect(page.getByLabel('RIVN (1).csv')).toBeChecked();
	await expect(files.nth(1).getByTestId('sources-in-use')).toHaveText('in use');

	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('RIVN');
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(/RIVN · bar 0 of 27 · paused/);
	for (let i = 0; i < 21; i++) await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText('bar 21 of 27');
	// Bar 21 is 15:05: the chosen file's close, 13.34 (the first file says 13.33).
	await expect(page.getByTestId('order-ticket').locator('h2')).toContainText('RIVN · last 13.34');
});

test('one file of a symbol has nothing to compare; a deep link as the first visit shows it', async ({
	page
}) => {
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/charts/sources?symbol=RIVN');
	await expect(page.getByTestId('sources-file')).toHaveCount(1);
	await expect(page.getByTestId('sources-single')).toHaveText(
		"Only one file has 1m bars of RIVN: nothing to compare. Import another source's bars of RIVN to compare them here."
	);
	await expect(page.getByTestId('chart-bar-files')).toHaveCount(0);
});

test('with no bars the page says what to do', async ({ page }) => {
	await page.goto('/charts/sources');
	await expect(page.getByRole('heading', { name: 'No bars yet' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Import bars' })).toBeVisible();
});
