import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, importFiles, test, waitForServiceWorker } from './fixtures';

const DAYS = ['2025-10-13', '2025-10-14', '2025-10-15'];
const files = [
	...DAYS.map((day) => ({ name: `Trades_${day}.csv`, path: `tests/fixtures/samples/das/Trades_${day}.csv` })),
	{ name: 'tradervue_export.csv', path: 'tests/fixtures/samples/tradervue_export.csv' },
	{ name: 'Trades_2025-10-20.csv', path: 'tests/fixtures/matching/Trades_2025-10-20.csv' },
	{ name: 'tradervue_2025-10-20.csv', path: 'tests/fixtures/matching/tradervue_2025-10-20.csv' }
];

const importAll = (page: Page) =>
	importFiles(
		page,
		files.map((f) => ({ name: f.name, text: readFileSync(f.path, 'utf8') })),
		'Import into paper mode'
	);

const tab = (page: Page, id: string) => page.getByTestId(`tab-${id}`);

test('import DAS days and Tradervue exports, run matching with the proposed offset, resolve the review queue, roll back, and find every decision after an offline reload', async ({
	page,
	context
}) => {
	await page.goto('/');
	await waitForServiceWorker(page);
	await importAll(page);

	await page.goto('/matching');
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toContainText('Run finished');
	// The sample export's times read as Eastern are 3 hours off for most of its trades: proposed.
	const proposal = page.getByTestId('offset-proposal');
	await expect(proposal).toContainText('tradervue_export.csv');
	await expect(proposal).toContainText('+3 h');
	await proposal.getByRole('button', { name: 'Use +3 h and run' }).click();
	await expect(page.getByTestId('offset-tradervue_export.csv')).toHaveValue('3');
	await expect(tab(page, 'matched')).toContainText('23');
	await expect(tab(page, 'discrepancies')).toContainText('0');

	// Two scalps in one minute: nothing tells them apart, so both wait for the user.
	await tab(page, 'review').click();
	await expect(tab(page, 'review')).toContainText('2');
	const items = page.getByTestId('review-item');
	await expect(items).toHaveCount(2);
	await expect(items.first().getByTestId('candidate')).toHaveCount(2);
	await items.first().getByRole('button', { name: 'Link' }).first().click();
	await expect(page.getByTestId('matching-message')).toContainText('Linked');
	// Linking one leaves the other a single candidate: it is matched in the same run.
	await expect(tab(page, 'review')).toContainText('0');
	await expect(tab(page, 'matched')).toContainText('25');

	// Roll the decision back: both are in the queue again.
	const runs = page.getByTestId('runs');
	await expect(runs.locator('tbody tr')).toHaveCount(3);
	await runs.getByTestId('rollback').click();
	await expect(page.getByTestId('matching-message')).toContainText('rolled back');
	await expect(tab(page, 'review')).toContainText('2');
	await expect(runs).toContainText('rolled back');

	// Decide again (the other way round), and mark one sample trade as having no fills.
	await tab(page, 'review').click();
	await page.getByTestId('review-item').first().getByRole('button', { name: 'Link' }).last().click();
	await expect(tab(page, 'review')).toContainText('0');
	await tab(page, 'unmatchedJournal').click();
	const unmatched = page.getByTestId('unmatched-journal');
	const before = await unmatched.count();
	await unmatched.first().getByRole('button', { name: 'No fills' }).click();
	await expect(unmatched).toHaveCount(before - 1);
	await expect(tab(page, 'noFills')).toContainText('1');

	await context.setOffline(true);
	await page.reload();
	await expect(tab(page, 'matched')).toContainText('25');
	await expect(tab(page, 'noFills')).toContainText('1');
	await tab(page, 'matched').click();
	await expect(page.getByTestId('matched-table')).toContainText('by you');
	await expect(page.getByTestId('runs')).toContainText('rolled back');
	// A later run keeps the decisions.
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toContainText('25 matched');
	await expect(tab(page, 'noFills')).toContainText('1');

	// A "no fills" can be taken back.
	await tab(page, 'noFills').click();
	await page.getByTestId('no-fills').getByRole('button', { name: 'Has fills after all' }).click();
	await expect(page.getByTestId('matching-message')).toContainText('Taken back');
	await expect(tab(page, 'noFills')).toContainText('0');
	await expect(tab(page, 'unmatchedJournal')).toContainText(String(before));

	// The matched trade shows the journal's notes and its execution statistics.
	await tab(page, 'matched').click();
	const scalp = page
		.getByTestId('matched-table')
		.locator('article', { hasText: 'tradervue_2025-10-20.csv' })
		.first();
	await scalp.getByRole('link', { name: 'MU' }).click();
	await expect(page.getByTestId('trade-match')).toContainText('scalp');
	await expect(page.getByTestId('execution-stats')).toContainText('50.10');
});

test.describe('at phone width', () => {
	test.use({ viewport: { width: 390, height: 844 } });
	test('the matching page fits without horizontal scrolling', async ({ page }) => {
		await importAll(page);
		await page.goto('/matching');
		await page.getByTestId('run-matching').click();
		await expect(page.getByTestId('matching-message')).toContainText('Run finished');
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(390);
	});
});
