import type { Page } from '@playwright/test';
import { SECTIONS, enterRealMode, expect, test } from './fixtures';

const banner = (page: Page) => page.getByTestId('mode-banner');
const modeSwitch = (page: Page) => page.getByRole('group', { name: 'Mode' });

async function addAccount(page: Page, broker: string, number: string): Promise<void> {
	await page.getByLabel('Broker').fill(broker);
	await page.getByLabel('Account number').fill(number);
	await page.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByTestId('accounts')).toContainText(number);
}

test('a new user is in paper mode, shown on every page', async ({ page }) => {
	for (const section of SECTIONS) {
		await page.goto(section.path);
		await expect(banner(page)).toHaveAttribute('data-mode', 'paper');
		await expect(banner(page)).toContainText('PAPER MODE');
		await expect(modeSwitch(page).getByRole('button', { name: 'Paper' })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
	}
});

test('switching to real mode without confirming leaves the app in paper mode', async ({ page }) => {
	await page.goto('/');
	await modeSwitch(page).getByRole('button', { name: 'Real' }).click();
	const dialog = page.getByRole('dialog', { name: 'Switch to real mode?' });
	await expect(dialog).toContainText('Real mode is the journal of your actual broker activity');
	// The safe answer has the focus, so Enter does not confirm.
	await expect(dialog.getByRole('button', { name: 'Stay in paper mode' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Stay in paper mode' }).click();
	await expect(dialog).toBeHidden();
	await expect(banner(page)).toHaveAttribute('data-mode', 'paper');

	await modeSwitch(page).getByRole('button', { name: 'Real' }).click();
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(banner(page)).toHaveAttribute('data-mode', 'paper');

	await page.reload();
	await expect(banner(page)).toHaveAttribute('data-mode', 'paper');
});

test('confirming switches to real mode everywhere, survives reloads, and paper needs no confirmation', async ({
	page
}) => {
	await page.goto('/');
	await enterRealMode(page);
	await expect(banner(page)).toContainText('REAL MODE');
	await expect(modeSwitch(page).getByRole('button', { name: 'Real' })).toHaveAttribute(
		'aria-pressed',
		'true'
	);

	await page.reload();
	await expect(banner(page)).toHaveAttribute('data-mode', 'real');
	await page.goto('/reports');
	await expect(banner(page)).toHaveAttribute('data-mode', 'real');

	await modeSwitch(page).getByRole('button', { name: 'Paper' }).click();
	await expect(page.getByRole('dialog')).toHaveCount(0);
	await expect(banner(page)).toHaveAttribute('data-mode', 'paper');
	await page.reload();
	await expect(banner(page)).toHaveAttribute('data-mode', 'paper');
});

test('a write in one mode is absent in the other after reload', async ({ page }) => {
	await page.goto('/settings');
	await expect(page.getByTestId('db-name')).toHaveText('fillbook-paper');
	await expect(page.getByTestId('no-accounts')).toBeVisible();
	await addAccount(page, 'DAS Trader', 'TRPAPER1');
	await expect(page.getByTestId('table-accounts').locator('td.num')).toHaveText('1');

	await enterRealMode(page);
	await page.reload();
	await expect(page.getByTestId('db-name')).toHaveText('fillbook-real');
	await expect(page.getByTestId('no-accounts')).toHaveText('No accounts in real mode yet.');
	await expect(page.getByTestId('table-accounts').locator('td.num')).toHaveText('0');
	await addAccount(page, 'Interactive Brokers', 'U1234567');

	await modeSwitch(page).getByRole('button', { name: 'Paper' }).click();
	await page.reload();
	await expect(page.getByTestId('db-name')).toHaveText('fillbook-paper');
	await expect(page.getByTestId('accounts')).toContainText('TRPAPER1');
	await expect(page.getByTestId('accounts')).not.toContainText('U1234567');

	await enterRealMode(page);
	await expect(page.getByTestId('accounts')).toContainText('U1234567');
	await expect(page.getByTestId('accounts')).not.toContainText('TRPAPER1');
});

test('account input errors are shown field by field and nothing is stored', async ({ page }) => {
	await page.goto('/settings');
	await page.getByLabel('Currency', { exact: true }).fill('US');
	await page.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByText('Broker is required.')).toBeVisible();
	await expect(page.getByText('Account number is required.')).toBeVisible();
	await expect(page.getByText('Currency must be a three-letter ISO code such as USD.')).toBeVisible();
	await expect(page.getByTestId('no-accounts')).toBeVisible();
	await expect(page.getByTestId('table-accounts').locator('td.num')).toHaveText('0');
});

test('removing a real account asks first and names it; paper accounts go at once', async ({ page }) => {
	await page.goto('/settings');
	await addAccount(page, 'DAS Trader', 'TRGO');
	await page.getByRole('button', { name: 'Remove account TRGO at DAS Trader' }).click();
	await expect(page.getByTestId('no-accounts')).toBeVisible();

	await enterRealMode(page);
	await addAccount(page, 'DAS Trader', 'TRKEEP');
	await page.getByRole('button', { name: 'Remove account TRKEEP at DAS Trader' }).click();
	const dialog = page.getByRole('dialog', { name: 'Remove a real account?' });
	await expect(dialog).toContainText('TRKEEP');
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('accounts')).toContainText('TRKEEP');
	await page.getByRole('button', { name: 'Remove account TRKEEP at DAS Trader' }).click();
	await dialog.getByRole('button', { name: 'Remove account' }).click();
	await expect(page.getByTestId('no-accounts')).toBeVisible();
});
