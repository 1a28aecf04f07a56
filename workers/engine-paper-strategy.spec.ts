import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BROKER_CONFIG } from '$lib/core/broker';
import { allRulesOff } from '$lib/core/risk';
import { backtest } from '$lib/core/strategy';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { rivnEngine, SMA_2_3 } from '../tests/support/paper-strategy';
import { DAY, deskBars } from '../tests/support/paper-day';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const setUp = rivnEngine;

describe('engine paper desk: a strategy attached', () => {
	it('trades as the bars are revealed, exactly as the backtest of the same bars; survives a reload; its fills lead back to the signal', async () => {
		const engine = await setUp();
		const id = (await engine.paperStart('paper', DAY)).session.id;
		const attached = await engine.paperAttachStrategy('paper', id, SMA_2_3);
		expect(attached.strategy).toMatchObject({ state: 'paused', attachedAt: 0, reason: null, orderIds: [] });
		await engine.paperStrategy('paper', id, 'start');
		await engine.paperStep('paper', id, 1);
		await engine.paperStep('paper', id, 7);
		await engine.paperJump('paper', id, Infinity);

		// A new engine: what is stored is all there is.
		const reopened = await createEngineApi({ now: () => 1_760_000_000_000 }).paperOpen('paper', id);
		const expected = backtest(
			SMA_2_3,
			deskBars(reopened),
			{ ...DEFAULT_BROKER_CONFIG, startingCash: 10_000 },
			allRulesOff(),
			reopened.timeframeMs
		);
		expect(expected.orders.length).toBeGreaterThan(1);
		expect(reopened.view.executions).toEqual(expected.executions);
		expect(reopened.strategy).toMatchObject({
			state: 'running',
			definition: SMA_2_3,
			orderIds: expected.orders.map((o) => o.order.id)
		});

		const first = expected.executions[0]!;
		const [lineage] = await engine.paperLineage('paper', [`${id}:${first.orderId}`]);
		expect(lineage).toMatchObject({
			strategy: { id: SMA_2_3.id, name: 'SMA 2/3 cross', version: 1 },
			risk: { ok: true },
			intent: { lineage: { rule: expected.orders[0]!.intent.lineage.rule } },
			executions: [first]
		});
		expect(await engine.paperLineage('paper', [`${id}:nothing`])).toEqual([]);
	});

	it('pauses when the daily loss limit refuses its order, and says why', async () => {
		const engine = await setUp();
		const risk = { ...allRulesOff(), dailyLoss: { enabled: true, limit: 0.01 } };
		const id = (await engine.paperStart('paper', { ...DAY, risk })).session.id;
		await engine.paperAttachStrategy('paper', id, SMA_2_3);
		await engine.paperStrategy('paper', id, 'start');
		const desk = await engine.paperJump('paper', id, Infinity);
		expect(desk.strategy?.state).toBe('paused');
		expect(desk.strategy?.reason).toMatch(
			/^Strategy paused: Daily loss limit: −\$[\d.,]+ is beyond the limit of −\$0\.01$/
		);
		expect((await engine.paperOpen('paper', id)).strategy?.reason).toBe(desk.strategy?.reason);
	});

	it('refuses a second strategy while one is attached; an emergency flatten closes everything and stops it', async () => {
		const engine = await setUp();
		const id = (await engine.paperStart('paper', DAY)).session.id;
		await engine.paperAttachStrategy('paper', id, SMA_2_3);
		await expect(engine.paperAttachStrategy('paper', id, { ...SMA_2_3, id: 'other' })).rejects.toThrow(
			'SMA 2/3 cross is attached: stop it before attaching another strategy'
		);
		await engine.paperStrategy('paper', id, 'start');
		let desk = await engine.paperStep('paper', id, 1);
		for (let i = 0; i < 26 && !desk.view.account.positions.some((p) => p.quantity !== 0); i++)
			desk = await engine.paperStep('paper', id, 1);
		expect(desk.view.account.positions.some((p) => p.quantity !== 0)).toBe(true);
		await engine.paperStrategy('paper', id, 'flatten');
		desk = await engine.paperStep('paper', id, 1);
		expect(desk.view.account.positions.filter((p) => p.quantity !== 0)).toEqual([]);
		expect(desk.strategy).toMatchObject({ state: 'stopped', reason: 'Stopped by an emergency flatten' });
	});

	it('a rewind rebuilds the strategy from the facts kept: stepping on gives the backtest again', async () => {
		const engine = await setUp();
		const id = (await engine.paperStart('paper', DAY)).session.id;
		await engine.paperAttachStrategy('paper', id, SMA_2_3);
		await engine.paperStrategy('paper', id, 'start');
		await engine.paperStep('paper', id, 14);
		const back = await engine.paperRewind('paper', id, 9);
		expect(back.strategy?.orderIds).toEqual(['o1', 'o2']);
		await engine.paperJump('paper', id, Infinity);
		const after = await engine.paperOpen('paper', id);
		const expected = backtest(
			SMA_2_3,
			deskBars(after),
			{ ...DEFAULT_BROKER_CONFIG, startingCash: 10_000 },
			allRulesOff(),
			after.timeframeMs
		);
		expect(after.view.executions).toEqual(expected.executions);
		expect(after.strategy?.orderIds).toEqual(expected.orders.map((o) => o.order.id));
	});
});
