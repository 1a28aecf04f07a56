import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperDesk } from '$workers/contract';

const fake = vi.hoisted(() => ({
	paperOpen: vi.fn(),
	paperStep: vi.fn(),
	paperAct: vi.fn(),
	paperStart: vi.fn(),
	paperSessions: vi.fn()
}));
vi.mock('./engine', () => ({ engine: fake }));

const { PaperState } = await import('./paper.svelte');

/**
 * A running session's desk with the cursor at `cursor` of 10 bars, sending the revealed bars from
 * `from` on (bar i closes at 100 + i).
 */
function desk(id: string, cursor = 0, from = 0): PaperDesk {
	const column = (k: number) => Float64Array.from({ length: cursor - from }, (_, i) => k + from + i);
	return {
		session: { id, symbol: 'SPY', status: 'running', cursor, bars: 10 },
		view: { readOnly: null, orders: [], account: { positions: [] } },
		barsFrom: from,
		bars: {
			time: column(0),
			open: column(100),
			high: column(100),
			low: column(100),
			close: column(100),
			volume: column(0)
		}
	} as unknown as PaperDesk;
}

/** A promise and the function that settles it, to answer an engine call when the test says. */
function later<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
	let resolve!: (value: T) => void;
	const promise = new Promise<T>((r) => (resolve = r));
	return { promise, resolve };
}

/** Session 'a' open on a new desk, with the engine's answer to the next step held until `step.resolve`. */
async function openWithStepHeld() {
	const paper = new PaperState();
	fake.paperOpen.mockResolvedValue(desk('a'));
	await paper.open('a');
	const step = later<PaperDesk>();
	fake.paperStep.mockReturnValue(step.promise);
	return { paper, step };
}

beforeEach(() => {
	for (const f of Object.values(fake)) f.mockReset();
});

describe('PaperState', () => {
	it('sends an order at once while a step is in flight (the engine applies them in the order sent)', async () => {
		const { paper, step } = await openWithStepHeld();
		const act = later<{ outcome: { ok: true }; desk: PaperDesk }>();
		fake.paperAct.mockReturnValue(act.promise);
		const stepping = paper.step(1);
		const cancelling = paper.cancel('o1');
		await Promise.resolve();
		expect(fake.paperAct).toHaveBeenCalledWith('a', { kind: 'cancel', at: 0, orderId: 'o1' });
		// The engine answers in the order asked: the step, then the order (revealing nothing more).
		step.resolve(desk('a', 1));
		act.resolve({ outcome: { ok: true }, desk: desk('a', 1, 1) });
		await Promise.all([stepping, cancelling]);
		expect(paper.view.message).toEqual({ tone: 'ok', text: 'Cancelled o1' });
		expect(paper.view.desk?.session.cursor).toBe(1);
	});

	it('appends the bars a step sends to those it holds; bars that do not follow on open the session again', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk('a', 3));
		await paper.open('a');
		fake.paperStep.mockResolvedValue(desk('a', 5, 3));
		await paper.step(2);
		expect(Array.from(paper.view.desk!.bars.close)).toEqual([100, 101, 102, 103, 104]);
		// Another tab stepped meanwhile: this answer starts at bar 7, not 5.
		fake.paperStep.mockResolvedValue(desk('a', 8, 7));
		fake.paperOpen.mockResolvedValue(desk('a', 8));
		await paper.step(1);
		await vi.waitFor(() => expect(paper.view.desk!.bars.close).toHaveLength(8));
		expect(fake.paperOpen).toHaveBeenCalledTimes(2);
		expect(Array.from(paper.view.desk!.bars.close)).toEqual([100, 101, 102, 103, 104, 105, 106, 107]);
	});

	it('drops the answer to a step of a session the desk has left', async () => {
		const { paper, step } = await openWithStepHeld();
		const stepping = paper.step(1);
		paper.close();
		step.resolve(desk('a', 1));
		await stepping;
		expect(paper.view.desk).toBeNull();
	});

	it('refuses to start before the first day or with the last day before it, without asking the engine', async () => {
		const paper = new PaperState();
		const form = { symbol: 'SPY', broker: {} };
		expect(await paper.start({ ...form, fromDay: '', toDay: '2024-01-02' })).toMatch(/^Pick a first/);
		expect(await paper.start({ ...form, fromDay: '2024-01-03', toDay: '2024-01-02' })).toMatch(
			/^Pick a first/
		);
		expect(fake.paperStart).not.toHaveBeenCalled();
		fake.paperStart.mockResolvedValue(desk('b'));
		fake.paperSessions.mockResolvedValue([]);
		expect(await paper.start({ ...form, fromDay: '2024-01-02', toDay: '2024-01-02' })).toBeNull();
		const request = fake.paperStart.mock.calls[0]![0] as { from: number; to: number };
		// One New York day: midnight EST (05:00 UTC) to the next midnight.
		expect(new Date(request.from).toISOString()).toBe('2024-01-02T05:00:00.000Z');
		expect(request.to - request.from).toBe(86_400_000);
		expect(paper.id).toBe('b');
	});

	it('reset() leaves nothing open and drops answers in flight', async () => {
		const paper = new PaperState();
		const open = later<PaperDesk>();
		fake.paperOpen.mockReturnValue(open.promise);
		const opening = paper.open('a');
		paper.setSpeed(25);
		paper.reset();
		open.resolve(desk('a'));
		await opening;
		expect([paper.view.desk, paper.view.speed, paper.view.message]).toEqual([null, 5, null]);
	});
});
