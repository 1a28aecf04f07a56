import { describe, expect, it, vi } from 'vitest';
import type { ScanRun, ScanScheduleRow, ScanSignal } from '$workers/contract';
import { scanNotice, startScanRunner, type ScanNotice, type Timer } from './scan-runner';

/** A timer driven by the test: `advance` fires each interval due in the time passed. */
function fakeTimer() {
	let now = 0;
	const intervals = new Map<number, { run: () => void; ms: number; next: number }>();
	let ids = 0;
	const timer: Timer = {
		setInterval(run, ms) {
			intervals.set(++ids, { run, ms, next: now + ms });
			return ids;
		},
		clearInterval(handle) {
			intervals.delete(handle as number);
		}
	};
	async function advance(ms: number) {
		const end = now + ms;
		for (;;) {
			const due = [...intervals.values()].filter((i) => i.next <= end).sort((a, b) => a.next - b.next)[0];
			if (!due) break;
			now = due.next;
			due.next += due.ms;
			due.run();
			await flush();
		}
		now = end;
	}
	return { timer, advance, intervals, now: () => now };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

const BUY: ScanSignal = {
	symbol: 'SPY',
	timeframeLabel: '1D',
	time: Date.UTC(2020, 10, 10),
	decision: 'BUY',
	confidence: 0.5,
	entry: 354.04,
	stop: 341.3,
	target: 379.52,
	placed: { sessionId: 's1', orderIds: ['o1', 'o2', 'o3'] }
};

function row(runs: ScanRun[]): ScanScheduleRow {
	return {
		id: 'a',
		name: 'SPY every 5 min',
		timing: { kind: 'every', minutes: 5 },
		params: {},
		symbols: ['SPY'],
		timeframe: null,
		placeOrders: { quantity: 10 },
		enabled: true,
		createdAt: 0,
		lastSlot: runs[0]?.slot ?? null,
		runs,
		seen: {}
	};
}

describe('the scheduled scans runner', () => {
	it('asks at once and every 20 s with the desk session, and tells each run with new signals once', async () => {
		const clock = fakeTimer();
		const slot = 300_000;
		const ran: ScanRun = {
			slot,
			at: slot + 1000,
			kind: 'ran',
			message: '1 new signal, 1 placed',
			signals: [BUY]
		};
		// The engine answers the run at the first ask after the slot, then nothing (the slot ran).
		const runDue = vi.fn((_session: string | null) =>
			Promise.resolve(clock.now() === 20_000 ? [row([ran])] : [])
		);
		const notices: ScanNotice[] = [];
		const ranRows: ScanScheduleRow[][] = [];
		const runner = startScanRunner({
			runDue,
			sessionId: () => Promise.resolve('s1'),
			notify: (n) => void notices.push(n),
			ran: (rows) => ranRows.push(rows),
			timer: clock.timer
		});
		await flush();
		expect(runDue).toHaveBeenCalledTimes(1);
		expect(runDue).toHaveBeenLastCalledWith('s1');
		await clock.advance(19_999);
		expect(runDue).toHaveBeenCalledTimes(1);
		await clock.advance(1);
		expect(runDue).toHaveBeenCalledTimes(2);
		expect(notices).toEqual([
			{ title: 'SPY every 5 min: 1 new signal', body: 'BUY SPY 1D 2020-11-10, placed' }
		]);
		expect(ranRows).toHaveLength(1);
		await clock.advance(60_000);
		expect(runDue).toHaveBeenCalledTimes(5);
		expect(notices).toHaveLength(1);
		runner.stop();
		expect(clock.intervals.size).toBe(0);
		await clock.advance(60_000);
		expect(runDue).toHaveBeenCalledTimes(5);
	});

	it('tells the same run once even when it is answered twice, asks again when the page is shown, and one ask at a time', async () => {
		const clock = fakeTimer();
		const ran: ScanRun = {
			slot: 1,
			at: 2,
			kind: 'ran',
			message: '1 new signal',
			signals: [{ ...BUY, placed: null }]
		};
		let answer!: (rows: ScanScheduleRow[]) => void;
		const runDue = vi.fn(() => new Promise<ScanScheduleRow[]>((r) => (answer = r)));
		let shown: () => void = () => {};
		const notify = vi.fn();
		startScanRunner({
			runDue,
			sessionId: () => Promise.resolve(null),
			notify,
			timer: clock.timer,
			onVisible: (cb) => ((shown = cb), () => {})
		});
		await flush();
		shown();
		await flush();
		// Still the first ask: a second is not started over it.
		expect(runDue).toHaveBeenCalledTimes(1);
		answer([row([ran])]);
		await flush();
		shown();
		await flush();
		expect(runDue).toHaveBeenCalledTimes(2);
		expect(runDue).toHaveBeenLastCalledWith(null);
		answer([row([ran])]);
		await flush();
		expect(notify).toHaveBeenCalledTimes(1);
		expect(notify).toHaveBeenCalledWith({
			title: 'SPY every 5 min: 1 new signal',
			body: 'BUY SPY 1D 2020-11-10'
		});
	});

	it('keeps going after a failed ask, and tells it', async () => {
		const clock = fakeTimer();
		const runDue = vi.fn().mockRejectedValueOnce(new Error('engine busy')).mockResolvedValue([]);
		const failed = vi.fn();
		startScanRunner({
			runDue,
			sessionId: () => Promise.resolve(null),
			notify: vi.fn(),
			failed,
			timer: clock.timer,
			every: 25_000
		});
		await flush();
		expect(failed).toHaveBeenCalledWith(new Error('engine busy'));
		await clock.advance(25_000);
		expect(runDue).toHaveBeenCalledTimes(2);
	});

	it('pushes nothing for a run with no new signal, a missed or a failed slot; says why one was not placed', () => {
		const base = { slot: 1, at: 2, signals: [] };
		expect(scanNotice('x', { ...base, kind: 'ran', message: '0 new signals' }, 'UTC')).toBeNull();
		expect(scanNotice('x', { ...base, kind: 'missed', message: 'missed' }, 'UTC')).toBeNull();
		expect(scanNotice('x', { ...base, kind: 'failed', message: 'boom' }, 'UTC')).toBeNull();
		const hourly = {
			...BUY,
			timeframeLabel: '1h',
			time: Date.UTC(2020, 10, 10, 15, 30),
			placed: { refused: 'no paper session is open on the desk' }
		};
		expect(
			scanNotice(
				'x',
				{ ...base, kind: 'ran', message: '', signals: [hourly, { ...BUY, decision: 'SELL', placed: null }] },
				'America/New_York'
			)
		).toEqual({
			title: 'x: 2 new signals',
			body: 'BUY SPY 1h 2020-11-10 10:30, not placed: no paper session is open on the desk\nSELL SPY 1D 2020-11-10'
		});
	});
});
