import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { dasFiles, generateMatchingData, tradervueExport } from '../support/matching-data';
import { formatInstant } from '../../src/lib/core/time/zone';
import { expect, importFiles, test, waitForServiceWorker } from './fixtures';

// A user in New York: the Tradervue export's times are read in this browser's zone by default.
test.use({ timezoneId: 'America/New_York' });
const ZONE = 'America/New_York';

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
/**
 * Opens the matched list at its first page and pages on, as a user does, until `article` is
 * shown (the list shows 50 at a time).
 */
async function pageTo(page: Page, article: Locator): Promise<void> {
	await tab(page, 'matched').click();
	await expect(page.getByTestId('matched-table').locator('article').first()).toBeVisible();
	const next = page.getByRole('button', { name: 'Next matched trades' });
	const range = page.getByTestId('page-range');
	while ((await article.count()) === 0 && (await next.count()) > 0 && (await next.isEnabled())) {
		const shown = await range.textContent();
		await next.click();
		await expect(range).not.toHaveText(shown!);
	}
}

/** The count a tab shows, exactly (a check that the tab "contains 2" would pass on 12). */
const tabCount = (page: Page, id: string) => tab(page, id).locator('.count');

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
	// The sample export's times read as Eastern are 3 hours off, but for Oct 15's: proposed per day.
	const proposal = page.getByTestId('offset-proposal');
	await expect(proposal).toContainText('tradervue_export.csv');
	await expect(proposal.getByTestId('offset-days')).toHaveText('Oct 15 looks +0 h, the rest +3 h');
	// The user sets +3 h for the whole file instead (Oct 15's trades stay unmatched, to decide by hand).
	await page.getByTestId('offset-tradervue_export.csv').fill('3');
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toHaveText(
		'Run finished: 23 matched, 23 links added, 10 removed.'
	);
	await expect(tab(page, 'matched')).toHaveText('23 Matched');
	await expect(tab(page, 'discrepancies')).toHaveText('0 P&L differs');

	// Two scalps in one minute: nothing tells them apart, so both wait for the user.
	await tab(page, 'review').click();
	await expect(tabCount(page, 'review')).toHaveText('2');
	const items = page.getByTestId('review-item');
	await expect(items).toHaveCount(2);
	await expect(items.first().getByTestId('candidate')).toHaveCount(2);
	await items.first().getByRole('button', { name: 'Link' }).first().click();
	await expect(page.getByTestId('matching-message')).toContainText('Linked');
	// Linking one leaves the other a single candidate: it is matched in the same run.
	await expect(tabCount(page, 'review')).toHaveText('0');
	await expect(tabCount(page, 'matched')).toHaveText('25');

	// Roll the decision back: both are in the queue again.
	const runs = page.getByTestId('runs');
	await expect(runs.locator('tbody tr')).toHaveCount(3);
	await runs.getByTestId('rollback').click();
	await expect(page.getByTestId('matching-message')).toContainText('rolled back');
	await expect(tabCount(page, 'review')).toHaveText('2');
	await expect(runs).toContainText('rolled back');

	// Decide again (the other way round), and mark one sample trade as having no fills.
	await tab(page, 'review').click();
	await page.getByTestId('review-item').first().getByRole('button', { name: 'Link' }).last().click();
	await expect(tabCount(page, 'review')).toHaveText('0');
	await tab(page, 'unmatchedJournal').click();
	const unmatched = page.getByTestId('unmatched-journal');
	const before = await unmatched.count();
	await unmatched.first().getByRole('button', { name: 'No fills' }).click();
	await expect(unmatched).toHaveCount(before - 1);
	await expect(tabCount(page, 'noFills')).toHaveText('1');

	await context.setOffline(true);
	await page.reload();
	await expect(tabCount(page, 'matched')).toHaveText('25');
	await expect(tabCount(page, 'noFills')).toHaveText('1');
	await tab(page, 'matched').click();
	await expect(page.getByTestId('matched-table')).toContainText('by you');
	await expect(page.getByTestId('runs')).toContainText('rolled back');
	// A later run keeps the decisions.
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toContainText('25 matched');
	await expect(tabCount(page, 'noFills')).toHaveText('1');

	// A "no fills" can be taken back.
	await tab(page, 'noFills').click();
	await page.getByTestId('no-fills').getByRole('button', { name: 'Has fills after all' }).click();
	await expect(page.getByTestId('matching-message')).toContainText('Taken back');
	await expect(tabCount(page, 'noFills')).toHaveText('0');
	await expect(tabCount(page, 'unmatchedJournal')).toHaveText(String(before));

	// The matched trade shows the journal's notes and its execution statistics.
	await tab(page, 'matched').click();
	const scalp = page
		.getByTestId('matched-table')
		.locator('article', { hasText: 'tradervue_2025-10-20.csv' })
		.first();
	await scalp.getByRole('link', { name: 'MU' }).click();
	await expect(page.getByTestId('trade-match')).toContainText('scalp', { timeout: 20_000 });
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

/**
 * Five generated DAS days and their Tradervue export written in US/Pacific, except Oct 16-17
 * whose journal trades were exported on an Eastern clock.
 */
