import { readFileSync } from 'node:fs';
import { expect, importFiles, test } from './fixtures';

// A user in New York: the Tradervue export's times are read in this browser's zone.
test.use({ timezoneId: 'America/New_York' });

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

test('a mistakes filter, and every active filter as a chip that takes it off', async ({ page }) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await page.goto('/trades');
	const rows = page.getByTestId('trade-row');
	await expect(rows.first()).toBeVisible();
	const total = await rows.count();

	// Journal one trade's mistake.
	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').press('Enter');
	await expect(rows).toHaveCount(3);
	await expect(page.getByTestId('filter-chip-symbols')).toHaveText(/^BABA×$/);
	await rows.filter({ hasText: 'long' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('BABA · long');
	// The journal's field (the Trades page's filter has a Mistakes list too).
	const mistakes = page.getByRole('textbox', { name: /^Mistakes/ });
	await mistakes.fill('chased, early exit');
	await page.getByRole('button', { name: 'Save journal' }).click();
	await expect(mistakes).toHaveValue('chased, early exit');
	await page.goto('/trades');
	// The symbol chip's × takes the symbol off.
	await page.getByRole('button', { name: 'Remove the filter BABA' }).click();
	await expect(page.getByTestId('filter-chip-symbols')).toHaveCount(0);
	await expect(page.getByTestId('filter-symbol')).toHaveValue('');
	await expect(rows).toHaveCount(total);

	const mistake = page.getByTestId('filter-mistake');
	await expect(mistake.locator('option')).toHaveText([
		'Any trade',
		'With a mistake',
		'Without mistakes',
		'chased',
		'early exit'
	]);
	await mistake.selectOption({ label: 'With a mistake' });
	await expect(rows).toHaveCount(1);
	await expect(page.getByTestId('filter-chip-mistake')).toHaveText('With a mistake×');
	await mistake.selectOption({ label: 'Without mistakes' });
	await expect(rows).toHaveCount(total - 1);
	await mistake.selectOption({ label: 'chased' });
	await expect(rows).toHaveCount(1);
	await page.getByTestId('filter-side').selectOption('short');
	await expect(rows).toHaveCount(0);
	await expect(page.getByTestId('filter-chip-side')).toHaveText('Short×');
	await expect(page.getByTestId('filter-chip-mistake')).toHaveText('Mistake chased×');

	// The dashboard shares the filter and shows the same chips.
	await page.getByRole('button', { name: 'Remove the filter Short' }).click();
	await expect(rows).toHaveCount(1);
	await page.goto('/');
	await expect(page.getByTestId('trade-count')).toHaveAttribute('data-value', '1');
	await expect(page.getByTestId('filter-chip-mistake')).toHaveText('Mistake chased×');
	await page.getByRole('button', { name: 'Remove the filter Mistake chased' }).click();
	await expect(page.getByTestId('filter-chip-mistake')).toHaveCount(0);
	await expect(page.getByTestId('trade-count')).not.toHaveAttribute('data-value', '1');
});

test('the filter narrows Matching’s lists and counts, and the executions drawn on Charts', async ({
	page
}) => {
	const das = ['2025-10-13', '2025-10-14', '2025-10-15'].map((day) => ({
		name: `Trades_${day}.csv`,
		text: readFileSync(`tests/fixtures/samples/das/Trades_${day}.csv`, 'utf8')
	}));
	await importFiles(
		page,
		[
			...das,
			{
				name: 'tradervue_export.csv',
				text: readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8')
			},
			{ name: 'RIVN.csv', text: readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8') }
		],
		'Import into paper mode'
	);
	await page.goto('/matching');
	await page.getByTestId('offset-tradervue_export.csv').fill('3');
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toHaveText(/^Run finished: 23 matched/);
	const matchedCount = page.getByTestId('tab-matched').locator('.count');
	await expect(matchedCount).toHaveText('23');
	await page.getByTestId('tab-matched').click();
	const rows = page.getByTestId('matched-table').locator('article');
	const symbols = await rows.evaluateAll((els) => els.map((e) => e.textContent ?? ''));
	const baba = symbols.filter((t) => t.includes('BABA')).length;
	expect(baba).toBeGreaterThan(0);

	await page.getByTestId('filter-symbol').fill('BABA');
	await page.getByTestId('filter-symbol').press('Enter');
	await expect(matchedCount).toHaveText(String(baba));
	await expect(rows).toHaveCount(baba);
	for (const text of await rows.allTextContents()) expect(text).toContain('BABA');
	await expect(page.getByTestId('filter-chip-symbols')).toHaveText('BABA×');
	// The run itself is untouched: taking the chip off shows all 23 again.
	await page.getByRole('button', { name: 'Remove the filter BABA' }).click();
	await expect(matchedCount).toHaveText('23');

	// Charts: RIVN's short is drawn; a long-only filter leaves its three executions out, and says so.
	await page.goto('/charts');
	const picker = page.getByTestId('chart-symbol');
	await picker.fill('rivn');
	await page.getByRole('option', { name: /^RIVN/ }).click();
	await expect(picker).toHaveValue('RIVN');
	await expect(page.getByTestId('chart-markers').locator('li')).toHaveCount(3);
	await page.getByTestId('filter-side').selectOption('long');
	await expect(page.getByTestId('chart-markers').locator('li')).toHaveCount(0);
	await expect(page.getByTestId('chart-hidden-executions')).toHaveText(
		'3 executions of trades the filter leaves out are not drawn.'
	);
	await page.getByTestId('filter-side').selectOption('short');
	await expect(page.getByTestId('chart-markers').locator('li')).toHaveCount(3);
	await expect(page.getByTestId('chart-hidden-executions')).toHaveCount(0);
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 } });

	test('the filter folds away, its chips still say what is on, and it opens with a tap', async ({ page }) => {
		await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
		await page.goto('/trades');
		const rows = page.getByTestId('trade-row');
		await expect(rows.first()).toBeInViewport();
		await expect(page.getByTestId('filter-symbol')).toBeHidden();
		await page.getByText('Filter trades').click();
		await page.getByTestId('filter-side').selectOption('short');
		await expect(page.getByTestId('filter-chip-side')).toHaveText('Short×');
		await page.reload();
		await expect(page.getByTestId('filter-symbol')).toBeHidden();
		await expect(page.getByTestId('filter-chip-side')).toHaveText('Short×');
		await expect(page.getByTestId('filter-box').locator('summary')).toHaveText('Filter trades · 1 on');
	});
});
