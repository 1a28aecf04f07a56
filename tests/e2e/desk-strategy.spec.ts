import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { DEFAULT_BROKER_CONFIG, type Bar } from '../../src/lib/core/broker';
import { DEFAULT_RISK_CONFIG } from '../../src/lib/core/risk';
import { Backtest, STRATEGY_TEMPLATES, type StrategyDefinition } from '../../src/lib/core/strategy';
import { rivnBars } from '../support/paper-day';
import { expect, importFiles, startRivnSession, test } from './fixtures';

// A trader in New York: the desk and the lineage show New York times.
test.use({ timezoneId: 'America/New_York' });

/** RIVN's minute bars as the desk replays them, parsed here in Node. */
const BARS: Bar[] = rivnBars();

/** The SMA template with periods 2 and 3, as the desk makes it when the trader types them. */
const SMA_2_3: StrategyDefinition = {
	...STRATEGY_TEMPLATES.find((t) => t.id === 'template:sma-cross')!,
	id: 'template:sma-cross(2,3)',
	name: 'SMA cross 2/3',
	rule: { kind: 'sma-cross', fast: 2, slow: 3 }
};

/** The start form's broker (commission $0.005 a share, $1 minimum) and the default risk limits. */
const BROKER = {
	...DEFAULT_BROKER_CONFIG,
	commission: { kind: 'per_share' as const, perShare: 0.005, minimum: 1 }
};

/** The strategy's orders after `steps` bars, as the core backtest gives them, in the desk's words. */
function backtestOrders(steps: number): string[] {
	const run = new Backtest(SMA_2_3, BARS, BROKER, DEFAULT_RISK_CONFIG, 60_000);
	run.advance(steps);
	return run.result().orders.map(({ order: o }) => {
		const fill = o.filledQuantity ? ` ${o.filledQuantity} @ ${o.averagePrice!.toFixed(2)}` : '';
		return `${o.id} ${o.side} ${o.quantity} market · ${o.status.replace('_', ' ')}${fill}`;
	});
}

async function step(page: Page, bars: number): Promise<void> {
	for (let i = 0; i < bars; i++) await page.getByTestId('replay-step').click();
}

async function confirm(page: Page, button: string): Promise<void> {
	await page.getByRole('dialog').getByRole('button', { name: button, exact: true }).click();
	await expect(page.getByRole('dialog')).toHaveCount(0);
}

test('a strategy trades the replay exactly as its backtest, stays attached on reload, pauses, flattens; its trade leads back to the signal', async ({
	page
}) => {
	await startRivnSession(page);
	await page.getByTestId('strategy-choice').selectOption('template:sma-cross');
	await page.getByTestId('strategy-param-fast').fill('2');
	await page.getByTestId('strategy-param-slow').fill('3');
	await page.getByTestId('strategy-attach').click();
	await expect(page.getByTestId('strategy-name')).toHaveText('SMA cross 2/3');
	await expect(page.getByTestId('strategy-state')).toHaveText('paused');

	await page.getByTestId('strategy-start').click();
	await expect(page.getByTestId('strategy-plan')).toHaveText(
		'SMA cross 2/3 places orders on the bars revealed from now on, each checked by the risk manager.'
	);
	await confirm(page, 'Start');
	await expect(page.getByTestId('strategy-state')).toHaveText('running');

	await step(page, 12);
	await expect(page.getByTestId('session-status')).toContainText('bar 12 of 26');
	expect(backtestOrders(12).length).toBe(3);
	await expect(page.getByTestId('strategy-order')).toHaveText(backtestOrders(12));

	// Reloaded: still attached and running, its orders as before; it trades on from the facts.
	await page.reload();
	await expect(page.getByTestId('strategy-state')).toHaveText('running');
	await expect(page.getByTestId('strategy-order')).toHaveText(backtestOrders(12));
	await step(page, 10);
	await expect(page.getByTestId('session-status')).toContainText('bar 22 of 26');
	await expect(page.getByTestId('strategy-order')).toHaveText(backtestOrders(22));
	// Its working exit is marked with its name among the working orders.
	await expect(page.getByTestId('working-order').filter({ hasText: 'o6 sell' })).toContainText(
		'SMA cross 2/3'
	);

	await page.getByTestId('strategy-pause').click();
	await confirm(page, 'Pause');
	await expect(page.getByTestId('strategy-state')).toHaveText('paused');

	await page.getByTestId('strategy-flatten').click();
	await expect(page.getByTestId('strategy-plan')).toContainText('Cancels every working order');
	await confirm(page, 'Flatten everything');
	await expect(page.getByTestId('strategy-state')).toHaveText('stopped');
	await expect(page.getByTestId('strategy-reason')).toHaveText('Stopped by an emergency flatten');
	await step(page, 1);
	await expect(page.getByTestId('paper-position')).toHaveText('flat');
	await expect(page.getByTestId('strategy-order').filter({ hasText: 'o6' })).toHaveText(
		'o6 sell 100 market · cancelled'
	);

	// The first trade: bought at 14:52 on the crossing up of 14:51, sold at 14:53.
	const first = new Backtest(SMA_2_3, BARS, BROKER, DEFAULT_RISK_CONFIG, 60_000);
	first.advance(9);
	const [entry] = first.result().orders;
	await page.goto('/trades');
	await page.getByTestId('trade-row').filter({ hasText: 'RIVN' }).filter({ hasText: '14:52' }).click();
	const chain = page.getByTestId('lineage-chain').first();
	await expect(chain.getByTestId('lineage-signal')).toHaveText(
		'SMA cross 2/3 v1 · entry on the bar of 2025-10-13 14:51:00, close 13.34'
	);
	await expect(chain.getByTestId('lineage-values')).toHaveText('SMA(2) 13.37 · SMA(3) 13.3433');
	await expect(chain.getByTestId('lineage-rule')).toHaveText(entry!.intent.lineage.rule);
	await expect(chain.getByTestId('lineage-rule')).toHaveText(
		'SMA(2) crossed above SMA(3): 13.37 > 13.3433 (was 13.345 ≤ 13.3467)'
	);
	await expect(chain.getByTestId('lineage-risk')).toHaveText('passed');
	await expect(chain.getByTestId('lineage-order')).toHaveText(['o1 buy 100 market (single) · filled']);
	await expect(chain.getByTestId('lineage-fill')).toHaveText(['2025-10-13 14:52:00 · buy 100 @ 13.34 (o1)']);
	await expect(page.getByTestId('lineage-chain')).toHaveCount(2);
	await expect(page.getByTestId('lineage-chain').nth(1).getByTestId('lineage-fill')).toHaveText([
		'2025-10-13 14:53:00 · sell 100 @ 13.32 (o2)'
	]);
});

