import type { TradeExecution } from './contract';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionEditInput } from '$lib/core/trades/execution-edit';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import type { EngineApi } from './contract';
import { DAS, day, file, QUERY, zone } from './testing';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

/** BABA long on 2025-10-13: buy 243 @ 166.92 (11:39:15), buy 197 @ 167.11 (11:39:17), sell 440 @ 167.57. */
async function babaLong(engine: EngineApi, mode: Mode = 'paper') {
	const rows = (await engine.listTrades(mode, QUERY)).rows;
	const trade = rows.find((r) => r.symbol === 'BABA' && r.direction === 'long')!;
	const detail = (await engine.tradeDetail(mode, trade.id))!;
	return { trade, detail, executions: detail.executions };
}

/** An edit input carrying the execution's own values, with `change` on top. */
function editOf(e: TradeExecution, change: Partial<ExecutionEditInput> = {}): ExecutionEditInput {
	return {
		id: e.id,
		date: day,
		time: new Intl.DateTimeFormat('en-GB', {
			timeZone: zone,
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
			hourCycle: 'h23'
		}).format(e.time),
		zone,
		side: e.side,
		quantity: e.executionQuantity,
		price: e.price,
		commission: e.commission,
		fees: e.fees,
		reason: '',
		...change
	};
}

async function importDas(engine: EngineApi, mode: Mode = 'paper') {
	const outcome = await engine.importFile(mode, 'a', file(), DAS, () => undefined);
	if (!outcome.ok) throw new Error('import failed');
	return outcome;
}

