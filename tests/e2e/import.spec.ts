import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, shareFile, test, waitForServiceWorker } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');
const dasRows = dasText.trim().split('\n').length - 1;
const tradervueText = readFileSync('tests/fixtures/samples/tradervue_export.csv', 'utf8');

/** Drops a file on the page the way a browser does (drag events carrying a DataTransfer). */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
	const dataTransfer = await page.evaluateHandle(
		({ name, text }) => {
			const dt = new DataTransfer();
			dt.items.add(new File([text], name, { type: 'text/csv' }));
			return dt;
		},
		{ name, text }
	);
	await page.dispatchEvent('main', 'dragenter', { dataTransfer });
	await page.dispatchEvent('main', 'dragover', { dataTransfer });
	await page.dispatchEvent('main', 'drop', { dataTransfer });
}

const card = (page: Page, name: string) => page.getByRole('article', { name: `Import ${name}` });

async function importDas(page: Page): Promise<void> {
	await dropFile(page, DAS_NAME, dasText);
	await expect(page).toHaveURL(/\/import$/);
	const item = card(page, DAS_NAME);
	await expect(item.getByTestId('format')).toHaveValue('das-trades');
	await expect(item.getByTestId('trade-date')).toHaveValue('2025-10-13');
	await expect(item.getByTestId('preview')).toContainText('2025-10-13 15:45:07');
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('import-result')).toHaveText(
		`${dasRows} rows read: ${dasRows} imported, 0 already stored, 0 rejected, 0 skipped`
	);
}

test('drop a DAS file and a Tradervue export, check the previews, import, and find them after an offline reload', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await importDas(page);
	const das = card(page, DAS_NAME);
	// The preview shows the file as Fillbook understood it: Eastern time, short sale, price.
	const firstRow = das.getByTestId('preview').locator('tbody tr').first();
	await expect(firstRow).toContainText('NFLX');
	await expect(firstRow).toContainText('sell short');
	await expect(firstRow).toContainText('1,214.9');

	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'tradervue.csv', mimeType: 'text/csv', buffer: Buffer.from(tradervueText) });
	const tv = card(page, 'tradervue.csv');
	await expect(tv.getByTestId('format')).toHaveValue('tradervue-trades');
	await tv.getByTestId('zone').fill('America/Los_Angeles');
	await tv.getByTestId('zone').press('Tab');
	await expect(tv.getByTestId('preview')).toContainText('2025-10-15 15:32:34');
	await expect(tv.getByTestId('preview')).toContainText('vwap_reclaim, momentum');
	await tv.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(tv.getByTestId('import-result')).toHaveText(
		'33 rows read: 33 imported, 0 already stored, 0 rejected, 0 skipped'
	);

	const history = page.getByTestId('history');
	await expect(history.locator('tbody tr')).toHaveCount(2);

	await context.setOffline(true);
	await page.reload();
	await expect(history).toContainText(DAS_NAME);
	await expect(history).toContainText('tradervue.csv');
	await expect(history).toContainText('America/Los_Angeles');
	await page.goto('/settings');
	await expect(page.getByTestId('table-journalTrades').locator('td.num')).toHaveText('33');
	await expect(page.getByTestId('accounts')).toContainText('TRPA61247');
});

test('re-importing the same file stores nothing twice, and an import can be undone', async ({ page }) => {
	await page.goto('/');
	await importDas(page);
	await card(page, DAS_NAME)
		.getByRole('button', { name: `Remove ${DAS_NAME} from the list` })
		.click();

	await dropFile(page, DAS_NAME, dasText);
	const again = card(page, DAS_NAME);
	await again.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(again.getByTestId('import-result')).toHaveText(
		`${dasRows} rows read: 0 imported, ${dasRows} already stored, 0 rejected, 0 skipped`
	);

	const history = page.getByTestId('history');
	await expect(history.locator('tbody tr')).toHaveCount(2);
	await history
		.getByRole('button', { name: `Undo import of ${DAS_NAME}` })
		.first()
		.click();
	await expect(history.locator('tbody tr')).toHaveCount(1);
	await history.getByRole('button', { name: `Undo import of ${DAS_NAME}` }).click();
	await expect(page.getByText('Nothing imported in paper mode yet')).toBeVisible();
	await page.goto('/settings');
	await expect(page.getByTestId('table-executionChunks').locator('td.num')).toHaveText('0');
});

