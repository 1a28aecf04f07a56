import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const TV_DIR = 'tests/fixtures/formats/tradingview-orders';
const TV_NAMES = [
	'paper-trading-order-history-all-2026-09-01T21_03_44.512Z.csv',
	'paper-orders-unknown-futures-root.csv'
];
const REASON =
	'cannot compute P&L: no point value for the futures root LE (LE1!, execution line 3 of paper-orders-unknown-futures-root.csv); set it in Settings';
/** Screenshots for review when SHOTS_DIR is set (not part of the assertions). */
const SHOTS = process.env.SHOTS_DIR;

async function shoot(page: Page, name: string): Promise<void> {
	if (!SHOTS) return;
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 900 });
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.screenshot({ path: `${SHOTS}/${name}-1280-dark.png`, fullPage: true });
	await page.emulateMedia({ colorScheme: 'light' });
}

/** TradingView paper orders name no account: each goes into the DAS file's account, times in UTC. */
async function importTradingView(page: Page): Promise<void> {
	await page.goto('/import');
	await page.getByTestId('file-input').setInputFiles(
		TV_NAMES.map((name) => ({
			name,
			mimeType: 'text/csv',
			buffer: Buffer.from(readFileSync(`${TV_DIR}/${name}`, 'utf8'))
		}))
	);
	for (const name of TV_NAMES) {
		const card = page.getByRole('article', { name: `Import ${name}` });
		await expect(card.getByTestId('format')).toHaveValue('tradingview-orders');
		await card.getByTestId('zone').fill('UTC');
		await card.getByTestId('zone').press('Tab');
		await card.getByTestId('account').selectOption({ label: 'TRPA61247 · DAS Trader' });
		await card.getByRole('button', { name: /Import into/ }).click();
		await expect(card.getByTestId('import-result')).toContainText(' imported, ');
	}
}

test('TradingView futures orders beside a DAS day: every trade computes but one, which is listed with its reason and counted apart', async ({
	page
}) => {
	await importFiles(page, [
		{ name: DAS_NAME, text: readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8') }
	]);
	await importTradingView(page);

	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Trades' }).click();
	const rows = page.getByTestId('trade-row');
	await expect(rows).toHaveCount(17);
	await expect(page.getByTestId('trades-summary')).toHaveText(
		'17 trades · net −1,203.19 · 5 won · 8 lost · 3 open · 1 trade cannot be computed, not in the totals'
	);
	// The DAS trades keep their exact figures; the futures trade that has a point value computes.
	const net = (symbol: string, direction: string) =>
		rows.filter({ hasText: symbol }).filter({ hasText: direction }).locator('.col-netPnl');
	await expect(net('BABA', 'long')).toHaveText('248.07');
	await expect(net('QQQ', 'short')).toHaveText('−19.38');
	await expect(net('MNQ1!', 'long')).toHaveText('−475.48');
	const bad = rows.filter({ hasText: 'LE1!' });
	await expect(bad.getByTestId('trade-problem')).toHaveText(REASON);
	await shoot(page, 'trades');

	await bad.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('LE1! · long');
	await expect(page.getByTestId('trade-problem')).toHaveText(
		`${REASON}. This trade counts in no total (Trades, Dashboard, Reports) until its figures can be computed.`
	);
	await expect(page.getByTestId('net-pnl')).toHaveText('—');
	await expect(page.getByTestId('executions').locator('tbody tr')).toHaveCount(2);
	await shoot(page, 'trade-unusable');

	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Dashboard' }).click();
	await expect(page.getByTestId('net-pnl')).toHaveText('−1,202.35');
	await expect(page.getByTestId('unusable')).toHaveText(
		'1 trade cannot be computed and is left out of every figure here: Trades lists it with the reason.'
	);
	await shoot(page, 'dashboard');

	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByTestId('unusable')).toHaveText(
		'1 trade cannot be computed and is left out of every figure here: Trades lists it with the reason.'
	);

	// Setting the root's point value makes the trade count: (231.45 − 230.80) × $400 − $4.20 = 255.80.
	await page.goto('/settings');
	await page.getByTestId('point-root').fill('LE');
	await page.getByTestId('point-value').fill('400');
	await page.getByTestId('point-value').press('Enter');
	await expect(page.getByTestId('point-values')).toContainText('LE');
	await page.goto('/trades');
	await expect(net('LE1!', 'long')).toHaveText('255.80');
	await expect(page.getByTestId('trades-summary')).toHaveText(
		'17 trades · net −947.39 · 6 won · 8 lost · 3 open'
	);
});

test('the trade page shows the cash flow as gross P&L and the broker’s own figure beside it', async ({
	page
}) => {
	await importFiles(page, [
		{ name: DAS_NAME, text: readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8') }
	]);
	await page.goto('/trades');
	await page.getByTestId('trade-row').filter({ hasText: 'QQQ' }).filter({ hasText: 'short' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('QQQ · short');
	// DAS's P / L column sums to −19.25; the executions' cash flow is −19.26.
	await expect(page.getByTestId('gross-pnl')).toHaveText('−19.26');
	await expect(page.getByTestId('broker-pnl')).toHaveText('broker reports −19.25');
	await expect(page.getByTestId('pnl-reconciliation')).toHaveText(
		"The broker reports −19.25: it rounds each closing execution's P&L to the cent, and those roundings add up. The cash flow of the executions (sells − buys) is −19.26."
	);
	await expect(page.getByTestId('net-pnl')).toHaveText('−19.38');
	await shoot(page, 'trade-reconciliation');
});
