import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest, barsText, ny } from '../tests/support/paper-day';
import { DAS, QUERY } from './testing';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';
/** One real buy of 100 RIVN at 13.34, 14:45:30 New York: an open long. */
const BUY = `${HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n`;

async function realLong() {
	const engine = createEngineApi({ now: () => 1_760_400_000_000 });
	const done = await engine.importFile(
		'real',
		'das',
		new File([BUY], 'Trades_2025-10-13.csv'),
		DAS,
		() => undefined
	);
	expect(done).toMatchObject({ ok: true });
	const [trade] = (await engine.listTrades('real', QUERY)).rows;
	expect(trade).toMatchObject({ symbol: 'RIVN', direction: 'long', open: true, entryPrice: 13.34 });
	return { engine, tradeId: trade!.id };
}

const importBars = (engine: ReturnType<typeof createEngineApi>, name = 'RIVN.csv', text = barsText) =>
	engine.importFile('real', name, new File([text], name), barsRequest('RIVN'), () => undefined);

describe('engine level alerts', () => {
	it('triggers a stop-loss on a real position when a bar file crossing it is imported', async () => {
		const { engine, tradeId } = await realLong();
		const set = await engine.addLevelAlert('real', {
			symbol: 'RIVN',
			target: { kind: 'trade', tradeId },
			spec: { kind: 'stop-loss', unit: 'price', value: 13.28 }
		});
		expect(set).toMatchObject({
			status: 'armed',
			level: { kind: 'stop-loss', price: 13.28, direction: 'down' },
			target: { kind: 'trade', tradeId, quantity: 100 },
			armedFrom: ny(14, 45) + 30_000
		});
		expect(await engine.levelEvents('real', 0)).toEqual([]);

		expect(await importBars(engine)).toMatchObject({ ok: true });
		const [event] = await engine.levelEvents('real', 0);
		// 14:46–14:48 stay above; the 14:49 bar's low is 13.28: one file, medium confidence.
		expect(event).toMatchObject({
			id: set.id,
			status: 'triggered',
			eventSeq: 1_760_400_000_000,
			trigger: { time: ny(14, 49), reached: 13.28, seenIn: 'RIVN.csv' }
		});
		expect(event!.trigger!.validated).toMatchObject({
			price: 13.29,
			confidence: 'medium',
			reasons: ['single source: RIVN.csv']
		});
		// Triggered once: another file of the same bars adds no event.
		await importBars(engine, 'RIVN-tv.csv');
		expect((await engine.levelEvents('real', 1_760_400_000_000)).length).toBe(0);
	});

	it('measures a take-profit in R from the trade stop, and refuses R without one', async () => {
		const { engine, tradeId } = await realLong();
		const spec = { kind: 'take-profit' as const, unit: 'r' as const, value: 1 };
		await expect(
			engine.addLevelAlert('real', { symbol: 'RIVN', target: { kind: 'trade', tradeId }, spec })
		).rejects.toThrow(
			'Alert not set: a level in R needs the position’s initial stop (1 R = |entry − stop|).'
		);
		await engine.saveAnnotation('real', {
			tradeId,
			notes: '',
			tags: [],
			strategy: '',
			mistakes: [],
			risk: { kind: 'stop', price: 13.3 }
		});
		const set = await engine.addLevelAlert('real', {
			symbol: 'RIVN',
			target: { kind: 'trade', tradeId },
			spec
		});
		// 1 R = 13.34 − 13.30 = 0.04: the target is 13.38.
		expect(set.level.price).toBe(13.38);
		await importBars(engine);
		// 14:46's high 13.40 reaches it.
		expect((await engine.levelEvents('real', 0))[0]!.trigger).toMatchObject({
			time: ny(14, 46),
			reached: 13.4
		});
	});

	it('keeps a crossing the sources disagree on as a doubt, and triggers when a later file agrees with the mark', async () => {
		const engine = createEngineApi({ now: () => 1_760_400_000_000 });
		await importBars(engine);
		const cross = await engine.addLevelAlert('real', {
			symbol: 'RIVN',
			target: { kind: 'symbol' },
			spec: { kind: 'cross-above', unit: 'price', value: 13.9 }
		});
		expect(cross).toMatchObject({ armedFrom: ny(15, 10), reference: { entry: 13.36 }, status: 'armed' });
		// A mark of 13.95 at 15:11 crosses, but the file's 13.36 a minute before disagrees: a doubt.
		const changed = await engine.addPriceMark('real', { symbol: 'RIVN', price: 13.95, time: ny(15, 11) });
		expect(changed).toHaveLength(1);
		expect(changed[0]).toMatchObject({ status: 'armed', trigger: null, eventSeq: 1_760_400_000_000 });
		expect(changed[0]!.doubts.map((d) => [d.time, d.seenIn, d.validated.confidence])).toEqual([
			[ny(15, 11), 'manual mark', 'low']
		]);
		// A later file's 15:12 bar reaches 14.00: it and the mark agree, the old file is dropped as the odd one.
		const later =
			'Datetime,Open,High,Low,Close,Adj Close,Volume\n2025-10-13 15:12:00-04:00,13.90,14.00,13.88,13.96,13.96,90000\n';
		expect(await importBars(engine, 'RIVN-later.csv', later)).toMatchObject({ ok: true });
		const [event] = await engine.levelEvents('real', 1_760_400_000_000);
		expect(event).toMatchObject({
			status: 'triggered',
			eventSeq: 1_760_400_000_000 + 1,
			trigger: { time: ny(15, 12), reached: 14, seenIn: 'RIVN-later.csv' }
		});
		expect(event!.doubts).toHaveLength(1);
		// The move from 13.36 is a jump of many ATRs: high steps down to medium, still enough to trigger.
		expect(event!.trigger!.validated).toMatchObject({
			price: 13.955,
			confidence: 'medium',
			used: ['RIVN-later.csv', 'manual mark'],
			dropped: 'RIVN.csv'
		});
		expect(event!.trigger!.validated.reasons.at(-1)).toMatch(
			/^jump of \d+\.\d ATR from the previous close 13\.36 \(limit 3 ATR\)$/
		);
		await expect(
			engine.addPriceMark('real', { symbol: 'RIVN', price: -1, time: ny(15, 12) })
		).rejects.toThrow('Mark not kept: the price must be a number above zero, is -1.');
		expect(await engine.cancelLevelAlert('real', cross.id)).toBe(false);
	});

	it('cancels an armed level once', async () => {
		const engine = createEngineApi({ now: () => 1_760_400_000_000 });
		await importBars(engine);
		const cross = await engine.addLevelAlert('real', {
			symbol: 'RIVN',
			target: { kind: 'symbol' },
			spec: { kind: 'cross-below', unit: 'percent', value: 10 }
		});
		expect(cross.level.price).toBe(12.02);
		expect(await engine.cancelLevelAlert('real', cross.id)).toBe(true);
		expect(await engine.cancelLevelAlert('real', cross.id)).toBe(false);
		expect((await engine.levelAlerts('real')).map((r) => r.status)).toEqual(['cancelled']);
	});

	it('gives a symbol’s price at a time from every source, with its confidence', async () => {
		const engine = createEngineApi({ now: () => 1_760_400_000_000 });
		await importBars(engine);
		await engine.addPriceMark('real', { symbol: 'RIVN', price: 13.39, time: ny(15, 0) });
		const price = await engine.priceAt('real', 'RIVN', ny(15, 0));
		expect(price.price).toBeCloseTo(13.385, 10);
		expect(price).toMatchObject({
			symbol: 'RIVN',
			confidence: 'high',
			used: ['RIVN.csv', 'manual mark']
		});
	});
	it('numbers events past any a tab has seen, even after an older backup is restored', async () => {
		let clock = 1_760_400_000_000;
		const engine = createEngineApi({ now: () => clock });
		await importBars(engine);
		await engine.addLevelAlert('real', {
			symbol: 'RIVN',
			target: { kind: 'symbol' },
			spec: { kind: 'cross-above', unit: 'price', value: 13.9 }
		});
		const mark = (price: number, minute: number) =>
			engine.addPriceMark('real', { symbol: 'RIVN', price, time: ny(15, minute) });
		const [first] = await mark(13.95, 11);
		const backup = await engine.exportBackup('real');
		clock += 60_000;
		const [second] = await mark(13.96, 12);
		// A tab notified up to the second event; then the older backup comes back.
		const seen = second!.eventSeq;
		expect(seen).toBeGreaterThan(first!.eventSeq);
		const restored = await engine.restoreBackup('real', new File([backup.blob], 'backup.json'), {});
		expect(restored).toMatchObject({ ok: true });
		clock += 60_000;
		const [third] = await mark(13.97, 13);
		expect(third!.eventSeq).toBeGreaterThan(seen);
		expect((await engine.levelEvents('real', seen)).map((r) => r.eventSeq)).toEqual([third!.eventSeq]);
	});
});
