import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterRealMode, expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');
const PASSPHRASE = 'correct horse battery staple';

async function tradeCount(page: Page): Promise<number> {
	await page.goto('/trades');
	const rows = page.getByTestId('trade-row');
	await expect(rows.first()).toBeVisible();
	return rows.count();
}

async function downloadBackup(page: Page): Promise<{ text: string; name: string }> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download backup' }).click();
	const file = await download;
	return { text: readFileSync(await file.path(), 'utf8'), name: file.suggestedFilename() };
}

async function chooseBackup(page: Page, name: string, text: string): Promise<void> {
	await page
		.getByTestId('restore-input')
		.setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

test('an encrypted backup hides the data, needs its passphrase, and restores exactly', async ({ page }) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	const trades = await tradeCount(page);

	await page.goto('/settings');
	await page.getByTestId('backup-encrypt').check();
	await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
	await page.getByLabel('Repeat it').fill('something else');
	await page.getByRole('button', { name: 'Download backup' }).click();
	await expect(page.getByRole('alert')).toHaveText('The two passphrases differ.');
	await page.getByLabel('Repeat it').fill(PASSPHRASE);
	const sealed = await downloadBackup(page);
	expect(sealed.name).toMatch(/^fillbook-paper-backup-\d{4}-\d{2}-\d{2}-encrypted\.json$/);
	expect(sealed.text.startsWith('{"format":"fillbook-backup-encrypted","version":1,"mode":"paper"')).toBe(
		true
	);
	for (const secret of ['NFLX', 'BABA', DAS_NAME]) expect(sealed.text).not.toContain(secret);
	await expect(page.getByTestId('backup-message')).toHaveText(
		`Downloaded ${sealed.name}, encrypted with your passphrase.`
	);

	await page.getByRole('button', { name: 'Delete all paper data…' }).click();
	await page
		.getByRole('dialog', { name: 'Delete everything in paper mode?' })
		.getByRole('button', { name: 'Delete all paper data' })
		.click();
	await expect(page.getByTestId('backup-message')).toHaveText('Everything in paper mode was deleted.');

	await chooseBackup(page, 'sealed.json', sealed.text);
	const unlock = page.getByTestId('backup-unlock');
	await expect(unlock).toContainText('sealed.json is an encrypted backup of paper mode.');
	await unlock.getByLabel('Backup passphrase').fill('not the passphrase');
	await unlock.getByRole('button', { name: 'Open' }).click();
	await expect(page.getByTestId('backup-message')).toHaveText(
		'sealed.json: The passphrase is wrong, or the file was changed after it was encrypted. Nothing was changed.'
	);
	await unlock.getByLabel('Backup passphrase').fill(PASSPHRASE);
	await unlock.getByRole('button', { name: 'Open' }).click();
	const dialog = page.getByRole('dialog', { name: 'Replace everything in paper mode?' });
	await expect(dialog.getByTestId('restore-summary')).toContainText(
		'sealed.json: a paper-mode backup (encrypted)'
	);
	await dialog.getByRole('button', { name: 'Replace with the backup' }).click();
	await expect(page.getByTestId('backup-message')).toHaveText('Restored sealed.json.');
	expect(await tradeCount(page)).toBe(trades);
});

test('a paper backup goes into real mode only after "real" is typed', async ({ page }) => {
	await importFiles(page, [{ name: DAS_NAME, text: dasText }]);
	const trades = await tradeCount(page);
	await page.goto('/settings');
	const paper = await downloadBackup(page);
	await enterRealMode(page);

	await chooseBackup(page, 'practice.json', paper.text);
	const dialog = page.getByRole('dialog', { name: 'Replace everything in real mode?' });
	await expect(dialog.getByTestId('restore-summary')).toHaveText(
		'practice.json: a paper-mode backup: 1 account, 1 import, 1 chunk of executions, 11 instruments.'
	);
	await expect(dialog.getByTestId('restore-other-mode')).toHaveText(
		'This backup holds paper-mode data. Restoring it puts it in place of your real-mode data.'
	);
	const replace = dialog.getByRole('button', { name: 'Replace with the backup' });
	await expect(replace).toBeDisabled();
	await dialog.getByLabel('Type real to confirm').fill('paper');
	await expect(replace).toBeDisabled();
	await dialog.getByLabel('Type real to confirm').fill('real');
	await replace.click();
	await expect(page.getByTestId('backup-message')).toHaveText('Restored practice.json.');
	expect(await tradeCount(page)).toBe(trades);
});

test('Settings reminds when the newest backup is older than the chosen number of days', async ({ page }) => {
	const tenDaysAgo = Date.now() - 10 * 86_400_000;
	await page.addInitScript(
		(at) => localStorage.setItem('fillbook.backup.last.paper', String(at)),
		tenDaysAgo
	);
	await page.goto('/settings');
	const reminder = page.getByTestId('backup-reminder');
	await expect(reminder).toHaveText(
		`Your newest backup of paper mode is 10 days old (from ${await page.evaluate(
			(at) => new Intl.DateTimeFormat(undefined, { dateStyle: 'short' }).format(at),
			tenDaysAgo
		)}). Download a new one.`
	);
	const days = page.getByLabel('Remind me when the newest backup is older than (days, 0 = never)');
	await days.fill('14');
	await page.getByRole('button', { name: 'Save', exact: true }).last().click();
	await expect(reminder).toHaveCount(0);
	await days.fill('-1');
	await page.getByRole('button', { name: 'Save', exact: true }).last().click();
	await expect(page.getByRole('alert')).toHaveText(
		'The reminder period is a whole number of days from 0 (never) to 365.'
	);
	await page.reload();
	await expect(days).toHaveValue('14');
	await expect(reminder).toHaveCount(0);

	// A fresh backup clears the reminder at once.
	await days.fill('7');
	await page.getByRole('button', { name: 'Save', exact: true }).last().click();
	await expect(reminder).toBeVisible();
	await downloadBackup(page);
	await expect(reminder).toHaveCount(0);
});
