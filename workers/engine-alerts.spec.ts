import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { signPayload, type AlertPayload } from '$lib/core/alerts';
import { dbName, FillbookDb } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest, barsText, DAY, ny } from '../tests/support/paper-day';
import type { ReceiveAlertsRequest } from './contract';
import { DAS, QUERY } from './testing';

const DAS_HEADER = 'Time,Symbol,Side,Price,Qty,Route,Broker,Account,Type,Cloid,Liq,ECNFee,P / L,';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

let clock = 1_760_000_000_000;
const now = () => clock;

async function setUp() {
	clock = 1_760_000_000_000;
	const engine = createEngineApi({ now });
	const done = await engine.importFile(
		'paper',
		'b',
		new File([barsText], 'RIVN.csv'),
		barsRequest('RIVN'),
		() => undefined
	);
	expect(done).toMatchObject({ ok: true });
	const started = await engine.paperStart('paper', DAY);
	await engine.paperStep('paper', started.session.id, 1);
	return { engine, id: started.session.id };
}

const paste = (text: string, sessionId: string | null, sourceId = 'manual'): ReceiveAlertsRequest => ({
	text,
	sourceId,
	via: 'paste',
	sessionId
});

const BUY: AlertPayload = { symbol: 'RIVN', action: 'buy', quantity: 100, id: 'tv-1' };

