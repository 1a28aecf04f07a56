import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PaperDesk } from '$workers/contract';
import { instrumentFor } from '$lib/core/instruments';

const fake = vi.hoisted(() => ({
	paperOpen: vi.fn(),
	paperStep: vi.fn(),
	paperAct: vi.fn(),
	paperStart: vi.fn(),
	paperSessions: vi.fn(),
	paperStop: vi.fn(),
	setPaperRiskDefaults: vi.fn(),
	instrumentOf: vi.fn()
}));
vi.mock('./engine', () => ({ engine: fake }));

const { PaperState } = await import('./paper.svelte');
const { instrumentsInEffect } = await import('./instruments.svelte');

/**
 * A running session's desk with the cursor at `cursor` of 10 bars, sending the revealed bars from
 * `from` on (bar i closes at 100 + i).
 */
function desk(id: string, cursor = 0, from = 0): PaperDesk {
	const column = (k: number) => Float64Array.from({ length: cursor - from }, (_, i) => k + from + i);
	return {
		session: { id, symbol: 'SPY', status: 'running', cursor, bars: 10 },
		view: {
			readOnly: null,
			orders: [],
			executions: [],
			equity: [],
			rejections: [],
			account: { positions: [], equityCents: 10_000_000 }
		},
		revision: cursor,
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
	// The engine's catalogue answers as the starter list and the rules do.
	fake.instrumentOf.mockImplementation((symbol: string) => Promise.resolve(instrumentFor(symbol)));
	instrumentsInEffect.forget();
});

