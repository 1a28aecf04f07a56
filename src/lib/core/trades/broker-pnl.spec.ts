import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { das } from '../formats/das';
import { importText } from '../formats/testing';
import type { ExecutionRecord } from '../model/records';
import { groupTrades } from './group';
import { tableFromRecords } from './table';

const DAYS = ['2025-10-13', '2025-10-14', '2025-10-15'];

function tradesOf(text: string, day: string) {
	const fileRecords = importText(das, text, { tradeDate: day }).records as ExecutionRecord[];
	const table = tableFromRecords(fileRecords);
	const byLine = new Map(fileRecords.map((r) => [`line ${r.line}`, r]));
	const records = table.id.map((id) => byLine.get(id)!);
	return { trades: groupTrades(table).filter((t) => !t.open), records };
}

const sample = (day: string) => readFileSync(`tests/fixtures/samples/das/Trades_${day}.csv`, 'utf8');

describe('P&L against the broker’s own realised P/L', () => {
	it.each(DAYS)('DAS Trades_%s.csv: each closed trade’s P&L is DAS’s P / L to the cent', (day) => {
		const { trades, records } = tradesOf(sample(day), day);
		expect(trades.length).toBeGreaterThan(3);
		for (const trade of trades) {
			const label = `${trade.symbol} opened ${new Date(trade.openTime).toISOString()}`;
			// DAS gives P / L on the executions that close (part of) the position.
			const closing = trade.legs.filter(
				(leg, k) => Math.abs(leg.position) < Math.abs(trade.legs[k - 1]?.position ?? 0)
			);
			const reported =
				closing.reduce((sum, leg) => sum + Math.round((records[leg.execution]!.brokerPnl ?? 0) * 100), 0) /
				100;
			expect(trade.brokerPnl, label).toBe(reported);
			expect(trade.grossPnl, label).toBe(reported);
			// Computed from prices, it agrees within DAS's rounding of each closing execution.
			expect(trade.pnlMismatch, label).toBe(false);
			expect(Math.abs(trade.computedPnl - reported), label).toBeLessThanOrEqual(0.01 * closing.length + 1e-9);
		}
	});

	it('flags a trade whose broker P/L contradicts its own prices, and still shows the broker’s figure', () => {
		const day = '2025-10-13';
		// Change DAS's P / L on one closing execution (BABA, line 14: 248.57) to 258.57.
		const text = sample(day).replace(
			',440,IEX,,TRPA61247,Margin,OID451783,-,0.396,248.57,',
			',440,IEX,,TRPA61247,Margin,OID451783,-,0.396,258.57,'
		);
		const flagged = tradesOf(text, day).trades.filter((t) => t.pnlMismatch);
		expect(flagged.map((t) => [t.symbol, t.grossPnl, t.computedPnl])).toEqual([['BABA', 258.57, 248.57]]);
	});
});
