import type { ChangePreview } from '$workers/contract';
import { describe, expect, it } from 'vitest';
import { changeSummary } from './execution-change';

const zone = 'America/New_York';
// 2025-10-13 10:01:02 and 10:00:00 in New York.
const at = Date.UTC(2025, 9, 13, 14, 1, 2);
const open = Date.UTC(2025, 9, 13, 14, 0, 0);
const fields = { time: at, side: 'buy' as const, quantity: 100, price: 150, commission: null, fees: null };
const trade = {
	id: 't1',
	symbol: 'AAPL',
	direction: 'long' as const,
	open: false,
	openTime: open,
	netPnl: 12
};

describe('changeSummary', () => {
	it('names the edit as the issue words it, and the trade’s net P&L before and after', () => {
		const preview: ChangePreview = {
			ok: true,
			symbol: 'AAPL',
			current: fields,
			next: { ...fields, price: 150.1 },
			before: [trade],
			after: [{ ...trade, netPnl: 2 }]
		};
		expect(changeSummary(preview, 'real', zone)).toEqual({
			question: 'Change execution 2025-10-13 10:01:02 BUY 100 AAPL @ 150.00 to @ 150.10 in real mode?',
			trades: ['Trade AAPL long 2025-10-13 10:00:00: net P&L changes from 12.00 to 2.00']
		});
	});

	it('names both trades of a reversal’s crossing execution, and what follows from deleting it', () => {
		const short = {
			...trade,
			id: 't1~r',
			direction: 'short' as const,
			open: true,
			openTime: at,
			netPnl: -3.5
		};
		const preview: ChangePreview = {
			ok: true,
			symbol: 'AAPL',
			current: { ...fields, side: 'sell', quantity: 150 },
			next: null,
			before: [trade, short],
			after: [
				{ ...trade, open: true, netPnl: 0 },
				{ ...short, id: 'x', direction: 'short', netPnl: 1 }
			]
		};
		expect(changeSummary(preview, 'paper', zone)).toEqual({
			question: 'Delete execution 2025-10-13 10:01:02 SELL 150 AAPL @ 150.00 in paper mode?',
			trades: [
				'Trade AAPL long 2025-10-13 10:00:00 (open): net P&L changes from 12.00 to 0.00',
				'Trade AAPL short 2025-10-13 10:01:02 (open): net P&L −3.50; it is no longer a trade of its own',
				'Trade AAPL short 2025-10-13 10:01:02 (open) follows from it: net P&L 1.00'
			]
		});
	});
});
