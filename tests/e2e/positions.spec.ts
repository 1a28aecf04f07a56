import type { Page } from '@playwright/test';
import { enterRealMode, expect, importFiles, RIVN_BARS, test } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** One real buy of 100 RIVN at 13.34, 14:45:30 New York on 2025-10-13: an open long. */
const BUY = {
	name: 'Trades_2025-10-13.csv',
	text: `${HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n`
};

/** RIVN's position row as the page shows it, figure by figure. */
async function expectRivnFigures(page: Page): Promise<void> {
	const row = page.getByTestId('position-row').filter({ hasText: 'RIVN' });
	await expect(row.getByTestId('position-side')).toHaveText('long');
	await expect(row.getByTestId('position-quantity')).toHaveText('100');
	await expect(row.getByTestId('position-average')).toHaveText('13.34');
	await expect(row.getByTestId('position-last-value')).toHaveText('13.36');
	await expect(row.getByTestId('position-last-time')).toHaveText('at 2025-10-13 15:10:00');
	await expect(row.getByTestId('position-pnl')).toHaveText('+2.00');
	await expect(row.getByTestId('position-pnl')).toHaveClass(/gain/);
	await expect(row.getByTestId('position-exposure')).toHaveText('1,336.00');
	await expect(row.getByTestId('position-weight')).toHaveText('100.00 %');
}

test('an imported open long shows at its validated last price, and a price mark raises its confidence', async ({
	page
}) => {
	await page.goto('/');
	await enterRealMode(page);
	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Positions' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Positions');
	await expect(page.getByTestId('positions-empty')).toContainText("import a broker's executions file");
	await expect(page.getByRole('link', { name: 'Import executions' })).toBeVisible();

	// The position before any price: it says so and what to do, and counts in no total.
	await importFiles(page, [BUY]);
	await page.goto('/positions');
	const account = page.getByTestId('positions-account');
	await expect(account).toHaveCount(1);
	await expect(account.getByRole('heading', { level: 2 })).toHaveText('DAS Trader · TRPA61247');
	await expect(account.getByTestId('account-currency')).toHaveText('USD');
	const row = page.getByTestId('position-row');
	await expect(row).toHaveCount(1);
	await expect(row.getByTestId('position-no-price')).toHaveText(
		'No price of RIVN yet: import its bars or mark a price on Alerts → Price alerts.'
	);
	await expect(row.getByTestId('position-pnl')).toHaveText('—');
	await expect(row.getByTestId('position-weight')).toHaveText('—');
	await expect(page.getByTestId('currency-total')).toContainText('1 without a price, not counted');

	// Its bars: the last close 13.36 at 15:10, one file, medium confidence.
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/positions');
	await expectRivnFigures(page);
	await expect(row.getByTestId('confidence-chip')).toHaveText('medium');
	await expect(row.getByTestId('confidence-reasons')).toHaveText('single source: RIVN.csv');
	const usd = page.getByTestId('currency-total');
	await expect(usd).toHaveAttribute('data-currency', 'USD');
	await expect(usd.getByTestId('total-pnl')).toHaveText('+2.00');
	await expect(usd.getByTestId('total-exposure')).toHaveText('1,336.00');
	await expect(page.getByTestId('account-total')).toHaveText(
		'Total in USD: unrealised +2.00 · exposure 1,336.00'
	);
	await expect(page.getByText('totals in different currencies are never added together')).toBeVisible();

	// A second source, a price mark at the last bar's minute that agrees: high confidence.
	await page.goto('/alerts/levels');
	await page.getByTestId('mark-symbol').fill('RIVN');
	await page.getByTestId('mark-price').fill('13.36');
	await page.getByTestId('mark-time').fill('2025-10-13T15:10');
	await page.getByTestId('mark-add').click();
	await expect(page.getByTestId('mark-result')).toContainText('Marked RIVN 13.36');
	await page.goto('/positions');
	await expectRivnFigures(page);
	await expect(row.getByTestId('confidence-chip')).toHaveText('high');
	await expect(row.getByTestId('confidence-reasons')).toContainText('2 sources agree');

	// The symbol opens its open trade.
	await row.getByTestId('position-symbol').getByRole('link', { name: 'RIVN' }).click();
	await expect(page).toHaveURL(/\/trades\/[^/]+$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('RIVN · long');

	// The palette's Positions action shows the symbol's positions only.
	await page.keyboard.press('Control+k');
	const palette = page.getByTestId('palette');
	await palette.getByRole('combobox', { name: 'Symbol or page' }).fill('rivn');
	await palette.getByRole('option', { name: 'Positions · 1 of RIVN' }).click();
	await expect(page).toHaveURL(/\/positions\?symbol=RIVN$/);
	await expect(page.getByTestId('positions-filter')).toHaveText(
		'Showing RIVN only (the totals are of every position). Show every position'
	);
	await expect(page.getByTestId('position-row')).toHaveCount(1);
	await page.goto('/positions?symbol=NFLX');
	await expect(page.getByTestId('positions-none-filtered')).toHaveText(
		'No open position in NFLX. Show every position'
	);
	await expect(page.getByTestId('position-row')).toHaveCount(0);
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('a position is a card with every figure, without horizontal scrolling', async ({ page }) => {
		await page.goto('/');
		await enterRealMode(page);
		await importFiles(page, [BUY, RIVN_BARS]);
		await page.goto('/positions');
		await expectRivnFigures(page);
		const row = page.getByTestId('position-row');
		await expect(row.getByTestId('confidence-chip')).toHaveText('medium');
		const box = (await row.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(390);
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
	});
});

test('with a base currency, a position’s P&L is given in it too, naming the rate', async ({ page }) => {
	await page.goto('/');
	await enterRealMode(page);
	await importFiles(page, [BUY, RIVN_BARS]);

	// Base EUR, and 1 EUR = 1.25 USD on 2025-10-13: the dollar P&L +2.00 is €1.60 (the rate inverted).
	await page.goto('/settings');
	const card = page.getByRole('region', { name: 'Currencies' });
	await card.getByTestId('base-currency').selectOption('EUR');
	await expect(card.getByTestId('currency-message')).toHaveText('Base currency: EUR.');
	await card.getByTestId('fx-base').fill('EUR');
	await card.getByTestId('fx-quote').fill('USD');
	await card.getByTestId('fx-date').fill('2025-10-13');
	await card.getByTestId('fx-rate').fill('1.25');
	await card.getByRole('button', { name: 'Add rate' }).click();

	await page.goto('/positions');
	const row = page.getByTestId('position-row').filter({ hasText: 'RIVN' });
	await expect(row.getByTestId('position-pnl')).toHaveText('+2.00');
	await expect(page.getByRole('columnheader', { name: 'In EUR' })).toBeVisible();
	const inBase = row.getByTestId('position-pnl-base');
	await expect(inBase).toHaveText('€1.60');
	await expect(inBase).toHaveAttribute('title', /^at EURUSD 1\.25 on 2025-10-13/);
	// The total in the base currency too, though the positions are in one currency only.
	await expect(page.getByTestId('positions-converted')).toContainText('€1.60');
});
