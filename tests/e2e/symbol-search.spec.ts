import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, RIVN_BARS, test } from './fixtures';

const DAS = {
	name: 'Trades_2025-10-13.csv',
	text: readFileSync('tests/fixtures/samples/das/Trades_2025-10-13.csv', 'utf8')
};

/** The palette's symbols, in order, as their groups name them. */
const listedSymbols = (page: Page) =>
	page
		.getByTestId('palette')
		.getByRole('group')
		.evaluateAll((groups) => groups.map((g) => g.getAttribute('aria-label')));

test('the command palette jumps to a symbol’s chart, trades and positions, recent symbols first', async ({
	page
}) => {
	// The sample DAS day (BABA: 3 trades; NFLX: 1, still open) and RIVN's minute bars.
	await importFiles(page, [DAS, RIVN_BARS]);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
	const palette = page.getByTestId('palette');
	const search = palette.getByRole('combobox', { name: 'Symbol or page' });

	// Ctrl-K, a fuzzy "rvn": RIVN with its chart and its one trade; Enter opens the first, the chart.
	await page.keyboard.press('Control+k');
	await expect(palette).toBeVisible();
	await expect(search).toBeFocused();
	await search.fill('rvn');
	const rivn = palette.getByRole('group', { name: 'RIVN' });
	await expect(rivn.getByRole('option')).toHaveText(['Chart', 'Trades · 1']);
	await expect(rivn.getByTestId('symbol-badges')).toHaveText(/chart\s*1 trade/);
	await expect(rivn.getByRole('option', { name: 'Chart of RIVN' })).toHaveAttribute('aria-selected', 'true');
	await search.press('Enter');
	await expect(palette).toBeHidden();
	await expect(page).toHaveURL(/\/charts\?symbol=RIVN$/);
	await expect(page.getByRole('heading', { level: 2, name: /^RIVN 1m · 26 bars$/ })).toBeVisible();
	await expect(page.getByTestId('chart-symbol')).toHaveValue('RIVN');

	// "bba" finds BABA (fuzzily); its trades: the list shows BABA's three and nothing else.
	await page.keyboard.press('Control+k');
	await search.fill('bba');
	await expect(palette.getByRole('group').first()).toHaveAttribute('aria-label', 'BABA');
	await palette.getByRole('option', { name: 'Trades · 3 of BABA' }).click();
	await expect(page).toHaveURL(/\/trades$/);
	const rows = page.getByTestId('trade-row');
	await expect(rows).toHaveCount(3);
	for (const text of await rows.allTextContents()) expect(text).toContain('BABA');
	await expect(page.getByTestId('filter-chip-symbols')).toHaveText(/^BABA×$/);

	// Opened again with nothing typed: the recent symbols, most recent first.
	await page.keyboard.press('Control+k');
	await expect(search).toHaveValue('');
	await expect(palette.getByText('Recent symbols')).toBeVisible();
	expect(await listedSymbols(page)).toEqual(['BABA', 'RIVN']);

	// NFLX's positions: its one open trade, by the keyboard (the third option: Trades, then Positions).
	await search.fill('nflx');
	await expect(palette.getByRole('group', { name: 'NFLX' }).getByRole('option')).toHaveText([
		'Trades · 1',
		'Positions · 1'
	]);
	await search.press('ArrowDown');
	await expect(palette.getByRole('option', { name: 'Positions · 1 of NFLX' })).toHaveAttribute(
		'aria-selected',
		'true'
	);
	await search.press('Enter');
	await expect(page).toHaveURL(/\/positions\?symbol=NFLX$/);
	const position = page.getByTestId('position-row');
	await expect(position).toHaveCount(1);
	await expect(position.getByTestId('position-symbol')).toHaveText('NFLX');
	await expect(position.getByTestId('position-side')).toHaveText('short');

	// Pages by name; Escape closes.
	await page.keyboard.press('Control+k');
	await search.fill('sett');
	await expect(palette.getByRole('option')).toHaveText(['Settings']);
	await search.press('Escape');
	await expect(palette).toBeHidden();
	await page.keyboard.press('Control+k');
	await search.fill('sett');
	await search.press('Enter');
	await expect(page).toHaveURL(/\/settings$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('the palette and the symbol pickers work at phone width', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await importFiles(page, [DAS, RIVN_BARS]);
	await page.goto('/trades');

	// The top bar's search button opens the palette; choosing RIVN's trades lists its one trade.
	await page.getByRole('button', { name: 'Search symbols and pages' }).click();
	const palette = page.getByTestId('palette');
	const box = (await palette.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(390);
	await palette.getByRole('combobox', { name: 'Symbol or page' }).fill('rivn');
	await palette.getByRole('option', { name: 'Trades · 1 of RIVN' }).click();
	await expect(page.getByTestId('trade-row')).toHaveCount(1);
	await expect(page.getByTestId('trade-row')).toContainText('RIVN');

	// The Charts picker: typed and chosen with a tap; its list fits the screen.
	await page.goto('/charts');
	const picker = page.getByTestId('chart-symbol');
	await expect(picker).toHaveAccessibleName('Symbol');
	await expect(picker).toHaveValue('RIVN');
	await picker.fill('ri');
	const option = page.getByRole('option', { name: /^RIVN/ });
	await expect(option).toContainText('26 × 1m');
	const list = (await page.getByRole('listbox', { name: 'Symbol' }).boundingBox())!;
	expect(list.x + list.width).toBeLessThanOrEqual(390);
	await option.click();
	await expect(picker).toHaveValue('RIVN');
	await expect(page.getByRole('listbox', { name: 'Symbol' })).toBeHidden();
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
	expect(overflow).toBeLessThanOrEqual(0);
});

test('the Signals picker chooses one symbol or every symbol with bars, by keyboard', async ({ page }) => {
	await importFiles(page, [RIVN_BARS]);
	await page.goto('/signals');
	const picker = page.getByTestId('signals-symbol');
	const list = page.getByRole('listbox', { name: 'Symbols' });
	const timeframes = page.getByRole('group', { name: 'Timeframe' });
	await expect(picker).toHaveAccessibleName('Symbols');
	await expect(picker).toHaveValue('RIVN');
	await expect(timeframes.getByRole('button')).toHaveText([
		'1m (as imported)',
		'5m',
		'15m',
		'30m',
		'1h',
		'1D'
	]);

	// Arrow down opens the list on the choice; up to "every symbol", Enter: no timeframes then.
	await picker.press('ArrowDown');
	await expect(list.getByRole('option')).toHaveText(['Every symbol with bars (1)', /^RIVN\s*26 × 1m/]);
	await expect(list.getByRole('option').nth(1)).toHaveAttribute('aria-selected', 'true');
	await picker.press('ArrowUp');
	await picker.press('Enter');
	await expect(picker).toHaveValue('');
	await expect(picker).toHaveAttribute('placeholder', 'Every symbol with bars (1)');
	await expect(timeframes).toHaveCount(0);

	// Typed, then Enter on the first match: RIVN, and its timeframes are back.
	await picker.fill('RIV');
	await expect(list.getByRole('option')).toHaveText([/^RIVN/]);
	await picker.press('Enter');
	await expect(picker).toHaveValue('RIVN');
	await expect(timeframes).toHaveCount(1);

	// Nothing matching says so; Escape goes back to the choice.
	await picker.fill('zzz');
	await expect(list).toContainText('No symbol matches “zzz”');
	await picker.press('Escape');
	await expect(picker).toHaveValue('RIVN');
	await expect(list).toBeHidden();

	// With the pointer: the list's button, "every symbol"; then a symbol typed exactly is chosen on leaving the field.
	await page.getByRole('button', { name: 'Show the symbols list' }).click();
	await list.getByRole('option', { name: 'Every symbol with bars (1)' }).click();
	await expect(picker).toHaveValue('');
	await picker.fill('rivn');
	await page.getByTestId('min-groups').focus();
	await expect(picker).toHaveValue('RIVN');
	await expect(timeframes).toHaveCount(1);
});