test('undoing a real import asks first', async ({ page }) => {
	await page.goto('/');
	await page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Real' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Switch to real mode' }).click();
	await dropFile(page, DAS_NAME, dasText);
	const item = card(page, DAS_NAME);
	await item.getByRole('button', { name: 'Import into real mode' }).click();
	await expect(item.getByTestId('import-result')).toBeVisible();
	await page
		.getByTestId('history')
		.getByRole('button', { name: `Undo import of ${DAS_NAME}` })
		.click();
	const dialog = page.getByRole('dialog', { name: 'Undo a real import?' });
	await expect(dialog).toContainText(DAS_NAME);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('history').locator('tbody tr')).toHaveCount(1);
	await page
		.getByTestId('history')
		.getByRole('button', { name: `Undo import of ${DAS_NAME}` })
		.click();
	await dialog.getByRole('button', { name: 'Undo import' }).click();
	await expect(page.getByText('Nothing imported in real mode yet')).toBeVisible();
});

test('a garbage file gets a clear message and nothing is stored', async ({ page }) => {
	await page.goto('/import');
	await page.getByTestId('file-input').setInputFiles({
		name: 'holiday.txt',
		mimeType: 'text/plain',
		buffer: Buffer.from('Dear diary,\ntoday I bought nothing.\n\u0000\u0001')
	});
	const item = card(page, 'holiday.txt');
	await expect(item.getByTestId('unknown-format')).toHaveText(
		'Fillbook does not recognise holiday.txt: its first rows match none of the formats it reads. Map its columns below, or pick a format.'
	);
	await item.getByRole('button', { name: 'Preview with this mapping' }).click();
	await expect(item.getByRole('alert')).toContainText('Choose the symbol column.');
	await expect(item.getByRole('button', { name: /Import into/ })).toHaveCount(0);
	await expect(page.getByText('Nothing imported in paper mode yet')).toBeVisible();
});

test('an unknown file is mapped by hand, saved as a preset, and the next such file is recognised', async ({
	page
}) => {
	const file = (name: string, rows: string[]) => ({
		name,
		mimeType: 'text/csv',
		buffer: Buffer.from(['When,Ticker,Action,Shares,Fill,Comm,Acct', ...rows].join('\n'))
	});
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles(
			file('broker-march.csv', [
				'03/04/2026 09:31:02,AAPL,Bought,100,230.10,1.00,ACC-1',
				'03/04/2026 09:45:10,AAPL,Sold,100,230.55,1.00,ACC-1'
			])
		);
	const item = card(page, 'broker-march.csv');
	await expect(item.getByTestId('unknown-format')).toBeVisible();
	// Common names are guessed; the rest the user picks.
	await expect(item.getByTestId('map-symbol')).toHaveValue('Ticker');
	await expect(item.getByTestId('map-side')).toHaveValue('Action');
	await item.getByTestId('map-datetime').selectOption('When');
	await item.getByTestId('map-price').selectOption('Fill');
	await item.getByRole('button', { name: 'Preview with this mapping' }).click();
	await expect(item.getByTestId('preview')).toContainText('2026-03-04 09:31:02');
	await expect(item.getByTestId('preview')).toContainText('ACC-1');
	await item.getByTestId('preset-name').fill('My broker');
	await item.getByRole('button', { name: 'Save as preset' }).click();
	await expect(item.getByText('Saved “My broker”')).toBeVisible();
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('import-result')).toHaveText(
		'2 rows read: 2 imported, 0 already stored, 0 rejected, 0 skipped'
	);

	await page.reload();
	await page
		.getByTestId('file-input')
		.setInputFiles(file('broker-april.csv', ['04/01/2026 10:00:00,MSFT,Bought,10,400.00,1.00,ACC-1']));
	const next = card(page, 'broker-april.csv');
	await expect(next.getByTestId('format')).toHaveValue(/^preset:/);
	await expect(next.getByTestId('format').locator('option:checked')).toHaveText(
		'Preset — My broker (detected)'
	);
	await expect(next.getByTestId('preview')).toContainText('MSFT');
	await next.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(next.getByTestId('import-result')).toHaveText(
		'1 row read: 1 imported, 0 already stored, 0 rejected, 0 skipped'
	);
	await expect(page.getByTestId('history')).toContainText('Preset — My broker');
});

