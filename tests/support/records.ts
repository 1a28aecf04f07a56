/**
 * Records as a parser would give them, for specs that need a whole `ExecutionRecord` but care
 * about a few fields: every optional column empty (null), a stock, not a short sale.
 */
import type { ExecutionIdentity } from '../../src/lib/core/identity';
import type { BarRecord, ExecutionRecord } from '../../src/lib/core/model/records';

/** The fields every execution has; the rest default to "the file does not say". */
export type ExecutionRecordSpec = Pick<
	ExecutionRecord,
	'symbol' | 'side' | 'quantity' | 'price' | 'time' | 'line'
> &
	Partial<ExecutionRecord>;

/** A whole execution record from the fields a spec cares about. */
export function executionRecord(spec: ExecutionRecordSpec): ExecutionRecord {
	return {
		kind: 'execution',
		brokerExecutionId: null,
		accountNumber: null,
		assetClass: 'stock',
		positionEffect: null,
		shortSale: false,
		commission: null,
		fees: null,
		currency: null,
		multiplier: null,
		orderId: null,
		venue: null,
		brokerPnl: null,
		...spec
	};
}

/** One DAS buy of 400 MU at 50.99 in account TR1, as identity sees it: the specs' usual execution. */
export const MU_BUY: ExecutionIdentity = {
	accountId: 'das trader|TR1',
	brokerExecutionId: null,
	symbol: 'MU',
	side: 'buy',
	quantity: 400,
	price: 50.99,
	time: 1_760_362_990_000
};

/**
 * A whole bar record on one line: `barRecord('SPY', time, [open, high, low, close], volume, line)`.
 * @example barRecord('SPY', Date.UTC(2025, 9, 13), [661.18, 665.13, 659.77, 663.04], 79560546, 2)
 */
export function barRecord(
	symbol: string,
	time: number,
	[open, high, low, close]: [number, number, number, number],
	volume: number | null,
	line: number
): BarRecord {
	return { kind: 'bar', symbol, time, open, high, low, close, volume, line };
}
