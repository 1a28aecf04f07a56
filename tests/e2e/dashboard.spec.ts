import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

/** Picks the DAS sample on the Import page and imports it into paper mode. */
const importSample = (page: Page) =>
	importFiles(page, [{ name: DAS_NAME, text: dasText, format: 'das-trades' }], 'Import into paper mode');

interface Totals {
	trades: number;
	/** Net P&L in cents. */
	net: number;
	won: number;
	lost: number;
	open: number;
}

/** The Trades page's own totals line, over everything the filter lets through. */
async function tradesTotals(page: Page): Promise<Totals> {
	const text = await page.getByTestId('trades-summary').innerText();
	const match = /([\d,]+) trades · net (\S+) · (\d+) won · (\d+) lost(?: · (\d+) open)?/.exec(text);
	expect(match, text).not.toBeNull();
	const [, trades, net, won, lost, open] = match!;
	return {
		trades: Number(trades!.replace(/,/g, '')),
		net: cents(net!),
		won: Number(won),
		lost: Number(lost),
		open: Number(open ?? 0)
	};
}

/** `−1,234.56` as the app shows money, in cents. */
const cents = (text: string) => Math.round(Number(text.replace(/,/g, '').replace('−', '-')) * 100);

async function setOutcome(page: Page, outcome: 'all' | 'open'): Promise<void> {
	await page.getByTestId('filter-outcome').selectOption(outcome);
}

test('the dashboard of the DAS sample agrees with the Trades page, switches to R and opens a day', async ({
	page
}) => {
	await importSample(page);
	await page.goto('/trades');
	await expect(page.getByTestId('trades-summary')).toBeVisible();
	const totals = await tradesTotals(page);
	expect(totals.trades).toBeGreaterThan(5);
	// Open trades are in the list but in no dashboard figure: take their P&L out of the list's total.
	await setOutcome(page, 'open');
	await expect(page.getByTestId('trades-summary')).toContainText(`${totals.open} trades`);
	const open = await tradesTotals(page);
	await setOutcome(page, 'all');

	await page.goto('/');
	const net = page.getByTestId('net-pnl');
	await expect(net).toBeVisible();
	await expect(page.getByTestId('trade-count')).toHaveAttribute(
		'data-value',
		String(totals.trades - totals.open)
	);
	await expect(page.getByTestId('trade-count').locator('+ dd')).toContainText(
		`${totals.won} won · ${totals.lost} lost`
	);
	expect(cents(await net.innerText())).toBe(totals.net - open.net);
	const netText = await net.innerText();
	const chart = page.getByTestId('equity-chart');
	await expect(chart).toHaveAttribute('data-points', String(totals.trades - totals.open));
	expect(Number(await chart.getAttribute('data-final'))).toBeCloseTo(
		Number(await net.getAttribute('data-value')),
		6
	);
	await expect(chart.locator('canvas')).toHaveCount(2);
	const counts = (await page.getByTestId('pnl-histogram').getAttribute('data-counts'))!
		.split(',')
		.map(Number);
	expect(counts.reduce((a, b) => a + b, 0)).toBe(totals.trades - totals.open);

	// In R: no trade of the sample has a risk, so every one is left out, and the page says why.
	await page.getByTestId('unit-r').click();
	await expect(page.getByTestId('unit-r')).toHaveAttribute('aria-pressed', 'true');
	await expect(page.getByTestId('trade-count')).toHaveAttribute('data-value', '0');
	await expect(page.getByTestId('left-out')).toContainText(
		`${totals.trades - totals.open} trades have no risk`
	);
	// The unit is remembered across a reload.
	await page.reload();
	await expect(page.getByTestId('unit-r')).toHaveAttribute('aria-pressed', 'true');
	await page.getByTestId('unit-money').click();
	await expect(net).toHaveText(netText);

	// The calendar: one day, reachable by keyboard, opening the Trades page for that day.
	const day = page.getByTestId('pnl-calendar').locator('button[data-day]');
	await expect(day).toHaveCount(1);
	await expect(day).toHaveAttribute('data-day', '2025-10-13');
	await expect(day).toHaveAttribute('aria-label', /Mon, Oct 13, 2025: net .* in \d+ trades/);
	const cell = {
		trades: Number(await day.getAttribute('data-trades')),
		net: Math.round(Number(await day.getAttribute('data-pnl')) * 100)
	};
	expect(cell.trades).toBe(totals.trades - totals.open);
	await day.focus();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/\/trades$/);
	// The list is of the trades closed that day, as the calendar counts them, and says so.
	await expect(page.getByTestId('filter-dates')).toHaveText(/^Closed on 2025-10-13/);
	await expect(page.getByTestId('filter-from')).toHaveValue('2025-10-13');
	await expect(page.getByTestId('filter-to')).toHaveValue('2025-10-13');
	await expect(page.getByTestId('filter-date-by')).toHaveValue('close');
	await expect(page.getByTestId('trades-summary')).toContainText(`${cell.trades} trades`);
	expect(await tradesTotals(page)).toEqual({ ...totals, trades: cell.trades, net: cell.net, open: 0 });
	await expect(page.getByTestId('trade-row')).toHaveCount(cell.trades);
	// By opening day, the same day also has the trades still open.
	await page.getByTestId('filter-date-by').selectOption('open');
	await expect(page.getByTestId('filter-dates')).toHaveText(/^Opened on 2025-10-13/);
	await expect(page.getByTestId('trades-summary')).toContainText(`${totals.trades} trades`);
	expect(await tradesTotals(page)).toEqual(totals);
	// The chip's × takes the dates off.
	await page.getByRole('button', { name: /Remove the date filter/ }).click();
	await expect(page.getByTestId('filter-dates')).toBeHidden();
	await expect(page.getByTestId('filter-from')).toHaveValue('');
	await page.getByTestId('filter-date-by').selectOption('close');

	// A filter that lets nothing through says so instead of showing the welcome.
	await page.getByTestId('filter-from').fill('2025-10-14');
	await page.getByTestId('filter-from').dispatchEvent('change');
	await page.goto('/');
	await expect(page.getByText('No trades match the filter.')).toBeVisible();
	await expect(page.getByText('Fillbook is your trading journal')).toBeHidden();
});