describe('engine alert inbox', () => {
	it('places an accepted alert on the desk, where it fills, and links the fill back to the alert', async () => {
		const { engine, id } = await setUp();
		const sources = await engine.alertSources('paper');
		expect(sources.map((s) => [s.id, s.name, s.hasSecret])).toEqual([['manual', 'Manual', false]]);

		const got = await engine.receiveAlerts('paper', paste(JSON.stringify(BUY), id));
		expect(got.format).toBe('json');
		const [record] = got.records;
		expect(record).toMatchObject({
			seq: 1,
			sourceName: 'Manual',
			signature: 'unchecked',
			verdictText: 'accepted (#1)',
			outcome: { kind: 'placed', sessionId: id, orderIds: ['o1'], text: 'Buy 100 RIVN at market' },
			orderIds: [`${id}:o1`]
		});
		// The order is the session's: it fills at the next bar's open (14:46, 13.37).
		const desk = await engine.paperStep('paper', id, 1);
		expect(desk.view.executions).toHaveLength(1);
		expect(desk.view.executions[0]).toMatchObject({
			side: 'buy',
			quantity: 100,
			time: ny(14, 46),
			price: 13.37
		});
		expect((await engine.alertsForOrders('paper', [`${id}:o1`])).map((r) => r.seq)).toEqual([1]);

		// The same alert again (same id): a duplicate, listed, and no second order.
		clock += 5_000;
		const again = await engine.receiveAlerts('paper', paste(JSON.stringify(BUY), id));
		expect(again.records[0]!.verdictText).toBe(
			'duplicate of #1 received 2025-10-09T08:53:20.000Z (the same id "tv-1")'
		);
		expect(again.records[0]).toMatchObject({
			seq: 2,
			verdict: { kind: 'duplicate', by: 'id', of: { seq: 1, receivedAt: 1_760_000_000_000 } },
			outcome: { kind: 'none' },
			orderIds: []
		});
		const reopened = await engine.paperOpen('paper', id);
		expect(reopened.view.orders).toHaveLength(1);
		expect((await engine.alertHistory('paper', { limit: 10 })).map((r) => r.seq)).toEqual([2, 1]);
	});

	it('refuses a tampered alert on a signed source with the reason, and stores the gate it moved', async () => {
		const { engine, id } = await setUp();
		const signed = await engine.saveAlertSource('paper', {
			name: 'TradingView',
			settings: { requireSignature: true, rateLimit: null, staleAfterMs: null, dedupeWindowMs: 60_000 },
			secret: 'correct horse battery'
		});
		expect(signed).toMatchObject({ hasSecret: true, accepted: 0 });
		const payload: AlertPayload = { ...BUY, quantity: 10 };
		const signature = await signPayload(payload, 'correct horse battery');
		const tampered = JSON.stringify({ ...payload, quantity: 1000, signature });
		const refused = await engine.receiveAlerts('paper', paste(tampered, id, signed.id));
		expect(refused.records[0]).toMatchObject({
			signature: 'wrong',
			verdict: { kind: 'refused', refusal: { rule: 'signature-wrong' } },
			verdictText: 'refused: the signature does not match (tampered, or signed with another secret)',
			outcome: { kind: 'none' }
		});
		const unsigned = await engine.receiveAlerts('paper', paste(JSON.stringify(payload), id, signed.id));
		expect(unsigned.records[0]!.verdict).toMatchObject({
			kind: 'refused',
			refusal: { rule: 'signature-missing' }
		});
		const good = await engine.receiveAlerts(
			'paper',
			paste(JSON.stringify({ ...payload, signature }), id, signed.id)
		);
		expect(good.records[0]).toMatchObject({
			seq: 3,
			verdictText: 'accepted (#3)',
			signature: 'valid',
			outcome: { kind: 'placed', orderIds: ['o1'] }
		});
		// The source's first accepted alert is the history's #3: a repeat names #3.
		const repeat = await engine.receiveAlerts(
			'paper',
			paste(JSON.stringify({ ...payload, signature }), id, signed.id)
		);
		expect(repeat.records[0]!.verdictText).toBe(
			'duplicate of #3 received 2025-10-09T08:53:20.000Z (the same id "tv-1")'
		);
		expect((await engine.paperOpen('paper', id)).view.orders.map((o) => o.quantity)).toEqual([10]);
		expect((await engine.alertSources('paper')).find((s) => s.id === signed.id)!.accepted).toBe(1);
	});

	it('never places an unsigned alert that came by a link or a share: it waits in the inbox', async () => {
		const { engine, id } = await setUp();
		const shared = await engine.receiveAlerts('paper', { ...paste(JSON.stringify(BUY), id), via: 'share' });
		expect(shared.records[0]).toMatchObject({
			via: 'share',
			verdictText: 'accepted (#1)',
			outcome: {
				kind: 'queued',
				reason: 'received by a link or a share without a valid signature: place it from the inbox yourself'
			}
		});
		expect((await engine.paperOpen('paper', id)).view.orders).toEqual([]);
		expect((await engine.placeQueuedAlert('paper', shared.records[0]!.id, id)).outcome).toMatchObject({
			kind: 'placed'
		});
	});

	it('queues an alert no session can take, and places it later on the session chosen', async () => {
		const { engine, id } = await setUp();
		const queued = await engine.receiveAlerts('paper', paste(JSON.stringify(BUY), null));
		expect(queued.records[0]!.outcome).toEqual({
			kind: 'queued',
			reason: 'no paper session is open on the desk'
		});
		const other = await engine.receiveAlerts(
			'paper',
			paste(JSON.stringify({ symbol: 'AAPL', action: 'buy', quantity: 5 }), id)
		);
		expect(other.records[0]!.outcome).toEqual({
			kind: 'queued',
			reason: "the desk's session replays RIVN, not AAPL"
		});
		const placed = await engine.placeQueuedAlert('paper', queued.records[0]!.id, id);
		expect(placed.outcome).toMatchObject({ kind: 'placed', orderIds: ['o1'] });
		await expect(engine.placeQueuedAlert('paper', queued.records[0]!.id, id)).rejects.toThrow(
			'This alert is not waiting for a session'
		);
	});

	it('says why an alert cannot act on the desk, and keeps every problem of a bad one', async () => {
		const { engine, id } = await setUp();
		const close = await engine.receiveAlerts(
			'paper',
			paste(JSON.stringify({ symbol: 'RIVN', action: 'close' }), id)
		);
		expect(close.records[0]!.outcome).toEqual({
			kind: 'rejected',
			sessionId: id,
			reason: 'no position in RIVN to close',
			rejection: null
		});
		const bad = await engine.receiveAlerts(
			'paper',
			paste('{"symbol":"{{ticker}}","action":"buy","quantity":-5}', id)
		);
		expect(bad.records[0]!.verdict).toMatchObject({ kind: 'refused', refusal: { rule: 'invalid' } });
		expect(bad.records[0]!.problems.map((p) => p.field)).toEqual(['symbol', 'quantity']);
		expect((await engine.paperOpen('paper', id)).view.orders).toEqual([]);
	});

	it('in real mode lists an alert on the journal trade it came before', async () => {
		// Received at 15:00 New York, five minutes after it fired (14:40); the buy was at 14:45:30.
		const engine = createEngineApi({ now: () => Date.UTC(2025, 9, 13, 19, 0) });
		const alert = { symbol: 'RIVN', action: 'buy', quantity: 100, time: '2025-10-13T18:40:00Z' };
		const got = await engine.receiveAlerts('real', paste(JSON.stringify(alert), null));
		expect(got.records[0]!.outcome).toEqual({ kind: 'noted' });
		const das = `${DAS_HEADER}\n14:45:30,RIVN,B,13.34,100,ARCA,,TRPA61247,Margin,AUTO,-,0,,\n`;
		await engine.importFile('real', 'das', new File([das], 'Trades_2025-10-13.csv'), DAS, () => undefined);
		const [trade] = (await engine.listTrades('real', QUERY)).rows;
		const near = await engine.alertsNearTrade('real', trade!.id);
		expect(near.map((r) => [r.seq, r.alert?.action, r.alert?.quantity])).toEqual([[1, 'buy', 100]]);
		expect(await engine.alertsNearTrade('real', 'no-such-trade')).toEqual([]);
	});

	it('in real mode notes an alert and never orders', async () => {
		const engine = createEngineApi({ now });
		const got = await engine.receiveAlerts('real', paste(JSON.stringify(BUY), null));
		expect(got.records[0]!.outcome).toEqual({ kind: 'noted' });
		expect(await new FillbookDb('real').paperSessions.count()).toBe(0);
	});

	it('checks a source before saving it, and never exports its secret unless asked', async () => {
		const engine = createEngineApi({ now });
		const settings = { requireSignature: false, rateLimit: null, staleAfterMs: null, dedupeWindowMs: 60_000 };
		await expect(engine.saveAlertSource('paper', { name: ' ', settings })).rejects.toThrow(
			'Source not saved: give it a name'
		);
		await expect(engine.saveAlertSource('paper', { name: 'manual', settings })).rejects.toThrow(
			'Source not saved: the name "manual" is taken'
		);
		await expect(
			engine.saveAlertSource('paper', {
				name: 'Fast',
				settings: { ...settings, rateLimit: { count: 0, perMs: 60_000 } }
			})
		).rejects.toThrow('the rate limit must allow a whole number ≥ 1 of alerts');
		await engine.saveAlertSource('paper', { name: 'TV', settings, secret: 'a-long-secret' });
		const plain = await (await engine.exportBackup('paper')).blob.text();
		expect(plain).not.toContain('a-long-secret');
		const withSecrets = await (await engine.exportBackup('paper', { includeSecrets: true })).blob.text();
		expect(withSecrets).toContain('a-long-secret');
		await expect(engine.deleteAlertSource('paper', 'manual')).resolves.toBe(true);
		const [last] = await engine.alertSources('paper');
		await expect(engine.deleteAlertSource('paper', last!.id)).rejects.toThrow(
			'The last source cannot be deleted'
		);
	});
});
