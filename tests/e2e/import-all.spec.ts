import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DAYS = ['Trades_2025-10-13.csv', 'Trades_2025-10-14.csv', 'Trades_2025-10-15.csv'];
const texts = DAYS.map((name) => readFileSync(`tests/fixtures/samples/das/${name}`, 'utf8'));
/** Screenshots for a person to look at, when SHOTS names a folder. */
const SHOTS = process.env.SHOTS;

/** Drops files on the page the way a browser does (drag events carrying a DataTransfer). */
async function dropFiles(page: Page, files: { name: string; text: string }[]): Promise<void> {
	const dataTransfer = await page.evaluateHandle((files) => {
		const dt = new DataTransfer();
		for (const f of files) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
		return dt;
	}, files);
	await page.dispatchEvent('main', 'dragenter', { dataTransfer });
	await page.dispatchEvent('main', 'dragover', { dataTransfer });
	await page.dispatchEvent('main', 'drop', { dataTransfer });
}

const cards = (page: Page, name: string) => page.getByRole('article', { name: `Import ${name}` });

test('dropping three DAS days and a dateless file, Import all imports the three with one summary; the same file again is named as already imported', async ({
	page
}) => {
	await page.goto('/');
	await dropFiles(page, [
		...DAYS.map((name, i) => ({ name, text: texts[i]! })),
		{ name: 'trades.csv', text: texts[0]! }
	]);
	await expect(page).toHaveURL(/\/import$/);
	const all = page.getByTestId('import-all');
	await expect(all.getByRole('heading')).toHaveText('4 files · 3 ready · 1 needs input');
	// Each day's date comes from its file name; the dateless one asks for it.
	await expect(cards(page, 'trades.csv').getByRole('alert')).toHaveText(
		'DAS Trader — Trades window files have no dates: enter the trade date.'
	);
	await all.getByRole('button', { name: 'Import all (3) into paper mode' }).click();

	const summary = page.getByTestId('import-summary');
	await expect(summary.getByTestId('import-summary-total')).toHaveText(
		'3 files imported, 1 not · 231 rows read: 231 imported, 0 already stored, 0 rejected, 0 skipped'
	);
	await expect(summary.locator('li')).toHaveText([
		'Trades_2025-10-13.csv 69 rows read: 69 imported, 0 already stored, 0 rejected, 0 skipped',
		'Trades_2025-10-14.csv 91 rows read: 91 imported, 0 already stored, 0 rejected, 0 skipped',
		'Trades_2025-10-15.csv 71 rows read: 71 imported, 0 already stored, 0 rejected, 0 skipped',
		'trades.csv not imported: enter its trade date (the file name has none)'
	]);
	for (const [i, rows] of [69, 91, 71].entries())
		await expect(cards(page, DAYS[i]!).getByTestId('import-result')).toHaveText(
			`${rows} rows read: ${rows} imported, 0 already stored, 0 rejected, 0 skipped`
		);
	await expect(all.getByRole('heading')).toHaveText('4 files · 3 imported · 0 ready · 1 needs input');
	const history = page.getByTestId('history');
	await expect(history.locator('tbody tr')).toHaveCount(3);
	if (SHOTS) {
		await page.screenshot({ path: `${SHOTS}/import-all-1280.png`, fullPage: true });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.screenshot({ path: `${SHOTS}/import-all-1280-dark.png` });
		await page.emulateMedia({ colorScheme: 'light' });
		await page.setViewportSize({ width: 390, height: 844 });
		await page.screenshot({ path: `${SHOTS}/import-all-390-full.png`, fullPage: true });
		await page.screenshot({ path: `${SHOTS}/import-all-390.png` });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.screenshot({ path: `${SHOTS}/import-all-390-dark.png` });
		await page.emulateMedia({ colorScheme: 'light' });
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		await page.setViewportSize({ width: 1280, height: 800 });
	}

	// The dateless file (the same bytes as the first day) is named as imported before it is imported.
	const dateless = cards(page, 'trades.csv');
	const when = (await history.locator('tr', { hasText: DAYS[0]! }).locator('td').nth(8).textContent())!;
	await expect(dateless.getByTestId('same-file')).toHaveText(
		`Already imported on ${when.trim()} as ${DAYS[0]}: the same bytes (SHA-256). Importing it again stores nothing new.`
	);

	// Dropped again, a day is named as imported before the user imports it; importing stores nothing new.
	await dropFiles(page, [{ name: DAYS[1]!, text: texts[1]! }]);
	const again = cards(page, DAYS[1]!).last();
	const whenSecond = (await history.locator('tr', { hasText: DAYS[1]! }).locator('td').nth(8).textContent())!;
	await expect(again.getByTestId('same-file')).toHaveText(
		`Already imported on ${whenSecond.trim()}: the same bytes (SHA-256). Importing it again stores nothing new.`
	);
	if (SHOTS) await again.screenshot({ path: `${SHOTS}/same-file-1280.png` });
	await again.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(again.getByTestId('import-result')).toHaveText(
		'91 rows read: 0 imported, 91 already stored, 0 rejected, 0 skipped'
	);
	await expect(history.locator('tbody tr')).toHaveCount(4);
});

test('the Tradervue preview offers "first tag is the strategy", on by default and remembered when turned off', async ({
	page
}) => {
	const tradervue = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'tradervue.csv', mimeType: 'text/csv', buffer: Buffer.from(tradervue) });
	const box = cards(page, 'tradervue.csv').getByTestId('first-tag-strategy');
	await expect(box).toBeChecked();
	await box.uncheck();
	await page.reload();
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'tradervue.csv', mimeType: 'text/csv', buffer: Buffer.from(tradervue) });
	await expect(cards(page, 'tradervue.csv').getByTestId('first-tag-strategy')).not.toBeChecked();
	// A DAS file has no tags to take a strategy from: no such choice.
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: DAYS[0]!, mimeType: 'text/csv', buffer: Buffer.from(texts[0]!) });
	await expect(cards(page, DAYS[0]!).getByTestId('preview')).toBeVisible();
	await expect(cards(page, DAYS[0]!).getByTestId('first-tag-strategy')).toHaveCount(0);
});
