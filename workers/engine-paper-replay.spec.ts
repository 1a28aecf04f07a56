import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import type { PaperAction } from '$lib/core/paper/session';
import { loadPaperSession } from '$lib/db/paper';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest, barsText, DAY, ny } from '../tests/support/paper-day';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

/** An engine with RIVN's 26 one-minute bars (14:45–15:10), and LCID's: the same minutes doubled in price, without 14:50. */
async function setUp() {
	const engine = createEngineApi({ now: () => 1_760_000_000_000 });
	const progress = () => undefined;
	expect(
		await engine.importFile('paper', 'b', new File([barsText], 'RIVN.csv'), barsRequest('RIVN'), progress)
	).toMatchObject({ ok: true });
	const lcid = barsText
		.split('\n')
		.filter((line) => !line.startsWith('2025-10-13 14:50'))
		.map((line, i) =>
			i === 0 || !line
				? line
				: line
						.split(',')
						.map((v, k) => (k >= 1 && k <= 5 ? String(Number(v) * 2) : v))
						.join(',')
		)
		.join('\n');
	expect(
		await engine.importFile('paper', 'c', new File([lcid], 'LCID.csv'), barsRequest('LCID'), progress)
	).toMatchObject({ ok: true });
	return engine;
}

const buy = (quantity: number, symbol = 'RIVN'): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: { orderClass: 'single', order: { symbol, side: 'buy', quantity, type: 'market' } }
});
const sell = (quantity: number): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: { orderClass: 'single', order: { symbol: 'RIVN', side: 'sell', quantity, type: 'market' } }
});
const limitBuy = (price: number): PaperAction => ({
	kind: 'submit',
	at: 0,
	submission: {
		orderClass: 'single',
		order: { symbol: 'RIVN', side: 'buy', quantity: 5, type: 'limit', limitPrice: price }
	}
});

const trades = (engine: Awaited<ReturnType<typeof setUp>>) =>
	engine.listTrades('paper', {
		filter: EMPTY_FILTER,
		sort: { key: 'openTime', dir: 'asc' },
		offset: 0,
		limit: 100,
		zone: 'America/New_York'
	});

async function storedLog(id: string) {
	const db = new FillbookDb('paper');
	const stored = await loadPaperSession(db, id);
	db.close();
	return stored!;
}