/** The first bytes of every PNG file. */
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

test('the equity curve and the P&L distribution save as PNG pictures', async ({ page }) => {
	await importSample(page);
	await page.goto('/');
	await expect(page.getByTestId('equity-chart').locator('canvas')).toHaveCount(2);
	const today = /^\d{4}-\d{2}-\d{2}$/;
	for (const [name, chart] of [
		['Save the equity curve and drawdown as PNG', 'equity'],
		['Save the chart P&L per trade ($) as PNG', 'pnl-distribution']
	] as const) {
		const button = page.getByRole('button', { name, exact: true });
		// Reachable by keyboard, like every control.
		await button.focus();
		const saved = page.waitForEvent('download');
		await page.keyboard.press('Enter');
		const file = await saved;
		const match = new RegExp(`^fillbook-${chart}-(.+)\\.png$`).exec(file.suggestedFilename());
		expect(match?.[1], file.suggestedFilename()).toMatch(today);
		const bytes = readFileSync(await file.path());
		expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
		// A picture, not an empty canvas: wider than tall, and more than a few hundred bytes.
		expect(bytes.readUInt32BE(16)).toBeGreaterThan(bytes.readUInt32BE(20));
		expect(bytes.length).toBeGreaterThan(2000);
	}
	// The sample's trades have no risk: no R distribution, so nothing to save.
	await expect(page.getByTestId('r-histogram-png')).toHaveCount(0);
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('the dashboard fits without horizontal scrolling', async ({ page }) => {
		await importSample(page);
		await page.goto('/');
		await expect(page.getByTestId('equity-chart').locator('canvas')).toHaveCount(2);
		await expect(page.getByTestId('pnl-calendar')).toBeVisible();
		const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
		expect(overflow).toBeLessThanOrEqual(0);
		// The chart follows its container rather than a fixed width.
		const width = await page
			.getByTestId('equity-chart')
			.locator('canvas')
			.first()
			.evaluate((c) => c.getBoundingClientRect().width);
		expect(width).toBeLessThanOrEqual(390);
	});
});

