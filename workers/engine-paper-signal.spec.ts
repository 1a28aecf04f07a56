import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { SignalOrigin } from '$lib/core/paper/signal-origin';
import { allRulesOff } from '$lib/core/risk';
import { STRATEGY_TEMPLATES } from '$lib/core/strategy';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest } from '../tests/support/paper-day';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const SPY = readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8');

/** A fresh engine with SPY's daily bars (2020-09-01 to 2021-01-12) and its 2-of-4 signals. */
async function setUp() {
	const engine = createEngineApi({ now: () => 1_760_000_000_000 });
	const done = await engine.importFile(
		'paper',
		'b',
		new File([SPY], 'SPY.csv'),
		barsRequest('SPY'),
		() => {}
	);
	expect(done).toMatchObject({ ok: true });
	const [run] = await engine.runSignals('paper', {
		symbols: ['SPY'],
		timeframe: null,
		params: { confirmation: { minGroups: 2 } },
		zone: 'America/New_York'
	});
	return { engine, run: run! };
}

/** Every SPY daily bar from 2020-09-01 to 2021-01-12, risk rules off. */
const SESSION = {
	symbol: 'SPY',
	from: Date.UTC(2020, 8, 1),
	to: Date.UTC(2021, 0, 13),
	broker: { startingCash: 100_000 },
	risk: allRulesOff()
};

describe('engine paper desk: what became of a signal', () => {
	it('finds a take of the signal in its session with the orders, fills and the journal trade they made; nothing for another signal', async () => {
		const { engine, run } = await setUp();
		const signal = run.signals.find((s) => s.decision === 'BUY')!;
		const origin: SignalOrigin = {
			symbol: 'SPY',
			timeframeLabel: run.timeframeLabel,
			time: signal.time,
			decision: 'BUY',
			confidence: signal.confidence,
			prices: { entry: 1000, stop: 1, target: 2000 },
			lineage: signal.lineage
		};
		const key = { symbol: 'SPY', timeframeLabel: '1D', time: signal.time, decision: 'BUY' as const };
		expect(await engine.paperSignalOutcome('paper', key)).toEqual([]);

		const id = (await engine.paperStart('paper', SESSION)).session.id;
		await engine.paperJump('paper', id, signal.time);
		const { outcome } = await engine.paperAct('paper', id, {
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'buy', quantity: 10, type: 'market', timeInForce: 'gtc' }
			},
			signal: origin
		});
		expect(outcome.ok).toBe(true);
		const desk = await engine.paperStep('paper', id, 3);
		await engine.paperAct('paper', id, {
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'SPY', side: 'sell', quantity: 10, type: 'market', timeInForce: 'gtc' }
			}
		});
		await engine.paperStep('paper', id, 1);

		const [found, ...rest] = await engine.paperSignalOutcome('paper', key);
		expect(rest).toEqual([]);
		const fill = desk.view.executions[0]!;
		expect(found).toMatchObject({
			session: { id, symbol: 'SPY' },
			source: { kind: 'taken', edits: ["market (the signal's limit 1000.00)"] },
			time: signal.time,
			risk: { ok: true },
			refused: null,
			orders: [{ id: 'o1', side: 'buy', quantity: 10, status: 'filled' }],
			executions: [fill]
		});
		// The market order filled at the next bar's open.
		const bars = desk.bars;
		const next = Array.from(bars.time).indexOf(signal.time) + 1;
		expect(fill).toMatchObject({ quantity: 10, price: bars.open[next], time: bars.time[next] });
		const page = await engine.listTrades('paper', {
			filter: EMPTY_FILTER,
			sort: { key: 'openTime', dir: 'asc' },
			offset: 0,
			limit: 10,
			zone: 'America/New_York'
		});
		expect(page.rows).toHaveLength(1);
		const trade = page.rows[0]!;
		expect(trade.open).toBe(false);
		expect(found!.trades).toEqual([
			{ id: trade.id, open: false, netPnl: trade.netPnl, executionIds: [fill.id] }
		]);

		expect(await engine.paperSignalOutcome('paper', { ...key, decision: 'SELL' })).toEqual([]);
		expect(await engine.paperSignalOutcome('paper', { ...key, timeframeLabel: '1h' })).toEqual([]);
		expect(await engine.paperSignalOutcome('real', key)).toEqual([]);
	});

	it('finds the entry a signal-generator strategy placed on the signal’s bar, with the strategy named', async () => {
		const { engine, run } = await setUp();
		const generator = STRATEGY_TEMPLATES.find((t) => t.rule.kind === 'signals')!;
		const twoOfFour = { ...generator, rule: { ...generator.rule, minGroups: 2 } } as typeof generator;
		const id = (await engine.paperStart('paper', SESSION)).session.id;
		await engine.paperAttachStrategy('paper', id, twoOfFour);
		await engine.paperStrategy('paper', id, 'start');
		const desk = await engine.paperJump('paper', id, Infinity);
		// Its market orders are DAY orders, which daily bars expire before they fill: the chain says so.
		const placed = desk.strategy!.orderIds[0]!;
		const [lineage] = await engine.paperLineage('paper', [`${id}:${placed}`]);
		if (!lineage || 'taken' in lineage) throw new Error('expected the strategy’s lineage');
		const time = lineage.intent.time;
		// The generator strategy buys on the Signals page's BUY signals.
		expect(run.signals.find((s) => s.time === time)?.decision).toBe('BUY');

		const found = await engine.paperSignalOutcome('paper', {
			symbol: 'SPY',
			timeframeLabel: '1D',
			time,
			decision: 'BUY'
		});
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({
			session: { id },
			source: { kind: 'strategy', strategy: { id: twoOfFour.id, name: twoOfFour.name } },
			time,
			risk: { ok: true },
			executions: [],
			trades: []
		});
		expect(found[0]!.orders.map((o) => [o.id, o.side, o.status])).toEqual([
			[placed, 'buy', 'expired'],
			['o2', 'sell', 'cancelled'],
			['o3', 'sell', 'cancelled']
		]);
		// A signal on no bar the strategy acted on: nothing came of it.
		expect(
			await engine.paperSignalOutcome('paper', {
				symbol: 'SPY',
				timeframeLabel: '1D',
				time: time + 1,
				decision: 'BUY'
			})
		).toEqual([]);
	});
});
