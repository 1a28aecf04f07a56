import type { ExecutionRecord } from '../model/records';
import type { ExecutionGroup, ExecutionTable } from './types';
import { multiplierOf } from './instruments';

/**
 * Whether a file lists executions newest first (DAS does): then executions with the same time
 * happened in the reverse of their file order, and grouping must see them that way.
 */
export function isNewestFirst(times: ArrayLike<number>): boolean {
	let down = 0;
	let up = 0;
	for (let i = 1; i < times.length; i++) {
		const d = times[i]! - times[i - 1]!;
		if (d < 0) down++;
		else if (d > 0) up++;
	}
	return down > up;
}

/**
 * Builds an execution table from the records of one file (previews, tests, manual entries),
 * oldest first, so that executions with equal times keep the order in which they happened.
 * `brokerPnlAfterCommissions` is the file's format's (FormatDef.brokerPnlAfterCommissions).
 */
export function tableFromRecords(
	fileRecords: readonly ExecutionRecord[],
	accountOf = (r: ExecutionRecord) => r.accountNumber ?? '',
	brokerPnlAfterCommissions = false
): ExecutionTable {
	const records = isNewestFirst(fileRecords.map((r) => r.time)) ? [...fileRecords].reverse() : fileRecords;
	const n = records.length;
	const groups: ExecutionGroup[] = [];
	const index = new Map<string, number>();
	const table: ExecutionTable = {
		count: n,
		id: records.map((r) => `line ${r.line}`),
		time: new Float64Array(n),
		quantity: new Float64Array(n),
		price: new Float64Array(n),
		side: new Uint8Array(n),
		commission: new Float64Array(n),
		fees: new Float64Array(n),
		brokerPnl: new Float64Array(n),
		group: new Uint32Array(n),
		groups
	};
	records.forEach((r, i) => {
		const accountId = accountOf(r);
		const key = `${accountId}\u0001${r.symbol}`;
		let g = index.get(key);
		if (g === undefined) {
			g = groups.length;
			groups.push({
				accountId,
				symbol: r.symbol,
				multiplier: r.multiplier ?? multiplierOf(r.symbol, r.assetClass),
				brokerPnlAfterCommissions
			});
			index.set(key, g);
		}
		table.time[i] = r.time;
		table.quantity[i] = r.quantity;
		table.price[i] = r.price;
		table.side[i] = r.side === 'buy' ? 0 : 1;
		table.commission[i] = r.commission ?? NaN;
		table.fees[i] = r.fees ?? NaN;
		table.brokerPnl![i] = r.brokerPnl ?? NaN;
		table.group[i] = g;
	});
	return table;
}
