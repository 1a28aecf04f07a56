import type { Page } from '@playwright/test';
import { expect, importFiles, RIVN_BARS, test } from './fixtures';
import { expectedSweep, expectedWalkForward, GRID, WINDOWS } from './sweep-expect';

/** Screenshots for a person to look at, when SHOTS names a folder. */
const SHOTS = process.env.SHOTS;

/** Dollars as a heatmap cell prints them: `−$2.00`. */
const dollars = (x: number) => `${x < 0 ? '−' : ''}$${Math.abs(x).toFixed(2)}`;

/** The spec's grid as a user types it: fast 3 and 6 across, slow 5, 7 and 9 down. */
async function fillGrid(page: Page) {
	const [across, down] = GRID as readonly [(typeof GRID)[0], NonNullable<(typeof GRID)[1]>];
	await page.getByTestId('axis-0-key').selectOption(across.key);
	await page.getByTestId('axis-1-key').selectOption(down.key);
	for (const [which, axis] of [
		[0, across],
		[1, down]
	] as const)
		for (const end of ['from', 'to', 'step'] as const)
			await page.getByTestId(`axis-${which}-${end}`).fill(String(axis[end]));
	return [across, down] as const;
}

test('sweep: a 2×3 grid over RIVN as a heatmap of net P&L, a cell opened, then walk-forward', async ({
	page
}) => {
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/strategies/sweep');
	await expect(page.getByTestId('sweep-symbol')).toHaveValue('RIVN');
	await expect(page.getByTestId('sweep-strategy')).toHaveValue('template:sma-cross');

	// fast 3 and 6 across, slow 5, 7 and 9 down, as a user types them.
	const [across] = await fillGrid(page);
	await expect(page.getByTestId('sweep-metric')).toHaveValue('netPnl');
	await page.getByTestId('run-sweep').click();

	// Every cell as the core computes it in Node over the same bars; 6 over 5 cannot run.
	const expected = expectedSweep();
	expect(expected.map((c) => c.metrics?.trades ?? null)).toEqual([3, null, 2, 5, 2, 2]);
	const heatmap = page.getByTestId('sweep-heatmap');
	await expect(heatmap.locator('thead th')).toHaveText([/slow ↓\s*fast →/, '3', '6']);
	await expect(heatmap.locator('tbody th')).toHaveText(['5', '7', '9']);
	for (const cell of expected) {
		const button = page.getByTestId(`sweep-cell-${cell.index}`);
		if (cell.problem) {
			await expect(button).toHaveText('n/a');
			await expect(button).toHaveAttribute('title', 'SMA cross fast (6) must be shorter than slow (5)');
			await expect(button).toHaveAccessibleName(
				'fast 6, slow 5: not run, SMA cross fast (6) must be shorter than slow (5)'
			);
		} else await expect(button).toHaveText(dollars(cell.metrics!.netPnlCents / 100));
	}
	await expect(page.getByTestId('sweep-cell-3')).toHaveText('$5.00');
	// The best cell opens first; arrow keys move between cells.
	await expect(page.getByTestId('sweep-cell-detail')).toContainText(/fast 6 · slow 7\s*best/);
	await page.getByTestId('sweep-cell-0').focus();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByTestId('sweep-cell-2')).toBeFocused();
	await page.keyboard.press('Enter');
	const detail = page.getByTestId('sweep-cell-detail');
	await expect(detail.getByRole('heading')).toHaveText('fast 3 · slow 7');
	await expect(detail.getByTestId('cell-net')).toHaveText(dollars(expected[2]!.metrics!.netPnlCents / 100));
	await expect(detail.getByTestId('cell-trades')).toHaveText(
		`${expected[2]!.metrics!.trades} (${expected[2]!.metrics!.wins} won, ${expected[2]!.metrics!.losses} lost)`
	);
	await page.getByTestId('sweep-cell-1').click();
	await expect(detail).toContainText('Not run: SMA cross fast (6) must be shorter than slow (5)');

	// Walk-forward on the same grid: windows of 11 bars in-sample, 11 out, moved on by 4.
	await page.getByTestId('wf-inSample').fill(String(WINDOWS.inSample));
	await page.getByTestId('wf-outOfSample').fill(String(WINDOWS.outOfSample));
	await page.getByTestId('wf-step').fill(String(WINDOWS.step));
	await page.getByTestId('run-walk-forward').click();
	const report = expectedWalkForward();
	const rows = page.getByTestId('wf-row');
	await expect(rows).toHaveCount(report.rows.length);
	for (const [i, row] of report.rows.entries()) {
		const cells = rows.nth(i).locator('td');
		await expect(cells.nth(3)).toHaveText(
			`fast ${row.params!['rule.fast']}, slow ${row.params!['rule.slow']}`
		);
		await expect(cells.nth(4)).toHaveText(dollars(row.inSample!));
		await expect(cells.nth(5)).toHaveText(dollars(row.outOfSample!));
	}
	// In-sample windows after the first, and every out-of-sample one, warm their indicators on the bars
	// just before them (without trading them): the in-sample mean is 10 (6.5 when every run started cold).
	expect(report.warning).toBe('Likely overfit: Net P&L ($) flips from 10 in-sample to -1 out-of-sample');
	await expect(page.getByTestId('wf-warning')).toHaveText(`⚠ ${report.warning}`);
	const { totals } = report;
	await expect(page.getByTestId('wf-totals')).toHaveText(
		`Over 2 windows: in-sample ${dollars(totals.inSample!)} on average, out-of-sample ` +
			`${dollars(totals.outOfSample!)}; efficiency ${totals.efficiency!.toFixed(2)}. ` +
			`Out-of-sample net ${dollars(totals.oosNetPnl)} over ${totals.oosTrades} trades.`
	);
	// Each window's own warning sits under it.
	await expect(page.getByTestId('wf-table').locator('.flag')).toHaveText(
		report.rows.flatMap((r) => (r.warning ? [`⚠ ${r.warning}`] : []))
	);

	// A range the engine refuses says why.
	await page.getByTestId('axis-0-step').fill('0');
	await page.getByTestId('run-sweep').click();
	await expect(page.getByTestId('sweep-error')).toHaveText('rule.fast: the step must be above 0, got 0');
	await page.getByTestId('axis-0-step').fill(String(across.step));

	if (SHOTS) {
		await page.getByTestId('run-sweep').click();
		await expect(page.getByTestId('sweep-error')).toHaveCount(0);
		await page.getByTestId('sweep-cell-3').click();
		await page.screenshot({ path: `${SHOTS}/sweep-1280.png`, fullPage: true });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.screenshot({ path: `${SHOTS}/sweep-1280-dark.png`, fullPage: true });
		await page.emulateMedia({ colorScheme: 'light' });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/sweep-390.png`, fullPage: true });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.screenshot({ path: `${SHOTS}/sweep-390-dark.png`, fullPage: true });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	}
});

test('sweep: a cell opened as a stored run has the cell’s figures on its report', async ({ page }) => {
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/strategies/sweep');
	await expect(page.getByTestId('sweep-symbol')).toHaveValue('RIVN');
	await fillGrid(page);
	await page.getByTestId('run-sweep').click();
	const cell = expectedSweep()[2]!;
	await page.getByTestId('sweep-cell-2').click();
	await page.getByTestId('open-cell-run').click();

	// The cell's parameters saved as a strategy of their own, run on the same bars with the sweep's settings.
	await expect(page).toHaveURL(/\/strategies\/run\?id=/);
	await expect(page.getByTestId('run-strategy')).toHaveText('SMA 10/30 cross · fast 3, slow 7 v1');
	const figure = (label: string) =>
		page
			.getByTestId('figure')
			.filter({ has: page.getByText(label, { exact: true }) })
			.getByTestId('figure-value');
	// The report writes money without the sign of the currency: −2.00.
	await expect(figure('Net P&L')).toHaveText(dollars(cell.metrics!.netPnlCents / 100).replace('$', ''));
	await expect(figure('Trades')).toHaveText(String(cell.metrics!.trades));

	// The strategy is in the lab's list, with its run.
	await page.goto('/strategies');
	await expect(page.getByText('SMA 10/30 cross · fast 3, slow 7').first()).toBeVisible();
});