test('the risk manager pauses the strategy past the daily loss limit, and the desk says why', async ({
	page
}) => {
	await startRivnSession(page);
	await page.getByRole('link', { name: 'Risk' }).click();
	await page.getByRole('spinbutton', { name: 'Daily loss limit limit' }).fill('-3');
	await page.getByTestId('risk-save').click();
	await expect(page.getByTestId('paper-message')).toContainText('Risk limits changed');
	await page.getByRole('link', { name: 'Desk' }).click();

	await page.getByTestId('strategy-param-fast').fill('2');
	await page.getByTestId('strategy-param-slow').fill('3');
	await page.getByTestId('strategy-attach').click();
	await page.getByTestId('strategy-start').click();
	await confirm(page, 'Start');
	await step(page, 12);

	// The core backtest under the same limit: the first trade lost, so the entry of 14:55 is refused.
	const risk = { ...DEFAULT_RISK_CONFIG, dailyLoss: { enabled: true, limit: -3 } };
	const run = new Backtest(SMA_2_3, BARS, BROKER, risk, 60_000);
	run.advance(12);
	const [refused] = run.result().declined;
	expect(refused!.rejection!.violation.rule).toBe('dailyLoss');
	await expect(page.getByTestId('strategy-state')).toHaveText('paused');
	await expect(page.getByTestId('strategy-reason')).toHaveText(
		`Strategy paused: ${refused!.rejection!.violation.message}`
	);
	await expect(page.getByTestId('strategy-reason')).toHaveText(
		'Strategy paused: Daily loss limit: −$4.00 is beyond the limit of −$3.00'
	);
	await expect(page.getByTestId('strategy-order')).toHaveText([
		'o1 buy 100 market · filled 100 @ 13.34',
		'o2 sell 100 market · filled 100 @ 13.32'
	]);
});

const SPY = {
	name: 'SPY.csv',
	text: readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8'),
	format: 'yahoo-bars'
};

test('Take this signal: with no session of the symbol it offers one at the signal’s time, then fills the ticket with the signal’s levels and the risk setting', async ({
	page
}) => {
	await importFiles(page, [SPY]);
	await page.goto('/settings');
	await page.getByTestId('default-risk-kind').selectOption('money');
	await page.getByTestId('default-risk-value').fill('500');
	await page.getByRole('button', { name: 'Save rule' }).click();
	await expect(page.getByRole('status').filter({ hasText: /saved/i })).toBeVisible();

	await page.goto('/signals');
	await page.getByTestId('min-groups').selectOption('2');
	await page.getByTestId('run-signals').click();
	const row = page.getByTestId('signal-row').first();
	await expect(row).toBeVisible();
	const cells = row.locator('td');
	const entry = Number(await cells.nth(4).innerText());
	const stop = Number(await cells.nth(5).innerText());
	const target = Number((await cells.nth(6).innerText()).split(' ')[0]);
	const decision = (await cells.nth(2).innerText()).trim();

	await row.getByTestId('take-signal').click();
	await expect(page.getByTestId('take-offer')).toContainText('No paper session of SPY is running at');
	await page.getByTestId('take-start').click();
	await expect(page).toHaveURL(/\/paper$/);
	await expect(page.getByTestId('paper-message')).toContainText(
		`Ticket filled from the ${decision} signal of SPY at`
	);
	await expect(page.getByTestId('ticket-bracket')).toBeChecked();
	await expect(page.getByTestId('ticket-type')).toHaveValue('limit');
	expect(Number(await page.getByTestId('ticket-limit').inputValue())).toBe(entry);
	expect(Number(await page.getByTestId('ticket-stop-loss').inputValue())).toBe(stop);
	expect(Number(await page.getByTestId('ticket-take-profit').inputValue())).toBe(target);
	await expect(page.getByTestId('ticket-sizing')).toHaveValue('amount');
	await expect(page.getByTestId('ticket-risk')).toHaveValue('500');
});
