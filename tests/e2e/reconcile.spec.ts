import { enterRealMode, expect, importFiles, test } from './fixtures';

test.use({ timezoneId: 'America/New_York' });

const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** 100 RIVN bought at 13.34 and 50 MU sold short at 90 on 2025-10-13 (New York). */
const TRADES = {
	name: 'Trades_2025-10-13.csv',
	text: `${HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n10:00:00,MU,SS,90,50,ARCA,,TRPA61247,Short,AUTO,-,0,,\n`
};
/** DAS's Positions window that evening: 200 RIVN (100 more than the executions give), the MU short. */
const POSITIONS = [
	'Symbol,Account,Type,Shares,Avgcost,Realized,Unrealized',
	'RIVN,TRPA61247,Margin,200,13.50,0.00,0.00',
	'MU,TRPA61247,Short,50,90,0.00,0.00',
	'Summary,,,,,0.00,0.00',
	''
].join('\r\n');

test('a DAS positions file that disagrees with the executions is flagged, and the opening balance fixes it', async ({
	page
}) => {
	await page.goto('/');
	await enterRealMode(page);
	await importFiles(page, [TRADES]);

	// From the Positions page to the reconcile page, empty at first.
	await page.goto('/positions');
	await page.getByTestId('reconcile-link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reconcile positions');
	await expect(page.getByTestId('reconcile-empty')).toContainText("DAS Trader's Positions window");

	// A file named without a date: the day is asked for, and the import is refused without it.
	await page.getByTestId('positions-file-input').setInputFiles({
		name: 'Positions.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(POSITIONS)
	});
	await expect(page.getByTestId('positions-format')).toHaveValue('das-positions');
	await expect(page.getByTestId('positions-date')).toHaveValue('');
	await page.getByTestId('positions-import').click();
	await expect(page.getByTestId('positions-error')).toHaveText(
		'Line 1: the date of the positions is not set (the file has none): enter the day they are of'
	);
	await page.getByTestId('positions-date').fill('2025-10-13');
	await page.getByTestId('positions-import').click();
	await expect(page.getByTestId('reconcile-notice')).toHaveText(
		'Imported Positions.csv: 2 positions of 2025-10-13.'
	);

	// The difference, in words, with the quantities side by side.
	const rivn = page.getByTestId('reconcile-row').filter({ hasText: 'RIVN' });
	await expect(rivn.getByTestId('broker-qty')).toHaveText('200');
	await expect(rivn.getByTestId('execution-qty')).toHaveText('100');
	await expect(rivn.getByTestId('difference')).toHaveText('+100');
	await expect(rivn.getByTestId('status')).toHaveText('Differs');
	const detail = page.getByTestId('reconcile-detail').filter({ hasText: 'RIVN' });
	await expect(detail.getByTestId('explanation')).toHaveText(
		'DAS Trader says 200 RIVN, executions give 100: 100 missing (fills before 2025-10-13 not imported?)'
	);
	const mu = page.getByTestId('reconcile-row').filter({ hasText: 'MU' });
	await expect(mu.getByTestId('status')).toHaveText('Matches');
	await expect(mu.getByTestId('broker-qty')).toHaveText('−50');
	await expect(page.getByTestId('reconcile-counts')).toHaveText('1 matching · 1 differing');

	// The same file again is refused as already stored.
	await page.getByTestId('positions-file-input').setInputFiles({
		name: 'Positions-copy.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(POSITIONS)
	});
	await page.getByTestId('positions-date').fill('2025-10-13');
	await page.getByTestId('positions-import').click();
	await expect(page.getByTestId('positions-refusal')).toContainText('Positions-copy.csv is already stored');
	await page.getByRole('button', { name: 'Cancel' }).click();

	// The opening balance: the confirmation says exactly what is added; after it, RIVN matches.
	await detail.getByTestId('add-opening').click();
	await expect(page.getByTestId('opening-text')).toHaveText(
		'Buy 100 RIVN at 13.66 on 2025-10-13 14:45:29 (America/New_York)'
	);
	await page.getByRole('button', { name: 'Add the execution' }).click();
	await expect(rivn.getByTestId('status')).toHaveText('Matches');
	await expect(rivn.getByTestId('execution-qty')).toHaveText('200');
	await expect(page.getByTestId('reconcile-detail')).toHaveCount(0);
	await expect(page.getByTestId('reconcile-counts')).toHaveText('2 matching');

	// The Positions page now holds 200 RIVN at the broker's average cost.
	await page.goto('/positions');
	const held = page.getByTestId('position-row').filter({ hasText: 'RIVN' });
	await expect(held.getByTestId('position-quantity')).toHaveText('200');
	await expect(held.getByTestId('position-average')).toHaveText('13.50');
});
