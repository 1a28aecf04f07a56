import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangePreview, TradeDetail, TradeExecution } from '$workers/contract';
import type { TradeRow } from '$lib/core/trades/query';
import { mode } from './app.svelte';
import { TradeState } from './trade.svelte';

const engine = vi.hoisted(() => ({
	tradeDetail: vi.fn(),
	tradeMatch: vi.fn(),
	tradeChart: vi.fn(),
	saveAnnotation: vi.fn(),
	previewExecutionChange: vi.fn(),
	editExecution: vi.fn(),
	revertExecution: vi.fn(),
	deleteExecutions: vi.fn(),
	alertsNearTrade: vi.fn()
}));
vi.mock('./engine', () => ({ engine }));

const T0 = Date.UTC(2025, 9, 13, 14, 0, 0);
const trade = {
	id: 't1',
	symbol: 'AAPL',
	direction: 'long',
	open: false,
	entryPrice: 150,
	quantity: 100,
	multiplier: 1,
	netPnl: 50,
	risk: null
} as TradeRow;
const execution = (id: string, side: 'buy' | 'sell', time: number): TradeExecution =>
	({ id, side, time, quantity: 100, executionQuantity: 100, price: 150, edit: null }) as TradeExecution;
const detail: TradeDetail = {
	trade,
	executions: [execution('e1', 'buy', T0), execution('e2', 'sell', T0 + 60_000)],
	costs: [],
	annotation: {
		tradeId: 't1',
		notes: 'held',
		tags: ['gap', 'news'],
		strategy: 'ORB',
		mistakes: [],
		risk: { kind: 'stop', price: 149 },
		updatedAt: 1
	}
};
const preview = (before: number, afterIds: string[]): ChangePreview => ({
	ok: true,
	symbol: 'AAPL',
	current: { time: T0, side: 'buy', quantity: 100, price: 150, commission: null, fees: null },
	next: null,
	before: Array.from({ length: before }, (_, i) => ({ ...trade, id: `b${i}` })),
	after: afterIds.map((id) => ({ ...trade, id }))
});

let gone: ReturnType<typeof vi.fn<(next: string | null) => Promise<void>>>;
let state: TradeState;

beforeEach(async () => {
	vi.clearAllMocks();
	engine.tradeDetail.mockResolvedValue(detail);
	engine.tradeMatch.mockResolvedValue(null);
	engine.tradeChart.mockResolvedValue(null);
	engine.alertsNearTrade.mockResolvedValue([]);
	gone = vi.fn(() => Promise.resolve());
	state = new TradeState(gone);
	await state.load('t1');
});

afterEach(() => mode.set('paper'));

