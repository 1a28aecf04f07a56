import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { allRulesOff } from '$lib/core/risk';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from './engine-api';
import { barsRequest } from '../tests/support/paper-day';
import type { ScanScheduleInput } from './contract';

afterEach(() => Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]));

const SPY = readFileSync('tests/fixtures/public/yahoo_SPY_daily_mplfinance.csv', 'utf8');
const [HEADER, ...ROWS] = SPY.trim().split('\n');
const PARAMS = { confirmation: { minGroups: 2 } };
const MIN = 60_000;
/** Monday 2026-12-07 14:00 UTC: a slot of every 5 minutes. */
const T0 = Date.UTC(2026, 11, 7, 14, 0);

let clock = T0;
const engineAt = () => createEngineApi({ now: () => clock });

/** The SPY rows up to and including the date of the first BUY signal that has later signals. */
async function splitAtSignal() {
	const probe = engineAt();
	await probe.importFile('paper', 'all', new File([SPY], 'SPY.csv'), barsRequest('SPY'), () => {});
	const [run] = await probe.runSignals('paper', {
		symbols: ['SPY'],
		timeframe: null,
		params: PARAMS,
		zone: 'UTC'
	});
	const buy = run!.signals.find(
		(s, i) => s.decision === 'BUY' && run!.signals.slice(i + 1).some((l) => l.decision !== 'HOLD')
	)!;
	const later = run!.signals.filter(
		(s) => s.time > buy.time && (s.decision === 'BUY' || s.decision === 'SELL')
	);
	await probe.close();
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
	const day = new Date(buy.time).toISOString().slice(0, 10);
	const cut = ROWS.findIndex((r) => r.startsWith(day)) + 1;
	return {
		buy,
		later,
		first: [HEADER, ...ROWS.slice(0, cut)].join('\n'),
		rest: [HEADER, ...ROWS.slice(cut)].join('\n')
	};
}

const SCHEDULE: ScanScheduleInput = {
	name: 'SPY every 5 min',
	timing: { kind: 'every', minutes: 5 },
	params: PARAMS,
	symbols: ['SPY'],
	timeframe: null,
	placeOrders: { quantity: 10 },
	enabled: true
};

describe('engine scheduled scans', () => {
	it('runs a due slot once, places its new signal on the desk with the signal as origin, and finds later ones next time', async () => {
		clock = T0;
		const { buy, later, first, rest } = await splitAtSignal();
		const engine = engineAt();
		await engine.importFile('paper', 'first', new File([first], 'SPY-1.csv'), barsRequest('SPY'), () => {});
		const desk = await engine.paperStart('paper', {
			symbol: 'SPY',
			from: Date.UTC(2020, 8, 1),
			to: Date.UTC(2021, 0, 13),
			broker: { startingCash: 100_000 },
			risk: allRulesOff()
		});
		await engine.paperStep('paper', desk.session.id, 1);
		const schedule = await engine.saveScanSchedule('paper', SCHEDULE);
		expect(await engine.runDueScans('paper', { sessionId: desk.session.id })).toEqual([]);

		clock = T0 + 5 * MIN + 20_000;
		const [ran] = await engine.runDueScans('paper', { sessionId: desk.session.id });
		const [run] = ran!.runs;
		expect(run).toMatchObject({ slot: T0 + 5 * MIN, kind: 'ran', message: '1 new signal, 1 placed' });
		expect(run!.signals).toEqual([
			expect.objectContaining({
				symbol: 'SPY',
				time: buy.time,
				decision: 'BUY',
				placed: { sessionId: desk.session.id, orderIds: ['o1', 'o2', 'o3'] }
			})
		]);
		// The same slot again (another tab's timer): nothing.
		expect(await engine.runDueScans('paper', { sessionId: desk.session.id })).toEqual([]);
		// The Signals page can tell what became of the signal: this take.
		const outcome = await engine.paperSignalOutcome('paper', {
			symbol: 'SPY',
			timeframeLabel: '1D',
			time: buy.time,
			decision: 'BUY'
		});
		expect(outcome).toHaveLength(1);
		expect(outcome[0]!.source).toEqual({ kind: 'taken', edits: [] });
		expect(outcome[0]!.orders.map((o) => [o.id, o.quantity])).toEqual([
			['o1', 10],
			['o2', 0],
			['o3', 0]
		]);

		// The rest of the bars arrive; the next slot finds the signals after the first one.
		await engine.importFile('paper', 'rest', new File([rest], 'SPY-2.csv'), barsRequest('SPY'), () => {});
		clock = T0 + 10 * MIN;
		const [next] = await engine.runDueScans('paper', { sessionId: null });
		expect(next!.runs[0]!.signals.map((s) => [s.time, s.decision, s.placed])).toEqual(
			later.map((s) => [s.time, s.decision, { refused: 'no paper session is open on the desk' }])
		);
		expect(next!.runs).toHaveLength(2);

		expect((await engine.nextScanRuns('paper'))[0]).toEqual({ id: schedule.id, next: T0 + 15 * MIN });
	});

	it('records a slot the app was closed for as missed, and starts afresh when the timing changes', async () => {
		clock = T0;
		const engine = engineAt();
		const saved = await engine.saveScanSchedule('paper', { ...SCHEDULE, placeOrders: null });
		// 1 ms after the 35-minute slot: run (no bars yet: nothing new).
		clock = T0 + 35 * MIN + 1;
		const [ran] = await engine.runDueScans('paper', { sessionId: null });
		expect(ran!.runs[0]).toMatchObject({ slot: T0 + 35 * MIN, kind: 'ran', message: '0 new signals' });
		// Every 30 minutes from 14:56; the app is next open at 16:06, 6 minutes after the 16:00 slot.
		clock = T0 + 56 * MIN;
		await engine.saveScanSchedule('paper', {
			...SCHEDULE,
			id: saved.id,
			placeOrders: null,
			timing: { kind: 'every', minutes: 30 }
		});
		clock = T0 + 126 * MIN;
		const [missed] = await engine.runDueScans('paper', { sessionId: null });
		expect(missed!.runs[0]).toEqual({
			slot: T0 + 120 * MIN,
			at: T0 + 126 * MIN,
			kind: 'missed',
			message: 'missed: Fillbook was not open in paper mode at its time',
			signals: []
		});
		expect(await engine.runDueScans('paper', { sessionId: null })).toEqual([]);

		// Run by hand: listed at the time it ran; the timing's last slot stays.
		clock = T0 + 127 * MIN;
		const byHand = await engine.runScanNow('paper', saved.id, { sessionId: null });
		expect(byHand.runs[0]).toMatchObject({ slot: T0 + 127 * MIN, at: T0 + 127 * MIN, kind: 'ran' });
		expect(byHand.lastSlot).toBe(T0 + 120 * MIN);
	});

	it('refuses a schedule that cannot run, with why', async () => {
		const engine = engineAt();
		await expect(
			engine.saveScanSchedule('paper', { ...SCHEDULE, timing: { kind: 'every', minutes: 0 } })
		).rejects.toThrow('Schedule not saved: every must be a whole number of minutes from 1 to 1440, is 0.');
		await expect(engine.saveScanSchedule('real', SCHEDULE)).rejects.toThrow(
			'Schedule not saved: orders are placed only in paper mode.'
		);
		await expect(
			engine.saveScanSchedule('paper', { ...SCHEDULE, placeOrders: { quantity: 1.5 } })
		).rejects.toThrow('Schedule not saved: the quantity to place must be a whole number ≥ 1, is 1.5.');
	});
});
