import type { Page } from '@playwright/test';
import { enterRealMode, expect, importFiles, RIVN_BARS, test } from './fixtures';

test.use({ timezoneId: 'America/New_York', permissions: ['notifications'] });

const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** One real buy of 100 RIVN at 13.34, 14:45:30 New York on 2025-10-13: an open long. */
const BUY = {
	name: 'Trades_2025-10-13.csv',
	text: `${HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n`
};

/** Records every system notification the page raises (title | body), from the first script on. */
async function spyOnNotifications(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const shown: string[] = [];
		class Spy {
			static get permission(): NotificationPermission {
				return 'granted';
			}
			static requestPermission(): Promise<NotificationPermission> {
				return Promise.resolve('granted');
			}
			constructor(title: string, options?: { body?: string }) {
				shown.push(`${title} | ${options?.body ?? ''}`);
			}
		}
		Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true });
		(window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
	});
}

const notifications = (page: Page) =>
	page.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications);

const STOP_LOSS_LINE =
	'RIVN stop-loss 13.28 reached at 14:49 (13.28) — price 13.29, medium confidence: single source: RIVN.csv';

test('a stop-loss on an imported real position notifies once when a bar file crossing it is imported', async ({
	page
}) => {
	await spyOnNotifications(page);
	await page.goto('/');
	await enterRealMode(page);
	await importFiles(page, [BUY]);

	await page.goto('/trades');
	await page.getByTestId('trade-row').filter({ hasText: 'RIVN' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('RIVN · long');
	const panel = page.getByTestId('trade-levels');
	await expect(panel.getByTestId('trade-levels-empty')).toHaveText(
		'No alert on this position yet: give a take-profit, a stop-loss or both above.'
	);
	await expect(panel.getByTestId('level-last-price')).toHaveText(
		'No price of RIVN yet: import its bars or mark a price on the Price alerts page.'
	);

	// A take-profit in R needs the trade's stop: the engine's refusal shows beside the form.
	await panel.getByTestId('level-tp-value').fill('1');
	await panel.getByTestId('level-tp-unit').selectOption('r');
	await panel.getByTestId('level-set').click();
	await expect(panel.getByTestId('level-problem')).toHaveText(
		'Take-profit: Alert not set: a level in R needs the position’s initial stop (1 R = |entry − stop|).'
	);
	await panel.getByTestId('level-tp-value').fill('');
	await panel.getByTestId('level-sl-value').fill('13.28');
	await panel.getByTestId('level-set').click();
	await expect(panel.getByTestId('level-problem')).toHaveCount(0);
	const row = panel.getByTestId('level-row');
	await expect(row).toHaveAttribute('data-status', 'armed');
	await expect(row.getByTestId('level-title')).toHaveText('RIVN stop-loss 13.28');
	await expect(row.getByTestId('level-status')).toHaveText('armed');
	await expect(row.getByTestId('level-from')).toHaveText(
		'price 13.28 · measured from long 100 RIVN entered at 13.34'
	);
	expect(await notifications(page)).toEqual([]);

	// RIVN's minute bars: 14:46–14:48 stay above, the 14:49 bar's low is 13.28.
	await importFiles(page, [RIVN_BARS]);
	await expect
		.poll(() => notifications(page))
		.toEqual([`Price alert: RIVN stop-loss 13.28 reached | ${STOP_LOSS_LINE}`]);

	await page.goBack();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('RIVN · long');
	await expect(row).toHaveAttribute('data-status', 'triggered');
	await expect(row.getByTestId('level-status')).toHaveText('triggered at 2025-10-13 14:49:00');
	await expect(row.getByTestId('level-cancel')).toHaveCount(0);
	const event = panel.getByTestId('level-event');
	await expect(event).toHaveCount(1);
	await expect(event).toHaveAttribute('data-kind', 'trigger');
	await expect(event.getByTestId('level-event-line')).toHaveText(
		'RIVN stop-loss 13.28 reached at 14:49 (13.28)'
	);
	await expect(event.getByTestId('level-event-time')).toHaveText('2025-10-13 14:49:00');
	await expect(event.getByTestId('level-event-reached')).toHaveText('13.28 in RIVN.csv');
	await expect(event.getByTestId('level-event-validated')).toHaveText('13.29');
	await expect(event.getByTestId('confidence-chip')).toHaveText('medium');
	await expect(event.getByTestId('confidence-reasons')).toHaveText('single source: RIVN.csv');
	// The symbol's validated last price: the last bar's close, one file.
	const last = panel.getByTestId('level-last-price');
	await expect(last.getByTestId('level-last-value')).toHaveText('13.36');
	await expect(last).toContainText('at 2025-10-13 15:10:00');
	await expect(last.getByTestId('confidence-chip')).toHaveText('medium');
	await expect(last.getByTestId('confidence-reasons')).toHaveText('single source: RIVN.csv');

	// The Price alerts page, from the menu (Alerts, then its tab), lists it in the history.
	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click();
	await page
		.getByRole('navigation', { name: 'Alerts pages' })
		.getByRole('link', { name: 'Price alerts' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Price alerts');
	await expect(page.getByTestId('level-armed-empty')).toBeVisible();
	await expect(page.getByTestId('level-event-line')).toHaveText([
		'RIVN stop-loss 13.28 reached at 14:49 (13.28)'
	]);
	await expect(page.getByTestId('level-event').getByTestId('confidence-chip')).toHaveText('medium');

	// A reload tells nothing again.
	await page.reload();
	await expect(page.getByTestId('level-event-line')).toHaveText([
		'RIVN stop-loss 13.28 reached at 14:49 (13.28)'
	]);
	await page.evaluate(() => window.dispatchEvent(new Event('focus')));
	await page.waitForTimeout(1000);
	expect(await notifications(page)).toEqual([]);
});

test('a price cross on a symbol, a manual mark the bar file disagrees with: a low-confidence doubt, notified once', async ({
	page
}) => {
	await spyOnNotifications(page);
	await page.goto('/alerts/levels');
	await expect(page.getByTestId('level-armed-empty')).toBeVisible();
	await expect(page.getByTestId('level-history-empty')).toBeVisible();
	await expect(page.getByTestId('cross-no-bars')).toBeVisible();

	await importFiles(page, [RIVN_BARS]);
	await page.goto('/alerts/levels');
	await expect(page.getByTestId('cross-no-bars')).toHaveCount(0);
	await expect(page.getByTestId('cross-symbol')).toHaveValue('RIVN');
	// No value: said beside the form.
	await page.getByTestId('cross-set').click();
	await expect(page.getByTestId('level-problem')).toHaveText('Alert not set: give the level’s value.');

	await page.getByTestId('cross-value').fill('13.9');
	await page.getByTestId('cross-set').click();
	await expect(page.getByTestId('level-problem')).toHaveCount(0);
	// And one 10 % below the last close, cancelled again.
	await page.getByTestId('cross-kind').selectOption('cross-below');
	await page.getByTestId('cross-unit').selectOption('percent');
	await page.getByTestId('cross-value').fill('10');
	await page.getByTestId('cross-set').click();
	const rows = page.getByTestId('level-row');
	await expect(rows.getByTestId('level-title')).toHaveText([
		'RIVN cross below 12.02',
		'RIVN cross above 13.90'
	]);
	await expect(rows.getByTestId('level-from')).toHaveText([
		'10 % from 13.36 · measured from last close 13.36 at 2025-10-13 15:10:00',
		'price 13.90 · measured from last close 13.36 at 2025-10-13 15:10:00'
	]);
	await page.getByRole('button', { name: 'Cancel RIVN cross below 12.02' }).click();
	const dialog = page.getByRole('dialog', { name: 'Cancel this alert?' });
	await expect(dialog).toContainText('RIVN cross below 12.02 stops being watched. Its history stays.');
	await dialog.getByRole('button', { name: 'Cancel the alert' }).click();
	await expect(rows.getByTestId('level-title')).toHaveText(['RIVN cross above 13.90']);

	// A mark of 13.95 at 15:11 crosses 13.90, but the file's 13.36 a minute before disagrees.
	await expect(page.getByTestId('mark-time')).toHaveValue(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
	await page.getByTestId('mark-symbol').fill('RIVN');
	await page.getByTestId('mark-price').fill('13.95');
	await page.getByTestId('mark-time').fill('2025-10-13T15:11');
	await page.getByTestId('mark-add').click();
	await expect(page.getByTestId('mark-result')).toHaveText(
		'Marked RIVN 13.95 at 2025-10-13 15:11:00: 1 level changed.'
	);
	const doubtLine =
		'RIVN cross above 13.90 may have crossed at 15:11 (13.95) — price 13.655, low confidence: ' +
		'sources disagree beyond 0.5 %: RIVN.csv 13.36, manual mark 13.95; ' +
		'jump of 4.3 ATR from the previous close 13.36 (limit 3 ATR)';
	await expect
		.poll(() => notifications(page))
		.toEqual([`Price alert: RIVN cross above 13.90 may have crossed (low confidence) | ${doubtLine}`]);
	// The list reloads on the event and the form's answer stays.
	await expect(page.getByTestId('mark-result')).toHaveText(
		'Marked RIVN 13.95 at 2025-10-13 15:11:00: 1 level changed.'
	);
	const event = page.getByTestId('level-event');
	await expect(event).toHaveCount(1);
	await expect(event).toHaveAttribute('data-kind', 'doubt');
	await expect(event.getByTestId('level-event-title')).toHaveText('RIVN doubt');
	await expect(event.getByTestId('level-event-line')).toHaveText(
		'RIVN cross above 13.90 may have crossed at 15:11 (13.95)'
	);
	await expect(event.getByTestId('level-event-reached')).toHaveText('13.95 in manual mark');
	await expect(event.getByTestId('level-event-validated')).toHaveText('13.655');
	await expect(event.getByTestId('confidence-chip')).toHaveText('low');
	await expect(event.getByTestId('confidence-reasons')).toHaveText(
		'sources disagree beyond 0.5 %: RIVN.csv 13.36, manual mark 13.95; jump of 4.3 ATR from the previous close 13.36 (limit 3 ATR)'
	);
	// A doubt does not trigger: the alert stays armed, with its doubt counted.
	await expect(rows).toHaveAttribute('data-status', 'armed');
	await expect(rows.getByTestId('level-from')).toHaveText(
		'price 13.90 · measured from last close 13.36 at 2025-10-13 15:10:00 · 1 doubt'
	);

	// A bad mark is refused with why.
	await page.getByTestId('mark-price').fill('-1');
	await page.getByTestId('mark-add').click();
	await expect(page.getByTestId('mark-problem')).toHaveText(
		'Mark not kept: the price must be a number above zero, is -1.'
	);

	await page.reload();
	await expect(page.getByTestId('level-event-line')).toHaveText([
		'RIVN cross above 13.90 may have crossed at 15:11 (13.95)'
	]);
	await page.waitForTimeout(1000);
	expect(await notifications(page)).toEqual([]);
});
