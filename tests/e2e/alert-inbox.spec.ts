import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { enterRealMode, expect, importFiles, startRivnSession, test } from './fixtures';

const SECRET = 'correct horse battery';

/** The payload's canonical form as core/alerts canonicalPayload writes it: keys sorted, no signature, no whitespace. */
function canonical(payload: Record<string, string | number>): string {
	const keys = Object.keys(payload)
		.filter((k) => k !== 'signature')
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${JSON.stringify(payload[k])}`).join(',')}}`;
}

function signed(payload: Record<string, string | number>, secret = SECRET): string {
	const signature = createHmac('sha256', secret).update(canonical(payload)).digest('hex');
	return JSON.stringify({ ...payload, signature });
}

const BUY = { symbol: 'RIVN', action: 'buy', quantity: 100, id: 'tv-1' };

/** Records every system notification the page shows (the real API decides the permission). */
async function spyOnNotifications(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const Real = window.Notification;
		const shown: { title: string; body: string | undefined }[] = [];
		(window as unknown as { notices: typeof shown }).notices = shown;
		class Spy {
			static get permission() {
				return Real.permission;
			}
			static requestPermission() {
				return Real.requestPermission();
			}
			constructor(title: string, options?: NotificationOptions) {
				shown.push({ title, body: options?.body });
			}
		}
		Object.defineProperty(window, 'Notification', { value: Spy, configurable: true, writable: true });
	});
}

const notices = (page: Page) =>
	page.evaluate(() => (window as unknown as { notices: { title: string; body?: string }[] }).notices);

async function paste(page: Page, text: string): Promise<void> {
	await page.getByTestId('alert-text').fill(text);
	await page.getByTestId('alert-text').press('Control+Enter');
}

const items = (page: Page) => page.getByTestId('alert-item');
const newest = (page: Page) => items(page).first();

test.use({ timezoneId: 'America/New_York' });

