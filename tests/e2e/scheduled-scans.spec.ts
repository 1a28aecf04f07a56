import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, importFiles, test } from './fixtures';

// A trader in New York with notifications allowed; the service worker is kept out so the engine
// worker's script comes from the server (and takes the test's clock, below).
test.use({ timezoneId: 'America/New_York', permissions: ['notifications'], serviceWorkers: 'block' });

const ROWS = readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8').trim().split('\n');
/** SPY's daily bars up to 2020-11-10, the day of its first BUY at 2 of 4 groups (the last bar). */
const SPY = {
	name: 'SPY.csv',
	text: ROWS.slice(0, ROWS.findIndex((r) => r.startsWith('2020-11-10')) + 1).join('\n'),
	format: 'yahoo-bars'
};

/** Monday 2026-12-07 09:00:10 New York. */
const T0 = Date.UTC(2026, 11, 7, 14, 0, 10);
const MIN = 60_000;

/**
 * The page's clock is Playwright's; the engine runs in a dedicated worker, which the page clock
 * does not reach. Its script is served with `Date.now` moved by the same amount, kept in step
 * when the test moves the clock on.
 */
async function clockBoth(context: BrowserContext) {
	let shift = T0 - Date.now();
	await context.route(/engine\.worker[^/]*\.js$/, async (route) => {
		const response = await route.fetch();
		const prelude = `{const real=Date.now;let shift=${shift};self.__shift=(ms)=>{shift=ms};Date.now=()=>real()+shift;}\n`;
		await route.fulfill({ response, body: prelude + (await response.text()) });
	});
	await context.clock.install({ time: T0 });
	return async (ms: number, page: Page | null) => {
		shift += ms;
		for (const worker of page?.workers() ?? [])
			await worker.evaluate((s) => (self as unknown as { __shift: (ms: number) => void }).__shift(s), shift);
		await context.clock.fastForward(ms);
	};
}

/** Records the notifications the page raises. */
async function spyOnNotifications(context: BrowserContext) {
	await context.addInitScript(() => {
		const w = window as unknown as { notices: { title: string; body?: string }[] };
		w.notices = [];
		class Spy {
			static permission = 'granted';
			static requestPermission = () => Promise.resolve('granted');
			constructor(title: string, options?: { body?: string }) {
				w.notices.push({ title, body: options?.body });
			}
		}
		Object.defineProperty(window, 'Notification', { value: Spy, configurable: true });
	});
}

const notices = (page: Page) => page.evaluate(() => (window as unknown as { notices: unknown[] }).notices);

