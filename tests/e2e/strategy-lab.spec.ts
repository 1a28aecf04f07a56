import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, importFiles, RIVN_BARS, test, type ImportFile } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

/**
 * SHA-256 of the RIVN fixture's bars packed as the report states: the six Float64 columns (time,
 * open, high, low, close, volume) one after another, computed here from the CSV.
 */
function rivnHash(): string {
	const rows = RIVN_BARS.text
		.trim()
		.split('\n')
		.slice(1)
		.map((line) => line.split(','));
	const n = rows.length;
	const packed = new Float64Array(n * 6);
	rows.forEach(([datetime, open, high, low, close, , volume], i) => {
		const values = [Date.parse(datetime!.replace(' ', 'T')), open, high, low, close, volume].map(Number);
		values.forEach((v, k) => (packed[k * n + i] = v));
	});
	return createHash('sha256').update(new Uint8Array(packed.buffer)).digest('hex');
}

/** `count` minute bars of SLOW swinging around $50 (a sine with a wobble): many crossings. */
function slowBars(count: number): ImportFile {
	const start = Date.UTC(2025, 0, 6, 0, 0);
	const lines = ['Datetime,Open,High,Low,Close,Adj Close,Volume'];
	let previous = 50;
	for (let i = 0; i < count; i++) {
		const close = Math.round((50 + 5 * Math.sin(i / 15) + Math.sin(i / 3.7)) * 100) / 100;
		const open = previous;
		const high = Math.max(open, close) + 0.05;
		const low = Math.min(open, close) - 0.05;
		const time = new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
		lines.push(`${time}+00:00,${open},${high.toFixed(2)},${low.toFixed(2)},${close},${close},1000`);
		previous = close;
	}
	return { name: 'SLOW.csv', text: lines.join('\n') };
}

/** LCID: RIVN's first 20 minute bars (14:45 to 15:04) as another symbol's, so both share the clock. */
function lcidBars(): ImportFile {
	const lines = RIVN_BARS.text.trim().split('\n');
	return { name: 'LCID.csv', text: lines.slice(0, 21).join('\n') };
}

/** Starts a strategy from the selected template, saved as version 1. */
async function newFromTemplate(page: Page, template: string): Promise<void> {
	await page.getByTestId('template').selectOption({ label: template });
	await page.getByTestId('new-from-template').click();
	await expect(page.getByTestId('lab-message')).toHaveText(`Saved ${template} v1.`);
	await expect(page.getByTestId('strategy-version')).toHaveText('v1');
}

