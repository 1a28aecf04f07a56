import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

// A trader in New York: times typed on the desk are the display zone's, the browser's by default.
test.use({ timezoneId: 'America/New_York' });

const rivnText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
const RIVN = { name: 'RIVN.csv', text: rivnText };
/** LCID: RIVN's minutes with every price doubled, and no 14:50 bar. */
const LCID = {
	name: 'LCID.csv',
	text: rivnText
		.split('\n')
		.filter((line) => !line.startsWith('2025-10-13 14:50'))
		.map((line, i) => {
			if (i === 0 || line === '') return line;
			const [time, ...cells] = line.split(',');
			const volume = cells.pop();
			return [time, ...cells.map((c) => (Number(c) * 2).toFixed(2)), volume].join(',');
		})
		.join('\n')
};

async function start(page: Page, also: string[] = []): Promise<void> {
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue(/^(RIVN|LCID)$/);
	await page.getByTestId('paper-symbol').selectOption('RIVN');
	for (const s of also)
		await page
			.getByTestId('paper-also')
			.and(page.locator(`[value="${s}"]`))
			.check();
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(/RIVN · bar 0 of 26 · paused/);
}

async function step(page: Page, bars: number): Promise<void> {
	for (let i = 0; i < bars; i++) await page.getByTestId('replay-step').click();
}

test('rewind: Backspace steps back a bar taking back the fill after it, Undo takes back the order, Jump goes back in time', async ({
	page
}) => {
	await importFiles(page, [RIVN]);
	await start(page);
	await step(page, 3);
	await page.getByTestId('ticket-quantity').fill('10');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 10 RIVN market');
	await step(page, 2);
	await expect(page.getByTestId('session-status')).toContainText('bar 5 of 26');
	await expect(page.getByTestId('paper-position')).not.toHaveText('flat');

	// Back two bars, by keyboard: the market order placed at bar 3 is working again, unfilled.
	await page.locator('body').click({ position: { x: 1, y: 1 } });
	await page.keyboard.press('Backspace');
	await expect(page.getByTestId('paper-message')).toHaveText('Back at bar 4');
	await page.keyboard.press('Backspace');
	await expect(page.getByTestId('paper-message')).toHaveText('Back at bar 3');
	await expect(page.getByTestId('session-status')).toContainText('bar 3 of 26');
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// Undo: the order placed at this bar is gone.
	await page.getByTestId('replay-undo').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Undone: the last order action at this bar');
	await expect(page.getByTestId('working-order')).toHaveCount(0);
	// Nothing more to undo at this bar: said, and nothing changes.
	await page.getByTestId('replay-undo').click();
	await expect(page.getByTestId('paper-message')).toHaveText(/^Nothing to undo/);

	// The state survives a reload (the log was cut), and Jump goes back to a time.
	await page.reload();
	await expect(page.getByTestId('session-status')).toContainText('bar 3 of 26');
	await expect(page.getByTestId('working-order')).toHaveCount(0);
	await step(page, 5);
	await page.getByLabel(/^Jump to/).fill('2025-10-13T14:46');
	await page.getByRole('button', { name: 'Jump', exact: true }).click();
	await expect(page.getByTestId('session-status')).toContainText('bar 2 of 26');
});

test('several symbols on one clock: a tab and a chart each, orders on either, one account', async ({
	page
}) => {
	await importFiles(page, [RIVN, LCID]);
	await start(page, ['LCID']);
	const tabs = page.getByTestId('desk-symbol-tab');
	await expect(tabs).toHaveCount(2);
	await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
	await step(page, 2);
	await expect(tabs.nth(1)).toContainText('LCID');
	// 14:46's close doubled.
	await expect(tabs.nth(1)).toContainText('26.78');
	await tabs.nth(1).click();
	await expect(page.getByRole('img', { name: /LCID replay/ }).or(page.getByLabel('LCID replay'))).toHaveCount(
		1
	);
	await page.getByTestId('ticket-quantity').fill('10');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 10 LCID market');
	await step(page, 1);
	await expect(tabs.nth(1)).toContainText('+10');
	await expect(tabs.first()).not.toContainText('+');
	// Keyboard: ← back to RIVN.
	await tabs.nth(1).focus();
	await page.keyboard.press('ArrowLeft');
	await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
	await expect(tabs.first()).toBeFocused();
});

