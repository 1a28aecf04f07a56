import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasLines = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8').trim().split(/\r?\n/);
const dasRows = dasLines.length - 1;

/** UTF-16 LE bytes of a text, with its byte-order mark (as Excel's "Unicode text" writes). */
function utf16le(text: string): Buffer {
	return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

async function pick(page: Page, name: string, buffer: Buffer) {
	await page.getByTestId('file-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
	const item = page.getByRole('article', { name: `Import ${name}` });
	await expect(item.getByTestId('format')).toHaveValue('das-trades');
	return item;
}

test('a UTF-16 LE file: the preview names the encoding and the import stores every row', async ({ page }) => {
	await page.goto('/import');
	const item = await pick(page, DAS_NAME, utf16le(dasLines.join('\r\n') + '\r\n'));
	await expect(item.getByTestId('encoding')).toHaveText('read as UTF-16 LE');
	await expect(item.getByTestId('preview').locator('tbody tr').first()).toContainText('NFLX');
	await expect(item.getByTestId('preview-warnings')).toHaveCount(0);
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('import-result')).toHaveText(
		`${dasRows} rows read: ${dasRows} imported, 0 already stored, 0 rejected, 0 skipped`
	);
	await expect(page.getByTestId('history').locator('tbody tr').first()).toContainText(
		'DAS Trader — Trades window · 2025-10-13 · UTF-16 LE'
	);
});

test('a short row is refused with its line and reason; a damaged header name is warned about', async ({
	page
}) => {
	await page.goto('/import');
	// Line 3 loses Route and Broker: 12 cells under a header of 14 (13 names and DAS's trailing comma).
	const short = dasLines[2]!.split(',');
	short.splice(5, 2);
	// "P / L" damaged into "P / X": its values would be dropped without a word.
	const header = dasLines[0]!.replace('P / L', 'P / X');
	const text = [header, dasLines[1], short.join(','), ...dasLines.slice(3)].join('\n') + '\n';
	const item = await pick(page, DAS_NAME, Buffer.from(text));
	await expect(item.getByTestId('encoding')).toHaveText('read as UTF-8');
	const warning = 'line 1: expected columns not found (their values are not read): P / L';
	await expect(item.getByTestId('preview-warnings')).toHaveText(warning);
	await expect(item.getByRole('list', { name: 'Problems in the first rows' })).toHaveText(
		'Line 3: 12 cells where the header has 14'
	);
	await item.getByRole('button', { name: 'Import into paper mode' }).click();
	await expect(item.getByTestId('import-result')).toHaveText(
		`${dasRows} rows read: ${dasRows - 1} imported, 0 already stored, 1 rejected, 0 skipped`
	);
	await expect(item.getByTestId('result-warnings')).toHaveText(warning);
	const history = page.getByTestId('history');
	await history.getByText('1 rejected row').click();
	await expect(history.getByRole('listitem').filter({ hasText: 'cells where' })).toHaveText(
		'Line 3: 12 cells where the header has 14'
	);
	await expect(history.getByRole('list', { name: `Warnings about ${DAS_NAME}` })).toHaveText(warning);
});