test('risk-adjusted figures follow their stated formulas; the curve can run by trade number', async ({
	page
}) => {
	const days = ['Trades_2025-10-13.csv', 'Trades_2025-10-14.csv', 'Trades_2025-10-15.csv'];
	await importFiles(
		page,
		days.map((name) => ({
			name,
			text: readFileSync(`tests/fixtures/samples/das/${name}`, 'utf8'),
			format: 'das-trades'
		})),
		'Import into paper mode'
	);
	await page.goto('/');
	const cells = page.getByTestId('pnl-calendar').locator('button[data-day]');
	await expect(cells).toHaveCount(3);
	const daily = await cells.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-pnl'))));
	// Sharpe = mean ÷ sample deviation × √252, computed here from the calendar's own days.
	const mean = daily.reduce((a, b) => a + b, 0) / daily.length;
	const sd = Math.sqrt(daily.reduce((a, d) => a + (d - mean) ** 2, 0) / (daily.length - 1));
	const fixed = (x: number) => x.toFixed(2).replace('-', '−');
	await expect(page.getByTestId('ratio-sharpe')).toHaveText(fixed((mean / sd) * Math.sqrt(252)));
	const down = Math.sqrt(daily.reduce((a, d) => a + Math.min(d, 0) ** 2, 0) / daily.length);
	await expect(page.getByTestId('ratio-sortino')).toHaveText(
		down > 0 ? fixed((mean / down) * Math.sqrt(252)) : '—'
	);
	// No trade of the samples has a risk: no R, no SQN.
	await expect(page.getByTestId('ratio-sqn')).toHaveText('—');
	await expect(page.getByTestId('ratio-kelly')).toHaveText(/^−?\d+\.\d%$/);
	// Each figure says its formula on hover.
	await expect(page.getByTestId('ratio-sharpe').locator('..')).toHaveAttribute(
		'title',
		/^Sharpe = mean\(daily P&L\) ÷ standard deviation\(daily P&L\) × √252/
	);
	// Costs take from the P&L: one sign, negative.
	await expect(page.getByTestId('costs')).toHaveText(/^−\d[\d,]*\.\d\d$/);

	const chart = page.getByTestId('equity-chart');
	await expect(chart.getByTestId('equity-caption')).toHaveText('Equity ($) by close time');
	await chart.getByRole('button', { name: 'By trade' }).click();
	await expect(chart.getByTestId('equity-caption')).toHaveText('Equity ($) by trade number');
	await expect(chart.locator('canvas')).toHaveCount(2);
	// One step per trade: the last point is at the trade count.
	await expect(chart).toHaveAttribute('data-axis', 'trade');
	await expect(chart).toHaveAttribute('data-last-x', (await chart.getAttribute('data-points'))!);

	// With the starting equity known, the drawdown is a share of the account's equity at the peak.
	const of = page.getByTestId('drawdown-of');
	await expect(of).not.toHaveText(/of equity at the peak/);
	const amount = Number(await of.getAttribute('data-amount'));
	const peak = Number(await of.getAttribute('data-peak'));
	expect(amount).toBeGreaterThan(0);
	await page.goto('/settings');
	await page.getByTestId('starting-equity').fill('25,000');
	await page.getByRole('button', { name: 'Save equity' }).click();
	await expect(page.getByTestId('starting-equity-message')).toHaveText(
		'Saved: the dashboard gives the drawdown as a share of equity at the peak.'
	);
	await page.goto('/');
	await expect(of).toHaveText(`${((amount / (25_000 + peak)) * 100).toFixed(1)}% of equity at the peak`);
	await page.goto('/settings');
	await page.getByTestId('starting-equity').fill('-5');
	await page.getByRole('button', { name: 'Save equity' }).click();
	await expect(page.getByTestId('starting-equity-message')).toHaveText(
		'The starting equity must be an amount above zero.'
	);
	await page.reload();
	await expect(page.getByTestId('starting-equity')).toHaveValue('25000');
});
