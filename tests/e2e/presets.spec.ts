import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

/** A presets file as Settings exports it: one preset for a broker's CSV. */
const presetsFile = JSON.stringify({
	kind: 'fillbook-mapping-presets',
	version: 1,
	presets: [
		{
			id: 'p-1',
			name: 'My broker',
			headers: ['when', 'ticker', 'action', 'shares', 'fill'],
			mapping: {
				columns: { datetime: 'When', symbol: 'Ticker', side: 'Action', quantity: 'Shares', price: 'Fill' },
				dateOrder: 'mdy'
			}
		}
	]
});

test('column-mapping presets: import, rename, export, delete, and a wrong file says why', async ({
	page
}) => {
	await page.goto('/settings');
	const card = page.getByTestId('mapping-presets');
	await expect(card.getByTestId('presets-empty')).toBeVisible();

	await card.getByTestId('presets-file').setInputFiles({
		name: 'trades.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('date,symbol\n')
	});
	await expect(card.getByTestId('presets-problem')).toHaveText(
		'trades.csv: This is not a presets file: it is not JSON. Nothing was changed.'
	);
	await card.getByTestId('presets-file').setInputFiles({
		name: 'presets.json',
		mimeType: 'application/json',
		buffer: Buffer.from(presetsFile)
	});
	await expect(card.getByTestId('presets-notice')).toHaveText('presets.json: 1 preset added, 0 replaced.');
	await expect(card.getByTestId('presets-problem')).toHaveCount(0);
	await expect(card.getByTestId('preset-title')).toHaveText(['My broker']);

	// Rename, by keyboard.
	await card.getByRole('button', { name: 'Rename My broker' }).click();
	await card.getByTestId('preset-rename').fill('  Lightspeed  ');
	await card.getByTestId('preset-rename').press('Enter');
	await expect(card.getByTestId('preset-title')).toHaveText(['Lightspeed']);
	await page.reload();
	await expect(card.getByTestId('preset-title')).toHaveText(['Lightspeed']);

	// Export: the file holds the renamed preset.
	const saved = page.waitForEvent('download');
	await card.getByRole('button', { name: 'Export Lightspeed' }).click();
	const file = await saved;
	expect(file.suggestedFilename()).toBe('fillbook-preset-Lightspeed.json');
	const exported = JSON.parse(readFileSync(await file.path(), 'utf8')) as { presets: { name: string }[] };
	expect(exported.presets.map((p) => p.name)).toEqual(['Lightspeed']);

	// A file with its header row is recognised by its new name.
	await page.goto('/import');
	await page.getByTestId('file-input').setInputFiles({
		name: 'broker.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('When,Ticker,Action,Shares,Fill\n03/04/2026 09:31:02,AAPL,Bought,100,230.10\n')
	});
	await expect(page.getByTestId('format').locator('option:checked')).toHaveText(
		'Preset — Lightspeed (detected)'
	);

	// Delete, after a confirmation.
	await page.goto('/settings');
	await card.getByRole('button', { name: 'Delete Lightspeed' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete preset' }).click();
	await expect(card.getByTestId('presets-empty')).toBeVisible();
	await page.reload();
	await expect(card.getByTestId('presets-empty')).toBeVisible();
});
