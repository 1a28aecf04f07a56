import Papa from 'papaparse';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatById } from '../formats';
import { das } from '../formats/das';
import { importText } from '../../../../tests/support/formats-testing';
import type { ExecutionRecord } from '../model/records';
import { groupTrades } from './group';
import type { Trade } from './types';
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

/** Σ sells − Σ buys of a trade's legs (prices have at most 4 decimals), in cents, rounded once. */
function cashFlowCents(trade: Trade, records: readonly ExecutionRecord[]): number {
	let flow = 0n; // 1e-4 units
	for (const leg of trade.legs) {
		const r = records[leg.execution]!;
		const value = BigInt(Math.round(leg.quantity)) * BigInt(Math.round(r.price * 10_000));
		flow += r.side === 'sell' ? value : -value;
	}
	const abs = flow < 0n ? -flow : flow;
	const cents = Number((abs + 50n) / 100n);
	return flow < 0n ? -cents : cents;
}

describe('P&L against the broker’s own realised P/L', () => {
	it.each(DAYS)(
		'DAS Trades_%s.csv: gross P&L is the cash flow; DAS’s P / L ties within its rounding',
		(day) => {
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
				// Gross P&L is the cash flow (sells − buys), whatever DAS's rounded column sums to.
				expect(Math.round(trade.grossPnl * 100), label).toBe(cashFlowCents(trade, records));
				expect(trade.computedPnl, label).toBe(trade.grossPnl);
				// DAS's figure agrees within its rounding of each closing execution (½ cent each).
				expect(trade.pnlMismatch, label).toBe(false);
				expect(Math.abs(trade.grossPnl - reported), label).toBeLessThanOrEqual(
					0.005 * closing.length + 0.005 + 1e-9
				);
			}
		}
	);

	it('flags a trade whose broker P/L contradicts its own prices, and keeps the cash flow as its P&L', () => {
		const day = '2025-10-13';
		// Change DAS's P / L on one closing execution (BABA, line 14: 248.57) to 258.57.
		const text = sample(day).replace(
			',440,IEX,,TRPA61247,Margin,OID451783,-,0.396,248.57,',
			',440,IEX,,TRPA61247,Margin,OID451783,-,0.396,258.57,'
		);
		const flagged = tradesOf(text, day).trades.filter((t) => t.pnlMismatch);
		expect(flagged.map((t) => [t.symbol, t.grossPnl, t.brokerPnl])).toEqual([['BABA', 248.57, 258.57]]);
	});
});

describe('P&L against IBKR’s realised P/L, which is after commissions', () => {
	it.each([
		['ibkr-flex', 'tests/fixtures/formats/ibkr-flex/flex-trades.csv'],
		['ibkr-activity', 'tests/fixtures/formats/ibkr-activity/activity-statement.csv']
	])('%s %s: a closed trade’s P&L after commissions is the realised P/L to the cent', (id, path) => {
		const format = formatById(id)!;
		expect(format.brokerPnlAfterCommissions).toBe(true);
		const records = importText(format, readFileSync(path, 'utf8'), { zone: 'America/New_York' })
			.records as ExecutionRecord[];
		const table = tableFromRecords(records, undefined, true);
		const byLine = new Map(records.map((r) => [`line ${r.line}`, r]));
		const closed = groupTrades(table).filter((t) => !t.open);
		expect(closed.length).toBeGreaterThan(0);
		for (const trade of closed) {
			const realised = trade.legs.reduce(
				(sum, leg) => sum + Math.round((byLine.get(table.id[leg.execution]!)!.brokerPnl ?? 0) * 100),
				0
			);
			expect(trade.pnlMismatch, trade.symbol).toBe(false);
			expect(Math.round((trade.grossPnl - trade.commission) * 100), trade.symbol).toBe(realised);
			expect(trade.grossPnl, trade.symbol).toBe(trade.computedPnl);
		}
		// Read as if it were before costs, the same figure contradicts the prices.
		expect(groupTrades(tableFromRecords(records)).some((t) => t.pnlMismatch)).toBe(true);
	});
});

describe('P&L against tastytrade’s cash flows (options that expire, on a futures underlying)', () => {
	it('each closed trade’s net P&L is the sum of its rows’ Value, Commissions and Fees', () => {
		const path = 'tests/fixtures/public/tastytrade_transactions_MES_options_tastyworks-pnl.csv';
		const text = readFileSync(path, 'utf8');
		const records = importText(formatById('tastytrade')!, text, { zone: 'America/New_York' })
			.records as ExecutionRecord[];
		const table = tableFromRecords(records);
		const byLine = new Map(records.map((r) => [`line ${r.line}`, r.line]));
		const rows = Papa.parse<Record<string, string>>(text.trim(), { header: true }).data;
		const cents = (cell: string | undefined) =>
			cell === undefined || cell === '--' ? 0 : Math.round(Number(cell.replaceAll(',', '')) * 100);
		const closed = groupTrades(table).filter((t) => !t.open);
		// Two held to expiration (one expired worthless long, one short), one bought back.
		expect(closed.map((t) => t.symbol).sort()).toEqual([
			'./MESU4MESU4 240920P4650',
			'./MESU4MESU4 240920P5050',
			'./MESU4MESU4 240920P5100'
		]);
		for (const trade of closed) {
			const flow = trade.legs.reduce((sum, leg) => {
				const row = rows[byLine.get(table.id[leg.execution]!)! - 2]!;
				return sum + cents(row.Value) + cents(row.Commissions) + cents(row.Fees);
			}, 0);
			expect(Math.round(trade.netPnl * 100), trade.symbol).toBe(flow);
		}
	});
});
