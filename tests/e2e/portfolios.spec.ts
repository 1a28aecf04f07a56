import { expect, importFiles, RIVN_BARS, showFilters, test } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/**
 * One DAS day of three accounts: DAY1 (AAPL +15.00 and 100 RIVN still held at 13.34), TZ2 (a MSFT
 * short +10.00 and 10 RIVN held at 13.30) and LT3 (TSLA −10.00). No fees.
 */
const DAY = {
	name: 'Trades_2025-10-13.csv',
	text: [
		HEADER,
		'14:00:00,AAPL,B,100.00,10,ARCA,,DAY1,Margin,AUTO,-,0,,',
		'14:10:00,AAPL,S,101.50,10,ARCA,,DAY1,Margin,AUTO,-,0,,',
		'14:45:30,RIVN,B,13.34,100,ARCA,,DAY1,Margin,AUTO,-,0,,',
		'14:20:00,MSFT,SS,400.00,5,ARCA,,TZ2,Short,AUTO,-,0,,',
		'14:30:00,MSFT,B,398.00,5,ARCA,,TZ2,Short,AUTO,-,0,,',
		'14:46:00,RIVN,B,13.30,10,ARCA,,TZ2,Margin,AUTO,-,0,,',
		'14:40:00,TSLA,B,250.00,2,ARCA,,LT3,Margin,AUTO,-,0,,',
		'14:50:00,TSLA,S,245.00,2,ARCA,,LT3,Margin,AUTO,-,0,,',
		''
	].join('\n')
};

