import { SECTIONS, expect, test } from './fixtures';

test('the home page says what Fillbook is and what to do first', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
	await expect(
		page.getByText('Fillbook is your trading journal, execution analyser and paper-trading desk.')
	).toBeVisible();
	await page.getByRole('link', { name: /Import a file/ }).click();
	await expect(page).toHaveURL(/\/import$/);
	await page.goBack();
	await page.getByRole('link', { name: /Open paper trading/ }).click();
	await expect(page).toHaveURL(/\/paper$/);
});

test('every section is in the menu and shows an honest empty state', async ({ page }) => {
	await page.goto('/');
	const nav = page.getByRole('navigation', { name: 'Sections' });
	for (const section of SECTIONS) {
		await nav.getByRole('link', { name: section.nav, exact: true }).click();
		await expect(page).toHaveURL(new RegExp(`${section.path === '/' ? '/' : section.path}$`));
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
		await expect(nav.getByRole('link', { name: section.nav, exact: true })).toHaveAttribute(
			'aria-current',
			'page'
		);
		await expect(page).toHaveTitle(`${section.title} · Fillbook`);
	}
	// No section shows made-up figures: the data sections say there is nothing yet.
	await page.goto('/trades');
	await expect(page.getByRole('heading', { name: 'No trades yet' })).toBeVisible();
});

test('a deep link to a route that does not exist shows the app, not a server error', async ({ page }) => {
	const response = await page.goto('/no/such/page');
	expect(response?.status()).toBe(200);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByTestId('mode-banner')).toBeVisible();
	await page.getByRole('link', { name: 'Go to the dashboard' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('every route renders without horizontal scrolling', async ({ page }) => {
		for (const section of SECTIONS) {
			await page.goto(section.path);
			await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
			expect(overflow, `horizontal overflow on ${section.path}`).toBeLessThanOrEqual(0);
		}
	});

	test('the menu collapses behind a button and opens and closes', async ({ page }) => {
		await page.goto('/');
		const nav = page.getByRole('navigation', { name: 'Sections' });
		await expect(nav).toBeHidden();
		await page.getByRole('button', { name: 'Open menu' }).click();
		await expect(nav).toBeVisible();
		await nav.getByRole('link', { name: 'Reports' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports');
		await expect(nav).toBeHidden();
		await page.getByRole('button', { name: 'Open menu' }).click();
		await expect(nav).toBeVisible();
		await page.keyboard.press('Escape');
		await expect(nav).toBeHidden();
	});
});

test.describe('themes', () => {
	test.use({ colorScheme: 'dark' });

	test('follow the system, and the toggle overrides it across reloads', async ({ page }) => {
		await page.goto('/');
		const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
		await expect(page.locator('html')).not.toHaveAttribute('data-theme');
		expect(await background()).toBe('rgb(11, 18, 32)');

		await page.getByRole('button', { name: 'Switch to light theme' }).click();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		expect(await background()).toBe('rgb(244, 246, 250)');

		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
		expect(await background()).toBe('rgb(244, 246, 250)');

		await page.goto('/settings');
		await page.getByRole('radio', { name: 'System' }).check();
		await expect(page.locator('html')).not.toHaveAttribute('data-theme');
		expect(await background()).toBe('rgb(11, 18, 32)');
	});
});
