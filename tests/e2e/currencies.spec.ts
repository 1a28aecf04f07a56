import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The executions' days are New York days: the rate of 2025-03-04 applies to trades closed that day.
test.use({ timezoneId: 'America/New_York' });

/** A round trip on 2025-03-04 in Tradervue's generic executions template: buy 100 at 10, sell at `exit`. */
const csv = (symbol: string, exit: string) =>
	`Date,Time,Symbol,Quantity,Price,Side\n03/04/2025,09:30:00,${symbol},100,10.00,Buy\n03/04/2025,10:00:00,${symbol},100,${exit},Sell\n`;

async function addAccount(page: Page, number: string, currency: string) {
	await page.goto('/settings');
	await page.getByLabel('Broker').fill('Generic');
	await page.getByLabel('Account number').fill(number);
	await page.getByLabel('Currency', { exact: true }).fill(currency);
	await page.getByRole('button', { name: 'Add account' }).click();
	await expect(page.getByRole('button', { name: `Remove account ${number} at Generic` })).toBeVisible();
}

async function importInto(page: Page, name: string, text: string, account: string) {
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles([{ name, mimeType: 'text/csv', buffer: Buffer.from(text) }]);
	const card = page.getByRole('article', { name: `Import ${name}` });
	await expect(card.getByTestId('format')).toHaveValue('tradervue-generic');
	await card.getByTestId('account').selectOption({ label: `${account} · Generic` });
	await card.getByRole('button', { name: /Import into/ }).click();
	await expect(card.getByTestId('import-result')).toContainText(' imported, ');
}

test('a EUR and a USD account: two totals, never one, until a base currency and a named rate convert them', async ({
	page
}) => {
	await addAccount(page, 'E1', 'EUR');
	await addAccount(page, 'U1', 'USD');
	await importInto(page, 'sap.csv', csv('SAP', '11.00'), 'E1');
	await importInto(page, 'aapl.csv', csv('AAPL', '10.50'), 'U1');

	await page.goto('/');
	await expect(page.getByTestId('net-pnl-by-currency')).toHaveText('€100.00 · $50.00');
	await expect(page.getByTestId('net-pnl-converted')).toHaveText(
		'2 currencies: set a base currency in Settings to see one total'
	);
	// No summed line: the charts give way to a note.
	await expect(page.getByTestId('currency-blocked')).toContainText(
		'2 currencies: pick one account or set a base currency in Settings'
	);
	await expect(page.getByRole('heading', { name: 'Equity curve' })).toHaveCount(0);

	await page.goto('/settings');
	const card = page.getByRole('region', { name: 'Currencies' });
	await expect(card.getByTestId('account-currencies')).toHaveText('Your accounts use EUR, USD.');
	await card.getByTestId('base-currency').selectOption('USD');
	await expect(card.getByTestId('currency-message')).toHaveText('Base currency: USD.');
	await card.getByTestId('fx-base').fill('EUR');
	await card.getByTestId('fx-quote').fill('USD');
	await card.getByTestId('fx-date').fill('2025-03-04');
	await card.getByTestId('fx-rate').fill('1.0842');
	await card.getByRole('button', { name: 'Add rate' }).click();
	await expect(card.getByTestId('fx-rates')).toContainText('EUR/USD');
	await expect(card.getByTestId('fx-rates')).toContainText('1.0842');

	await page.goto('/');
	await expect(page.getByTestId('net-pnl-by-currency')).toHaveText('€100.00 · $50.00');
	await expect(page.getByTestId('net-pnl-converted')).toHaveText(
		'≈ $158.42 in USD (rates: EURUSD 1.0842 on 2025-03-04, typed)'
	);
	await expect(page.getByTestId('currency-caption')).toContainText(
		'In USD at EURUSD 1.0842 on 2025-03-04, typed'
	);
	await expect(page.getByRole('heading', { name: 'Equity curve' })).toBeVisible();

	await page.goto('/trades');
	await expect(page.getByTestId('trades-net-by-currency')).toHaveText('net €100.00 · $50.00');
	await expect(page.getByTestId('trades-converted')).toHaveText(
		'≈ $158.42 in USD (rates: EURUSD 1.0842 on 2025-03-04, typed)'
	);
});
