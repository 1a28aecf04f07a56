/**
 * The execution table of a mode: its stored chunks concatenated into one table, deleted
 * executions left out and edited ones corrected (the values as imported kept beside), and the
 * trades derived from it. Pure of the engine's API: the trade cache (engine-trades.ts) and the
 * journal's previews (engine-journal.ts) build tables here.
 */
import { groupTrades } from '$lib/core/trades/group';
import type { ExecutionGroup, ExecutionTable, Trade } from '$lib/core/trades/types';
import { formatById } from '$lib/core/formats';
import { multiplierOf } from '$lib/core/trades/instruments';
import { isNewestFirst } from '$lib/core/trades/table';
import type { AssetClass } from '$lib/core/model/records';
import { executionIdAt, textAt } from '$lib/core/model/execution-codec';
import type { ExecutionEdit, ExecutionFields } from '$lib/core/trades/execution-edit';
import { listExecutionChunks } from '$lib/db/executions';
import { allImports } from '$lib/db/imports';
import { deletedIds, listExecutionEdits } from '$lib/db/journal';
import type { ExecutionChunkRow, FillbookDb } from '$lib/db/schema';

/** The execution table with what the detail page needs besides grouping. */
export type StoredTable = Omit<ExecutionTable, 'id' | 'groups'> & {
	id: string[];
	groups: ExecutionGroup[];
	importId: string[];
	line: Uint32Array;
	venue: (string | null)[];
	orderId: (string | null)[];
	shortSale: Uint8Array;
	/** The executions the user corrected, by id: the row they are on and the values as imported. */
	edited: Map<string, { row: number; original: ExecutionFields; edit: ExecutionEdit }>;
	/**
	 * The (account, symbol) series with an edited or deleted execution, as imported (nothing
	 * deleted or edited); absent when there are none. See deriveTrades.
	 */
	asImported?: StoredTable;
};

/** A change to try out before making it (see buildTable): what the trades would become. */
export type TableChange =
	{ kind: 'edit'; edit: ExecutionEdit } | { kind: 'revert'; id: string } | { kind: 'delete'; id: string };

/** Everything derived for one mode, kept until its data changes. */

/**
 * Puts an edit's fields on row k of the table, keeping the imported ones in `edited`. The
 * broker's P/L of an edited execution no longer describes it, so it is dropped (see deriveTrades).
 */
function applyEdit(table: StoredTable, k: number, edit: ExecutionEdit): void {
	const original = executionFields(table, k);
	table.edited.set(edit.id, { row: k, original, edit });
	table.time[k] = edit.time;
	table.side[k] = edit.side === 'buy' ? 0 : 1;
	// A short sale stays one while the execution stays a sell.
	if (edit.side === 'buy') table.shortSale[k] = 0;
	table.quantity[k] = edit.quantity;
	table.price[k] = edit.price;
	table.commission[k] = edit.commission ?? NaN;
	table.fees[k] = edit.fees ?? NaN;
	table.brokerPnl![k] = NaN;
}

/** The correctable fields of row k of a table (costs null where the file had none). */
export function executionFields(table: StoredTable, k: number): ExecutionFields {
	const orNull = (x: number) => (Number.isNaN(x) ? null : x);
	return {
		time: table.time[k]!,
		side: table.side[k] === 0 ? 'buy' : 'sell',
		quantity: table.quantity[k]!,
		price: table.price[k]!,
		commission: orNull(table.commission[k]!),
		fees: orNull(table.fees[k]!)
	};
}

/**
 * Groups the table into trades. The broker's P/L describes the executions as the broker booked
 * them: a trade keeps it only while it is made of the same executions, in the same quantities, as
 * a trade of the executions as imported, none of them edited (an edited entry makes the closing
 * execution's P/L out of date as much as an edited exit; a deleted fill changes what the others
 * close). Other trades' broker figures are cleared and the table grouped once more, so their
 * gross P&L is computed from the executions as they are now. Only series with an edit or a
 * deletion are compared (table.asImported).
 */
