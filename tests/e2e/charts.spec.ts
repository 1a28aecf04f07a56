import { readFileSync } from 'node:fs';
import { expect, importFiles, test } from './fixtures';

const SPY = {
	name: 'SPY.csv',
	text: readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8'),
	format: 'yahoo-bars'
};

test('charts: the Yahoo SPY sample with RSI and Bollinger Bands, remembered for the symbol', async ({
	page
}) => {
	await page.goto('/charts');
	await expect(page.getByRole('heading', { name: 'No bars yet' })).toBeVisible();
	await importFiles(page, [SPY]);

	await page.getByRole('link', { name: 'Charts' }).first().click();
	const chart = page.getByTestId('price-chart');
	await expect(chart).toHaveAttribute('data-bars', '92');
	await expect(page.getByTestId('chart-symbol')).toHaveValue('SPY');

	await page.getByTestId('add-study').selectOption('rsi');
	await page.getByTestId('add-study').selectOption('bollinger');
	// RSI in a pane of its own with its 0–100 scale; the bands over the price.
	await expect(page.getByTestId('study-pane')).toHaveCount(1);
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'RSI(14)');
	await expect(page.getByTestId('overlay-legend')).toContainText('BB(20, 2) Upper');
	await expect(page.getByTestId('overlay-legend')).toContainText('BB(20, 2) Lower');

	// A parameter out of range is refused with the reason; a good one redraws.
	const period = page.getByRole('spinbutton', { name: 'RSI period' });
	await period.fill('0');
	await period.press('Enter');
	await expect(page.getByRole('alert')).toHaveText('RSI period must be between 1 and 1000, got 0');
	await period.fill('7');
	await period.press('Enter');
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'RSI(7)');
	await expect(page.getByRole('alert')).toHaveCount(0);

	// The hover readout names the bar's values (the chart scrolled into view, below the filter).
	await chart.locator('.u-over').first().scrollIntoViewIfNeeded();
	const box = (await chart.locator('.u-over').first().boundingBox())!;
	await page.mouse.move(box.x + box.width - 5, box.y + box.height / 2);
	await expect(page.getByTestId('chart-readout')).toContainText(
		'2021-01-12 · O 378.890015 H 379.859985 L 376.359985 C 378.769989 · V 52.4M'
	);

	// The wheel zooms around the bar under the cursor; Reset shows every bar again.
	const span = async () =>
		Number(await chart.getAttribute('data-x-max')) - Number(await chart.getAttribute('data-x-min'));
	const before = await span();
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
	await page.mouse.wheel(0, -300);
	await expect.poll(span).toBeLessThan(before * 0.8);
	await chart.getByRole('button', { name: 'Reset' }).click();
	await expect.poll(span).toBe(before);

	await page.reload();
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'RSI(7)');
	await expect(page.getByTestId('study')).toHaveCount(2);
	await page.getByRole('button', { name: 'Remove BB' }).click();
	await expect(page.getByTestId('overlay-legend')).toHaveCount(0);
});

test('signals: run the generator on SPY, open a signal and read its lineage', async ({ page }) => {
	await importFiles(page, [SPY]);
	await page.goto('/signals');
	await expect(page.getByTestId('signals-symbol')).toHaveValue('SPY');
	await page.getByTestId('min-groups').selectOption('2');
	await page.getByTestId('run-signals').click();

	const rows = page.getByTestId('signal-row');
	await expect(rows.first()).toBeVisible();
	const count = Number(await page.getByTestId('signal-count').textContent());
	expect(count).toBeGreaterThan(0);
	await expect(rows).toHaveCount(count);
	// One arrow on the chart per signal.
	await expect(page.getByTestId('chart-markers').locator('li')).toHaveCount(count);

	// Open the oldest signal: its lineage reads data → indicators → votes → confirmation → levels.
	await rows.last().click();
	const lineage = page.getByTestId('lineage');
	const decision = (await rows.last().locator('.badge').textContent())!.trim();
	await expect(lineage.getByRole('heading', { level: 2 })).toContainText(`Why ${decision}`);
	await expect(lineage.getByTestId('lineage-data')).toContainText('bars of SPY 1D');
	await expect(lineage.getByTestId('lineage-rsi')).toHaveText(/^\d+\.\d\d$/);
	await expect(lineage.getByTestId('vote')).toHaveCount(4);
	const agreeing = await lineage
		.getByTestId('vote')
		.evaluateAll(
			(votes, side) => votes.filter((v) => v.getAttribute('data-direction') === side).length,
			decision === 'BUY' ? '1' : '-1'
		);
	expect(agreeing).toBeGreaterThanOrEqual(2);
	await expect(lineage.getByTestId('lineage-rule')).toContainText('at least 2 of 4 groups agree');
	await expect(lineage.getByTestId('lineage-rule')).toContainText(`${decision} with confidence`);
	await expect(lineage.getByTestId('lineage-levels')).toContainText('Stop');
	await expect(lineage.getByTestId('lineage-levels')).toContainText('Target 2');

	// A bad parameter names itself and runs nothing.
	await page.getByText('All parameters').click();
	await page.getByRole('spinbutton', { name: 'Fast average' }).fill('80');
	await page.getByTestId('run-signals').click();
	await expect(page.getByRole('alert')).toContainText('movingAverages.fast must be shorter than slow');
});
