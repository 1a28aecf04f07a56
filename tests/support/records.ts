/**
 * Records as a parser would give them, for specs that need a whole `ExecutionRecord` but care
 * about a few fields: every optional column empty (null), a stock, not a short sale.
 */
import type { ExecutionIdentity } from '../../src/lib/core/identity';
import type { ExecutionRecord } from '../../src/lib/core/model/records';

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