test('a scheduled scan runs at its slot, places and notifies its new signal once, and a slot passed while closed is missed', async ({
	page,
	context
}) => {
	const forward = await clockBoth(context);
	await spyOnNotifications(context);
	await importFiles(page, [SPY]);

	// What the Signals page says of the last bar at 2 of 4 groups: the scan must find the same.
	await page.goto('/signals');
	await page.getByTestId('min-groups').selectOption('2');
	await page.getByTestId('run-signals').click();
	const signal = page.getByTestId('signal-row');
	await expect(signal).toHaveCount(1);
	await expect(signal.locator('td').nth(0)).toHaveText('2020-11-10');
	await expect(signal.locator('td').nth(2)).toContainText('BUY');
	await expect(signal.locator('td').nth(4)).toHaveText('354.04');
	const stop = await signal.locator('td').nth(5).innerText();
	const target = (await signal.locator('td').nth(6).innerText()).split(' (')[0];

	// A paper session of SPY on the desk, one bar in.
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('SPY');
	await page.getByTestId('paper-start').click();
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText('SPY · bar 1 of');

	await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click();
	await page
		.getByRole('navigation', { name: 'Alerts pages' })
		.getByRole('link', { name: 'Scheduled scans' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Scheduled scans');
	await expect(page.getByTestId('scans-note')).toHaveText(
		'Scans run only while Fillbook is open in a tab, in their own mode (paper or real); a time missed meanwhile is shown as missed.'
	);
	await expect(page.getByRole('heading', { name: 'No scheduled scans yet' })).toBeVisible();

	// A bad schedule is refused with the engine's reason beside the form.
	await page.getByTestId('scan-new').click();
	await page.getByTestId('scan-name').fill('SPY every 5 min');
	await page.getByTestId('scan-minutes').fill('0');
	await page.getByTestId('scan-save').click();
	await expect(page.getByTestId('scan-form-error')).toHaveText(
		'Schedule not saved: every must be a whole number of minutes from 1 to 1440, is 0.'
	);
	await page.getByTestId('scan-minutes').fill('5');
	await page.getByTestId('scan-min-groups').selectOption('2');
	await page.getByTestId('scan-all-symbols').uncheck();
	await page.getByTestId('scan-form').getByLabel('SPY').check();
	await page.getByTestId('scan-place').check();
	await page.getByTestId('scan-quantity').fill('10');
	await page.getByTestId('scan-save').click();
	await expect(page.getByTestId('scan-form')).toHaveCount(0);

	// And one at 09:30 New York on trading days, notify only.
	await page.getByTestId('scan-new').click();
	await page.getByTestId('scan-name').fill('SPY at the open');
	await page.getByTestId('scan-kind').selectOption('daily');
	await page.getByTestId('scan-time').fill('09:30');
	await page.getByTestId('scan-min-groups').selectOption('2');
	await page.getByTestId('scan-save').click();

	const cards = page.getByTestId('scan-schedule');
	await expect(cards).toHaveCount(2);
	const every = cards.nth(0);
	const open = cards.nth(1);
	await expect(every.getByTestId('scan-timing')).toHaveText('every 5 min');
	await expect(every.getByTestId('scan-next')).toHaveText('2026-12-07 09:05:00');
	await expect(every.getByTestId('scan-last')).toHaveText('not yet');
	await expect(open.getByTestId('scan-timing')).toHaveText('at 09:30 America/New_York on trading days');
	await expect(open.getByTestId('scan-next')).toHaveText('2026-12-07 09:30:00');

	// Past the 09:05 slot: the timer runs it; the new signal is placed on the desk and notified.
	await forward(5 * MIN + 20_000, page);
	await expect(every.getByTestId('scan-last')).toContainText('ran');
	await expect(every.getByTestId('scan-last')).toContainText('2026-12-07 09:05:00');
	await expect(every.getByTestId('scan-last')).toContainText('1 new signal, 1 placed');
	await expect(every.getByTestId('scan-next')).toHaveText('2026-12-07 09:10:00');
	await every.getByTestId('scan-history').click();
	const found = every.getByTestId('scan-signal');
	await expect(found).toHaveCount(1);
	await expect(found).toHaveText(
		`BUY SPY 1D 2020-11-10 entry 354.04 · stop ${stop} · target ${target} placed: orders o1, o2, o3`
	);
	await expect
		.poll(() => notices(page))
		.toEqual([{ title: 'SPY every 5 min: 1 new signal', body: 'BUY SPY 1D 2020-11-10, placed' }]);
	await expect(open.getByTestId('scan-last')).toHaveText('not yet');

	// The Signals page's "What became of it" shows the order the scan placed.
	await found.getByRole('link', { name: 'SPY' }).click();
	await expect(page).toHaveURL(/\/signals\?symbol=SPY$/);
	await expect(page.getByTestId('signals-symbol')).toHaveValue('SPY');
	await expect(page.getByTestId('min-groups')).toHaveValue('2');
	await page.getByTestId('run-signals').click();
	await signal.click();
	const outcome = page.getByTestId('signal-outcome').getByTestId('outcome');
	await expect(outcome).toHaveCount(1);
	await expect(outcome.getByTestId('outcome-session')).toContainText('SPY paper session');

	// Closed over 09:30; open again at 09:40: the open's slot is missed, the 5-minute one runs 09:40.
	await page.close();
	await forward(35 * MIN, null);
	const again = await context.newPage();
	await again.goto('/alerts/scans');
	const [every2, open2] = [
		again.getByTestId('scan-schedule').nth(0),
		again.getByTestId('scan-schedule').nth(1)
	];
	await expect(open2.getByTestId('scan-last')).toHaveText(
		'missed 2026-12-07 09:30:00 missed: Fillbook was not open in paper mode at its time'
	);
	await expect(open2.getByTestId('scan-next')).toHaveText('2026-12-08 09:30:00');
	await expect(every2.getByTestId('scan-last')).toHaveText('ran 2026-12-07 09:40:00 0 new signals, 0 placed');
	await every2.getByTestId('scan-history').click();
	await expect(every2.getByTestId('scan-runs').getByTestId('scan-run-kind')).toHaveText(['ran', 'ran']);
	expect(await notices(again)).toEqual([]);
});