test.describe('with notifications allowed', () => {
	test.use({ permissions: ['notifications'] });

	test('a signed TradingView alert fills on the desk with its lineage; a repeat, a tampered one and a template are refused', async ({
		page
	}) => {
		await spyOnNotifications(page);
		await startRivnSession(page, 1);
		await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Alerts' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Alerts');
		await expect(page.getByTestId('alerts-session')).toHaveText(
			'Accepted alerts go to the desk’s session on RIVN.'
		);
		await expect(page.getByRole('heading', { name: 'No alerts yet' })).toBeVisible();

		// A source that signs: the engine's refusal shows beside the form, then it is added.
		await page.getByTestId('source-add').click();
		await page.getByTestId('source-name').fill('manual');
		await page.getByTestId('source-secret').fill(SECRET);
		await page.getByTestId('source-save').click();
		await expect(page.getByTestId('source-problem')).toHaveText(
			'Source not saved: the name "manual" is taken'
		);
		await page.getByTestId('source-name').fill('TradingView');
		await expect(page.getByTestId('source-require')).toBeChecked();
		await page.getByTestId('source-save').click();
		await expect(page.getByTestId('source-form')).toHaveCount(0);
		const tv = page.getByTestId('source-item').filter({ hasText: 'TradingView' });
		await expect(tv).toContainText('secret set · 0 accepted');
		await expect(tv).not.toContainText(SECRET);
		await expect(page.getByTestId('alert-source')).toHaveValue(/.+/);
		await expect(page.getByTestId('alert-source').locator('option:checked')).toHaveText('TradingView');

		await paste(page, signed(BUY));
		await expect(page.getByTestId('alert-result')).toContainText('1 accepted, 0 duplicates, 0 refused');
		await expect(items(page)).toHaveCount(1);
		await expect(newest(page).getByTestId('alert-chip')).toHaveText('accepted');
		await expect(newest(page).getByTestId('alert-verdict')).toHaveText('accepted');
		await expect(newest(page).getByTestId('alert-order')).toHaveText('Buy 100 RIVN at market');
		await expect(newest(page)).toContainText('signature valid');
		await expect(page.getByTestId('alert-text')).toHaveValue('');
		await expect
			.poll(() => notices(page))
			.toEqual([
				{ title: 'Alert from TradingView', body: '#1 buy 100 RIVN: placed: Buy 100 RIVN at market' }
			]);
		await expect(page.getByTestId('alert-banner')).toHaveCount(0);
		const received = await newest(page).locator('time').innerText();
		expect(received).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);

		// On the desk it fills at the next bar's open: 14:46, 13.37.
		await newest(page).getByTestId('alert-desk').click();
		await expect(page.getByTestId('session-status')).toContainText('bar 1 of 26');
		await page.getByTestId('replay-step').click();
		await expect(page.getByTestId('paper-position')).toHaveText('100 @ 13.37');

		// The trade leads back to the alert.
		await page.goto('/trades');
		await page.getByTestId('trade-row').filter({ hasText: 'RIVN' }).filter({ hasText: '14:46' }).click();
		await expect(page.getByTestId('trade-alert-line')).toHaveText(
			`Alert #1 from TradingView, received ${received}: accepted`
		);
		await page.getByTestId('trade-alert').getByText('Payload').click();
		await expect(page.getByTestId('trade-alert-payload')).toContainText('"id": "tv-1"');

		// The same alert again: a duplicate of #1, and no second order.
		await page.goto('/alerts');
		await paste(page, signed(BUY));
		await expect(page.getByTestId('alert-result')).toContainText('0 accepted, 1 duplicate, 0 refused');
		await expect(newest(page).getByTestId('alert-chip')).toHaveText('duplicate');
		await expect(newest(page).getByTestId('alert-verdict')).toHaveText(
			`duplicate of #1 received ${received} (the same id "tv-1")`
		);
		await expect(newest(page).getByTestId('alert-outcome')).toHaveCount(0);

		// Tampered: the quantity changed under the old signature.
		const tampered = JSON.parse(signed({ ...BUY, id: 'tv-2' })) as Record<string, string | number>;
		await paste(page, JSON.stringify({ ...tampered, quantity: 1000 }));
		await expect(newest(page).getByTestId('alert-chip')).toHaveText('refused');
		await expect(newest(page).getByTestId('alert-verdict')).toHaveText(
			'refused: the signature does not match (tampered, or signed with another secret)'
		);
		await expect(newest(page)).toContainText('signature wrong');

		// A TradingView template sent unfilled.
		await paste(page, '{"symbol":"{{ticker}}","action":"buy","quantity":100,"id":"tv-3"}');
		await expect(page.getByTestId('alert-result')).toContainText('0 accepted, 0 duplicates, 1 refused');
		await expect(newest(page).getByTestId('alert-verdict')).toHaveText(
			"refused: symbol is the TradingView placeholder {{ticker}} left literal: fill it in the alert's message template"
		);
		await newest(page).getByText('Details').click();
		await expect(newest(page).getByTestId('alert-problems')).toHaveText(
			"symbol is the TradingView placeholder {{ticker}} left literal: fill it in the alert's message template"
		);
		await expect(newest(page).getByTestId('alert-problems').locator('code')).toHaveText('symbol');

		// No duplicate or refusal is notified (this page was opened after the first alert's notice);
		// the history survives a reload as it was.
		expect(await notices(page)).toEqual([]);
		const verdicts = [
			"refused: symbol is the TradingView placeholder {{ticker}} left literal: fill it in the alert's message template",
			'refused: the signature does not match (tampered, or signed with another secret)',
			`duplicate of #1 received ${received} (the same id "tv-1")`,
			'accepted'
		];
		await expect(items(page).getByTestId('alert-verdict')).toHaveText(verdicts);
		await page.reload();
		await expect(items(page).getByTestId('alert-verdict')).toHaveText(verdicts);
		await expect(items(page).locator('.seq')).toHaveText(['#4', '#3', '#2', '#1']);
		await expect(page.getByTestId('source-item').filter({ hasText: 'TradingView' })).toContainText(
			'secret set · 1 accepted'
		);

		await page.getByRole('link', { name: 'Paper trading' }).click();
		await page.getByRole('link', { name: 'Orders' }).click();
		await expect(page.getByTestId('order-row')).toHaveCount(1);
	});

	test('in real mode an alert is noted and notified, never ordered', async ({ page }) => {
		await spyOnNotifications(page);
		await page.goto('/alerts');
		await enterRealMode(page);
		await expect(page.getByTestId('alerts-real-note')).toContainText('an alert is never an order');
		await paste(page, JSON.stringify(BUY));
		await expect(newest(page).getByTestId('alert-chip')).toHaveText('accepted');
		await expect(newest(page).getByTestId('alert-outcome')).toHaveText('Noted (real mode never orders).');
		await expect(newest(page).getByTestId('alert-order')).toHaveCount(0);
		await expect
			.poll(() => notices(page))
			.toEqual([
				{
					title: 'Alert from Manual (real mode: noted)',
					body: '#1 buy 100 RIVN: noted (real mode never orders)'
				}
			]);
	});

	test('in real mode a trade lists the alerts received around it: the journal’s note of them', async ({
		page
	}) => {
		await page.goto('/alerts');
		await enterRealMode(page);
		// Fired at 14:40 New York on 2025-10-13; the real buy came at 14:45:30.
		const fired = {
			symbol: 'RIVN',
			action: 'buy',
			quantity: 100,
			id: 'real-1',
			time: '2025-10-13T18:40:00Z'
		};
		await paste(page, JSON.stringify(fired));
		await expect(newest(page).getByTestId('alert-outcome')).toHaveText('Noted (real mode never orders).');
		const header = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
		await importFiles(page, [
			{
				name: 'Trades_2025-10-13.csv',
				text: `${header}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n`
			}
		]);
		await page.goto('/trades');
		await page.getByTestId('trade-row').filter({ hasText: 'RIVN' }).click();
		const section = page.getByTestId('trade-alerts');
		await expect(section.getByRole('heading', { level: 2 })).toHaveText('Alerts around this trade');
		await expect(section.getByTestId('trade-alert-line')).toHaveCount(1);
		await expect(section.getByTestId('trade-alert-line')).toContainText('Alert #1 from Manual, received');
	});

	test('a backup leaves the alert secrets out unless asked', async ({ page }) => {
		await page.goto('/alerts');
		await page.getByTestId('source-add').click();
		await page.getByTestId('source-name').fill('TradingView');
		await page.getByTestId('source-secret').fill(SECRET);
		await page.getByTestId('source-save').click();
		await expect(page.getByTestId('source-item').filter({ hasText: 'TradingView' })).toContainText(
			'secret set'
		);

		await page.goto('/settings');
		const plain = await downloadBackup(page);
		expect(plain).toContain('"TradingView"');
		expect(plain).not.toContain(SECRET);
		await expect(page.getByTestId('backup-secrets')).not.toBeChecked();
		await page.getByTestId('backup-secrets').check();
		await expect(page.getByTestId('backup-secrets-note')).toContainText('anyone with it can sign alerts');
		const withSecrets = await downloadBackup(page);
		expect(withSecrets).toContain(SECRET);
		await expect(page.getByTestId('backup-message')).toContainText(', with the alert sources’ secrets.');
	});
});