test('chart trading: a click on the chart puts its price in the ticket; indicators and a higher timeframe on the desk', async ({
	page
}) => {
	await importFiles(page, [RIVN]);
	await start(page);
	await step(page, 6);
	// The chart is drawn once laid out: wait for its plot area before reading where it is.
	const plot = page.getByTestId('price-chart').locator('.u-over').first();
	await expect(plot).toBeVisible();
	const over = (await plot.boundingBox())!;
	await page.mouse.click(over.x + over.width * 0.6, over.y + over.height * 0.85);
	await expect(page.getByTestId('ticket-type')).toHaveValue('at_price');
	const picked = await page.getByTestId('ticket-picked').inputValue();
	expect(picked).toMatch(/^13\.\d{1,2}$/);
	await page.getByTestId('ticket-quantity').fill('100');
	await page.getByTestId('ticket-buy').click();
	// Low on the chart, below the last price: a buy there is a limit.
	await expect(page.getByTestId('paper-message')).toHaveText(
		`Placed: Buy 100 RIVN limit ${Number(picked).toFixed(2)}`
	);
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// Indicators from the Charts catalogue, kept across a reload.
	await page.getByTestId('add-study').selectOption('sma');
	await expect(page.getByTestId('study')).toHaveCount(1);
	await page.reload();
	await expect(page.getByTestId('study')).toHaveCount(1);

	// 5-minute bars from the 1-minute replay, the rule said, the last one still forming.
	await page.getByTestId('desk-timeframe').selectOption('5m');
	await expect(page.getByTestId('desk-session-rule')).toContainText('5m bars of RIVN: US equities');
	await expect(page.getByTestId('desk-session-rule')).toContainText('still forming');
});

test('chart trading: a drag up from the position’s line sets the bracket’s target, down its stop', async ({
	page
}) => {
	await importFiles(page, [RIVN]);
	await start(page);
	await step(page, 3);
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 100 RIVN market');
	await step(page, 1);
	await expect(page.getByTestId('paper-position')).not.toHaveText('flat');

	const chart = page.getByTestId('price-chart');
	await chart
		.locator('.u-over')
		.first()
		.evaluate((el) => el.scrollIntoView({ block: 'center' }));
	const avg = page.getByTestId('chart-levels').locator('li[data-label^="Avg"]');
	const entry = Number(await avg.getAttribute('data-price'));
	const drag = async (dy: number) => {
		const over = (await chart.locator('.u-over').first().boundingBox())!;
		const y = Number(await avg.getAttribute('data-y'));
		await page.mouse.move(over.x + over.width * 0.4, over.y + y);
		await page.mouse.down();
		await page.mouse.move(over.x + over.width * 0.4, over.y + y + dy, { steps: 6 });
		await page.mouse.up();
	};
	// Up from a long position: the target, above the entry, on the tick.
	await drag(-40);
	await expect(page.getByTestId('ticket-bracket')).toBeChecked();
	const target = Number(await page.getByTestId('ticket-take-profit').inputValue());
	expect(target).toBeGreaterThan(entry);
	expect(Math.round(target * 100) / 100).toBe(target);
	await expect(page.getByTestId('chart-levels').locator('li[data-proposed="target"]')).toHaveAttribute(
		'data-price',
		String(target)
	);
	// Down: the stop, below the entry.
	await drag(40);
	const stop = Number(await page.getByTestId('ticket-stop-loss').inputValue());
	expect(stop).toBeLessThan(entry);
	await expect(page.getByTestId('chart-levels').locator('li[data-proposed="stop"]')).toHaveAttribute(
		'data-price',
		String(stop)
	);
});
