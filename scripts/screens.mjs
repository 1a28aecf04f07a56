// Screenshots of every section at desktop and phone width, in both themes and both modes, for a
// person to look at: node scripts/screens.mjs  (after npm run build) -> test-results/screens/
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from './chromium.mjs';
import { startServer } from './serve.mjs';

const PAGES = [
	'/',
	'/import',
	'/trades',
	'/matching',
	'/reports',
	'/charts',
	'/signals',
	'/paper',
	'/settings'
];
const only = process.argv.slice(2);
const server = await startServer({ port: 0 });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
	for (const [size, viewport] of [
		['desktop', { width: 1280, height: 800 }],
		['phone', { width: 390, height: 844 }]
	]) {
		for (const scheme of ['light', 'dark']) {
			for (const mode of ['paper', 'real']) {
				const context = await browser.newContext({ viewport, colorScheme: scheme });
				await context.addInitScript((m) => localStorage.setItem('fillbook.mode', m), mode);
				const page = await context.newPage();
				for (const path of PAGES.filter((p) => only.length === 0 || only.includes(p))) {
					await page.goto(`${server.url}${path}`);
					await page.getByRole('heading', { level: 1 }).waitFor();
					await page.waitForTimeout(150);
					const name = `${path === '/' ? 'dashboard' : path.slice(1)}-${size}-${scheme}-${mode}`;
					await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
				}
				await context.close();
			}
		}
	}
} finally {
	await browser.close();
	await server.close();
}
console.log('screens written to test-results/screens');