async function downloadBackup(page: Page): Promise<string> {
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download backup' }).click();
	return readFileSync(await (await download).path(), 'utf8');
}

test('a deep link with an alert, as the first visit, receives it once by share; a reload does not again', async ({
	page
}) => {
	// No Notification API here: the accepted alert is told in the page instead.
	await page.addInitScript(() => {
		Reflect.deleteProperty(window, 'Notification');
	});
	const alert = JSON.stringify({ symbol: 'RIVN', action: 'buy', quantity: 5, id: 'share-1' });
	await page.goto(`/alerts?text=${encodeURIComponent(alert)}`);
	await expect(items(page)).toHaveCount(1);
	await expect(newest(page)).toContainText('via share');
	await expect(newest(page).getByTestId('alert-verdict')).toHaveText('accepted');
	// A link any page can open never trades by itself: unsigned, it waits for the trader.
	await expect(newest(page).getByTestId('alert-outcome')).toContainText(
		'Queued: received by a link or a share without a valid signature: place it from the inbox yourself.'
	);
	await expect(page.getByTestId('alert-banner')).toContainText(
		'Alert from Manual. #1 buy 5 RIVN: queued (received by a link or a share without a valid signature: place it from the inbox yourself)'
	);
	await expect(page).toHaveURL(/\/alerts$/);
	await page.reload();
	await expect(newest(page).getByTestId('alert-verdict')).toHaveText('accepted');
	await expect(items(page)).toHaveCount(1);
	await expect(newest(page).getByTestId('alert-place')).toBeDisabled();

	// Once a session runs on the desk, the queued alert is placed on it from the inbox.
	await startRivnSession(page, 1);
	await page.goto('/alerts');
	await newest(page).getByTestId('alert-place').click();
	await expect(newest(page).getByTestId('alert-order')).toHaveText('Buy 5 RIVN at market');
	await page.reload();
	await expect(newest(page).getByTestId('alert-order')).toHaveText('Buy 5 RIVN at market');
	await expect(items(page)).toHaveCount(1);
});

test('the question to allow notifications, left unanswered, does not hold the inbox', async ({ page }) => {
	await page.goto('/alerts');
	await paste(page, JSON.stringify({ symbol: 'RIVN', action: 'buy', quantity: 1, id: 'q-1' }));
	await expect(newest(page).getByTestId('alert-verdict')).toHaveText('accepted');
	await paste(page, JSON.stringify({ symbol: 'RIVN', action: 'buy', quantity: 2, id: 'q-2' }));
	await expect(items(page).locator('.seq')).toHaveText(['#2', '#1']);
	await expect(items(page).getByTestId('alert-verdict')).toHaveText(['accepted', 'accepted']);
	await expect(page.getByTestId('alert-result')).toContainText('1 accepted, 0 duplicates, 0 refused');
});

test('an alert received in one tab shows in another tab’s inbox without a reload', async ({
	page,
	context
}) => {
	await page.goto('/alerts');
	const other = await context.newPage();
	await other.goto('/alerts');
	await expect(items(other)).toHaveCount(0);
	await paste(page, JSON.stringify({ symbol: 'RIVN', action: 'buy', quantity: 3, id: 'tab-1' }));
	await expect(items(page)).toHaveCount(1);
	await expect(items(other)).toHaveCount(1);
	await expect(items(other).first().getByTestId('alert-verdict')).toHaveText('accepted');
});