test('strategy lab: a template changed to SMA 3/8, saved as v2, backtested on RIVN, its report and a trade on the chart', async ({
	page
}) => {
	await page.goto('/strategies');
	await expect(page.getByRole('heading', { name: 'Import bars first' })).toBeVisible();
	await expect(page.getByTestId('strategies-empty')).toBeVisible();
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/strategies');
	await newFromTemplate(page, 'SMA 10/30 cross');

	// A slow period below the fast one is refused beside the field, and Save stays disabled.
	await page.getByTestId('param-slow').fill('8');
	await expect(page.getByTestId('strategy-problem')).toHaveText(
		'SMA cross fast (10) must be shorter than slow (8)'
	);
	await expect(page.getByTestId('param-fast')).toHaveAttribute('aria-invalid', 'true');
	const save = page.getByRole('button', { name: 'Save as v2' });
	await expect(save).toBeDisabled();
	await page.getByTestId('param-fast').fill('3');
	await expect(page.getByTestId('strategy-problem')).toHaveCount(0);
	await page.getByTestId('strategy-name').fill('RIVN SMA 3/8');
	await save.click();
	await expect(page.getByTestId('lab-message')).toHaveText('Saved RIVN SMA 3/8 v2.');
	await expect(page.getByTestId('strategy-version')).toHaveText('v2');
	await expect(page.getByTestId('strategy-list')).toContainText(/RIVN SMA 3\/8\s*v2 · 0 runs/);

	// The backtest: every RIVN bar, $10,000, $0.01 a share with a $1 minimum.
	await expect(page.getByTestId('backtest-symbol')).toHaveValue('RIVN');
	await page.getByTestId('backtest-cash').fill('10000');
	await page.getByTestId('backtest-per-share').fill('0.01');
	await page.getByTestId('backtest-minimum').fill('1');
	await page.getByTestId('backtest-run').click();
	// workers/engine-strategy.spec.ts works these figures out by hand from the same CSV.
	await expect(page.getByTestId('lab-message')).toHaveText(
		'Backtest of RIVN SMA 3/8 v2 on RIVN stored: 2 closed trades.'
	);
	await expect(page.getByTestId('backtest-progress')).toHaveCount(0);
	const row = page.getByTestId('run-row');
	await expect(row).toHaveCount(1);
	await expect(row.locator('td')).toHaveText([
		'RIVN SMA 3/8 v2',
		'RIVN 1m · 2025-10-13',
		'2',
		'50.0%',
		'1.00',
		'0.00',
		'−0.01%',
		'14.00',
		'Delete'
	]);
	// Paper to real: the run's two closed trades beside no replay and no real trade yet.
	const promotion = page.getByTestId('promotion-table');
	await expect(promotion.locator('thead th')).toHaveText(['', 'Backtest', 'Paper replay', 'Real']);
	await expect(promotion.locator('tbody tr').nth(0).locator('td')).toHaveText(['2', '0', '0']);
	await expect(promotion.locator('tbody tr').nth(1).locator('td')).toHaveText(['50%', '—', '—']);
	await expect(promotion.locator('tbody tr').nth(2).locator('td')).toHaveText(['$0.00', '—', '—']);
	await expect(page.getByTestId('promotion-notes')).toContainText('No real trade carries this name yet');

	await page.getByTestId('run-link').click();
	await expect(page).toHaveURL(/\/strategies\/run\?id=bt-/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('RIVN SMA 3/8 v2');
	await expect(page.getByTestId('run-bars')).toHaveText('RIVN 1m · 26 bars');
	await expect(page.getByTestId('run-range')).toHaveText('2025-10-13 14:45:00 → 2025-10-13 15:10:00');
	await expect(page.getByTestId('run-hash')).toHaveText(rivnHash().slice(0, 12));
	await expect(page.getByTestId('run-conventions')).toContainText(
		"Market orders placed on a bar's close fill at the next bar's open."
	);
	await expect(page.getByTestId('run-conventions')).toContainText(
		"When one bar touches both the stop and the target, the stop fills (the worse price for the trader; 'worse' rule)."
	);
	await expect(page.getByTestId('run-conventions')).toContainText(
		'Commissions: $0.01 a share, at least $1.00 an order.'
	);
	const figures = page.getByTestId('run-figures').getByTestId('figure');
	await expect(figures.locator('dt')).toHaveText([
		'Net P&L',
		'Return',
		'Trades',
		'Win rate',
		'Profit factor',
		'Expectancy',
		'Sharpe',
		'Sortino',
		'Max drawdown',
		'Exposure',
		'Average holding',
		'Commissions'
	]);
	await expect(figures.getByTestId('figure-value')).toHaveText([
		'0.00',
		'−0.01%',
		'2',
		'50.0%',
		'1.00',
		'0.00',
		'—',
		'—',
		'14.00',
		'30.8%',
		'3m 0s',
		'5.00'
	]);
	await expect(page.getByTestId('equity-chart')).toHaveAttribute('data-points', '26');
	await expect(page.getByTestId('equity-chart')).toHaveAttribute('data-final', '-1');

	// Three trades: two closed, the last still open after 15:10.
	const trades = page.getByTestId('run-trade');
	await expect(trades).toHaveCount(3);
	await expect(trades.nth(0).locator('td')).toHaveText([
		'1',
		'2025-10-13 14:57:00',
		'100',
		'13.35',
		'—',
		'5m 0s',
		'−5.00',
		'—',
		'Chart'
	]);
	await expect(trades.nth(2).locator('td').nth(5)).toHaveText('open');

	// A trade opens its chart with the strategy's averages.
	await trades.nth(0).getByTestId('trade-chart-link').click();
	await expect(page).toHaveURL(/\/charts\?symbol=RIVN&studies=sma%3A3%2Csma%3A8&at=1760381820000$/);
	await expect(page.getByTestId('chart-symbol')).toHaveValue('RIVN');
	await expect(page.getByTestId('chart-link-at')).toHaveText('Opened at 2025-10-13 14:57:00');
	await expect(page.getByRole('spinbutton', { name: 'SMA period' })).toHaveCount(2);
	await expect(page.getByRole('spinbutton', { name: 'SMA period' }).first()).toHaveValue('3');
	await expect(page.getByRole('spinbutton', { name: 'SMA period' }).last()).toHaveValue('8');
	await expect(page.getByTestId('overlay-legend')).toContainText('SMA(3)');
});

test('strategy lab: a backtest over RIVN and LCID on one account lists each symbol beside the totals', async ({
	page
}) => {
	await importFiles(page, [RIVN_BARS, lcidBars()]);
	await page.goto('/strategies');
	await newFromTemplate(page, 'SMA 10/30 cross');
	await page.getByTestId('param-fast').fill('3');
	await page.getByTestId('param-slow').fill('8');
	await page.getByTestId('strategy-name').fill('RIVN SMA 3/8');
	await page.getByRole('button', { name: 'Save as v2' }).click();
	await expect(page.getByTestId('lab-message')).toHaveText('Saved RIVN SMA 3/8 v2.');

	await page.getByTestId('backtest-symbol').selectOption('RIVN');
	// The other symbols are checkboxes beside the primary; ticked with the keyboard.
	await expect(page.getByTestId('backtest-others').getByRole('checkbox')).toHaveCount(1);
	await page.getByTestId('backtest-with-LCID').focus();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('backtest-with-LCID')).toBeChecked();
	await page.getByTestId('backtest-cash').fill('10000');
	await page.getByTestId('backtest-per-share').fill('0.01');
	await page.getByTestId('backtest-minimum').fill('1');
	await page.getByTestId('backtest-run').click();
	// workers/engine-strategy.spec.ts: RIVN's two closed trades net $0, LCID's one −$5 (bought 13.35, sold 13.32, $2).
	await expect(page.getByTestId('lab-message')).toHaveText(
		'Backtest of RIVN SMA 3/8 v2 on RIVN, LCID stored: 3 closed trades.'
	);
	await expect(page.getByTestId('run-row').locator('td').nth(1)).toHaveText('RIVN, LCID 1m · 2025-10-13');

	await page.getByTestId('run-link').click();
	await expect(page.getByTestId('run-bars')).toHaveText('RIVN, LCID 1m · 46 bars');
	const bySymbol = page.getByTestId('run-symbol-row');
	await expect(bySymbol.nth(0).locator('td')).toHaveText(['RIVN', '2', '0.00']);
	await expect(bySymbol.nth(1).locator('td')).toHaveText(['LCID', '1', '−5.00']);
	await expect(page.getByTestId('run-symbol-total').locator('th, td')).toHaveText(['Total', '3', '−5.00']);
	// Four trades: RIVN's three and LCID's one, each naming its symbol; 26 steps of one equity curve.
	const trades = page.getByTestId('run-trade');
	await expect(trades).toHaveCount(4);
	await expect(trades.locator('td[data-label="Symbol"]')).toHaveText(['RIVN', 'LCID', 'RIVN', 'RIVN']);
	await expect(page.getByTestId('equity-chart')).toHaveAttribute('data-points', '26');

	// At phone width the checkboxes still fit and the report's tables turn into cards.
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(page.getByTestId('run-by-symbol')).toBeVisible();
	await page.goto('/strategies');
	const box = await page.getByTestId('backtest-others').boundingBox();
	expect(box && box.x + box.width).toBeLessThanOrEqual(390);
});

