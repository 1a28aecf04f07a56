import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allRulesOff } from '$lib/core/risk';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import type { ImportRequest } from './engine-imports';

const barsText = readFileSync('tests/fixtures/charts/RIVN.csv', 'utf8');
const BARS: ImportRequest = {
	formatId: 'yahoo-bars',
	zone: 'America/New_York',
	tradeDate: null,
	symbol: 'RIVN',
	accountId: null,
	newAccountCurrency: 'USD'
};
/** 2025-10-13 hh:mm New York (EDT, UTC−4) in epoch ms. */
const ny = (hh: number, mm: number) => Date.UTC(2025, 9, 13, hh + 4, mm);
const DAY = {
	symbol: 'RIVN',
	from: ny(0, 0),
	to: ny(23, 59),
	broker: { startingCash: 10_000 },
	risk: allRulesOff()
};

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

async function setUp() {
	const engine = createEngineApi({ now: () => 1_760_000_000_000 });
	const done = await engine.importFile('paper', 'b', new File([barsText], 'RIVN.csv'), BARS, () => undefined);
	expect(done).toMatchObject({ ok: true });
	return engine;
}

const listTrades = (engine: ReturnType<typeof createEngineApi>) =>
	engine.listTrades('paper', {
		filter: EMPTY_FILTER,
		sort: { key: 'openTime', dir: 'asc' },
		offset: 0,
		limit: 100,
		zone: 'America/New_York'
	});

describe('engine paper desk', () => {
	it('replays bars to the broker, stores its executions as trades, and reopens a session exactly', async () => {
		const engine = await setUp();
		const started = await engine.paperStart('paper', DAY);
		expect(started.session).toMatchObject({ symbol: 'RIVN', cursor: 0, bars: 26, status: 'running' });
		expect(started.bars.time.length).toBe(0);
		const id = started.session.id;

		// 14:45 revealed; a bracket: 100 at the next open (14:46), stop 13.20, target 13.40.
		await engine.paperStep('paper', id, 1);
		const { outcome } = await engine.paperAct('paper', id, {
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'bracket',
				entry: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'market' },
				stopLoss: { stopPrice: 13.2 },
				takeProfit: { limitPrice: 13.4 }
			}
		});
		expect(outcome.ok).toBe(true);
		const after = await engine.paperStep('paper', id, 25);
		expect(after.bars.time.length).toBe(26);
		const [entry, exit] = after.view.executions;
		expect(entry).toMatchObject({ side: 'buy', quantity: 100, time: ny(14, 46) });
		expect(exit).toMatchObject({ side: 'sell', quantity: 100 });

		// The executions are the paper database's: one closed trade with the broker's P&L.
		const page = await listTrades(engine);
		expect(page.rows).toHaveLength(1);
		const pnl = (exit!.price - entry!.price) * 100;
		expect(page.rows[0]).toMatchObject({ symbol: 'RIVN', direction: 'long', open: false });
		expect(page.rows[0]!.netPnl).toBeCloseTo(pnl, 6);
		expect(after.view.account.realisedPnlCents).toBe(Math.round(pnl * 100));

		// A new engine (a reload) replays the stored facts to the same view; nothing is stored twice.
		await engine.close();
		const again = createEngineApi({ now: () => 2 });
		const reopened = await again.paperOpen('paper', id);
		expect(reopened.view).toEqual(after.view);
		await again.paperStep('paper', id, 1);
		expect((await listTrades(again)).rows).toHaveLength(1);
		expect(await again.paperSessions('paper')).toMatchObject([{ id, cursor: 26, bars: 26 }]);

		// Deleting the session takes its trades out of the journal.
		expect(await again.paperDelete('paper', id)).toBe(true);
		expect((await listTrades(again)).rows).toHaveLength(0);
		await again.close();
	});

	it('names the risk rule that stops an order, and refuses real mode', async () => {
		const engine = await setUp();
		const risk = { ...allRulesOff(), orderValue: { enabled: true, limit: 1000 } };
		const { session } = await engine.paperStart('paper', { ...DAY, risk });
		await engine.paperStep('paper', session.id, 1);
		const { outcome, desk } = await engine.paperAct('paper', session.id, {
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'RIVN', side: 'buy', quantity: 100, type: 'market' }
			}
		});
		expect(outcome).toMatchObject({
			ok: false,
			rejection: { violation: { rule: 'orderValue', limit: 1000 } }
		});
		expect(desk.view.rejections).toHaveLength(1);
		expect(desk.view.orders).toHaveLength(0);
		await expect(engine.paperStart('real', DAY)).rejects.toThrow('Orders can only be placed in paper mode');
		expect(await engine.paperSessions('real')).toEqual([]);
		await engine.close();
	});

	it('undoing a session’s import ends the session; a cleared database leaves nothing to write back', async () => {
		const engine = await setUp();
		const { session } = await engine.paperStart('paper', DAY);
		await engine.paperStep('paper', session.id, 1);
		await engine.paperAct('paper', session.id, {
			kind: 'submit',
			at: 0,
			submission: {
				orderClass: 'single',
				order: { symbol: 'RIVN', side: 'buy', quantity: 10, type: 'market' }
			}
		});
		await engine.paperStep('paper', session.id, 2);
		expect((await listTrades(engine)).rows).toHaveLength(1);
		expect(await engine.undoImport('paper', `paper-${session.id}`)).toBe(true);
		expect((await listTrades(engine)).rows).toHaveLength(0);
		expect(await engine.paperSessions('paper')).toEqual([]);
		await expect(engine.paperStep('paper', session.id, 1)).rejects.toThrow('No paper session');

		// A second session, then every record of the mode deleted: the session in memory is not written back.
		const second = await engine.paperStart('paper', DAY);
		await engine.paperStep('paper', second.session.id, 3);
		await engine.clearAll('paper');
		await expect(engine.paperStep('paper', second.session.id, 1)).rejects.toThrow('No paper session');
		expect(await engine.paperSessions('paper')).toEqual([]);
		await engine.close();
	});
});
