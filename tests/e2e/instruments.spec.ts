import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

/** The Instruments card's row of a symbol, found through its search as a user does. */
async function row(page: Page, symbol: string, search = symbol) {
	await page.getByTestId('instrument-search').fill(search);
	const found = page.getByTestId('instrument-row').and(page.locator(`[data-symbol="${symbol}"]`));
	await expect(found).toHaveCount(1);
	return found;
}

test('an import’s symbols are listed as imported instruments; an edit is kept after a reload, a bad tick is refused, and ES comes from the starter list', async ({
	page
}) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	await page.goto('/settings');
	const card = page.getByRole('region', { name: 'Instruments' });

	// The file's eleven symbols, as it revealed them ("BRK B" under its canonical spelling).
	await page.getByTestId('instrument-search').fill('imported');
	await expect(card.getByTestId('instrument-row')).toHaveCount(11);
	for (const symbol of ['BABA', 'BRK.B', 'NFLX', 'RIVN', 'WOLF'])
		await expect(card.locator(`[data-symbol="${symbol}"]`).getByTestId('instrument-source')).toHaveText(
			'imported'
		);

	// A tick of 0.05 on NFLX: saved as the user's record, and kept after a reload.
	const nflx = await row(page, 'NFLX');
	await nflx.getByRole('button', { name: 'Edit NFLX (Stock)' }).click();
	const editor = page.getByTestId('instrument-editor');
	await expect(page.getByTestId('instrument-currency')).toHaveValue('USD');
	await page.getByTestId('instrument-tick').fill('0.05');
	await page.getByTestId('instrument-save').click();
	await expect(page.getByTestId('instrument-message')).toHaveText('Saved NFLX.');
	await expect(editor).toHaveCount(0);
	await page.reload();
	const kept = await row(page, 'NFLX');
	await expect(kept.getByTestId('instrument-row-tick')).toHaveText('tick 0.05');
	await expect(kept.getByTestId('instrument-source')).toHaveText('yours');

	// A tick of 0, then a negative one: refused with the reason beside the tick, nothing stored.
	await kept.getByRole('button', { name: 'Edit NFLX (Stock)' }).click();
	await page.getByTestId('instrument-tick').fill('0');
	await page.getByTestId('instrument-tick').press('Enter');
	await expect(page.getByTestId('instrument-tick-error')).toHaveText(
		'NFLX: the tick must be a positive number, not 0'
	);
	await page.getByTestId('instrument-tick').fill('-0.01');
	await page.getByTestId('instrument-save').click();
	await expect(page.getByTestId('instrument-tick-error')).toHaveText(
		'NFLX: the tick must be a positive number, not -0.01'
	);
	await expect(page.getByTestId('instrument-tick')).toHaveAttribute('aria-invalid', 'true');
	// Escape closes the editor; the stored record is unchanged.
	await page.getByTestId('instrument-tick').press('Escape');
	await expect(editor).toHaveCount(0);
	await page.reload();
	await expect((await row(page, 'NFLX')).getByTestId('instrument-row-tick')).toHaveText('tick 0.05');

	// ES, from the starter list: the E-mini's point value and tick.
	const es = await row(page, 'ES', 'E-mini S&P');
	await expect(es.getByTestId('instrument-source')).toHaveText('starter list');
	await expect(es.getByTestId('instrument-row-multiplier')).toHaveText('×50');
	await expect(es.getByTestId('instrument-row-tick')).toHaveText('tick 0.25');

	// An edit of a starter record can be reset to the starter's.
	await es.getByRole('button', { name: 'Edit ES (Future)' }).click();
	await page.getByTestId('instrument-tick').fill('0.5');
	await page.getByTestId('instrument-save').click();
	const edited = await row(page, 'ES', 'ES');
	await expect(edited.getByTestId('instrument-row-tick')).toHaveText('tick 0.5');
	await edited.getByRole('button', { name: 'Edit ES (Future)' }).click();
	await page.getByTestId('instrument-reset').click();
	await expect(page.getByTestId('instrument-message')).toHaveText('ES is back to the starter list.');
	const back = await row(page, 'ES', 'E-mini S&P');
	await expect(back.getByTestId('instrument-row-tick')).toHaveText('tick 0.25');
	await expect(back.getByTestId('instrument-source')).toHaveText('starter list');

	// A future nobody listed, added by its contract's symbol: kept under its root.
	await page.getByTestId('instrument-add').click();
	await expect(page.getByTestId('instrument-symbol')).toBeFocused();
	await page.getByTestId('instrument-symbol').fill('LEZ5');
	await page.getByTestId('instrument-class').selectOption('future');
	await expect(page.getByTestId('instrument-session')).toHaveValue('cme-globex');
	await page.getByTestId('instrument-name').fill('Live Cattle');
	await page.getByTestId('instrument-multiplier').fill('400');
	await page.getByTestId('instrument-tick').fill('0.025');
	await page.getByTestId('instrument-save').click();
	await expect(page.getByTestId('instrument-message')).toHaveText('Saved LE.');
	const le = await row(page, 'LE', 'Live Cattle');
	await expect(le.getByTestId('instrument-row-multiplier')).toHaveText('×400');
	await expect(le.getByTestId('instrument-row-tick')).toHaveText('tick 0.025');
	await expect(le.getByTestId('instrument-source')).toHaveText('yours');
});
