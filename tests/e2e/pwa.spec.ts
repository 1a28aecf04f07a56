import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../../scripts/serve.mjs';
import { SECTIONS, expect, test, waitForServiceWorker } from './fixtures';

interface ManifestImage {
	src: string;
	sizes: string;
	type: string;
	purpose?: string;
	form_factor?: string;
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): string {
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
	return `${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`;
}

test('the manifest is linked and installable: names, standalone, colours, icons and screenshots', async ({
	page,
	request
}) => {
	await page.goto('/');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBeTruthy();
	const response = await request.get(new URL(href!, page.url()).href);
	expect(response.ok()).toBe(true);
	expect(response.headers()['content-type']).toContain('application/manifest+json');
	const manifest = (await response.json()) as {
		name: string;
		short_name: string;
		display: string;
		start_url: string;
		theme_color: string;
		background_color: string;
		icons: ManifestImage[];
		screenshots: ManifestImage[];
		file_handlers: { action: string; accept: Record<string, string[]> }[];
		share_target: { action: string; method: string; enctype: string; params: { files: { name: string }[] } };
	};
	expect(manifest.name).toContain('Fillbook');
	expect(manifest.short_name).toBe('Fillbook');
	expect(manifest.display).toBe('standalone');
	expect(manifest.start_url).toBe('/');
	expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
	expect(manifest.file_handlers).toEqual([
		expect.objectContaining({ action: '/import' }),
		{ action: '/alerts', accept: { 'application/json': ['.json'] } }
	]);
	expect(Object.values(manifest.file_handlers[0]!.accept).flat()).toEqual(
		expect.arrayContaining(['.csv', '.tsv', '.txt'])
	);
	expect(manifest.share_target).toMatchObject({
		action: '/share-target',
		method: 'POST',
		enctype: 'multipart/form-data'
	});
	expect(manifest.share_target.params.files[0]?.name).toBe('files');

	const images = [...manifest.icons, ...manifest.screenshots];
	for (const image of images) {
		const file = await request.get(new URL(image.src, page.url()).href);
		expect(file.ok(), image.src).toBe(true);
		expect(image.type).toBe('image/png');
		expect(pngSize(await file.body()), image.src).toBe(image.sizes);
	}
	const sizes = (purpose: string) =>
		manifest.icons.filter((i) => (i.purpose ?? 'any').includes(purpose)).map((i) => i.sizes);
	expect(sizes('any')).toEqual(expect.arrayContaining(['192x192', '512x512']));
	expect(sizes('maskable').length).toBeGreaterThan(0);
	expect(manifest.screenshots.map((s) => s.form_factor)).toEqual(expect.arrayContaining(['wide', 'narrow']));
});

test('Chrome finds nothing that stops it from offering the install prompt', async ({ page }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const cdp = await page.context().newCDPSession(page);
	const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
		installabilityErrors: { errorId: string }[];
	};
	// Playwright's browser contexts are off-the-record profiles, which Chrome never offers to
	// install into; every other criterion (manifest, icons, service worker) is the app's.
	expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
	const { url, errors } = (await cdp.send('Page.getAppManifest')) as {
		url: string;
		errors: { message: string }[];
	};
	expect(new URL(url).pathname).toBe('/manifest.webmanifest');
	expect(errors).toEqual([]);
});

test('the service worker controls the page', async ({ page }) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
	expect(new URL(scope).pathname).toBe('/');
});

test('with the network gone, every main route and a deep link open and reload', async ({ page, context }) => {
	const server = await startServer({ port: 0 });
	try {
		await page.goto(`${server.url}/`);
		await waitForServiceWorker(page);
	} finally {
		// Not only "offline" in the browser: the server itself is gone.
		await server.close();
	}
	await context.setOffline(true);
	for (const section of SECTIONS) {
		await page.goto(`${server.url}${section.path}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
		await page.reload();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(section.title);
	}
	// The engine worker comes from the cache too: Settings reads the database through it.
	await page.goto(`${server.url}/settings`);
	await expect(page.getByTestId('db-name')).toHaveText('fillbook-paper');
	// A deep link into a dynamic route (a trade id) and one to no route at all.
	await page.goto(`${server.url}/trades/0123456789abcdef`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trade not found');
	await page.goto(`${server.url}/no/such/page`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expect(page.getByTestId('mode-banner')).toBeVisible();
});

test('a new deployment shows "Update available — reload" and swaps only when asked', async ({ page }) => {
	const dir = await mkdtemp(join(tmpdir(), 'fillbook-deploy-'));
	await cp('build', dir, { recursive: true });
	let server = await startServer({ dir, port: 0 });
	try {
		await page.goto(`${server.url}/settings`);
		await waitForServiceWorker(page);
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		// A marker that survives only as long as this page is not reloaded.
		await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still here'));

		// Deploy a new version on the same origin: a service worker that differs from the
		// running one, served by a restarted server (as a host does after a deploy).
		const sw = join(dir, 'sw.js');
		await writeFile(sw, `${await readFile(sw, 'utf8')}\n// redeployed ${Date.now()}\n`);
		await server.close();
		server = await startServer({ dir, port: server.port });
		// What the app's hourly / on-focus check does.
		await page.evaluate(async () => {
			await (await navigator.serviceWorker.ready).update();
		});

		const banner = page.getByTestId('update-banner');
		await expect(banner).toContainText('Update available — reload');
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('still here');
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting !== null)
		).toBe(true);

		const reloaded = page.waitForEvent('load');
		await banner.getByRole('button', { name: 'Reload' }).click();
		await reloaded;
		expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker ?? 'reloaded')).toBe(
			'reloaded'
		);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
		await expect(page.getByTestId('update-banner')).toHaveCount(0);
		expect(
			await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting ?? null)
		).toBe(null);
	} finally {
		await server.close();
		await rm(dir, { recursive: true, force: true });
	}
});

test('a fresh browser whose first page is a nested route registers the root service worker and works offline', async ({
	page,
	context
}) => {
	const server = await startServer({ port: 0 });
	const swRequests: string[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('sw.js')) swRequests.push(new URL(request.url()).pathname);
	});
	try {
		// The first page ever visited is two levels deep.
		await page.goto(`${server.url}/paper/orders`);
		await waitForServiceWorker(page);
		const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
		expect(new URL(scope).pathname).toBe('/');
		expect(swRequests.every((path) => path === '/sw.js')).toBe(true);
	} finally {
		await server.close();
	}
	await context.setOffline(true);
	for (const [path, title] of [
		['/trades', 'Trades'],
		['/paper/orders', 'Paper trading'],
		['/trades/0123456789abcdef', 'Trade not found'],
		['/settings', 'Settings']
	] as const) {
		await page.goto(`${server.url}${path}`);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
	}
	await expect(page.getByTestId('db-name')).toHaveText('fillbook-paper');
});
