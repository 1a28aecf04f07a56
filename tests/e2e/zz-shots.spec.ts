import { readFileSync } from 'node:fs';
import { expect, importFiles, test } from './fixtures';

const RIVN = { name: 'RIVN.csv', text: readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8') };
const DAS = {
	name: 'Trades_2025-10-13.csv',
	text: readFileSync('tests/fixtures/samples/das/Trades_2025-10-13.csv', 'utf8')
};

test.skip(!process.env.SHOTS, 'screenshots only');
test('screens', async ({ page }) => {
	test.setTimeout(180_000);
	await importFiles(page, [RIVN, DAS]);
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: 900 });
		for (const path of ['/', '/trades', '/matching', '/reports', '/settings', '/signals', '/charts', '/import']) {
			await page.goto(path);
			await page.waitForTimeout(1200);
			await page.screenshot({ path: `/tmp/shots/${path.replaceAll('/', '_') || 'home'}-${width}.png`, fullPage: true });
		}
		await page.goto('/trades');
		await page.getByTestId('trade-row').first().click();
		await page.waitForTimeout(1500);
		await page.screenshot({ path: `/tmp/shots/trade-${width}.png`, fullPage: true });
		await page.goto('/paper');
		await page.waitForTimeout(800);
		if (await page.getByTestId('paper-start').isVisible()) await page.getByTestId('paper-start').click();
		await expect(page.getByTestId('session-status')).toBeVisible();
		await page.getByTestId('replay-step').click();
		await page.getByTestId('replay-step').click();
		await page.waitForTimeout(800);
		await page.screenshot({ path: `/tmp/shots/paper-${width}.png`, fullPage: true });
	}
});