export function deriveTrades(table: StoredTable): Trade[] {
	const trades = groupTrades(table);
	const imported = table.asImported;
	if (!imported || !table.brokerPnl) return trades;
	const seriesKey = (t: Trade) => `${t.accountId}\u0001${t.symbol}`;
	const touched = new Set<string>();
	for (let k = 0; k < imported.count; k++) {
		const g = imported.groups[imported.group[k]!]!;
		touched.add(`${g.accountId}\u0001${g.symbol}`);
	}
	const legsKey = (of: StoredTable, t: Trade) =>
		t.legs.map((leg) => `${of.id[leg.execution]}:${leg.quantity}`).join(',');
	const asImported = new Map(groupTrades(imported).map((t) => [t.id, legsKey(imported, t)]));
	let stale = false;
	for (const trade of trades) {
		if (trade.brokerPnl === null || !touched.has(seriesKey(trade))) continue;
		const same =
			asImported.get(trade.id) === legsKey(table, trade) &&
			!trade.legs.some((leg) => table.edited.has(table.id[leg.execution]!));
		if (same) continue;
		for (const leg of trade.legs) table.brokerPnl[leg.execution] = NaN;
		stale = true;
	}
	return stale ? groupTrades(table) : trades;
}

/**
 * A function giving the trades that hold row `row` of the table: one, or two when the execution
 * reversed the position (it closes one trade and opens the next). Trades are indexed by account
 * and symbol once, so asking for a few rows costs one pass over the trades.
 */
export function tradeFinder(trades: readonly Trade[]): (table: StoredTable, row: number) => Trade[] {
	const bySeries = new Map<string, Trade[]>();
	for (const trade of trades) {
		const key = `${trade.accountId}\u0001${trade.symbol}`;
		const list = bySeries.get(key);
		if (list) list.push(trade);
		else bySeries.set(key, [trade]);
	}
	return (table, row) => {
		const group = table.groups[table.group[row]!]!;
		const time = table.time[row]!;
		return (bySeries.get(`${group.accountId}\u0001${group.symbol}`) ?? []).filter(
			(t) =>
				t.openTime <= time &&
				(t.closeTime === null || time <= t.closeTime) &&
				t.legs.some((leg) => leg.execution === row)
		);
	};
}

/**
 * Concatenates every stored execution chunk into one table, leaving out deleted executions and
 * putting each edited execution's corrected fields in place of the imported ones. Within an
 * import that lists executions newest first (DAS), its rows are reversed so that executions with
 * the same time stay in the order in which they happened. `change`, when given, is applied on top
 * of what is stored (nothing is written): the table as it would be after it.
 */