describe('execution edits', () => {
	it('apply to the trade (computed P&L, no longer the broker’s), survive a reload, and revert to imported', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const { trade, executions } = await babaLong(engine);
		expect(trade).toMatchObject({ grossPnl: 248.57, brokerPnl: 248.57, netPnl: 248.07 });
		const sell = executions[2]!;
		expect(
			await engine.editExecution('paper', editOf(sell, { price: 167.67, reason: 'fill corrected' }))
		).toEqual({
			ok: true
		});
		// 440 × 0.10 more: the broker's 248.57 no longer describes the executions.
		const edited = await babaLong(engine);
		expect(edited.trade).toMatchObject({
			grossPnl: 292.57,
			brokerPnl: null,
			netPnl: 292.07,
			pnlMismatch: false
		});
		expect(edited.executions[2]).toMatchObject({
			id: sell.id,
			price: 167.67,
			brokerPnl: null,
			edit: {
				original: { price: 167.57, quantity: 440, side: 'sell' },
				reason: 'fill corrected',
				editedAt: 100
			}
		});
		expect(edited.executions[0]!.edit).toBeNull();
		await engine.close();

		const reopened = createEngineApi({ now: () => 200 });
		expect((await babaLong(reopened)).trade).toMatchObject({ id: trade.id, netPnl: 292.07 });
		expect(await reopened.revertExecution('paper', sell.id)).toEqual({ ok: true });
		const reverted = await babaLong(reopened);
		expect(reverted.trade).toMatchObject({ grossPnl: 248.57, brokerPnl: 248.57, netPnl: 248.07 });
		expect(reverted.executions[2]!.edit).toBeNull();
		expect(await reopened.revertExecution('paper', sell.id)).toEqual({
			ok: false,
			message: 'This execution has no edit to revert: it is as imported.'
		});
		await reopened.close();
	});

	it('are neither duplicated nor undone by re-importing the same file, nor by undo and re-import', async () => {
		const engine = createEngineApi({ now: () => 100 });
		const first = await importDas(engine);
		const { executions, trade } = await babaLong(engine);
		const count = (await engine.listTrades('paper', QUERY)).total;
		await engine.editExecution('paper', editOf(executions[1]!, { price: 167 }));
		const again = await engine.importFile('paper', 'b', file(), DAS, () => undefined);
		expect(again.ok && again.counts.imported).toBe(0);
		let now = await babaLong(engine);
		expect(now.executions.map((e) => [e.executionQuantity, e.price])).toEqual([
			[243, 166.92],
			[197, 167],
			[440, 167.57]
		]);
		// 197 × 0.11 more than the broker's 248.57; fees 0.50.
		expect(now.trade).toMatchObject({ id: trade.id, grossPnl: 270.24, netPnl: 269.74, executionCount: 3 });
		expect((await engine.listTrades('paper', QUERY)).total).toBe(count);

		if (!first.ok) throw new Error('import');
		await engine.undoImport('paper', first.importId);
		await importDas(engine);
		now = await babaLong(engine);
		expect(now.executions[1]).toMatchObject({ executionQuantity: 197, price: 167 });
		expect(now.trade.netPnl).toBe(269.74);
		await engine.close();
	});

	it('keep the trade’s id and journal when the first execution’s time changes', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const { trade, executions } = await babaLong(engine);
		expect(trade.id).toBe(executions[0]!.id);
		await engine.saveAnnotation('paper', {
			tradeId: trade.id,
			notes: 'kept',
			tags: ['a'],
			strategy: '',
			mistakes: [],
			risk: { kind: 'money', amount: 100 }
		});
		// 11:39:15 → 11:39:16: still the first execution of the trade.
		expect(await engine.editExecution('paper', editOf(executions[0]!, { time: '11:39:16' }))).toEqual({
			ok: true
		});
		const after = await babaLong(engine);
		expect(after.trade.id).toBe(trade.id);
		expect(after.trade.openTime).toBe(executions[0]!.time + 1000);
		expect(after.detail.annotation?.notes).toBe('kept');
		expect(after.trade.rMultiple).toBeCloseTo(after.trade.netPnl / 100, 10);
		// A non-first execution's edit keeps it too.
		await engine.editExecution('paper', editOf(executions[1]!, { price: 167 }));
		expect((await babaLong(engine)).detail.annotation?.tags).toEqual(['a']);
		await engine.close();
	});

	it('refuse bad values with the reason and store nothing', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const { executions } = await babaLong(engine);
		const e = executions[0]!;
		const cases: [Partial<ExecutionEditInput>, string][] = [
			[{ quantity: 0 }, 'Quantity must be a number above zero.'],
			[{ quantity: Number.NaN }, 'Quantity must be a number above zero.'],
			[{ quantity: 1e13 }, 'Quantity must be at most 1,000,000,000,000.'],
			[{ price: -1 }, 'Price must be a number above zero.'],
			[{ price: Number.POSITIVE_INFINITY }, 'Price must be a number above zero.'],
			[{ fees: Number.NaN }, 'Fees must be a number, or empty for none.'],
			[{ side: 'hold' as 'buy' }, 'Side must be buy or sell.'],
			[{ time: '25:00:00' }, 'Time "25:00:00" is not a valid time.'],
			[{ date: '2025-02-30' }, 'Date "2025-02-30" is not a valid date.'],
			[{ price: e.price }, 'These are the values the execution already has: nothing to change.'],
			[
				{ id: 'ffffffffffffffff' },
				'No execution ffffffffffffffff in paper mode: it may have been deleted or its import undone.'
			]
		];
		for (const [change, message] of cases)
			expect(await engine.editExecution('paper', editOf(e, { price: 170, ...change }))).toEqual({
				ok: false,
				message
			});
		const db = new FillbookDb('paper');
		expect(await db.executionEdits.count()).toBe(0);
		db.close();
		expect((await babaLong(engine)).trade.netPnl).toBe(248.07);
		await engine.close();
	});

	it('in paper mode never touch real mode’s executions', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine, 'paper');
		await importDas(engine, 'real');
		const paper = await babaLong(engine, 'paper');
		// The same file gives the same ids in both modes: the edit goes to paper's database only.
		expect(paper.executions[2]!.id).toBe((await babaLong(engine, 'real')).executions[2]!.id);
		await engine.editExecution('paper', editOf(paper.executions[2]!, { price: 167.67 }));
		expect((await babaLong(engine, 'paper')).trade.netPnl).toBe(292.07);
		const real = await babaLong(engine, 'real');
		expect(real.trade.netPnl).toBe(248.07);
		expect(real.executions[2]!.edit).toBeNull();
		const db = new FillbookDb('real');
		expect(await db.executionEdits.count()).toBe(0);
		db.close();
		await engine.close();
	});

	it('preview names the change and the trade’s net P&L before and after, writing nothing', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const { trade, executions } = await babaLong(engine);
		const preview = await engine.previewExecutionChange('paper', {
			kind: 'edit',
			input: editOf(executions[2]!, { price: 167.67 })
		});
		expect(preview).toMatchObject({
			ok: true,
			symbol: 'BABA',
			current: { price: 167.57, quantity: 440, side: 'sell' },
			next: { price: 167.67, quantity: 440, side: 'sell' },
			before: [{ id: trade.id, netPnl: 248.07, direction: 'long' }],
			after: [{ id: trade.id, netPnl: 292.07, direction: 'long' }]
		});
		expect((await babaLong(engine)).trade.netPnl).toBe(248.07);
		await engine.close();
	});

	it('deleting one execution regroups and the broker’s figure goes where the executions changed', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const before = (await engine.listTrades('paper', QUERY)).rows;
		const { executions } = await babaLong(engine);
		// Without the 197 bought at 167.11, the sale of 440 closes 243 and opens a short of 197.
		const preview = await engine.previewExecutionChange('paper', { kind: 'delete', id: executions[1]!.id });
		expect(preview).toMatchObject({ ok: true, next: null });
		await engine.deleteExecutions('paper', [{ id: executions[1]!.id, description: 'BABA buy 197' }]);
		const after = (await engine.listTrades('paper', QUERY)).rows;
		const long = after.find((r) => r.id === executions[0]!.id)!;
		// 243 × (167.57 − 166.92) = 157.95; fees −0.486 + 0.396 × 243/440 → −0.27.
		expect(long).toMatchObject({ grossPnl: 157.95, brokerPnl: null, pnlMismatch: false, netPnl: 158.22 });
		// The rest of the sale opens a short of 197 that runs into the day's later BABA shorts.
		expect(after.find((r) => r.id === `${executions[2]!.id}~r`)).toMatchObject({
			direction: 'short',
			open: true,
			quantity: 407,
			executionCount: 13,
			brokerPnl: null
		});
		if (!preview.ok) throw new Error(preview.message);
		expect(preview.before.map((t) => [t.id, t.netPnl])).toEqual([[executions[0]!.id, 248.07]]);
		expect(preview.after.map((t) => [t.id, t.netPnl])).toEqual([
			[executions[0]!.id, 158.22],
			[`${executions[2]!.id}~r`, -5.75]
		]);
		// Every other trade is as the broker reported it.
		for (const row of after.filter((r) => r.symbol !== 'BABA'))
			expect(row).toEqual({ ...before.find((r) => r.id === row.id) });
		await engine.close();
	});

	it('deleting a reversal’s crossing execution shows both trades it is in', async () => {
		const engine = createEngineApi({ now: () => 9 });
		const account = await engine.addAccount('paper', { broker: 'Manual', number: 'M1', currency: 'USD' });
		if (!account.ok) throw new Error('account');
		const add = (side: 'buy' | 'sell', time: string, quantity: number, price: number) =>
			engine.addManualExecution('paper', {
				accountId: account.account.id,
				symbol: 'AAPL',
				side,
				shortSale: false,
				quantity,
				price,
				date: '2026-03-04',
				time,
				zone,
				commission: null,
				fees: null
			});
		await add('buy', '09:30:00', 10, 100);
		await add('sell', '09:40:00', 15, 101);
		await add('buy', '09:50:00', 5, 100.5);
		const trades = (await engine.listTrades('paper', QUERY)).rows;
		expect(trades.map((t) => [t.direction, t.netPnl])).toEqual([
			['long', 10],
			['short', 2.5]
		]);
		const long = (await engine.tradeDetail('paper', trades[0]!.id))!;
		const crossing = long.executions[1]!;
		expect(crossing).toMatchObject({ quantity: 10, executionQuantity: 15 });
		const preview = await engine.previewExecutionChange('paper', { kind: 'delete', id: crossing.id });
		expect(preview).toMatchObject({
			ok: true,
			before: [
				{ id: trades[0]!.id, direction: 'long', netPnl: 10 },
				{ id: `${crossing.id}~r`, direction: 'short', netPnl: 2.5 }
			],
			after: [{ id: trades[0]!.id, direction: 'long', open: true, netPnl: 0 }]
		});
		await engine.close();
	});
});

