import { readFileSync } from 'node:fs';
import { expect, importFiles, test } from './fixtures';

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
	await page.getByLabel(/^Mistakes/).fill('chased, early exit');
	await page.getByRole('button', { name: 'Save journal' }).click();
	await expect(page.getByLabel(/^Mistakes/)).toHaveValue('chased, early exit');
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
