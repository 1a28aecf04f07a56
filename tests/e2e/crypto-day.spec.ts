import type { Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

// A trader in New York: 23:00 UTC is 19:00 there, and UTC midnight is 20:00 the same New York day.
test.use({ timezoneId: 'America/New_York' });

const HOUR = 3_600_000;
/** The first bar: 2025-03-09 22:00 UTC; one bar an hour for 28 hours. */
const FIRST = Date.parse('2025-03-09T22:00:00Z');
const BARS = 28;

/** BTC-USD 1h bars around 80,000, never near the order's 50,000 limit. */
const BTC = {
	name: 'BTC-USD.csv',
	text: [
		'Datetime,Open,High,Low,Close,Volume',
		...Array.from({ length: BARS }, (_, i) => {
			const time = new Date(FIRST + i * HOUR).toISOString().replace('T', ' ').replace('.000Z', '+00:00');
			const open = 80_000 + (i % 5) * 100;
			return `${time},${open},${open + 150},${open - 150},${open + 50},12.5`;
		}),
		''
	].join('\n')
};

async function step(page: Page, bars: number): Promise<void> {
	for (let i = 0; i < bars; i++) await page.getByTestId('replay-step').click();
}

test('a crypto DAY order lives 24 h: still working across UTC midnight, expired a day after it was placed, with the reason', async ({
	page
}) => {
	await importFiles(page, [BTC]);
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('BTC-USD');
	// The form's days are New York's: the first bar (18:00 there on the 9th) is on the 9th.
	await page.getByTestId('paper-from').fill('2025-03-09');
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(
		new RegExp(`BTC-USD · bar 0 of ${BARS} · paused`)
	);

	// Two bars revealed, the last opening at 23:00 UTC (19:00 New York): a DAY limit buy far under the market.
	await step(page, 2);
	await page.getByTestId('ticket-quantity').fill('0.5');
	await page.getByTestId('ticket-type').selectOption('limit');
	await page.getByTestId('ticket-limit').fill('50000');
	await page.getByTestId('ticket-tif').selectOption('day');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText(/^Placed: Buy 0\.5 BTC-USD limit 50,?000/);
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// Across UTC midnight (bars at 00:00 and 01:00 UTC): still working.
	await step(page, 2);
	await expect(page.getByTestId('session-status')).toContainText(`bar 4 of ${BARS}`);
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// The last bar revealed opens at 22:00 UTC the next day (its last minute 22:59): still working.
	await step(page, 21);
	await expect(page.getByTestId('session-status')).toContainText(`bar 25 of ${BARS}`);
	await expect(page.getByTestId('working-order')).toHaveCount(1);

	// The next opens at 23:00 UTC: its 24 hours are over.
	await step(page, 1);
	await expect(page.getByTestId('session-status')).toContainText(`bar 26 of ${BARS}`);
	await expect(page.getByTestId('working-order')).toHaveCount(0);

	await page.goto('/paper/orders');
	const row = page.getByTestId('order-row').filter({ hasText: 'BTC-USD' });
	await expect(row).toHaveCount(1);
	await expect(row).toHaveAttribute('data-status', 'expired');
	await expect(row.getByTestId('order-reason')).toHaveText(
		'DAY order: 24 h since it started working (2025-03-09 23:00:00 UTC) ended; BTC-USD trades 24/7 with no session close'
	);
});
