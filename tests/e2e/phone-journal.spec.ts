import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { dasFiles, generateMatchingData, tradervueExport } from '../support/matching-data';
import { expect, importFiles, test } from './fixtures';

// The DAS files' times read as DAS wrote them.
test.use({ timezoneId: 'America/New_York' });

const DAS_NAME = 'Trades_2025-10-13.csv';
const das = { name: DAS_NAME, text: readFileSync(`tests/fixtures/samples/das/${DAS_NAME}`, 'utf8') };
/** SYN: one sub-penny buy and one sale (single fills); XYZ: two buys, whose VWAP is 20.153. */
const ticks = {
	name: 'Trades_2025-10-20.csv',
	text: [
		'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,',
		'10:20:00,XYZ,S,20.5,100,ARCA,,TRPA61247,Margin,OID3,-,0.01,,',
		'10:15:00,XYZ,B,20.205,50,ARCA,,TRPA61247,Margin,OID2,-,0.01,,',
		'10:10:00,XYZ,B,20.101,50,ARCA,,TRPA61247,Margin,OID2,-,0.01,,',
		'10:05:00,SYN,S,49.851,100,ARCA,,TRPA61247,Margin,OID1,-,0.01,,',
		'10:00:00,SYN,B,49.608103,100,ARCA,,TRPA61247,Margin,OID1,-,0.01,,',
		''
	].join('\n')
};

const PHONE = { width: 390, height: 844 };

/** The page does not scroll sideways. */
async function noSidewaysScroll(page: Page, width: number) {
	const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
	expect(scrollWidth).toBeLessThanOrEqual(width);
}

/** The element is drawn whole within the viewport's width (right edge at most `width`). */
async function withinWidth(locator: Locator, width: number) {
	const box = await locator.boundingBox();
	expect(box, 'drawn').not.toBeNull();
	expect(box!.x).toBeGreaterThanOrEqual(0);
	expect(box!.x + box!.width).toBeLessThanOrEqual(width);
}

/**
 * Every trade row's cells are drawn inside the row and the table (none cut off at its right edge),
 * and no row's cells overlap the next row's.
 */
async function rowsFit(page: Page, width: number) {
	const links = page.getByTestId('trade-row');
	await expect(links.first()).toBeVisible();
	const tableRight = await page
		.getByRole('table', { name: 'Trades' })
		.evaluate((t) => Math.min(t.getBoundingClientRect().right, window.innerWidth));
	expect(tableRight).toBeLessThanOrEqual(width);
	const boxes = await links.evaluateAll((all) =>
		all.map((a) => {
			const r = a.getBoundingClientRect();
			const cells = [...a.querySelectorAll('[role="cell"], [role="cell"] *')]
				.map((c) => c.getBoundingClientRect())
				.filter((c) => c.width > 0 && c.height > 0);
			return {
				top: r.top,
				bottom: r.bottom,
				overflow: a.scrollHeight - a.clientHeight,
				cellTop: Math.min(...cells.map((c) => c.top)),
				cellBottom: Math.max(...cells.map((c) => c.bottom)),
				cellRight: Math.max(...cells.map((c) => c.right))
			};
		})
	);
	expect(boxes.length).toBeGreaterThan(5);
	boxes.sort((a, b) => a.top - b.top);
	boxes.forEach((b, i) => {
		expect(b.overflow, `row ${i} content taller than the row`).toBeLessThanOrEqual(0);
		expect(b.cellTop).toBeGreaterThanOrEqual(b.top - 0.5);
		expect(b.cellBottom, `row ${i} content below the row`).toBeLessThanOrEqual(b.bottom + 0.5);
		expect(b.cellRight, `row ${i} cut off at the table's right edge`).toBeLessThanOrEqual(tableRight);
		if (i > 0)
			expect(b.cellTop, `row ${i} overlaps the row above`).toBeGreaterThanOrEqual(boxes[i - 1]!.cellBottom);
	});
	await noSidewaysScroll(page, width);
}

async function openTrade(page: Page, symbol: string) {
	await page.goto('/trades');
	await page.getByTestId('trade-row').filter({ hasText: symbol }).first().click();
	await expect(page.getByRole('heading', { level: 1 })).toContainText(symbol);
}