describe('initial risk as a stop price', () => {
	it('is refused on the wrong side of the entry, with the reason, and kept on the right side', async () => {
		const engine = createEngineApi({ now: () => 100 });
		await importDas(engine);
		const rows = (await engine.listTrades('paper', QUERY)).rows;
		const long = rows.find((r) => r.symbol === 'BABA' && r.direction === 'long')!;
		const short = rows.find((r) => r.symbol === 'RIVN' && r.direction === 'short')!;
		const annotate = (tradeId: string, price: number) =>
			engine.saveAnnotation('paper', {
				tradeId,
				notes: '',
				tags: [],
				strategy: '',
				mistakes: [],
				risk: { kind: 'stop', price }
			});
		// Long entry VWAP: (243 × 166.92 + 197 × 167.11) / 440 = 167.005068…
		expect(await annotate(long.id, 168)).toEqual({
			ok: false,
			message: "A long's stop must be below its entry (167.0051); 168 is above it."
		});
		// RIVN short: 3200 @ 13.34 and 600 @ 13.3435.
		expect(await annotate(short.id, 13.3)).toEqual({
			ok: false,
			message: "A short's stop must be above its entry (13.3406); 13.3 is below it."
		});
		expect((await engine.tradeDetail('paper', long.id))!.annotation).toBeNull();
		expect(await annotate(long.id, 166.5)).toEqual({ ok: true });
		expect(await annotate(short.id, 13.5)).toEqual({ ok: true });
		const saved = (await engine.listTrades('paper', QUERY)).rows.find((r) => r.id === short.id)!;
		// (13.5 − 50694.1 / 3800) × 3800 = 51300 − 50694.1
		expect(saved.risk).toBeCloseTo(605.9, 6);
		await engine.close();
	});
});
