/**
 * A plan checked again against what is stored at the moment it is committed. A plan is made
 * while its file is parsed, against what was stored then; another tab (another engine) may have
 * stored the same records since. Re-checked inside the committing transaction, nothing is stored
 * twice: what is stored now counts as a duplicate (a bar stored meanwhile with other prices is kept
 * as an alternate; an alternate the same file stored already is a duplicate), and accounts created
 * meanwhile are reused.
 * Pure: the caller reads what was stored since the plan was made.
 */
import type { ExecutionChunk } from '../model/execution-codec';
import { gatherRows, gatherText, timeSpan } from '../model/execution-codec';
import type { BarRecord } from '../model/records';
import { sameBar, type ImportPlan, type Stored } from './plan';

/** The plan without what `stored` holds; accounts in `knownAccounts` are no longer new. */
export function recheckPlan(
	plan: ImportPlan,
	stored: Stored,
	knownAccounts: ReadonlySet<string>
): ImportPlan {
	let dropped = 0;
	let executionCount = 0;
	const chunks: ExecutionChunk[] = [];
	for (const chunk of plan.chunks) {
		const rows = new Uint32Array(chunk.count);
		let k = 0;
		for (let i = 0; i < chunk.count; i++)
			if (!stored.hasExecution(chunk.id[2 * i]!, chunk.id[2 * i + 1]!)) rows[k++] = i;
		dropped += chunk.count - k;
		executionCount += k;
		if (k === chunk.count) chunks.push(chunk);
		else if (k > 0) chunks.push(chunkRows(chunk, rows, k));
	}
	const journal = plan.journal.filter((t) => !stored.hasJournalTrade(t.id));
	dropped += plan.journal.length - journal.length;
	const bars = new Map<string, BarRecord[]>();
	const alternates = new Map<string, BarRecord[]>();
	const keep = (map: Map<string, BarRecord[]>, symbol: string, b: BarRecord) => {
		const list = map.get(symbol);
		if (list) list.push(b);
		else map.set(symbol, [b]);
	};
	for (const [symbol, list] of plan.bars)
		for (const b of list) {
			if (!stored.hasBar(symbol, b.time)) keep(bars, symbol, b);
			else {
				// Stored meanwhile by another tab: a repeat, or a bar that disagrees (kept aside).
				const there = stored.barAt?.(symbol, b.time) ?? null;
				if (there && !sameBar(symbol, there, b) && !stored.hasAlternate?.(symbol, b))
					keep(alternates, symbol, b);
				else dropped++;
			}
		}
	for (const [symbol, list] of plan.alternates)
		for (const b of list) {
			if (stored.hasAlternate?.(symbol, b)) dropped++;
			else keep(alternates, symbol, b);
		}
	return {
		...plan,
		chunks,
		executionCount,
		journal,
		bars,
		alternates,
		duplicates: plan.duplicates + dropped,
		newAccounts: plan.newAccounts.filter((a) => !knownAccounts.has(a.id))
	};
}

/** Records a plan will store: executions, journal trades and bars. */
export function plannedRecords(plan: ImportPlan): number {
	let bars = 0;
	for (const list of plan.bars.values()) bars += list.length;
	for (const list of plan.alternates.values()) bars += list.length;
	return plan.executionCount + plan.journal.length + bars;
}

/** The chunk's rows `rows[0..count)`, in order. */
function chunkRows(chunk: ExecutionChunk, rows: Uint32Array, count: number): ExecutionChunk {
	const take = <T extends Float64Array | Uint32Array | Uint8Array>(a: T): T => gatherRows(a, rows, count);
	const id = new Uint32Array(2 * count);
	for (let k = 0; k < count; k++) {
		id[2 * k] = chunk.id[2 * rows[k]!]!;
		id[2 * k + 1] = chunk.id[2 * rows[k]! + 1]!;
	}
	const time = take(chunk.time);
	const [firstTime, lastTime] = timeSpan(time);
	return {
		importId: chunk.importId,
		count,
		firstTime,
		lastTime,
		id,
		dict: chunk.dict,
		time,
		price: take(chunk.price),
		quantity: take(chunk.quantity),
		commission: take(chunk.commission),
		fees: take(chunk.fees),
		brokerPnl: take(chunk.brokerPnl),
		multiplier: take(chunk.multiplier),
		line: take(chunk.line),
		side: take(chunk.side),
		shortSale: take(chunk.shortSale),
		positionEffect: take(chunk.positionEffect),
		symbol: take(chunk.symbol),
		accountId: take(chunk.accountId),
		assetClass: take(chunk.assetClass),
		currency: take(chunk.currency),
		venue: take(chunk.venue),
		orderId: gatherText(chunk.orderId, rows, count),
		brokerExecutionId: gatherText(chunk.brokerExecutionId, rows, count)
	};
}