test('strategy lab: the progress bar runs to the last bar, and a cancelled backtest stores nothing', async ({
	page
}) => {
	await importFiles(page, [slowBars(20_000)]);
	await page.goto('/strategies');
	await newFromTemplate(page, 'SMA 10/30 cross');
	await expect(page.getByTestId('backtest-symbol')).toHaveValue('SLOW');

	// Every state of the progress bar as drawn, from the click to the stored run.
	await page.evaluate(() => {
		const seen: string[] = [];
		(window as unknown as { progressSeen: string[] }).progressSeen = seen;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="backtest-progress-text"]')?.textContent?.trim();
			if (text && seen[seen.length - 1] !== text) seen.push(text);
		}).observe(document.body, { subtree: true, childList: true, characterData: true });
	});
	await page.getByTestId('backtest-run').click();
	await expect(page.getByTestId('lab-message')).toHaveText(
		/^Backtest of SMA 10\/30 cross v1 on SLOW stored: \d+ closed trades\.$/
	);
	const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
	expect(seen).toContain('0 of 20,000 bars');
	expect(seen[seen.length - 1]).toBe('20,000 of 20,000 bars');
	const done = seen.map((t) => Number(t.split(' of ')[0]!.replace(/,/g, '')));
	expect(done).toEqual([...done].sort((a, b) => a - b));
	await expect(page.getByTestId('run-row')).toHaveCount(1);
	await page.goto('/trades');
	const journal = await page.getByTestId('trades-summary').innerText();
	expect(journal).toMatch(/^\d+ trades · /);
	await page.goto('/strategies');
	await expect(page.getByTestId('backtest-run')).toBeEnabled();

	// Run again and Cancel as soon as the button shows (before the engine is through the bars).
	await page.evaluate(async () => {
		document.querySelector<HTMLButtonElement>('[data-testid="backtest-run"]')!.click();
		let cancel: HTMLButtonElement | null = null;
		while (!(cancel = document.querySelector('[data-testid="backtest-cancel"]')))
			await new Promise((resolve) => setTimeout(resolve, 0));
		cancel.click();
	});
	await expect(page.getByTestId('lab-message')).toHaveText('Cancelled: nothing was stored.');
	await expect(page.getByTestId('backtest-progress')).toHaveCount(0);
	// Nothing after a reload either: the one run, and only its trades in the journal.
	await page.reload();
	await expect(page.getByTestId('run-row')).toHaveCount(1);
	await expect(page.getByTestId('strategy-list')).toContainText('1 run');
	await page.goto('/trades');
	await expect(page.getByTestId('trades-summary')).toHaveText(journal);
});