export async function buildTable(
	d: FillbookDb,
	pointValues: Record<string, number>,
	change?: TableChange
): Promise<StoredTable> {
	const chunks = await listExecutionChunks(d);
	const deleted = await deletedIds(d);
	const edits = new Map((await listExecutionEdits(d)).map((e) => [e.id, e]));
	if (change?.kind === 'edit') edits.set(change.edit.id, change.edit);
	else if (change?.kind === 'revert') edits.delete(change.id);
	else if (change?.kind === 'delete') deleted.add(change.id);
	// Whether each import's broker P/L is after commissions (a property of its file's format).
	const afterCommissions = new Set(
		(await allImports(d))
			.filter((row) => formatById(row.formatId)?.brokerPnlAfterCommissions === true)
			.map((row) => row.id)
	);
	const byImport = new Map<string, typeof chunks>();
	for (const chunk of chunks) {
		const list = byImport.get(chunk.importId) ?? [];
		list.push(chunk);
		byImport.set(chunk.importId, list);
	}
	let n = 0;
	for (const c of chunks) n += c.count;
	const groups: ExecutionGroup[] = [];
	const groupIndex = new Map<string, number>();

	/** Calls `visit` for every stored execution in table order, with its (account, symbol) group. */
	function walk(
		visit: (chunk: ExecutionChunkRow, r: number, id: string, g: number, importId: string) => void
	) {
		for (const [importId, list] of byImport) {
			// The import's rows in file order, or reversed when the file lists the newest first.
			const times = new Float64Array(list.reduce((m, c) => m + c.count, 0));
			let t = 0;
			for (const chunk of list) times.set(chunk.time, (t += chunk.count) - chunk.count);
			const reversed = isNewestFirst(times);
			for (let c = 0; c < list.length; c++) {
				const chunk = list[reversed ? list.length - 1 - c : c]!;
				// The group of each (account, symbol) code pair of this chunk, found once.
				const groupOf = new Map<number, number>();
				const codes = chunk.dict.length;
				for (let j = 0; j < chunk.count; j++) {
					const r = reversed ? chunk.count - 1 - j : j;
					const pair = chunk.accountId[r]! * codes + chunk.symbol[r]!;
					let g = groupOf.get(pair);
					if (g === undefined) {
						const accountId = chunk.dict[chunk.accountId[r]!]!;
						const symbol = chunk.dict[chunk.symbol[r]!]!;
						const key = `${accountId}\u0001${symbol}`;
						g = groupIndex.get(key);
						if (g === undefined) {
							g = groups.length;
							const fileMultiplier = chunk.multiplier[r]!;
							const assetClass = (chunk.dict[chunk.assetClass[r]!] ?? 'stock') as AssetClass;
							groups.push({
								accountId,
								symbol,
								multiplier: Number.isNaN(fileMultiplier)
									? multiplierOf(symbol, assetClass, pointValues)
									: fileMultiplier,
								brokerPnlAfterCommissions: afterCommissions.has(importId)
							});
							groupIndex.set(key, g);
						}
						groupOf.set(pair, g);
					}
					visit(chunk, r, executionIdAt(chunk, r), g, importId);
				}
			}
		}
	}

	const table = emptyTable(n, groups);
	// The groups whose executions the user deleted or edited.
	const touched = new Set<number>();
	walk((chunk, r, id, g, importId) => {
		if (deleted.size > 0 && deleted.has(id)) {
			touched.add(g);
			return;
		}
		const k = appendRow(table, chunk, r, id, g, importId);
		const edit = edits.size > 0 ? edits.get(id) : undefined;
		if (edit) {
			applyEdit(table, k, edit);
			touched.add(g);
		}
	});
	// The touched groups as imported, to tell which trades are still the broker's (deriveTrades).
	if (touched.size > 0) {
		let m = 0;
		walk((_chunk, _r, _id, g) => {
			if (touched.has(g)) m++;
		});
		const imported = emptyTable(m, groups);
		walk((chunk, r, id, g, importId) => {
			if (touched.has(g)) appendRow(imported, chunk, r, id, g, importId);
		});
		table.asImported = imported;
	}
	return table;
}

/** A table with room for n executions, over `groups`. */
function emptyTable(n: number, groups: ExecutionGroup[]): StoredTable {
	return {
		count: 0,
		id: [],
		time: new Float64Array(n),
		quantity: new Float64Array(n),
		price: new Float64Array(n),
		side: new Uint8Array(n),
		commission: new Float64Array(n),
		fees: new Float64Array(n),
		brokerPnl: new Float64Array(n),
		group: new Uint32Array(n),
		groups,
		importId: [],
		line: new Uint32Array(n),
		venue: [],
		orderId: [],
		shortSale: new Uint8Array(n),
		edited: new Map()
	};
}

/** Appends row r of a chunk to the table, as imported; returns its index. */
function appendRow(
	table: StoredTable,
	chunk: ExecutionChunkRow,
	r: number,
	id: string,
	g: number,
	importId: string
): number {
	const k = table.count++;
	table.id.push(id);
	table.time[k] = chunk.time[r]!;
	table.quantity[k] = chunk.quantity[r]!;
	table.price[k] = chunk.price[r]!;
	table.side[k] = chunk.side[r]!;
	table.shortSale[k] = chunk.shortSale[r]!;
	table.commission[k] = chunk.commission[r]!;
	table.fees[k] = chunk.fees[r]!;
	table.brokerPnl![k] = chunk.brokerPnl[r]!;
	table.group[k] = g;
	table.importId.push(importId);
	table.line[k] = chunk.line[r]!;
	const venue = chunk.venue[r]!;
	table.venue.push(venue === 0 ? null : (chunk.dict[venue] ?? null));
	table.orderId.push(textAt(chunk.orderId, r));
	return k;
}