test('a single fill’s price shows on the tick, a VWAP of several keeps its digits marked avg; the executions table is whole at 1280 px', async ({
	page
}) => {
	await page.setViewportSize({ width: 1280, height: 800 });
	await importFiles(page, [das, ticks]);
	await page.goto('/trades');
	const syn = page.getByTestId('trade-row').filter({ hasText: 'SYN' });
	await expect(syn.locator('.col-entryPrice')).toHaveText('49.61');
	await expect(syn.locator('.col-exitPrice')).toHaveText('49.85');
	const xyz = page.getByTestId('trade-row').filter({ hasText: 'XYZ' });
	await expect(xyz.locator('.col-entryPrice')).toHaveText('20.153avg');
	await expect(xyz.locator('.col-entryPrice .avg')).toHaveText('avg');

	await openTrade(page, 'SYN');
	const rows = page.getByTestId('execution-row');
	await expect(rows.locator('td:nth-child(4)')).toHaveText(['49.61', '49.85']);
	// The trade's own average stays exact.
	await expect(page.locator('.stat', { hasText: 'Entry VWAP' }).locator('strong')).toHaveText('49.608103');

	// Every column, the last (the actions) too, is drawn whole inside the table at 1280 px, also
	// with an edited execution (its badge and a third button).
	await page
		.getByRole('button', { name: /^Edit execution/ })
		.last()
		.click();
	await page.getByTestId('edit-price').fill('49.90');
	await page.getByTestId('execution-edit-form').getByRole('button', { name: 'Save execution' }).click();
	await expect(page.getByTestId('edited-badge')).toBeVisible();
	const table = page.getByTestId('executions');
	const wrap = (await table.locator('xpath=..').boundingBox())!;
	for (const cell of [
		table.locator('th').last(),
		table.getByRole('columnheader', { name: 'Venue' }),
		...(await rows.getByRole('button', { name: /^Delete execution/ }).all())
	]) {
		const box = (await cell.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(Math.min(wrap.x + wrap.width, 1280) + 0.5);
	}
	const scroll = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
	expect(scroll).toBeLessThanOrEqual(0);
	await noSidewaysScroll(page, 1280);
});

test('Trades at 1024 px (sidebar shown, too narrow for the ten columns): rows are cards, nothing cut off', async ({
	page
}) => {
	await page.setViewportSize({ width: 1024, height: 768 });
	await importFiles(page, [das, ticks]);
	await page.goto('/trades');
	await rowsFit(page, 1024);
	await expect(page.getByTestId('trades-sort')).toBeVisible();
});

test.describe('at 390 px', () => {
	test.use({ viewport: PHONE, hasTouch: true });

	test('Trades: each row is a card whose content stays inside it; no two rows overlap; key figures on screen', async ({
		page
	}) => {
		await importFiles(page, [das, ticks]);
		// A trade with tags: its symbol and tags, time, side and figures must all fit the row.
		await openTrade(page, 'SYN');
		await page.getByTestId('tags').fill('breakout, news, a-plus-setup');
		await page.getByRole('button', { name: 'Save journal' }).click();
		await expect(page.locator('.journal [role="status"]')).toHaveText('Saved.');

		await page.goto('/trades');
		const links = page.getByTestId('trade-row');
		await rowsFit(page, 390);
		const syn = links.filter({ hasText: 'SYN' });
		for (const key of ['.col-symbol', '.col-netPnl', '.col-direction', '.col-openTime', '.col-entryPrice'])
			await withinWidth(syn.locator(key), 390);
		await expect(syn.locator('.col-entryPrice')).toHaveText('49.61');
		await noSidewaysScroll(page, 390);

		// The column heads are hidden here; the order is chosen from a list, and turned round.
		const pnl = async () =>
			(await links.locator('.col-netPnl').allTextContents())
				.slice(0, 4)
				.map((t) => Number(t.replace('−', '-').replaceAll(',', '')));
		const sort = page.getByTestId('trades-sort');
		await withinWidth(sort, 390);
		// Each poll reads the rows once and compares them with themselves sorted: read twice, the rows
		// could change between the reads (the list redraws when the order arrives).
		const inOrder = (by: (a: number, b: number) => number) => async () => {
			const shown = await pnl();
			return shown.length === 4 && shown.join() === [...shown].sort(by).join();
		};
		await sort.selectOption({ label: 'Net P&L' });
		await expect.poll(inOrder((a, b) => b - a)).toBe(true);
		const highest = (await pnl())[0]!;
		await page.getByRole('button', { name: 'Descending; sort ascending' }).click();
		await expect.poll(async () => (await pnl())[0]).toBeLessThan(highest);
		await expect.poll(inOrder((a, b) => a - b)).toBe(true);
	});

	test('Import history: every import is a card with its counts, and its Undo button is on screen', async ({
		page
	}) => {
		await importFiles(page, [das, ticks]);
		const history = page.getByTestId('history');
		await expect(page.getByRole('button', { name: /^Undo import of/ })).toHaveCount(2);
		// Measured where the page draws them (scrolling them into view would scroll a table sideways).
		for (const undo of await page.getByRole('button', { name: /^Undo import of/ }).all())
			await withinWidth(undo, 390);
		await withinWidth(history.locator('td[data-label="Already stored"]').first(), 390);
		await noSidewaysScroll(page, 390);
		// And it works: undoing the SYN file takes its import out of the history.
		await page.getByRole('button', { name: `Undo import of ${ticks.name}` }).click();
		await expect(page.getByRole('button', { name: /^Undo import of/ })).toHaveCount(1);
	});

	test('Matching: a long list shows 50 at a time with Prev and Next; decisions and Roll back are on screen', async ({
		page
	}) => {
		test.setTimeout(120_000);
		const data = generateMatchingData({ seed: 3, days: 5, dayClock: { 3: 0, 4: 0 } });
		const files = [
			...dasFiles(data).map((f) => ({ name: f.fileName, text: f.text })),
			{ name: 'tradervue_export.csv', text: tradervueExport(data) }
		];
		await importFiles(page, files, 'Import into paper mode');
		await page.goto('/matching');
		await page.getByRole('textbox', { name: /Symbol aliases/ }).fill(data.aliases);
		await page.getByTestId('run-matching').click();
		await expect(page.getByTestId('matching-message')).toContainText('Run finished');
		await page.getByTestId('tab-matched').click();
		const total = Number(await page.getByTestId('tab-matched').locator('.count').textContent());
		expect(total).toBeGreaterThan(50);
		expect(total).toBeLessThanOrEqual(100);

		const articles = page.getByTestId('matched-table').locator('article');
		await expect(articles).toHaveCount(50);
		const range = page.getByTestId('page-range');
		await expect(range).toHaveText(`1–50 of ${total}`);
		const prev = page.getByRole('button', { name: 'Previous matched trades' });
		const next = page.getByRole('button', { name: 'Next matched trades' });
		await expect(prev).toBeDisabled();
		await withinWidth(next, 390);
		const first = await articles.first().textContent();
		await next.click();
		await expect(range).toHaveText(`51–${total} of ${total}`);
		await expect(articles).toHaveCount(total - 50);
		await expect(articles.first()).not.toHaveText(first!);
		await expect(next).toBeDisabled();
		await prev.click();
		await expect(range).toHaveText(`1–50 of ${total}`);
		await expect(articles.first()).toHaveText(first!);
		await next.click();

		await withinWidth(articles.first().getByRole('button', { name: 'Unlink' }), 390);
		// Another list starts at its first page.
		await page.getByTestId('tab-unmatchedTrips').click();
		await page.getByTestId('tab-matched').click();
		await expect(range).toHaveText(`1–50 of ${total}`);

		await withinWidth(page.getByTestId('runs').getByTestId('rollback'), 390);
		// The venues' four columns fit as a table.
		await withinWidth(page.getByTestId('venues').locator('th').last(), 390);
		await withinWidth(page.getByTestId('runs').locator('td[data-label="Matched"]').first(), 390);
		await noSidewaysScroll(page, 390);
	});
});