test('portfolios group accounts: made in Settings, they filter the trades and the dashboard, and show their positions', async ({
	page
}) => {
	await page.goto('/settings');
	const card = page.getByTestId('portfolios-card');
	await expect(card.getByTestId('portfolios-no-accounts')).toContainText('Add accounts first');

	await importFiles(page, [DAY, RIVN_BARS]);
	await page.goto('/settings');
	await expect(card.getByTestId('portfolios-empty')).toHaveText(
		'Group accounts into portfolios, e.g. Day trading = DAS + TradeZero.'
	);
	// Each account by broker · number · currency (added by one import: in the order of their ids).
	await expect(card.locator('.check')).toHaveText([
		/^\s*DAS Trader · DAY1 · USD$/,
		/^\s*DAS Trader · LT3 · USD$/,
		/^\s*DAS Trader · TZ2 · USD$/
	]);
	const tick = (n: string) => card.getByRole('checkbox', { name: `DAS Trader · ${n} · USD` });

	// Nothing ticked: the card says what is missing, and saves nothing.
	await card.getByTestId('portfolio-name').fill('Day trading');
	await card.getByTestId('portfolio-save').click();
	await expect(card.getByText('Tick at least one account for the portfolio.')).toBeVisible();
	await expect(card.getByTestId('portfolio')).toHaveCount(0);

	// With the keyboard: Space ticks a focused checkbox, Enter in the name saves.
	await tick('DAY1').focus();
	await page.keyboard.press('Space');
	await expect(tick('DAY1')).toBeChecked();
	await tick('TZ2').check();
	await card.getByTestId('portfolio-name').press('Enter');
	await expect(card.getByTestId('portfolio-status')).toHaveText('Added “Day trading”.');
	await card.getByTestId('portfolio-name').fill('Long term');
	await tick('LT3').check();
	await card.getByTestId('portfolio-save').click();
	await expect(card.getByTestId('portfolio')).toHaveCount(2);
	// A second portfolio of the same name, whatever its case, is refused.
	await card.getByTestId('portfolio-name').fill('DAY TRADING');
	await tick('LT3').check();
	await card.getByTestId('portfolio-save').click();
	await expect(card.getByText('Another portfolio is already called “Day trading”.')).toBeVisible();
	await expect(card.getByTestId('portfolio-accounts')).toHaveText([
		'DAS Trader · DAY1, DAS Trader · TZ2',
		'DAS Trader · LT3'
	]);

	// The trades list by portfolio: exactly its accounts' trades.
	await page.goto('/trades');
	await showFilters(page);
	const rows = page.getByTestId('trade-row');
	const summary = page.getByTestId('trades-summary');
	await expect(summary).toContainText('5 trades · net 15.00');
	const select = page.getByTestId('filter-portfolio');
	await expect(select.locator('option')).toHaveText(['Any', 'Day trading', 'Long term']);
	await select.selectOption({ label: 'Day trading' });
	await expect(page.getByTestId('filter-chip-portfolio')).toHaveText('Portfolio: Day trading×');
	await expect(rows).toHaveCount(4);
	await expect(summary).toContainText('4 trades · net 25.00 · 2 won · 0 lost · 2 open');
	await select.selectOption({ label: 'Long term' });
	await expect(rows).toHaveCount(1);
	await expect(summary).toContainText('1 trades · net −10.00 · 0 won · 1 lost');

	// The dashboard shares the filter: its closed trades only.
	await select.selectOption({ label: 'Day trading' });
	await page.goto('/');
	await expect(page.getByTestId('filter-chip-portfolio')).toHaveText('Portfolio: Day trading×');
	await expect(page.getByTestId('trade-count')).toHaveAttribute('data-value', '2');
	await expect(page.getByTestId('net-pnl')).toContainText('25.00');

	// Regrouping the portfolio changes what the filter shows.
	await page.goto('/settings');
	await card.getByRole('button', { name: 'Edit portfolio Day trading' }).click();
	await expect(card.getByTestId('portfolio-name')).toBeFocused();
	await card.getByTestId('portfolio-name').fill('Day trading DAS');
	await tick('TZ2').uncheck();
	await card.getByTestId('portfolio-save').click();
	await expect(card.getByTestId('portfolio-status')).toHaveText('Saved “Day trading DAS”.');
	await page.goto('/trades');
	await expect(page.getByTestId('filter-chip-portfolio')).toHaveText('Portfolio: Day trading DAS×');
	await expect(rows).toHaveCount(2);
	await expect(summary).toContainText('2 trades · net 15.00');

	// Positions per portfolio and per account, with the totals of what is shown.
	await page.goto('/positions');
	const scope = page.getByTestId('positions-scope');
	await expect(page.getByTestId('positions-account')).toHaveCount(2);
	// RIVN's last close 13.36: DAY1 (13.36 − 13.34) × 100 = +2.00, TZ2 (13.36 − 13.30) × 10 = +0.60.
	await expect(page.getByTestId('total-pnl')).toHaveText('+2.60');
	await scope.selectOption({ label: 'Day trading DAS' });
	await expect(page.getByTestId('positions-scope-name')).toHaveText('· Day trading DAS');
	await expect(page.getByTestId('positions-account')).toHaveCount(1);
	await expect(page.getByTestId('positions-account')).toHaveAttribute('data-account', /\|DAY1$/);
	await expect(page.getByTestId('total-pnl')).toHaveText('+2.00');
	await expect(page.getByTestId('total-exposure')).toHaveText('1,336.00');
	await scope.selectOption({ label: 'DAS Trader · TZ2 · USD' });
	await expect(page.getByTestId('total-pnl')).toHaveText('+0.60');
	await expect(page.getByTestId('total-exposure')).toHaveText('133.60');
	await scope.selectOption({ label: 'Long term' });
	await expect(page.getByTestId('positions-account')).toHaveCount(0);
	await expect(page.getByTestId('positions-scope-none')).toHaveText('No open position in Long term.');

	// A deleted portfolio: the filter that named it shows nothing and says so.
	await page.goto('/settings');
	await card.getByRole('button', { name: 'Delete portfolio Day trading DAS' }).click();
	await expect(card.getByTestId('portfolio')).toHaveCount(1);
	await page.goto('/trades');
	await expect(page.getByTestId('filter-chip-portfolio')).toHaveText('Portfolio: unknown portfolio×');
	await expect(rows).toHaveCount(0);
	await page.getByRole('button', { name: 'Remove the filter Portfolio: unknown portfolio' }).click();
	await expect(rows).toHaveCount(5);
});