describe('TradeState', () => {
	it('fills the journal form from what was saved and previews the typed risk', () => {
		expect(state.view.draft).toEqual({
			notes: 'held',
			tags: 'gap, news',
			strategy: 'ORB',
			mistakes: '',
			riskKind: 'stop',
			riskValue: '149'
		});
		expect(state.previewRisk).toBe(100); // 100 shares, 1.00 from entry to stop
		state.setDraft({ riskKind: 'money', riskValue: '80' });
		expect(state.previewRisk).toBe(80);
		expect(state.stopProblem).toBeNull();
		state.setDraft({ riskKind: 'stop', riskValue: '151' });
		expect(state.stopProblem).toMatch(/below its entry/);
	});

	it('refuses a risk that is not above zero and saves the form otherwise', async () => {
		state.setDraft({ riskKind: 'money', riskValue: '0' });
		await state.saveJournal();
		expect(state.view.message).toBe('Enter the initial risk as an amount above zero.');
		expect(engine.saveAnnotation).not.toHaveBeenCalled();
		engine.saveAnnotation.mockResolvedValue({ ok: true });
		state.setDraft({ riskValue: '75', tags: ' gap, ,gap, fade ', strategy: ' ORB ' });
		await state.saveJournal();
		expect(engine.saveAnnotation).toHaveBeenCalledWith({
			tradeId: 't1',
			notes: 'held',
			tags: ['gap', 'fade'],
			strategy: 'ORB',
			mistakes: [],
			risk: { kind: 'money', amount: 75 }
		});
		expect(state.view.message).toBe('Saved.');
		// Reloaded: the form shows what was saved again.
		expect(engine.tradeDetail).toHaveBeenCalledTimes(2);
		expect(state.view.draft.riskKind).toBe('stop');
	});

	it('makes a change in paper mode at once, and asks first in real mode', async () => {
		engine.previewExecutionChange.mockResolvedValue(preview(1, ['t1']));
		engine.revertExecution.mockResolvedValue({ ok: true });
		await state.revert(detail.executions[0]!);
		expect(engine.revertExecution).toHaveBeenCalledWith('e1');
		expect(state.view.executionMessage).toBe('Execution reverted to imported.');

		mode.set('real');
		engine.editExecution.mockResolvedValue({ ok: true });
		const input = {
			id: 'e1',
			date: '2025-10-13',
			time: '10:00:00',
			zone: 'UTC',
			side: 'buy' as const,
			quantity: 100,
			price: 151,
			commission: null,
			fees: null,
			reason: ''
		};
		expect(await state.edit(input)).toBeNull();
		expect(engine.editExecution).not.toHaveBeenCalled();
		expect([state.view.confirming, state.view.pending?.change.kind]).toEqual([true, 'edit']);
		await state.confirmPending();
		expect(engine.editExecution).toHaveBeenCalledWith(input);
		expect([state.view.pending, state.view.executionMessage]).toEqual([null, 'Execution edited.']);
	});

	it('asks before a deletion that touches two trades, and leaves for the next trade when this one is gone', async () => {
		engine.previewExecutionChange.mockResolvedValue(preview(2, ['t2']));
		engine.deleteExecutions.mockResolvedValue(1);
		await state.remove(detail.executions[0]!);
		expect(state.view.pending?.change).toEqual({ kind: 'delete', id: 'e1' });
		engine.tradeDetail.mockResolvedValue(null);
		await state.confirmPending();
		expect(engine.deleteExecutions).toHaveBeenCalledWith([
			{ id: 'e1', description: '2025-10-13 14:00:00 BUY 100 AAPL @ 150.00' }
		]);
		expect(gone).toHaveBeenCalledWith('t2');
	});

	it('says why a change was refused and keeps the trade', async () => {
		engine.previewExecutionChange.mockResolvedValue({
			ok: false,
			message: 'The quantity must be above zero.'
		});
		await state.remove(detail.executions[1]!);
		expect(state.view.executionMessage).toBe('The quantity must be above zero.');
		expect(engine.deleteExecutions).not.toHaveBeenCalled();
	});

	it('deletes all the executions with what they were, then leaves for the list', async () => {
		engine.deleteExecutions.mockResolvedValue(2);
		await state.deleteTrade();
		expect(engine.deleteExecutions).toHaveBeenCalledWith([
			{ id: 'e1', description: '2025-10-13 14:00:00 AAPL buy 100 @ 150' },
			{ id: 'e2', description: '2025-10-13 14:01:00 AAPL sell 100 @ 150' }
		]);
		expect(gone).toHaveBeenCalledWith(null);
		state.reset();
		expect([state.view.loaded, state.view.detail, state.view.draft.notes]).toEqual([false, null, '']);
	});

	it('drops an answer that arrives after the mode changed', async () => {
		let settle!: (d: TradeDetail) => void;
		engine.tradeDetail.mockReturnValueOnce(new Promise<TradeDetail>((r) => (settle = r)));
		state.reset();
		const loading = state.load('t1');
		mode.set('real');
		settle(detail);
		await loading;
		expect(state.view.loaded).toBe(false);
	});
});
