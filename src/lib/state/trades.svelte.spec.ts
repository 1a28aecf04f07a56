import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TradePage, TradeRow } from '$lib/core/trades/query';
import { EMPTY_FILTER } from '$lib/core/trades/query';
import { TradesList } from './trades.svelte';

const engine = vi.hoisted(() => ({ listTrades: vi.fn(), exportTradesCsv: vi.fn() }));
vi.mock('./engine', () => ({ engine }));

const page = (total: number, ids: string[]): TradePage => ({
	total,
	rows: ids.map((id) => ({ id }) as TradeRow),
	summary: {
		trades: total,
		netPnl: 0,
		netByCurrency: [{ currency: 'USD', netPnl: 0 }],
		converted: null,
		wins: 0,
		losses: 0,
		open: 0,
		unusable: 0
	}
});

/** A promise and the function that settles it. */
function later<T>() {
	let settle!: (value: T) => void;
	const promise = new Promise<T>((r) => (settle = r));
	return { promise, settle };
}

beforeEach(() => vi.clearAllMocks());

describe('TradesList', () => {
	it('drops the answer to an older query when a newer one was asked', async () => {
		const list = new TradesList();
		const slow = later<TradePage>();
		engine.listTrades.mockReturnValueOnce(slow.promise).mockResolvedValueOnce(page(1, ['new']));
		const first = list.load({ ...EMPTY_FILTER, symbols: ['OLD'] });
		await list.load({ ...EMPTY_FILTER, symbols: ['NEW'] });
		slow.settle(page(2, ['old', 'older']));
		await first;
		expect([list.view.total, list.rowAt(0)?.id, list.view.loading]).toEqual([1, 'new', false]);
	});

	it('sorts descending first, then flips, asking again each time', async () => {
		const list = new TradesList();
		engine.listTrades.mockResolvedValue(page(0, []));
		await list.load({ ...EMPTY_FILTER });
		list.sortBy('netPnl');
		expect(list.view.sort).toEqual({ key: 'netPnl', dir: 'desc' });
		list.sortBy('netPnl');
		expect(list.view.sort).toEqual({ key: 'netPnl', dir: 'asc' });
		expect(engine.listTrades).toHaveBeenCalledTimes(3);
		expect(engine.listTrades.mock.calls[2]?.[0]).toMatchObject({ sort: { key: 'netPnl', dir: 'asc' } });
		engine.exportTradesCsv.mockResolvedValue('csv');
		expect(await list.csv({ ...EMPTY_FILTER })).toBe('csv');
		expect(engine.exportTradesCsv.mock.calls[0]?.[0]).toMatchObject({ sort: { key: 'netPnl', dir: 'asc' } });
	});

	it('fetches a page once as rows scroll into view, and reset forgets everything', async () => {
		const list = new TradesList();
		engine.listTrades.mockResolvedValueOnce(page(300, ['r0'])).mockResolvedValueOnce(page(300, ['r200']));
		await list.load({ ...EMPTY_FILTER });
		expect(list.rowAt(200)).toBeUndefined();
		expect(list.rowAt(201)).toBeUndefined();
		await vi.waitFor(() => expect(list.rowAt(200)?.id).toBe('r200'));
		expect(engine.listTrades).toHaveBeenCalledTimes(2);
		expect(engine.listTrades.mock.calls[1]?.[0]).toMatchObject({ offset: 200, limit: 200 });
		list.reset();
		expect([list.view.total, list.view.summary, list.view.loading, list.view.sort.key]).toEqual([
			0,
			null,
			true,
			'openTime'
		]);
	});
});
