import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { DEFAULT_RISK_CONFIG } from '$lib/core/risk';
import { backtest } from '$lib/core/strategy/backtest';
import { promotionColumn, promotionTrades } from '$lib/core/strategy/promotion';
import type { StrategyDefinition } from '$lib/core/strategy/types';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { rivnEngine, SMA_2_3 as SMA_TEMPLATE } from '../tests/support/paper-strategy';
import { DAY, deskBars } from '../tests/support/paper-day';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

/** The desk specs' SMA 2/3, stored in the lab under a name of its own. */
const SMA_2_3: StrategyDefinition = { ...SMA_TEMPLATE, id: 'st-promo', name: 'RIVN SMA 2/3' };
const COMMISSION = { kind: 'per_share' as const, perShare: 0.01, minimum: 1 };

describe('engine: the promotion report', () => {
	it('puts the strategy’s backtests, its paper replays and the real trades named after it side by side', async () => {
		const engine = await rivnEngine();
		await engine.saveStrategy('paper', SMA_2_3);
		expect(await engine.strategyPromotion('paper', SMA_2_3.id)).toMatchObject({
			strategyName: 'RIVN SMA 2/3',
			runs: 0,
			sessions: 0,
			columns: { backtest: { trades: 0 }, replay: { trades: 0 }, real: { trades: 0 } },
			notes: []
		});

		// A backtest over every RIVN bar, and a paper replay of the session's day with the strategy attached.
		const run = await engine.runBacktest(
			'paper',
			'job',
			{
				strategyId: SMA_2_3.id,
				symbol: 'RIVN',
				timeframe: null,
				from: null,
				to: null,
				startingCash: 10_000,
				commission: COMMISSION
			},
			() => undefined
		);
		expect(run.ok).toBe(true);
		const id = (await engine.paperStart('paper', DAY)).session.id;
		await engine.paperAttachStrategy('paper', id, SMA_2_3);
		await engine.paperStrategy('paper', id, 'start');
		const desk = await engine.paperJump('paper', id, Infinity);
		expect(desk.session.cursor).toBe(desk.session.bars);

		// Real trades: two named after the strategy (one win, one loss), one under another name.
		const account = await engine.addAccount('real', { broker: 'Manual', number: 'R1', currency: 'USD' });
		if (!account.ok) throw new Error('account');
		const fill = (side: 'buy' | 'sell', time: string, price: number) =>
			engine.addManualExecution('real', {
				accountId: account.account.id,
				symbol: 'RIVN',
				side,
				shortSale: false,
				quantity: 100,
				price,
				date: '2025-10-14',
				time,
				zone: 'America/New_York',
				commission: 1,
				fees: null
			});
		await fill('buy', '09:31:00', 13);
		await fill('sell', '09:35:00', 13.2);
		await fill('buy', '10:00:00', 13.1);
		await fill('sell', '10:10:00', 13);
		await fill('buy', '11:00:00', 12);
		await fill('sell', '11:10:00', 12.5);
		const rows = (
			await engine.listTrades('real', {
				filter: EMPTY_FILTER,
				sort: { key: 'openTime', dir: 'asc' },
				offset: 0,
				limit: 10,
				zone: 'America/New_York'
			})
		).rows;
		expect(rows.map((r) => r.netPnl)).toEqual([18, -12, 48]);
		for (const [i, strategy] of ['rivn sma 2/3 ', 'RIVN SMA 2/3', 'Other'].entries())
			expect(
				await engine.saveAnnotation('real', {
					tradeId: rows[i]!.id,
					notes: '',
					tags: [],
					strategy,
					mistakes: [],
					risk: { kind: 'money', amount: 40 }
				})
			).toEqual({ ok: true });

		const report = await engine.strategyPromotion('paper', SMA_2_3.id);
		const detail = await engine.backtestRun('paper', (run as { ok: true; run: { id: string } }).run.id);
		const opened = await engine.paperOpen('paper', id);
		const tested = backtest(
			SMA_2_3,
			deskBars(opened),
			{ ...DEFAULT_BROKER_CONFIG, startingCash: 10_000 },
			desk.risk,
			desk.timeframeMs
		);
		expect(report).toMatchObject({ runs: 1, sessions: 1, skipped: [] });
		// Each column from the core on the same trades: the run's as stored, the replay's as the backtest
		// of the session's bars gives them (replay equals backtest), the real ones by name (any case).
		expect(report!.columns.backtest).toEqual(
			promotionColumn(
				'Backtest',
				detail!.trades
					.filter((t) => t.closeTime !== null)
					.map((t) => ({
						net: t.netCents / 100,
						r: t.r,
						slippage: (t.entryPrice - t.signalPrice!) * t.direction
					}))
			)
		);
		expect(detail!.risk).toEqual(DEFAULT_RISK_CONFIG);
		expect(report!.columns.replay).toEqual(promotionColumn('Paper replay', promotionTrades(tested)));
		expect(report!.columns.replay.trades).toBeGreaterThan(0);
		expect(report!.columns.real).toEqual({
			label: 'Real',
			trades: 2,
			winRate: 0.5,
			expectancy: 3,
			expectancyR: (18 / 40 - 12 / 40) / 2,
			tradesWithR: 2,
			slippage: null,
			tradesWithSlippage: 0
		});
		expect(report!.notes[0]).toBe(
			'2 real trades so far: at least 20 are needed before the figures say much.'
		);

		// Real mode has no strategies.
		expect(await engine.strategyPromotion('real', SMA_2_3.id)).toBe(null);
		await engine.close();
	});
});
