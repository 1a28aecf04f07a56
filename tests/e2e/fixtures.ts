import { test as base, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Every spec uses this `test`: it records every request the app makes (pages, workers and the
 * service worker included) and every Content-Security-Policy violation, and fails the test if
 * any request leaves the app's own origin or the policy blocked anything.
 */
export const test = base.extend<{ guard: { requests: string[] } }>({
	guard: [
		async ({ context, baseURL }, use) => {
			const requests: string[] = [];
			const violations: string[] = [];
			context.on('request', (request) => requests.push(request.url()));
			context.on('console', (message) => {
				const text = message.text();
				if (/Content Security Policy|Refused to (load|execute|apply|connect|create)/i.test(text))
					violations.push(text);
			});
			await use({ requests });
			const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
			const foreign = requests.filter((url) => !isOwn(url, origin));
			expect(foreign, 'requests to other hosts').toEqual([]);
			expect(violations, 'Content-Security-Policy violations').toEqual([]);
		},
		{ auto: true }
	]
});

/** Own origin, or a private test server on loopback started by the spec itself. */
function isOwn(url: string, origin: string): boolean {
	if (url.startsWith('data:') || url.startsWith('blob:')) return true;
	const u = new URL(url);
	return u.origin === origin || (u.hostname === '127.0.0.1' && u.protocol === 'http:');
}

export { expect };

/** The main sections and their page titles, in menu order. */
export const SECTIONS = [
	{ path: '/', title: 'Dashboard', nav: 'Dashboard' },
	{ path: '/import', title: 'Import', nav: 'Import' },
	{ path: '/trades', title: 'Trades', nav: 'Trades' },
	{ path: '/positions', title: 'Positions', nav: 'Positions' },
	{ path: '/matching', title: 'Matching', nav: 'Matching' },
	{ path: '/reports', title: 'Reports', nav: 'Reports' },
	{ path: '/charts', title: 'Charts', nav: 'Charts' },
	{ path: '/signals', title: 'Signals', nav: 'Signals' },
	{ path: '/alerts', title: 'Alerts', nav: 'Alerts' },
	{ path: '/paper', title: 'Paper trading', nav: 'Paper trading' },
	{ path: '/strategies', title: 'Strategy lab', nav: 'Strategy lab' },
	{ path: '/settings', title: 'Settings', nav: 'Settings' }
] as const;

/** Waits until a service worker controls the page (after the first install, one reload). */
export async function waitForServiceWorker(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
		await page.reload();
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
	}
	await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
}

/** A file to import: its name and text, and the format the Import page must detect, if checked. */
export interface ImportFile {
	name: string;
	text: string;
	format?: string;
}

/**
 * Picks files on the Import page and imports each, as a user does: every card's import button
 * (`button` names it), then its result saying what was imported.
 */
export async function importFiles(
	page: Page,
	files: readonly ImportFile[],
	button: string | RegExp = /Import into/
): Promise<void> {
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles(files.map((f) => ({ name: f.name, mimeType: 'text/csv', buffer: Buffer.from(f.text) })));
	for (const f of files) {
		const card = page.getByRole('article', { name: `Import ${f.name}` });
		if (f.format !== undefined) await expect(card.getByTestId('format')).toHaveValue(f.format);
		await card.getByRole('button', { name: button }).click();
		await expect(card.getByTestId('import-result')).toContainText(' imported, ');
	}
}

/** Switches to real mode through the mode switch and its confirmation, as a user does. */
export async function enterRealMode(page: Page): Promise<void> {
	await page.getByRole('group', { name: 'Mode' }).getByRole('button', { name: 'Real' }).click();
	await page
		.getByRole('dialog', { name: 'Switch to real mode?' })
		.getByRole('button', { name: 'Switch to real mode' })
		.click();
	await expect(page.getByTestId('mode-banner')).toHaveAttribute('data-mode', 'real');
}

/**
 * Shares a file to the app the way the OS share sheet does: a multipart POST of the file to the
 * manifest's share_target action, from a page of the app (the service worker must control it).
 */
export async function shareFile(page: Page, file: ImportFile): Promise<void> {
	await page.evaluate(() => {
		const form = document.createElement('form');
		form.method = 'POST';
		form.action = '/share-target';
		form.enctype = 'multipart/form-data';
		const input = document.createElement('input');
		input.type = 'file';
		input.name = 'files';
		input.id = 'share-input';
		form.append(input);
		document.body.append(form);
	});
	await page.setInputFiles('#share-input', {
		name: file.name,
		mimeType: 'text/csv',
		buffer: Buffer.from(file.text)
	});
	await page.evaluate(() =>
		(document.querySelector('#share-input')!.closest('form') as HTMLFormElement).submit()
	);
	await expect(page).toHaveURL(/\/import$/);
}

/** Opens the trade filter's fields where they are folded away (at phone width), as a user taps "Filter trades". */
export async function showFilters(page: Page): Promise<void> {
	const box = page.getByTestId('filter-box');
	await expect(box).toBeAttached();
	if (!(await box.evaluate((d) => (d as HTMLDetailsElement).open))) await box.locator('summary').click();
}

/** RIVN's minute bars of 2025-10-13, 14:45–15:10 New York (26 bars). */
export const RIVN_BARS: ImportFile = {
	name: 'RIVN.csv',
	text: readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8')
};

/**
 * Imports RIVN's bars, starts a paper session over their day as a user does, and reveals `bars`
 * bars with the Step button.
 */
export async function startRivnSession(page: Page, bars = 0): Promise<void> {
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/paper');
	await expect(page.getByTestId('paper-symbol')).toHaveValue('RIVN');
	await expect(page.getByTestId('paper-from')).toHaveValue('2025-10-13');
	await page.getByTestId('paper-start').click();
	await expect(page.getByTestId('session-status')).toHaveText(/RIVN · bar 0 of 26 · paused/);
	for (let i = 0; i < bars; i++) await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('session-status')).toContainText(`bar ${bars} of 26`);
}