const clockData = generateMatchingData({ seed: 3, days: 5, dayClock: { 3: 0, 4: 0 } });
const clockFiles = [
	...dasFiles(clockData).map((f) => ({ name: f.fileName, text: f.text })),
	{ name: 'tradervue_export.csv', text: tradervueExport(clockData) }
];

test('a Tradervue export whose clock changes by day: the page names the days, one click applies them, the counts follow at once, and the journal’s times sit beside the fills’', async ({
	page
}) => {
	await importFiles(page, clockFiles, 'Import into paper mode');
	await page.goto('/matching');
	await page.getByRole('textbox', { name: /Symbol aliases/ }).fill(clockData.aliases);
	await page.getByTestId('run-matching').click();
	await expect(page.getByTestId('matching-message')).toContainText('Run finished');
	const before = await tab(page, 'matched').textContent();

	const proposal = page.getByTestId('offset-proposal');
	await expect(proposal.getByTestId('offset-days')).toHaveText('Oct 16–17 look +0 h, the rest +3 h');
	await proposal.getByRole('button', { name: 'Apply per day and run' }).click();
	await expect(page.getByTestId('matching-message')).toContainText('Run finished');
	await expect(proposal).toHaveCount(0);
	await expect(page.getByTestId('offset-tradervue_export.csv')).toHaveValue('3');
	await expect(page.getByTestId('day-offsets-tradervue_export.csv')).toContainText(
		'Own offset: Oct 16–17 +0 h'
	);

	// Every journal trade whose round trip is in the files, that nothing else fits as well and
	// whose P&L agrees is matched; none whose P&L differs.
	const truth = clockData.journal.map((j) => j.truth);
	const matchable = truth.filter((t) => t.trip !== null && !t.ambiguous && t.pnlAgrees).length;
	await expect(tab(page, 'matched')).toHaveText(`${matchable} Matched`);
	await expect(tab(page, 'discrepancies')).toHaveText('0 P&L differs');
	expect(before).not.toBe(`${matchable} Matched`);
	await expect(page.getByTestId('runs')).toContainText('offset +3 h (Oct 16–17 +0 h)');

	// A journal trade of Oct 13 (not rounded): its times with +3 h are the fills' to the second,
	// and the times as written are shown too.
	const fits = (x: (typeof clockData.journal)[number], clock: number) =>
		x.truth.clockHours === clock &&
		!x.truth.rounded &&
		x.truth.trip !== null &&
		x.truth.pnlAgrees &&
		!x.truth.ambiguous &&
		x.closeTime !== null;
	const j = clockData.journal.find((x) => fits(x, -3))!;
	await tab(page, 'matched').click();
	const written = `written ${formatInstant(j.openTime - 3 * 3_600_000, ZONE)}, +3 h`;
	const article = page
		.getByTestId('matched-table')
		.locator('article')
		.filter({ has: page.getByTestId('journal-written').getByText(written, { exact: true }) });
	await pageTo(page, article);
	const shown = `${formatInstant(j.openTime, ZONE)} → ${formatInstant(j.closeTime!, ZONE)}`;
	await expect(article.getByTestId('journal-time')).toHaveText(shown);
	await expect(article.getByTestId('fills-time')).toHaveText(shown);
	// One of Oct 16-17: no offset, nothing else to show.
	const late = clockData.journal.find((x) => fits(x, 0))!;
	const lateShown = `${formatInstant(late.openTime, ZONE)} → ${formatInstant(late.closeTime!, ZONE)}`;
	const lateArticle = page
		.getByTestId('matched-table')
		.locator('article')
		.filter({ has: page.getByTestId('journal-time').getByText(lateShown, { exact: true }) });
	await pageTo(page, lateArticle);
	await expect(lateArticle.getByTestId('fills-time')).toHaveText(lateShown);
	await expect(lateArticle.getByTestId('journal-written')).toHaveCount(0);

	// The review queue says why; a candidate's time reads without a minus sign.
	await tab(page, 'review').click();
	await expect(page.getByTestId('review-reason').first()).toHaveText(
		/^(2 round trips fit it about equally well|P&L differs: journal -?[\d.]+, fills -?[\d.]+|P&L differs from all \d+ candidates)$/
	);
	for (const text of await page.getByTestId('candidate-diff').allTextContents())
		expect(text.replace(/\s+/g, ' ').trim()).toMatch(/ · opens \d+ s (after|before) the journal trade$/);

	// Rolled back: the counts of the run before, at once, and the suggestion again.
	await page.getByTestId('runs').getByTestId('rollback').click();
	// A run over five days of executions: slower than a moment on a busy machine.
	await expect(page.getByTestId('matching-message')).toContainText('rolled back', { timeout: 20_000 });
	await expect(tab(page, 'matched')).toHaveText(before!);
	await expect(proposal.getByTestId('offset-days')).toHaveText('Oct 16–17 look +0 h, the rest +3 h');
	await expect(page.getByTestId('offset-tradervue_export.csv')).toHaveValue('');
	await expect(page.getByTestId('day-offsets-tradervue_export.csv')).toHaveCount(0);
});
