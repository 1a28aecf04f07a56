// Renders static/favicon.svg into the PNG icons the manifest lists (192, 512, maskable 512),
// using the Chromium that the end-to-end tests use. Run after changing the logo:
//   node scripts/make-icons.mjs
import { chromium } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { chromiumLaunchOptions } from './chromium.mjs';

const svg = await readFile(new URL('../static/favicon.svg', import.meta.url), 'utf8');
const browser = await chromium.launch(chromiumLaunchOptions());
const page = await browser.newPage();

async function render(size, path, { maskable = false } = {}) {
	await page.setViewportSize({ width: size, height: size });
	// A maskable icon fills the square with the background and keeps the logo inside the 80 %
	// safe zone, so any mask shape (circle, squircle) leaves it whole.
	const inner = maskable ? Math.round(size * 0.72) : size;
	const logo = maskable ? svg.replace('rx="14"', 'rx="0"') : svg;
	await page.setContent(
		`<html><body style="margin:0;background:${maskable ? '#0f172a' : 'transparent'};display:grid;place-items:center;width:${size}px;height:${size}px">` +
			`<div style="width:${inner}px;height:${inner}px">${logo.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`
	);
	await page.screenshot({ path, omitBackground: !maskable });
}

await render(192, 'static/icons/icon-192.png');
await render(512, 'static/icons/icon-512.png');
await render(512, 'static/icons/icon-maskable-512.png', { maskable: true });
await browser.close();
console.log('icons written to static/icons');
