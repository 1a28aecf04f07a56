import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, startRivnSession } from './fixtures';

/** Screenshots for the review, when SHOTS names a folder. */
const SHOTS = process.env.SHOTS;

const startSession = (page: Page) => startRivnSession(page, 1);

/** Uncaught errors in the page (the test fails on any). */
function pageErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	return errors;
}

/**
 * Screenshots at 1280 and 390 px; at each width the page is loaded afresh and `show` brings it
 * to the state to see (the chart is laid out for the width it opens at).
 */
async function shoot(page: Page, name: string, show: () => Promise<void>): Promise<void> {
	if (!SHOTS) return;
	mkdirSync(SHOTS, { recursive: true });
	for (const width of [1280, 390]) {
		await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
		await page.reload();
		await show();
		await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
	}
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.reload();
}

test('an empty or negative quantity is refused with a message, nothing is logged, and the session reopens after a reload', async ({
	page
}) => {
	const errors = pageErrors(page);
	await startSession(page);
	const message = page.getByTestId('paper-message');

	await page.getByTestId('ticket-quantity').fill('');
	await page.getByTestId('ticket-buy').click();
	await expect(message).toHaveText('Enter a quantity above 0 to place an order');

	await page.getByTestId('ticket-quantity').fill('-5');
	await page.getByTestId('ticket-buy').click();
	await expect(message).toHaveText('Refused: quantity must be a number > 0');
	await expect(page.getByTestId('working-order')).toHaveCount(0);
	await shoot(page, 'paper-refused', async () => {
		await page.getByTestId('ticket-quantity').fill('-5');
		await page.getByTestId('ticket-buy').click();
		await expect(message).toHaveText('Refused: quantity must be a number > 0');
	});

	await page.getByTestId('ticket-quantity').fill('10');
	await page.getByTestId('ticket-buy').click();
	await expect(message).toHaveText('Placed: Buy 10 RIVN market');
	await page.getByTestId('replay-step').click();
	await expect(page.getByTestId('paper-position')).toHaveText('10 @ 13.37');

	// After a reload the session replays from what is stored: it opens, as it was, nothing skipped.
	await page.reload();
	await expect(page.getByTestId('session-status')).toHaveText('RIVN · bar 2 of 26 · paused');
	await expect(page.getByTestId('paper-position')).toHaveText('10 @ 13.37');
	await expect(page.getByTestId('paper-skipped')).toHaveCount(0);
	await expect(page.getByTestId('paper-read-only')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a stored log that cannot be replayed opens read-only with the reason; a poisoned action is skipped and named', async ({
	page
}) => {
	const errors = pageErrors(page);
	await startSession(page);
	await page.getByTestId('ticket-quantity').fill('10');
	await page.getByTestId('ticket-buy').click();
	await expect(page.getByTestId('paper-message')).toHaveText('Placed: Buy 10 RIVN market');

	// The stored row, changed as an older version (or a damaged database) left it: a −5 order first.
	const changeRow = (change: 'poison' | 'cursor') =>
		page.evaluate(async (change) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const open = indexedDB.open('fillbook-paper');
				open.onsuccess = () => resolve(open.result);
				open.onerror = () => reject(new Error(String(open.error)));
			});
			// Schema 8: the session's row, and its log one row per action in paperActions.
			const tx = db.transaction(['paperSessions', 'paperActions'], 'readwrite');
			const sessions = tx.objectStore('paperSessions');
			const actions = tx.objectStore('paperActions');
			const all = <T>(store: IDBObjectStore) =>
				new Promise<T[]>((resolve) => {
					const request = store.getAll();
					request.onsuccess = () => resolve(request.result as T[]);
				});
			const done = (request: IDBRequest) => new Promise((resolve) => (request.onsuccess = resolve));
			type Action = { at: number; submission: { order: { quantity: number } } };
			type ActionRow = { id: string; sessionId: string; index: number; action: Action };
			const row = (await all<{ id: string; cursor: number; actionCount: number }>(sessions))[0]!;
			if (change === 'poison') {
				const log = (await all<ActionRow>(actions)).sort((x, y) => x.index - y.index).map((a) => a.action);
				const bad = structuredClone(log[0]!);
				bad.submission.order.quantity = -5;
				log.unshift(bad);
				await done(actions.clear());
				for (const [index, action] of log.entries())
					await done(actions.put({ id: `${row.id}/${index}`, sessionId: row.id, index, action }));
				row.actionCount = log.length;
			} else row.cursor = 99;
			await done(sessions.put(row));
			db.close();
		}, change);

	await changeRow('poison');
	await page.reload();
	await expect(page.getByTestId('paper-skipped')).toHaveText(
		"1 stored action could not be replayed and was left out (the session's log is stored without it at its next change): Action 1 (submit): Refused: quantity must be a number > 0"
	);
	await expect(page.getByTestId('session-status')).toHaveText('RIVN · bar 1 of 26 · paused');
	await expect(page.getByTestId('working-order')).toHaveCount(1);
	await expect(page.getByTestId('ticket-buy')).toBeEnabled();

	await changeRow('cursor');
	await page.reload();
	const readOnly = page.getByTestId('paper-read-only');
	await expect(readOnly).toHaveText(
		'Read-only. This session cannot be replayed to where it stood: it revealed 99 bars, but only 26 of its bars are stored now (were they removed or imported again?). It shows what could be replayed and takes no more bars or orders. Open Sessions to delete it or start another.'
	);
	await expect(page.getByTestId('replay-step')).toBeDisabled();
	await expect(page.getByTestId('ticket-buy')).toBeDisabled();
	await shoot(page, 'paper-read-only', () => expect(readOnly).toBeVisible());
	expect(errors).toEqual([]);
});