test('rejected rows are listed with line, column and reason', async ({ page }) => {
	await page.goto('/import');
	const text =
		'Time,Symbol,Side,Price,Qty,Route,Account,\n09:30:00,MU,B,50.5,100,ARCA,TR1,\n09:31:00,MU,S,,100,ARCA,TR1,\n09:32:00,MU,Q,50.6,100,ARCA,TR1,\n';
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: 'Trades_2025-10-14.csv', mimeType: 'text/csv', buffer: Buffer.from(text) });
	const item = card(page, 'Trades_2025-10-14.csv');
	await expect(item.getByRole('list', { name: 'Problems in the first rows' })).toContainText(
		'Line 3, Price: is empty'
	);
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('import-result')).toHaveText(
		'3 rows read: 1 imported, 0 already stored, 2 rejected, 0 skipped'
	);
	await item.getByText('2 rejected rows').click();
	await expect(item.getByTestId('rejected-rows').locator('li')).toHaveText([
		'Line 3: Price is empty',
		'Line 4: Side "Q" is not a side (buy or sell)'
	]);
	const history = page.getByTestId('history');
	await history.getByText('2 rejected rows').click();
	await expect(history).toContainText('Line 3: Price is empty');
	await expect(history).toContainText('Line 4: Side "Q" is not a side (buy or sell)');
	const download = page.waitForEvent('download');
	await history.getByRole('button', { name: '2 ↓' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toBe('Trades_2025-10-14-rejected-rows.csv');
});

test('cancelling a large import midway leaves the store unchanged', async ({ page }) => {
	const rows = ['Time,Symbol,Side,Price,Qty,Route,Account,'];
	for (let i = 0; i < 600_000; i++)
		rows.push(
			`${String(9 + Math.floor(i / 60000)).padStart(2, '0')}:${String(Math.floor(i / 1000) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')},MU,B,${(50 + (i % 100) / 100).toFixed(2)},${1 + (i % 500)},ARCA,TR1,`
		);
	await page.goto('/import');
	await page.getByTestId('file-input').setInputFiles({
		name: 'Trades_2025-10-16.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(rows.join('\n'))
	});
	const item = card(page, 'Trades_2025-10-16.csv');
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('progress')).toBeVisible();
	await item.getByRole('button', { name: 'Cancel' }).click();
	await expect(item.getByTestId('import-error')).toHaveText('The import was cancelled; nothing was stored.');
	await expect(page.getByText('Nothing imported in paper mode yet')).toBeVisible();
	await page.goto('/settings');
	await expect(page.getByTestId('table-executionChunks').locator('td.num')).toHaveText('0');
	await expect(page.getByTestId('no-accounts')).toBeVisible();
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the import page with previews and history fits without horizontal scrolling', async ({ page }) => {
		await page.goto('/import');
		await page.getByTestId('file-input').setInputFiles([
			{ name: DAS_NAME, mimeType: 'text/csv', buffer: Buffer.from(dasText) },
			{ name: 'tradervue.csv', mimeType: 'text/csv', buffer: Buffer.from(tradervueText) }
		]);
		await expect(page.getByTestId('preview')).toHaveCount(2);
		await card(page, DAS_NAME).getByRole('button', { name: 'Import into paper mode' }).click();
		await expect(page.getByTestId('history')).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});

test('a file shared to the app (share target) opens on the Import page, and the shared copy is cleared', async ({
	page
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await shareFile(page, { name: DAS_NAME, text: dasText });
	const item = card(page, DAS_NAME);
	await expect(item.getByTestId('format')).toHaveValue('das-trades');
	await expect(item.getByTestId('preview')).toContainText('NFLX');
	expect(
		await page.evaluate(async () => (await (await caches.open('fillbook-shared-files')).keys()).length)
	).toBe(0);
});

test('a file opened with the installed app (launch queue) goes to the Import page', async ({ page }) => {
	// Chromium hands files to window.launchQueue when the OS opens them with the app; stand in for it.
	await page.addInitScript(() => {
		Object.defineProperty(window, 'launchQueue', {
			configurable: true,
			value: {
				setConsumer(consumer: unknown) {
					(window as unknown as { launch: unknown }).launch = consumer;
				}
			}
		});
	});
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
	await page.evaluate(async (text) => {
		const launch = (window as unknown as { launch: (p: unknown) => Promise<void> }).launch;
		await launch({
			files: [
				{
					kind: 'file',
					getFile: () => Promise.resolve(new File([text], 'Trades_2025-10-13.csv', { type: 'text/csv' }))
				}
			]
		});
	}, dasText);
	await expect(page).toHaveURL(/\/import$/);
	await expect(card(page, DAS_NAME).getByTestId('preview')).toContainText('NFLX');
});
