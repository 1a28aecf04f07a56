import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChartBars, PaperDesk } from '$workers/contract';

const fake = vi.hoisted(() => ({
	paperOpen: vi.fn(),
	paperStep: vi.fn(),
	paperRewind: vi.fn(),
	paperRewindTo: vi.fn(),
	paperUndo: vi.fn(),
	paperSessions: vi.fn()
}));
vi.mock('./engine', () => ({ engine: fake }));

const { PaperState } = await import('./paper.svelte');

const MIN = 60_000;
/** 2025-03-03 09:30 New York. */
const OPEN = Date.UTC(2025, 2, 3, 14, 30);

/** Minute bars `from` … `to` − 1 (bar i opens at 100 + i, high 100.5 + i, low 99.5 + i, closes 100.25 + i). */
function bars(from: number, to: number): ChartBars {
	const column = (f: (i: number) => number) =>
		Float64Array.from({ length: to - from }, (_, k) => f(from + k));
	return {
		time: column((i) => OPEN + i * MIN),
		open: column((i) => 100 + i),
		high: column((i) => 100.5 + i),
		low: column((i) => 99.5 + i),
		close: column((i) => 100.25 + i),
		volume: column(() => 10)
	};
}

/** A running SPY desk at `cursor` of 30 bars sending bars from `from`; with `qqq`, QQQ's chart too (the same bars). */
function desk(cursor: number, from = 0, qqq = false): PaperDesk {
	const primary = bars(from, cursor);
	return {
		session: { id: 'a', symbol: 'SPY', status: 'running', cursor, bars: 30 },
		timeframeMs: MIN,
		view: {
			readOnly: null,
			orders: [],
			executions: [],
			equity: [],
			rejections: [],
			account: { positions: [] },
			now: cursor ? OPEN + (cursor - 1) * MIN : null
		},
		revision: cursor,
		barsFrom: from,
		bars: primary,
		charts: qqq
			? [
					{ symbol: 'SPY', barsFrom: from, bars: primary },
					{ symbol: 'QQQ', barsFrom: from, bars: bars(from, cursor) }
				]
			: undefined
	} as unknown as PaperDesk;
}

beforeEach(() => {
	for (const f of Object.values(fake)) f.mockReset();
});

describe('PaperState replay controls', () => {
	it('steps back one bar: asks the engine for cursor − 1 and holds the fewer bars it sends again', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(5));
		await paper.open('a');
		fake.paperRewind.mockResolvedValue(desk(4));
		await paper.stepBack();
		expect(fake.paperRewind).toHaveBeenCalledWith('a', 4);
		expect(paper.view.desk!.bars.time.length).toBe(4);
		expect(paper.view.message).toEqual({ tone: 'ok', text: 'Back at bar 4' });
		// A step after it appends from bar 4.
		fake.paperStep.mockResolvedValue(desk(5, 4));
		await paper.step();
		expect(fake.paperOpen).toHaveBeenCalledTimes(1);
		expect(Array.from(paper.view.desk!.bars.close)).toEqual(Array.from(bars(0, 5).close));
	});

	it('refuses a step back at the first bar without asking the engine, and shows why an undo was refused', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(0));
		await paper.open('a');
		await paper.stepBack();
		expect(fake.paperRewind).not.toHaveBeenCalled();
		expect(paper.view.message).toEqual({
			tone: 'error',
			text: 'At the first bar: there is nothing to step back to'
		});
		fake.paperUndo.mockRejectedValue(
			new Error('Nothing to undo: no order was placed, changed or cancelled at this bar')
		);
		await paper.undo();
		expect(paper.view.message).toEqual({
			tone: 'error',
			text: 'Nothing to undo: no order was placed, changed or cancelled at this bar'
		});
	});

	it('goes back to a wall time in the display zone, and refuses text that is no time', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(10));
		await paper.open('a');
		fake.paperRewindTo.mockResolvedValue(desk(3));
		await paper.jumpBackTo('2025-03-03Tnoon');
		expect(paper.view.message).toEqual({
			tone: 'error',
			text: '"2025-03-03Tnoon" is not a date and time to go back to'
		});
		await paper.jumpBackTo('2025-03-03T09:32');
		expect(fake.paperRewindTo).toHaveBeenCalledTimes(1);
		expect(paper.view.desk!.session.cursor).toBe(3);
	});

	it('holds every symbol’s chart, appending each step’s bars', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(3, 0, true));
		await paper.open('a');
		fake.paperStep.mockResolvedValue(desk(5, 3, true));
		await paper.step(2);
		expect(paper.symbols).toEqual(['SPY', 'QQQ']);
		expect(paper.view.desk!.charts!.map((c) => [c.symbol, c.barsFrom, c.bars.time.length])).toEqual([
			['SPY', 0, 5],
			['QQQ', 0, 5]
		]);
		expect(paper.lastPriceOf('QQQ')).toBe(104.25);
		expect(paper.chartBars('IWM')).toBeNull();
	});

	it('shows and trades one symbol at a time: the first until another is chosen, never one the session lacks', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(3, 0, true));
		await paper.open('a');
		expect(paper.activeSymbol).toBe('SPY');
		paper.setActiveSymbol('QQQ');
		expect(paper.activeSymbol).toBe('QQQ');
		paper.setActiveSymbol('IWM');
		expect(paper.activeSymbol).toBe('QQQ');
		expect(paper.view.message).toEqual({ tone: 'error', text: 'This session does not replay IWM' });
		paper.reset();
		expect(paper.activeSymbol).toBeNull();
	});

	it('shows a higher timeframe without look-ahead: the forming bar is made of revealed bars only', async () => {
		const paper = new PaperState();
		fake.paperOpen.mockResolvedValue(desk(7));
		await paper.open('a');
		expect(paper.timeframes).toEqual(['5m', '15m', '30m', '1h', '1D']);
		paper.setTimeframe('5m');
		const chart = paper.chartAt('SPY')!;
		expect(chart.forming).toBe(true);
		// 09:30–09:34, then 09:35–09:36 of the forming bar: its high is 09:36's, not a later bar's.
		expect(Array.from(chart.bars.time)).toEqual([OPEN, OPEN + 5 * MIN]);
		expect(Array.from(chart.bars.high)).toEqual([104.5, 106.5]);
		expect(Array.from(chart.bars.close)).toEqual([104.25, 106.25]);
		paper.setTimeframe(null);
		expect(paper.chartAt('SPY')!.bars.time.length).toBe(7);
		paper.setTimeframe('1D');
		paper.reset();
		expect(paper.timeframe).toBeNull();
	});
});
