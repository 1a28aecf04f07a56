// Takes the screenshots the manifest lists (Chrome's richer install dialog shows them) from the
// built app: the dashboard at desktop (1280×800, wide) and phone (390×844, narrow) size, dark theme.
// Run after `npm run build` when the shell changes: node scripts/make-screenshots.mjs
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startServer } from './serve.mjs';

const server = await startServer({ port: 0 });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
	for (const [name, viewport] of [
		['desktop', { width: 1280, height: 800 }],
		['phone', { width: 390, height: 844 }]
	]) {
		const context = await browser.newContext({ viewport, colorScheme: 'dark', deviceScaleFactor: 1 });
		const page = await context.newPage();
		await page.goto(`${server.url}/`);
		await page.getByRole('heading', { level: 1 }).waitFor();
		await page.screenshot({ path: `static/screenshots/${name}.png` });
		await context.close();
	}
} finally {
	await browser.close();
	await server.close();
}
console.log('screenshots written to static/screenshots');
