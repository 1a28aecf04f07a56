import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { allRulesOff } from '$lib/core/risk';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import type { PaperAction } from '$lib/core/paper/session';
import { loadPaperSession } from '$lib/db/paper';
import { dbName, FillbookDb, paperActionId } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest, barsText, DAY, ny } from '../tests/support/paper-day';
import type { Announcer } from './engine-sync';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

async function setUp(announcer?: Announcer) {
	const engine = createEngineApi({ now: () => 1_760_000_000_000, announcer });
	const done = await engine.importFile(
		'paper',
		'b',
		new File([barsText], 'RIVN.csv'),
		barsRequest('RIVN'),
		() => undefined
	);
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
		// A step sends the bars it revealed, not every bar again.
		expect([after.barsFrom, after.bars.time.length, after.session.cursor]).toEqual([1, 25, 26]);
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
		// Opening sends every revealed bar; the step's bars are their tail.
		expect([reopened.barsFrom, reopened.bars.time.length]).toEqual([0, 26]);
		expect(Array.from(reopened.bars.close.slice(1))).toEqual(Array.from(after.bars.close));
		await again.paperStep('paper', id, 1);
		expect((await listTrades(again)).rows).toHaveLength(1);
		expect(await again.paperSessions('paper')).toMatchObject([{ id, cursor: 26, bars: 26 }]);

		// Deleting the session takes its trades out of the journal.
		expect(await again.paperDelete('paper', id)).toBe(true);
		expect((await listTrades(again)).rows).toHaveLength(0);
		await again.close();
	});

	it('a step appends: the session row stays the same size however long the log, and a step writes no action', async () => {
		const announced: string[][] = [];
		const engine = await setUp({ announce: (_mode, tables) => announced.push(tables), close: () => {} });
		const { session } = await engine.paperStart('paper', DAY);
		const id = session.id;
		await engine.paperStep('paper', id, 1);
		const sizeOf = async () => {
			const db = new FillbookDb('paper');
			const row = await db.paperSessions.get(id);
			const actions = await db.paperActions
				.where('[sessionId+index]')
				.between([id, 0], [id, Infinity])
				.count();
			db.close();
			// The counters themselves aside (1 vs 40 is one more digit).
			return { size: JSON.stringify({ ...row, actionCount: 0, revision: 0 }).length, actions, row };
		};
		const flatten: PaperAction = { kind: 'flatten', at: 0 };
		await engine.paperAct('paper', id, flatten);
		const one = await sizeOf();
		for (let k = 1; k < 40; k++) await engine.paperAct('paper', id, flatten);
		const forty = await sizeOf();
		expect(one.row).not.toHaveProperty('actions');
		expect([one.actions, forty.actions]).toEqual([1, 40]);
		expect([one.row!.actionCount, forty.row!.actionCount]).toEqual([1, 40]);
		expect(forty.size).toBe(one.size);

		announced.length = 0;
		const stepped = await engine.paperStep('paper', id, 1);
		expect(announced.flat()).not.toContain('paperActions');
		expect(announced.flat()).toContain('paperSessions');
		expect([stepped.barsFrom, stepped.bars.time.length]).toEqual([1, 1]);
		await engine.close();
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

	describe('a session is never poisoned', () => {
		const buy = (quantity: number, at = 0): PaperAction => ({
			kind: 'submit',
			at,
			submission: { orderClass: 'single', order: { symbol: 'RIVN', side: 'buy', quantity, type: 'market' } }
		});
		/** The stored session row with its log (read from paperActions). */
		async function storedRow(id: string) {
			const db = new FillbookDb('paper');
			const stored = await loadPaperSession(db, id);
			db.close();
			return { ...stored!.row, actions: stored!.facts.actions };
		}
		/** Stores a changed session behind the engine's back (as another version or tab would). */
		async function writeRow(id: string, change: { actions?: PaperAction[]; cursor?: number }) {
			const db = new FillbookDb('paper');
			const { actions, ...rest } = change;
			await db.transaction('rw', [db.paperSessions, db.paperActions], async () => {
				if (actions) {
					await db.paperActions.where('[sessionId+index]').between([id, 0], [id, Infinity]).delete();
					await db.paperActions.bulkAdd(
						actions.map((action, index) => ({ id: paperActionId(id, index), sessionId: id, index, action }))
					);
				}
				await db.paperSessions.update(id, { ...rest, ...(actions ? { actionCount: actions.length } : {}) });
			});
			db.close();
		}

		it('applies changes sent together in the order sent: a tick never overtakes an order', async () => {
			const engine = await setUp();
			const { session } = await engine.paperStart('paper', DAY);
			// Sent at once, as a playing desk's tick, an order and the next tick would be.
			const [first, order, second] = await Promise.all([
				engine.paperStep('paper', session.id, 1),
				engine.paperAct('paper', session.id, buy(10)),
				engine.paperStep('paper', session.id, 1)
			]);
			expect([first.session.cursor, order.desk.session.cursor, second.session.cursor]).toEqual([1, 1, 2]);
			expect([first.barsFrom, order.desk.barsFrom, second.barsFrom]).toEqual([0, 1, 1]);
			expect(order.outcome.ok).toBe(true);
			// The order was placed after the first bar, and filled at the second's open.
			expect((await storedRow(session.id)).actions).toEqual([buy(10, 1)]);
			expect(second.view.executions.map((e) => [e.side, e.quantity])).toEqual([['buy', 10]]);
			await engine.close();
		});

		it('refuses an order of −5 with the reason: nothing enters the log, and the session reopens after the next order', async () => {
			const engine = await setUp();
			const { session } = await engine.paperStart('paper', DAY);
			await engine.paperStep('paper', session.id, 1);
			const refused = await engine.paperAct('paper', session.id, buy(-5));
			expect(refused.outcome).toEqual({
				ok: false,
				reason: 'Refused: quantity must be a number > 0',
				rejection: null
			});
			expect(refused.desk.view.orders).toEqual([]);
			expect((await storedRow(session.id)).actions).toEqual([]);
			expect((await engine.paperAct('paper', session.id, buy(10))).outcome.ok).toBe(true);
			expect((await storedRow(session.id)).actions).toEqual([buy(10, 1)]);
			await engine.paperStep('paper', session.id, 1);
			await engine.close();

			// A reload (a new engine) replays the stored log: the session opens, the order filled.
			const reloaded = createEngineApi();
			const desk = await reloaded.paperOpen('paper', session.id);
			expect(desk.view.executions.map((e) => [e.side, e.quantity])).toEqual([['buy', 10]]);
			expect([desk.view.skipped, desk.view.readOnly]).toEqual([[], null]);
			await reloaded.close();
		});

		it('opens a stored poisoned log, skipping and reporting the invalid action; the next save stores the log without it', async () => {
			const engine = await setUp();
			const { session } = await engine.paperStart('paper', DAY);
			await engine.paperStep('paper', session.id, 2);
			await engine.close();
			// The log as an older version stored it: the −5 order before a valid one.
			await writeRow(session.id, { actions: [buy(-5, 1), buy(10, 1)] });

			const reloaded = createEngineApi();
			const desk = await reloaded.paperOpen('paper', session.id);
			expect(desk.view.skipped).toEqual([
				{ index: 0, kind: 'submit', reason: 'Refused: quantity must be a number > 0' }
			]);
			expect(desk.view.readOnly).toBeNull();
			expect(desk.view.executions.map((e) => e.quantity)).toEqual([10]);
			await reloaded.paperStep('paper', session.id, 1);
			expect((await storedRow(session.id)).actions).toEqual([buy(10, 1)]);
			await reloaded.close();
		});

		it('opens a session that cannot be replayed read-only with the reason, and never writes it', async () => {
			const engine = await setUp();
			const { session } = await engine.paperStart('paper', DAY);
			await engine.paperStep('paper', session.id, 2);
			await engine.close();
			await writeRow(session.id, { cursor: 40 });
			const before = await storedRow(session.id);

			const reloaded = createEngineApi();
			const desk = await reloaded.paperOpen('paper', session.id);
			const reason =
				'it revealed 40 bars, but only 26 of its bars are stored now (were they removed or imported again?)';
			expect(desk.view.readOnly).toBe(reason);
			expect(desk.session.cursor).toBe(40);
			expect(desk.bars.time.length).toBe(26);
			const refused = `This session is read-only: ${reason}. Nothing was changed.`;
			await expect(reloaded.paperStep('paper', session.id, 1)).rejects.toThrow(refused);
			await expect(reloaded.paperAct('paper', session.id, buy(10))).rejects.toThrow(refused);
			await expect(reloaded.paperStop('paper', session.id)).rejects.toThrow(refused);
			expect(await storedRow(session.id)).toEqual(before);
			// It is listed with the others, and can be deleted.
			expect((await reloaded.paperSessions('paper')).map((s) => s.id)).toEqual([session.id]);
			expect(await reloaded.paperDelete('paper', session.id)).toBe(true);
			await reloaded.close();
		});
	});
});