describe('PaperState', () => {
	it('sends an order at once while a step is in flight (the engine applies them in the order sent)', async () => {
		const { paper, step } = await openWithStepHeld();
		const act = later<{ outcome: { ok: true }; desk: PaperDesk }>();
		fake.paperAct.mockReturnValue(act.promise);
		const stepping = paper.step(1);
		const cancelling = paper.cancel('o1');
		await Promise.resolve();
		expect(fake.paperAct).toHaveBeenCalledWith(
			'a',
			{ kind: 'cancel', at: 0, orderId: 'o1' },
			expect.anything()
		);
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

	it('keeps the ticket in the desk: what was typed is there when the ticket is drawn again', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk('a', 3));
		await paper.open('a');
		paper.setTicket({ quantity: 10 });
		expect(paper.view.ticket.quantity).toBe(10);
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: desk('a', 3, 3) });
		expect(await paper.submitTicket('buy')).toBe(true);
		expect(fake.paperAct).toHaveBeenCalledWith(
			'a',
			{
				kind: 'submit',
				at: 0,
				submission: {
					orderClass: 'single',
					order: { symbol: 'SPY', side: 'buy', quantity: 10, type: 'market', timeInForce: 'day' }
				}
			},
			expect.anything()
		);
		expect(paper.view.message).toEqual({ tone: 'ok', text: 'Placed: Buy 10 SPY market' });
		expect(paper.view.lastQuantity).toBe(10);
	});

	it('puts a price picked on the chart into the ticket, on the tick: a limit or a stop by side', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk('a', 3));
		await paper.open('a');
		// The last close is 102.
		paper.pickPrice(101.234567);
		expect([paper.view.ticket.type, paper.view.ticket.pickedPrice]).toEqual(['at_price', 101.23]);
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: desk('a', 3, 3) });
		await paper.submitTicket('buy');
		expect(paper.view.message?.text).toBe('Placed: Buy 100 SPY limit 101.23');
		await paper.submitTicket('sell');
		expect(paper.view.message?.text).toBe('Placed: Sell 100 SPY stop 101.23');
	});

	it('stops by flattening: the flatten, a bar for its close, then the stop; the message says so', async () => {
		const paper = new PaperState();
		const holding = desk('a', 3);
		const order = { id: 'o2', status: 'accepted' };
		Object.assign(holding.view, {
			orders: [order],
			account: { positions: [{ symbol: 'SPY', quantity: 100 }], equityCents: 1 }
		});
		fake.paperOpen.mockResolvedValue(holding);
		await paper.open('a');
		const closing = desk('a', 3, 3);
		Object.assign(closing.view, { orders: [order, { id: 'o3', status: 'accepted' }] });
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: closing });
		fake.paperStep.mockResolvedValue(desk('a', 4, 3));
		const stopped = desk('a', 4, 4);
		stopped.session.status = 'stopped';
		fake.paperStop.mockResolvedValue(stopped);
		fake.paperSessions.mockResolvedValue([]);
		await paper.stop();
		expect(fake.paperAct.mock.calls).toEqual([['a', { kind: 'flatten', at: 0 }, expect.anything()]]);
		expect(fake.paperStep).toHaveBeenCalledWith('a', 1, expect.anything());
		expect(fake.paperStop).toHaveBeenCalledWith('a');
		expect(paper.view.message?.text).toBe('Stopped: 1 working order cancelled; 100 SPY closed');
	});

	it('stops leaving the position open: cancels what works, one by one, and says what stays open', async () => {
		const paper = new PaperState();
		const holding = desk('a', 3);
		const position = { positions: [{ symbol: 'SPY', quantity: -50 }], equityCents: 1 };
		Object.assign(holding.view, {
			orders: [
				{ id: 'o2', status: 'accepted' },
				{ id: 'o3', status: 'new' }
			],
			account: position
		});
		fake.paperOpen.mockResolvedValue(holding);
		await paper.open('a');
		const oneLeft = desk('a', 3, 3);
		Object.assign(oneLeft.view, { orders: [{ id: 'o3', status: 'accepted' }], account: position });
		const none = desk('a', 3, 3);
		Object.assign(none.view, { account: position });
		fake.paperAct
			.mockResolvedValueOnce({ outcome: { ok: true }, desk: oneLeft })
			.mockResolvedValueOnce({ outcome: { ok: true }, desk: none });
		const stopped = desk('a', 3, 3);
		Object.assign(stopped.view, { account: position });
		stopped.session.status = 'stopped';
		fake.paperStop.mockResolvedValue(stopped);
		fake.paperSessions.mockResolvedValue([]);
		await paper.stop('leave_open');
		expect(fake.paperAct.mock.calls.map((c) => (c[1] as { orderId: string }).orderId)).toEqual(['o2', 'o3']);
		expect(paper.view.message?.text).toBe(
			'Stopped: 2 working orders cancelled; 50 SPY stay open (an open trade in the journal)'
		);
	});

	it('refuses a changed order’s price off the tick with the nearest prices, and sends one on it as typed', async () => {
		const paper = new PaperState();
		const open = desk('a', 3);
		const o1 = { id: 'o1', symbol: 'SPY', status: 'accepted', limitPrice: 13.25, stopPrice: null };
		Object.assign(open.view, { orders: [o1] });
		fake.paperOpen.mockResolvedValue(open);
		await paper.open('a');
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: desk('a', 3, 3) });
		expect(await paper.modify('o1', { limitPrice: 13.296821 })).toBe(false);
		expect(fake.paperAct).not.toHaveBeenCalled();
		expect(paper.view.message).toEqual({
			tone: 'error',
			text: 'SPY trades in 0.01: 13.296821 is not a price; 13.29 or 13.30'
		});
		expect(await paper.modify('o1', { quantity: 2.5 })).toBe(false);
		expect(paper.view.message?.text).toBe('SPY trades in whole shares: 2.5 is not a quantity; 2 or 3');
		await paper.modify('o1', { limitPrice: 13.3 });
		expect(fake.paperAct).toHaveBeenCalledWith(
			'a',
			{ kind: 'modify', at: 0, orderId: 'o1', changes: { limitPrice: 13.3 } },
			expect.anything()
		);
		expect(paper.view.message?.text).toBe('Changed o1: limit 13.30');
	});

	it('refuses a ticket’s typed price off the instrument’s tick, naming the two nearest, and sends nothing', async () => {
		const paper = new PaperState();
		const es = {
			...desk('a', 3),
			session: { id: 'a', symbol: 'ESZ5', status: 'running', cursor: 3, bars: 10 }
		};
		fake.paperOpen.mockResolvedValue(es);
		await paper.open('a');
		paper.setTicket({ type: 'limit', limitPrice: 5012.3, quantity: 1 });
		expect(await paper.submitTicket('buy')).toBe(false);
		expect(fake.paperAct).not.toHaveBeenCalled();
		expect(paper.view.message).toEqual({
			tone: 'error',
			text: 'ES trades in 0.25: 5012.30 is not a price; 5012.25 or 5012.50'
		});
		paper.setTicket({ limitPrice: 5012.25, quantity: 1.5 });
		expect(await paper.submitTicket('buy')).toBe(false);
		expect(paper.view.message?.text).toBe('ES trades in whole contracts: 1.5 is not a quantity; 1 or 2');
		paper.setTicket({ quantity: 1 });
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: es });
		expect(await paper.submitTicket('buy')).toBe(true);
		expect(paper.view.message?.text).toBe('Placed: Buy 1 ESZ5 limit 5012.25');
	});

	it('sends a fractional crypto quantity and an ETH-BTC price to the satoshi, as typed', async () => {
		const paper = new PaperState();
		const eth = {
			...desk('a', 3),
			session: { id: 'a', symbol: 'ETH-BTC', status: 'running', cursor: 3, bars: 10 }
		};
		fake.paperOpen.mockResolvedValue(eth);
		await paper.open('a');
		expect(paper.instrument.currency).toBe('BTC');
		paper.setTicket({ type: 'limit', limitPrice: 0.05123456, quantity: 0.0001 });
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: eth });
		expect(await paper.submitTicket('sell')).toBe(true);
		expect(fake.paperAct).toHaveBeenCalledWith(
			'a',
			{
				kind: 'submit',
				at: 0,
				submission: {
					orderClass: 'single',
					order: {
						symbol: 'ETH-BTC',
						side: 'sell',
						quantity: 0.0001,
						type: 'limit',
						timeInForce: 'day',
						limitPrice: 0.05123456
					}
				}
			},
			expect.anything()
		);
		expect(paper.view.message?.text).toBe('Placed: Sell 0.0001 ETH-BTC limit 0.05123456');
	});

	it('follows the engine’s record of the instrument over the rules', async () => {
		const paper = new PaperState();
		fake.instrumentOf.mockResolvedValue({ ...instrumentFor('SPY'), lotStep: 0.001 });
		fake.paperOpen.mockResolvedValue(desk('a', 3));
		await paper.open('a');
		paper.setTicket({ type: 'market', quantity: 2.5 });
		fake.paperAct.mockResolvedValue({ outcome: { ok: true }, desk: desk('a', 3, 3) });
		expect(await paper.submitTicket('buy')).toBe(true);
		expect(paper.view.message?.text).toBe('Placed: Buy 2.5 SPY market');
	});
});
