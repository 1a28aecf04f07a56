import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { enterRealMode, expect, shareFile, test, waitForServiceWorker } from './fixtures';

const DAS_NAME = 'Trades_2025-10-13.csv';
const dasText = readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8');

/**
 * A page on another origin that posts a file to Fillbook's share target as soon as it loads, the
 * way a hostile site could try to slip a file into the journal.
 */
async function hostileSite(target: string, hideOrigin: boolean): Promise<{ url: string; server: Server }> {
	const html = `<!doctype html><html><head>${hideOrigin ? '<meta name="referrer" content="no-referrer">' : ''}</head><body>
<form id="f" method="post" enctype="multipart/form-data" action="${target}/share-target"><input id="i" type="file" name="files"></form>
<script>
const dt = new DataTransfer();
dt.items.add(new File(['Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,\\n09:30:00,EVIL,B,1.00,100,SMRT,,X1,Margin,AUTO,0.00,\\n'], 'Trades_2025-10-13.csv', { type: 'text/csv' }));
document.getElementById('i').files = dt.files;
document.getElementById('f').submit();
</script></body></html>`;
	const server = createServer((_req, res) => {
		res.setHeader('content-type', 'text/html');
		res.end(html);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

for (const hideOrigin of [false, true]) {
	test(`another web site cannot post a file into the app (${hideOrigin ? 'origin hidden' : 'origin sent'})`, async ({
		page,
		baseURL
	}) => {
		await page.goto('/');
		await waitForServiceWorker(page);
		const site = await hostileSite(baseURL!, hideOrigin);
		try {
			await page.goto(site.url);
			await expect(page).toHaveURL(/\/import$/);
		} finally {
			site.server.close();
		}
		await expect(page.getByTestId('shared-refused')).toContainText("only your device's share sheet");
		await expect(page.getByTestId('import-item')).toHaveCount(0);
		expect(
			await page.evaluate(async () => (await (await caches.open('fillbook-shared-files')).keys()).length)
		).toBe(0);
	});
}

test('a shared file is marked, and goes into real mode only after one more confirmation', async ({
	page
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await enterRealMode(page);

	await shareFile(page, { name: DAS_NAME, text: dasText });
	const card = page.getByRole('article', { name: `Import ${DAS_NAME}` });
	await expect(card.getByTestId('shared-badge')).toHaveText(
		'Shared from another app — check it is your file before importing.'
	);
	const importButton = card.getByRole('button', { name: 'Import into real mode' });
	await expect(importButton).toBeEnabled();

	await importButton.click();
	const dialog = page.getByRole('dialog', { name: 'Import a shared file into real mode?' });
	await expect(dialog).toContainText(`${DAS_NAME} was shared to Fillbook by another app`);
	await dialog.getByRole('button', { name: 'Cancel' }).click();
	await expect(dialog).toBeHidden();
	await expect(card.getByTestId('import-result')).toHaveCount(0);

	await importButton.click();
	await dialog.getByRole('button', { name: 'Import into real mode' }).click();
	await expect(card.getByTestId('import-result')).toBeVisible();
	await expect(page.getByTestId('history')).toContainText(DAS_NAME);
});

test('a file chosen on the Import page is not marked as shared', async ({ page }) => {
	await page.goto('/import');
	await page
		.getByTestId('file-input')
		.setInputFiles({ name: DAS_NAME, mimeType: 'text/csv', buffer: Buffer.from(dasText) });
	const card = page.getByRole('article', { name: `Import ${DAS_NAME}` });
	await expect(card.getByRole('button', { name: 'Import into paper mode' })).toBeEnabled();
	await expect(card.getByTestId('shared-badge')).toHaveCount(0);
});
