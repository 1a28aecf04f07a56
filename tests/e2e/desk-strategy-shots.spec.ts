// Temporary: screenshots of the desk with a strategy attached and of a trade's lineage (SHOTS=1).
import { expect, startRivnSession, test } from './fixtures';

test.use({ timezoneId: 'America/New_York' });
test.skip(!process.env.SHOTS, 'screenshots only with SHOTS=1');

for (const width of [1280, 390]) {
	test(`shots at ${width}`, async ({ page }) => {
		await page.setViewportSize({ width, height: 900 });
		await startRivnSession(page);
		await page.getByTestId('strategy-param-fast').fill('2');
		await page.getByTestId('strategy-param-slow').fill('3');
		await page.getByTestId('strategy-attach').click();
		await page.getByTestId('strategy-start').click();
		await page.getByRole('dialog').getByRole('button', { name: 'Start', exact: true }).click();
		for (let i = 0; i < 22; i++) await page.getByTestId('replay-step').click();
		await expect(page.getByTestId('session-status')).toContainText('bar 22 of 26');
		await page.screenshot({ path: `/tmp/shots-desk/desk-${width}.png`, fullPage: true });
		await page.getByTestId('strategy-panel').screenshot({ path: `/tmp/shots-desk/panel-${width}.png` });
		await page.goto('/trades');
		await page.getByTestId('trade-row').filter({ hasText: '14:52' }).click();
		await expect(page.getByTestId('lineage')).toBeVisible();
		await page.getByTestId('lineage').screenshot({ path: `/tmp/shots-desk/lineage-${width}.png` });
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.getByTestId('lineage').screenshot({ path: `/tmp/shots-desk/lineage-dark-${width}.png` });
	});
}