describe('rewind and undo on the desk', () => {
	it('a rewind restores the bar’s state, truncates the stored log and the journal, and the session goes on from there', async () => {
		const engine = await setUp();
		const { session } = await engine.paperStart('paper', DAY);
		const id = session.id;
		await engine.paperStep('paper', id, 2);
		// Taken at bar 2: it stays when going back to bar 2 (and goes when going back to 1).
		const { desk: atTwo } = await engine.paperAct('paper', id, buy(10));
		await engine.paperStep('paper', id, 3);
		await engine.paperAct('paper', id, sell(10));
		const done = await engine.paperStep('paper', id, 2);
		expect(done.view.executions).toHaveLength(2);
		expect((await trades(engine)).rows).toHaveLength(1);

		const back = await engine.paperRewind('paper', id, 2);
		expect(back.view).toEqual(atTwo.view);
		// Every revealed bar again: the desk holds more than the session now reveals.
		expect([back.barsFrom, back.bars.time.length, back.session.cursor]).toEqual([0, 2, 2]);
		expect(back.charts!.map((c) => [c.symbol, c.barsFrom, c.bars.time.length])).toEqual([['RIVN', 0, 2]]);
		expect((await storedLog(id)).facts).toMatchObject({ cursor: 2, actions: [{ kind: 'submit', at: 2 }] });
		expect((await trades(engine)).rows).toHaveLength(0);

		// On from bar 2 with another order; a reload replays what is stored to the same view.
		await engine.paperAct('paper', id, buy(3));
		const on = await engine.paperStep('paper', id, 1);
		expect(on.view.executions.map((e) => e.quantity)).toEqual([10, 3]);
		expect((await storedLog(id)).facts.actions).toHaveLength(2);
		await engine.close();
		const again = createEngineApi({ now: () => 2 });
		expect((await again.paperOpen('paper', id)).view).toEqual(on.view);
		expect((await trades(again)).rows).toHaveLength(1);
		await again.close();
	});

	it('jumps back to a time: the last bar at or before it becomes the latest', async () => {
		const engine = await setUp();
		const { session } = await engine.paperStart('paper', DAY);
		await engine.paperStep('paper', session.id, 20);
		const back = await engine.paperRewindTo('paper', session.id, ny(14, 52) + 30_000);
		expect([back.session.cursor, back.view.now]).toEqual([8, ny(14, 52)]);
		await expect(engine.paperRewind('paper', session.id, 9)).rejects.toThrow(
			'Cannot go back to bar 9: the session stands at bar 8 (step forward instead)'
		);
		expect((await engine.paperRewindTo('paper', session.id, ny(9, 0))).session.cursor).toBe(0);
		await engine.close();
	});

	it('undo takes back the last order before the next bar, and refuses after it', async () => {
		const engine = await setUp();
		const { session } = await engine.paperStart('paper', DAY);
		const id = session.id;
		await engine.paperStep('paper', id, 1);
		await engine.paperAct('paper', id, limitBuy(10));
		const { desk } = await engine.paperAct('paper', id, limitBuy(11));
		expect(desk.view.orders).toHaveLength(2);
		const undone = await engine.paperUndo('paper', id);
		expect(undone.view.orders.map((o) => o.limitPrice)).toEqual([10]);
		expect((await storedLog(id)).facts.actions).toHaveLength(1);
		await engine.paperStep('paper', id, 1);
		await expect(engine.paperUndo('paper', id)).rejects.toThrow(
			'Nothing to undo: no order was placed, changed or cancelled at this bar'
		);
		expect((await storedLog(id)).facts.actions).toHaveLength(1);
		await engine.close();
	});

	it('another tab that held the session before an undo and a new order replays what is stored, not what it held', async () => {
		const a = await setUp();
		const { session } = await a.paperStart('paper', DAY);
		const id = session.id;
		await a.paperStep('paper', id, 1);
		await a.paperAct('paper', id, limitBuy(10));
		const b = createEngineApi({ now: () => 3 });
		expect((await b.paperOpen('paper', id)).view.orders.map((o) => o.limitPrice)).toEqual([10]);
		// Same cursor, same counts as b holds: only the content differs.
		await a.paperUndo('paper', id);
		await a.paperAct('paper', id, limitBuy(12));
		const stepped = await b.paperStep('paper', id, 1);
		expect(stepped.view.orders.map((o) => o.limitPrice)).toEqual([12]);
		expect((await storedLog(id)).facts.actions).toHaveLength(1);
		await a.close();
		await b.close();
	});
});

describe('several symbols in one replay', () => {
	it('steps both on one clock, sends each symbol’s chart, and trades them in one account', async () => {
		const engine = await setUp();
		const started = await engine.paperStart('paper', { ...DAY, symbols: ['RIVN', 'LCID'] });
		expect(started.session).toMatchObject({ symbol: 'RIVN', symbols: ['RIVN', 'LCID'], bars: 26 });
		const id = started.session.id;
		const first = await engine.paperStep('paper', id, 6);
		// 14:45–14:50 revealed: LCID has no 14:50 bar.
		expect(first.charts!.map((c) => [c.symbol, c.barsFrom, c.bars.time.length])).toEqual([
			['RIVN', 0, 6],
			['LCID', 0, 5]
		]);
		expect(Array.from(first.charts![1]!.bars.close.slice(0, 2))).toEqual([26.56, 26.78]);
		await engine.paperAct('paper', id, buy(10, 'LCID'));
		await engine.paperAct('paper', id, buy(5));
		const next = await engine.paperStep('paper', id, 1);
		expect(next.charts!.map((c) => [c.symbol, c.barsFrom, c.bars.time.length])).toEqual([
			['RIVN', 6, 1],
			['LCID', 5, 1]
		]);
		expect([next.barsFrom, next.bars.time.length]).toEqual([6, 1]);
		expect(next.view.account.positions.map((p) => [p.symbol, p.quantity])).toEqual([
			['LCID', 10],
			['RIVN', 5]
		]);
		await engine.close();
		const again = createEngineApi({ now: () => 2 });
		const reopened = await again.paperOpen('paper', id);
		expect(reopened.view).toEqual(next.view);
		expect(reopened.charts!.map((c) => c.bars.time.length)).toEqual([7, 6]);
		await again.close();
	});

	it('refuses a symbol without bars in the range, naming it', async () => {
		const engine = await setUp();
		await expect(engine.paperStart('paper', { ...DAY, symbols: ['RIVN', 'NOPE'] })).rejects.toThrow(
			'There are no bars of NOPE: import some first'
		);
		await engine.close();
	});
});
