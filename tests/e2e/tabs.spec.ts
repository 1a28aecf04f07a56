import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');
const dasRows = dasText.trim().split('\n').length - 1;

const card = (page: Page) => page.getByRole('article', { name: `Import ${DAS_NAME}` });
const banner = (page: Page) => page.getByTestId('mode-banner');

/** Picks the DAS file on the Import page and waits for its preview (ready to import). */
async function pickDas(page: Page): Promise<void> {
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: DAS_NAME, mimeType: 'text/csv', buffer: Buffer.from(dasText) });
	await expect(card(page).getByTestId('preview')).toContainText('2025-10-13 15:45:07');
}

/** Fails the test on any uncaught error in the page. */
function noPageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

test('two tabs import the same file at the same moment: stored once, and a third tab’s Trades list follows without a reload', async ({
	context
}) => {
	const [a, b, trades] = [await context.newPage(), await context.newPage(), await context.newPage()];
	const errors = [a, b, trades].flatMap(noPageErrors);
	await trades.goto('/trades');
	await expect(trades.getByRole('heading', { name: 'No trades yet' })).toBeVisible();
	await Promise.all([pickDas(a), pickDas(b)]);

	// Both Import buttons clicked together.
	const button = (page: Page) => card(page).getByRole('button', { name: 'Import into paper mode' });
	await Promise.all([button(a).click(), button(b).click()]);
	const results = await Promise.all(
		[a, b].map(async (page) => {
			const result = card(page).getByTestId('import-result');
			await expect(result).toContainText(' imported, ');
			return (await result.innerText()).replace(/\s+/g, ' ').trim();
		})
	);
	// One tab stored every execution; the other found them all already stored.
	expect(results.sort()).toEqual([
		`${dasRows} rows read: 0 imported, ${dasRows} already stored, 0 rejected, 0 skipped`,
		`${dasRows} rows read: ${dasRows} imported, 0 already stored, 0 rejected, 0 skipped`
	]);

	// The import history (in either tab) lists both imports, the executions counted once.
	const history = a.getByTestId('history').locator('tbody tr');
	await expect(history).toHaveCount(2);
	const imported = await history.evaluateAll((rows) => rows.map((r) => r.children[4]!.textContent.trim()));
	expect(imported.sort()).toEqual(['0', String(dasRows)]);

	// The Trades tab, never reloaded, shows the file's 13 trades once (P&L not doubled).
	await expect(trades.getByTestId('trades-summary')).toHaveText(
		'13 trades · net −726.89 · 5 won · 7 lost · 1 open'
	);
	await expect(trades.getByTestId('trade-row')).toHaveCount(13);

	// Undoing the import in one tab empties the Trades list of the other.
	await a
		.getByTestId('history')
		.locator(`tbody tr:has(td:nth-child(5):text-is("${dasRows}"))`)
		.getByRole('button', { name: /Undo/ })
		.click();
	await expect(history).toHaveCount(1);
	await expect(trades.getByRole('heading', { name: 'No trades yet' })).toBeVisible();
	await expect(trades.getByTestId('trade-row')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a mode switched in another tab never shows an import’s result under the other mode’s banner', async ({
	context
}) => {
	const [a, b] = [await context.newPage(), await context.newPage()];
	const errors = [a, b].flatMap(noPageErrors);
	await pickDas(a);
	await b.goto('/');
	await card(a).getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(card(a).getByTestId('import-result')).toContainText(
		`${dasRows} rows read: ${dasRows} imported,`
	);

	// Tab B goes to real mode: tab A follows, and the paper import's result leaves with paper mode.
	await b.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Real' }).click();
	await b
		.getByRole('dialog', { name: 'Switch to real mode?' })
		.getByRole('button', { name: 'Switch to real mode' })
		.click();
	await expect(banner(a)).toHaveAttribute('data-mode', 'real');
	await expect(card(a)).toHaveCount(0);
	await expect(a.getByTestId('items-elsewhere')).toHaveText(
		'1 file added in paper mode: switch to that mode to import or see it.'
	);
	await expect(a.getByRole('heading', { name: 'Nothing imported in real mode yet' })).toBeVisible();

	// Back in paper mode, the result is there again, under the paper banner.
	await b.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Paper' }).click();
	await expect(banner(a)).toHaveAttribute('data-mode', 'paper');
	await expect(card(a).getByTestId('import-result')).toContainText(
		`${dasRows} rows read: ${dasRows} imported,`
	);
	await expect(a.getByTestId('items-elsewhere')).toHaveCount(0);
	await expect(a.getByTestId('history').locator('tbody tr')).toHaveCount(1);
	expect(errors).toEqual([]);
});