test('strategy lab: real mode says strategies trade only on paper and switches back', async ({ page }) => {
	await page.goto('/strategies');
	await page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Real' }).click();
	await page
		.getByRole('dialog', { name: 'Switch to real mode?' })
		.getByRole('button', { name: 'Switch to real mode' })
		.click();
	await expect(page.getByRole('heading', { name: 'Strategies trade only on paper' })).toBeVisible();
	await page.getByRole('button', { name: 'Switch to paper mode' }).click();
	await expect(page.getByTestId('mode-banner')).toHaveAttribute('data-mode', 'paper');
	await expect(page.getByTestId('strategies-empty')).toBeVisible();
});

test.describe('screenshots', () => {
	test.skip(!process.env.SHOTS, 'SHOTS=1 takes the screenshots to /tmp/shots-lab/');

	for (const width of [1280, 390])
		test(`strategies page and report at ${width} px`, async ({ page }) => {
			await page.setViewportSize({ width, height: 900 });
			await importFiles(page, [RIVN_BARS]);
			await page.goto('/strategies');
			await newFromTemplate(page, 'EMA 9/21 cross, 2 ATR stop, 2R target');
			await page.getByTestId('param-fast').fill('3');
			await page.getByTestId('param-slow').fill('8');
			await page.getByTestId('atr-period').fill('5');
			await page.getByRole('button', { name: 'Save as v2' }).click();
			await page.getByTestId('backtest-run').click();
			await expect(page.getByTestId('run-row')).toHaveCount(1);
			await page.getByTestId('param-slow').fill('2');
			await page.screenshot({ path: `/tmp/shots-lab/strategies-${width}.png`, fullPage: true });
			await page.getByTestId('run-link').click();
			await expect(page.getByTestId('equity-chart')).toBeVisible();
			await page.screenshot({ path: `/tmp/shots-lab/report-${width}.png`, fullPage: true });
			await page.emulateMedia({ colorScheme: 'dark' });
			await page.screenshot({ path: `/tmp/shots-lab/report-dark-${width}.png`, fullPage: true });
		});
});
