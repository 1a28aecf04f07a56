import { readFileSync } from 'node:fs';
import { expect, importFiles, test } from './fixtures';

const SPY = {
	name: 'SPY.csv',
	text: readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8'),
	format: 'yahoo-bars'
};

test('a MACD whose fast period is not shorter than its slow is refused; a stored one falls back and says why', async ({
	page
}) => {
	await importFiles(page, [SPY]);
	await page.goto('/charts');
	const chart = page.getByTestId('price-chart');
	await expect(chart).toHaveAttribute('data-bars', '92');
	await page.getByTestId('add-study').selectOption('macd');
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'MACD(12, 26, 9)');

	const fast = page.getByRole('spinbutton', { name: 'MACD fast' });
	await fast.fill('30');
	await fast.press('Enter');
	await expect(page.getByRole('alert')).toHaveText('MACD fast (30) must be shorter than slow (26)');
	await expect(fast).toHaveAttribute('aria-invalid', 'true');
	// The chart keeps drawing the last good MACD, and that is what is remembered.
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'MACD(12, 26, 9)');
	await page.reload();
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'MACD(12, 26, 9)');
	await expect(page.getByTestId('chart-notice')).toHaveCount(0);

	// A bad setting stored as the app stores it (an older version's, or edited by hand).
	await page.evaluate(() =>
		localStorage.setItem(
			'fillbook.charts.settings.SPY',
			JSON.stringify({
				timeframe: null,
				studies: [
					{ kind: 'macd', params: [30, 26, 9] },
					{ kind: 'rsi', params: [14] }
				]
			})
		)
	);
	await page.reload();
	await expect(chart).toHaveAttribute('data-bars', '92');
	await expect(chart.locator('canvas').first()).toBeVisible();
	await expect(page.getByTestId('study-pane')).toHaveCount(1);
	await expect(page.getByTestId('study-pane')).toHaveAttribute('data-study', 'RSI(14)');
	await expect(page.getByTestId('chart-notice')).toHaveText(
		'A saved indicator was left out: MACD fast (30) must be shorter than slow (26). The chart shows the rest.'
	);
	// A change saves good settings and the notice goes.
	await page.getByTestId('add-study').selectOption('ema');
	await expect(page.getByTestId('chart-notice')).toHaveCount(0);
	await page.reload();
	await expect(page.getByTestId('study')).toHaveCount(2);
	await expect(page.getByTestId('chart-notice')).toHaveCount(0);
});

test('hovering the Charts page’s chart on a phone shows the readout without moving the chart', async ({
	page
}) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await importFiles(page, [SPY]);
	await page.goto('/charts');
	const canvas = page.getByTestId('price-chart').locator('canvas').first();
	await expect(page.getByTestId('price-chart')).toHaveAttribute('data-bars', '92');
	await canvas.scrollIntoViewIfNeeded();
	const before = (await canvas.boundingBox())!;
	await page.mouse.move(before.x + before.width / 2, before.y + before.height / 2);
	await expect(page.getByTestId('chart-readout')).toContainText(
		/^\d{4}-\d\d-\d\d · O [\d.]+ H [\d.]+ L [\d.]+ C /
	);
	expect(await canvas.boundingBox()).toEqual(before);
});

test('signals: the opened signal’s stop and targets sit beside its bar, prices to the cent', async ({
	page
}) => {
	await importFiles(page, [SPY]);
	await page.goto('/signals');
	await page.getByTestId('min-groups').selectOption('2');
	await page.getByTestId('run-signals').click();
	const rows = page.getByTestId('signal-row');
	await expect(rows.first()).toBeVisible();
	// The table's entry and stop: SPY's tick is a cent (not 371.2345).
	const oldest = rows.last();
	await expect(oldest.locator('td').nth(4)).toHaveText(/^\d{3}\.\d{2}$/);
	await expect(oldest.locator('td').nth(5)).toHaveText(/^\d{3}\.\d{2}$/);
	await expect(oldest.locator('td').nth(6)).toHaveText(
		/^\d{3}\.\d{2} \([\d.]+R\) · \d{3}\.\d{2} \([\d.]+R\)$/
	);

	await oldest.click();
	const levels = page.getByTestId('chart-levels').locator('li');
	await expect(levels).toHaveCount(4);
	const over = (await page.getByTestId('price-chart').locator('.u-over').first().boundingBox())!;
	const placed = await levels.evaluateAll((items) =>
		items.map((li) => ({
			left: Number(li.getAttribute('data-label-left')),
			top: Number(li.getAttribute('data-label-top')),
			label: li.getAttribute('data-label') ?? ''
		}))
	);
	// Signals need 50 bars of warm-up (the slow average): the oldest is past the chart's middle, and
	// its labels start there, not at the left edge.
	for (const p of placed) expect(p.left).toBeGreaterThan(over.width * 0.4);
	expect(placed.map((p) => p.label)).toEqual([
		expect.stringMatching(/^Entry \d{3}\.\d{2}$/),
		expect.stringMatching(/^Stop \d{3}\.\d{2}$/),
		expect.stringMatching(/^Target 1 \([\d.]+R\) \d{3}\.\d{2}$/),
		expect.stringMatching(/^Target 2 \([\d.]+R\) \d{3}\.\d{2}$/)
	]);
	const tops = placed.map((p) => p.top).sort((a, b) => a - b);
	for (let i = 1; i < tops.length; i++) expect(tops[i]! - tops[i - 1]!).toBeGreaterThanOrEqual(15);
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('signals are cards with entry, stop and targets on screen; Charts say how bars are grouped', async ({
		page
	}) => {
		await importFiles(page, [SPY]);
		await page.goto('/signals');
		await page.getByTestId('min-groups').selectOption('2');
		await page.getByTestId('run-signals').click();
		const row = page.getByTestId('signal-row').first();
		await expect(row).toBeVisible();
		for (const label of ['Entry', 'Stop', 'Targets']) {
			const cell = row.locator(`td[data-label="${label}"]`);
			await expect(cell).toHaveText(/\d{3}\.\d{2}/);
			const box = (await cell.boundingBox())!;
			expect(box.x + box.width, label).toBeLessThanOrEqual(390);
			expect(box.x, label).toBeGreaterThanOrEqual(0);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

		await page.goto('/charts');
		await expect(page.getByTestId('chart-session')).toHaveText(
			'Bars grouped by the session of SPY: US equities: New York time, hours from the 09:30 open (09:30, 10:30 …), days from New York midnight.'
		);
	});
});
