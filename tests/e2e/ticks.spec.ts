import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

/** The RIVN minute bars (2025-10-13 14:45–15:10 New York) with every price moved by `shift` (and scaled). */
function bars(scale: number, decimals: number): string {
	const [header, ...rows] = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8').trim().split('\n');
	const moved = rows.map((row) => {
		const [time, ...cells] = row.split(',');
		const volume = cells.pop()!;
		return [time, ...cells.map((c) => (Number(c) * scale).toFixed(decimals)), volume].join(',');
	});
	return [header, ...moved].join('\n');
}

/** Imports `name`'s bars, starts a replay of them and reveals the first bar. */
async function startOn(page: Page, name: string, text: string, symbol: string): Promise<void> {
	await importFiles(page, [{ name, text }]);
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue(symbol);
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(new RegExp(`${symbol} · bar 0 of 26`));
	await page.getByTestId('replay-step').click();
}

test('an ES limit typed off its quarter-point tick is refused with the nearest prices; fixed by a tick step, it is placed', async ({
	page
}) => {
	// 13.28 × 377.5 ≈ 5013: ES-like prices, on the quarter point.
	const text = bars(377.5, 2).replace(/\d+\.\d+/g, (p) => (Math.round(Number(p) * 4) / 4).toFixed(2));
	await startOn(page, 'ESZ5.csv', text, 'ESZ5');
	const ticket = page.getByTestId('order-ticket');
	await expect(page.getByTestId('ticket-steps')).toHaveText(
		'Prices in USD, tick 0.25 · quantity in whole contracts'
	);
	await page.getByTestId('ticket-quantity').fill('1');
	await page.getByTestId('ticket-type').selectOption('limit');
	await expect(ticket.getByLabel('Limit price (USD)')).toBeVisible();
	await page.getByTestId('ticket-limit').fill('5012.30');
	const refusal = 'ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50';
	await expect(page.getByTestId('ticket-limit-problem')).toHaveText(refusal);
	await expect(page.getByTestId('ticket-limit')).toHaveAttribute('aria-invalid', 'true');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(refusal);
	await expect(page.getByTestId('working-order')).toHaveCount(0);

	// ↓ moves to the tick below; + and − move one tick.
	await page.getByTestId('ticket-limit').press('ArrowDown');
	await expect(page.getByTestId('ticket-limit')).toHaveValue('5012.25');
	await page.getByTestId('ticket-limit-up').click();
	await expect(page.getByTestId('ticket-limit')).toHaveValue('5012.5');
	await page.getByTestId('ticket-limit-down').click();
	await expect(page.getByTestId('ticket-limit-problem')).toHaveCount(0);
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 1 ESZ5 limit 5012.25');
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// A fraction of a contract is refused.
	await page.getByTestId('ticket-quantity').fill('1.5');
	await expect(page.getByTestId('ticket-quantity-problem')).toHaveText(
		'ES trades in whole contracts: 1.5 is not a quantity; 1 or 2'
	);
});

test('a fractional BTC-USD quantity is accepted and filled, priced in USD to the cent', async ({ page }) => {
	// 13.28 × 4830 ≈ 64 142: BTC-like prices in cents.
	await startOn(page, 'BTC-USD.csv', bars(4830, 2), 'BTC-USD');
	await expect(page.getByTestId('ticket-steps')).toHaveText(
		/^Prices in USD, tick 0\.01 at this price · quantity in 0\.00000001 BTC$/
	);
	await expect(page.getByTestId('ticket-preset-0.001')).toBeVisible();
	await page.getByTestId('ticket-quantity').fill('0.0001');
	await expect(page.getByTestId('ticket-quantity-problem')).toHaveCount(0);
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 0.0001 BTC-USD market');
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toContainText('0.0001 @ ');

	await page.getByTestId('ticket-quantity').fill('0.000000001');
	await expect(page.getByTestId('ticket-quantity-problem')).toHaveText(
		'BTC-USD trades in steps of 0.00000001 BTC: 0.000000001 is not a quantity; 0.00000001'
	);
});
