/**
 * Test helper: trade rows with only the fields a test cares about; the rest are plausible and
 * consistent (gross P&L = net + costs, R = net / risk, duration = close − open).
 */
import type { TradeRow } from '../../src/lib/core/trades/query';

export type RowSpec = Partial<TradeRow> & { id: string };

export function row(spec: RowSpec): TradeRow {
	const open = spec.open ?? false;
	const openTime = spec.openTime ?? Date.UTC(2025, 0, 2, 15);
	const closeTime = open ? null : (spec.closeTime ?? openTime + 60_000);
	const netPnl = spec.netPnl ?? 0;
	const commission = spec.commission ?? 0;
	const fees = spec.fees ?? 0;
	const risk = spec.risk ?? null;
	return {
		accountId: 'acct',
		currency: 'USD',
		symbol: 'AAPL',
		direction: 'long',
		quantity: 100,
		entryPrice: 10,
		exitPrice: open ? null : 10,
		multiplier: 1,
		grossPnl: Math.round((netPnl + commission + fees) * 100) / 100,
		computedPnl: 0,
		brokerPnl: null,
		pnlMismatch: false,
		returnPct: 0,
		executionCount: 2,
		tags: [],
		strategy: '',
		mistakes: [],
		hasNotes: false,
		problem: null,
		...spec,
		open,
		openTime,
		closeTime,
		durationMs: closeTime === null ? null : closeTime - openTime,
		netPnl,
		commission,
		fees,
		risk,
		rMultiple: spec.rMultiple !== undefined ? spec.rMultiple : risk === null || open ? null : netPnl / risk
	};
}
