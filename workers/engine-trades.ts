/**
 * The trades side of the engine: builds the execution table of a mode from its stored chunks,
 * groups it into trades, joins the journal (annotations) and answers the Trades pages with
 * small pages of rows. Trades are derived, never stored: a better grouping rule corrects every
 * old trade on the next load, and annotations survive because they are keyed by trade id.
 */
import { transfer } from 'comlink';
import { dashboard, type Dashboard, type Unit } from '$lib/core/analytics';
import { type Annotation, type DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import { groupTrades, type ExecutionGroup, type ExecutionTable, type Trade } from '$lib/core/trades/group';
import { formatById } from '$lib/core/formats';
import { FUTURES_POINT_VALUES, multiplierOf } from '$lib/core/trades/instruments';
import {
	journalStrategy,
	matches,
	queryTrades,
	toRow,
	type JournalFields,
	tradesCsv,
	type TradeFilter,
	type TradePage,
	type TradeQuery,
	type TradeRow
} from '$lib/core/trades/query';
import { toCsv } from '$lib/core/export/csv';
import { isNewestFirst } from '$lib/core/trades/table';
import type { AssetClass } from '$lib/core/model/records';
import { executionIdAt, textAt } from '$lib/core/model/execution';
import type { FillbookDb, MatchRunRow } from '$lib/db/schema';

/** One execution of a trade as the detail page lists it. */
export interface TradeExecution {
	id: string;
	time: number;
	side: 'buy' | 'sell';
	shortSale: boolean;
	/** Of this execution, the quantity in this trade (all of it, unless it reversed the position). */
	quantity: number;
	price: number;
	commission: number | null;
	fees: number | null;
	venue: string | null;
	orderId: string | null;
	brokerPnl: number | null;
	/** Position after it, signed: + long, − short. */
	position: number;
	importId: string;
	line: number;
}

export interface TradeDetail {
	trade: TradeRow;
	executions: TradeExecution[];
	annotation: Annotation | null;
}

/** The execution table with what the detail page needs besides grouping. */
export type StoredTable = Omit<ExecutionTable, 'id' | 'groups'> & {
	id: string[];
	groups: ExecutionGroup[];
	importId: string[];
	line: Uint32Array;
	venue: (string | null)[];
	orderId: (string | null)[];
	shortSale: Uint8Array;
};

/** Everything derived for one mode, kept until its data changes. */
export interface Derived {
	signature: string;
	table: StoredTable;
	trades: Trade[];
	byId: Map<string, Trade>;
	rows: TradeRow[];
}

export const DEFAULT_RISK_KEY = 'defaultRisk';
/** Futures point values the user set, by root: `{ "ES": 50 }` as JSON in meta. */
export const POINT_VALUES_KEY = 'pointValues';
/** Whether a journal trade's first tag is its strategy (journalStrategy): false as JSON in meta when off. */
export const FIRST_TAG_STRATEGY_KEY = 'journalFirstTagStrategy';

/** The first-tag-is-strategy setting of a mode (on unless turned off). */
export async function readFirstTagStrategy(d: FillbookDb): Promise<boolean> {
	return (await d.meta.get(FIRST_TAG_STRATEGY_KEY))?.value !== false;
}

/**
 * The trades of each mode, derived from its executions on demand and kept until they change:
 * one cache that the trades and matching methods share.
 */
export function createTradeCache(db: (mode: Mode) => FillbookDb): (mode: Mode) => Promise<Derived> {
	const derived = new Map<Mode, Derived>();

	/** Changes whenever executions, deletions or annotations change (also from another tab). */
	async function signature(d: FillbookDb): Promise<string> {
		const [chunks, lastChunk, deleted, annotations, lastNote, risk, points, lastRun, firstTag] =
			await Promise.all([
				d.executionChunks.count(),
				d.executionChunks.orderBy(':id').lastKey() as Promise<number | undefined>,
				d.deletedExecutions.count(),
				d.annotations.count(),
				d.annotations.orderBy('updatedAt').last(),
				d.meta.get(DEFAULT_RISK_KEY),
				d.meta.get(POINT_VALUES_KEY),
				standingRun(d),
				readFirstTagStrategy(d)
			]);
		return `${chunks}|${lastChunk ?? 0}|${deleted}|${annotations}|${lastNote?.updatedAt ?? 0}|${String(risk?.value ?? '')}|${String(points?.value ?? '')}|${lastRun?.id ?? ''}|${firstTag}`;
	}

	async function load(mode: Mode): Promise<Derived> {
		const d = db(mode);
		const sig = await signature(d);
		const cached = derived.get(mode);
		if (cached && cached.signature === sig) return cached;
		const table = await buildTable(d, await readPointValues(d));
		const trades = groupTrades(table);
		const annotations = new Map((await d.annotations.toArray()).map((a) => [a.tradeId, a]));
		const defaultRisk = await readDefaultRisk(d);
		const journalOf = await matchedJournal(d, await readFirstTagStrategy(d));
		const rows = trades.map((t) => toRow(t, annotations.get(t.id), defaultRisk, journalOf.get(t.id)));
		const next: Derived = {
			signature: sig,
			table,
			trades,
			byId: new Map(trades.map((t) => [t.id, t])),
			rows
		};
		derived.set(mode, next);
		return next;
	}

	return load;
}

export function createTrades(db: (mode: Mode) => FillbookDb, load: (mode: Mode) => Promise<Derived>) {
	return {
		/** A page of trades for the list, filtered and sorted, with totals over the filter. */
		async listTrades(mode: Mode, query: TradeQuery): Promise<TradePage> {
			return queryTrades((await load(mode)).rows, query);
		},

		/**
		 * The dashboard of the trades the filter lets through (the same trades as the list), in
		 * `unit`, days in `zone`. Its typed arrays are transferred, not copied, to the UI: the
		 * worker builds them anew for every call and keeps none.
		 */
		async dashboard(mode: Mode, filter: TradeFilter, zone: string, unit: Unit): Promise<Dashboard> {
			const rows = (await load(mode)).rows.filter((r) => matches(r, filter, zone));
			const result = dashboard(rows, zone, unit);
			return transfer(result, dashboardBuffers(result));
		},

		/** Every trade the query's filter lets through, as CSV text. */
		async exportTradesCsv(mode: Mode, query: Omit<TradeQuery, 'offset' | 'limit'>): Promise<string> {
			const d = db(mode);
			const [{ rows }, accounts, annotations] = await Promise.all([
				load(mode),
				d.accounts.toArray(),
				d.annotations.toArray()
			]);
			const accountNames = new Map(accounts.map((a) => [a.id, a.label || `${a.number} · ${a.broker}`]));
			const notes = new Map(annotations.map((a) => [a.tradeId, a.notes]));
			return tradesCsv(rows, query, toCsv, {
				account: (id) => accountNames.get(id) ?? id,
				notes: (id) => notes.get(id) ?? ''
			});
		},

		/** The values the filter offers: accounts, symbols, tags and strategies in use. */
		async tradeFacets(
			mode: Mode
		): Promise<{ accounts: string[]; symbols: string[]; tags: string[]; strategies: string[] }> {
			const { rows } = await load(mode);
			const sorted = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== '').sort();
			return {
				accounts: sorted(rows.map((r) => r.accountId)),
				symbols: sorted(rows.map((r) => r.symbol)),
				tags: sorted(rows.flatMap((r) => r.tags)),
				strategies: sorted(rows.map((r) => r.strategy))
			};
		},

		/** One trade with its executions (running position) and its journal fields. */
		async tradeDetail(mode: Mode, id: string): Promise<TradeDetail | null> {
			const data = await load(mode);
			const trade = data.byId.get(id);
			if (!trade) return null;
			const row = data.rows.find((r) => r.id === id)!;
			const t = data.table;
			const executions = trade.legs.map((leg): TradeExecution => {
				const i = leg.execution;
				const orNull = (x: number) => (Number.isNaN(x) ? null : x);
				return {
					id: t.id[i]!,
					time: t.time[i]!,
					side: t.side[i] === 0 ? 'buy' : 'sell',
					shortSale: t.shortSale[i] === 1,
					quantity: leg.quantity,
					price: t.price[i]!,
					commission: orNull(t.commission[i]!),
					fees: orNull(t.fees[i]!),
					venue: t.venue[i] ?? null,
					orderId: t.orderId[i] ?? null,
					brokerPnl: orNull(t.brokerPnl![i]!),
					position: leg.position,
					importId: t.importId[i]!,
					line: t.line[i]!
				};
			});
			const annotation = (await db(mode).annotations.get(id)) ?? null;
			return { trade: row, executions, annotation };
		},

		/** Futures point values: the built-in table and the user's own, by root. */
		async pointValues(mode: Mode): Promise<{ builtIn: Record<string, number>; own: Record<string, number> }> {
			return { builtIn: { ...FUTURES_POINT_VALUES }, own: await readPointValues(db(mode)) };
		},

		/** The default risk rule for trades without their own risk. */
		async defaultRisk(mode: Mode): Promise<DefaultRisk> {
			return readDefaultRisk(db(mode));
		}
	};
}

/**
 * The buffers behind a dashboard's typed arrays, each once: a buffer listed twice makes
 * postMessage throw, and two arrays may be views of one buffer.
 */
export function dashboardBuffers(d: Dashboard): ArrayBuffer[] {
	const arrays = [
		d.equity.time,
		d.equity.equity,
		d.equity.drawdown,
		d.equity.pnl,
		d.daily.pnl,
		d.daily.trades,
		d.daily.start,
		d.pnlHistogram.edges,
		d.pnlHistogram.counts,
		d.rHistogram.edges,
		d.rHistogram.counts
	];
	return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/** The matching run that stands: the newest not rolled back. */
export async function standingRun(d: FillbookDb): Promise<MatchRunRow | undefined> {
	let found: MatchRunRow | undefined;
	await d.matchRuns
		.orderBy('at')
		.reverse()
		.until(() => found !== undefined)
		.each((run) => {
			if (run.rolledBackAt === null) found ??= run;
		});
	return found;
}

/** The journal fields of each matched round trip (by trade id), from the standing run. */
async function matchedJournal(
	d: FillbookDb,
	firstTagIsStrategy: boolean
): Promise<Map<string, JournalFields>> {
	const run = await standingRun(d);
	const out = new Map<string, JournalFields>();
	if (!run || run.result.matched.length === 0) return out;
	const journal = await d.journalTrades.bulkGet(run.result.matched.map((m) => m.journalId));
	run.result.matched.forEach((m, i) => {
		const j = journal[i];
		if (j)
			out.set(m.tradeId, {
				initialRisk: j.initialRisk,
				tags: j.tags,
				strategy: journalStrategy(j.tags, firstTagIsStrategy)
			});
	});
	return out;
}

async function readDefaultRisk(d: FillbookDb): Promise<DefaultRisk> {
	const row = await d.meta.get(DEFAULT_RISK_KEY);
	if (typeof row?.value !== 'string') return { kind: 'none' };
	try {
		const parsed = JSON.parse(row.value) as DefaultRisk;
		return parsed.kind === 'money' || parsed.kind === 'percent' || parsed.kind === 'none'
			? parsed
			: { kind: 'none' };
	} catch {
		return { kind: 'none' };
	}
}

/**
 * Concatenates every stored execution chunk into one table, leaving out deleted executions.
 * Within an import that lists executions newest first (DAS), its rows are reversed so that
 * executions with the same time stay in the order in which they happened.
 */
/** The user's futures point values by root (empty when none are set). */
export async function readPointValues(d: FillbookDb): Promise<Record<string, number>> {
	const row = await d.meta.get(POINT_VALUES_KEY);
	if (typeof row?.value !== 'string') return {};
	try {
		const parsed = JSON.parse(row.value) as Record<string, unknown>;
		return Object.fromEntries(
			Object.entries(parsed).filter((e): e is [string, number] => typeof e[1] === 'number' && e[1] > 0)
		);
	} catch {
		return {};
	}
}

export async function buildTable(d: FillbookDb, pointValues: Record<string, number>): Promise<StoredTable> {
	const chunks = await d.executionChunks.toArray();
	const deleted = new Set(await d.deletedExecutions.toCollection().primaryKeys());
	// Whether each import's broker P/L is after commissions (a property of its file's format).
	const afterCommissions = new Set(
		(await d.imports.toArray())
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
	const table: StoredTable = {
		count: 0,
		id: new Array<string>(n),
		time: new Float64Array(n),
		quantity: new Float64Array(n),
		price: new Float64Array(n),
		side: new Uint8Array(n),
		commission: new Float64Array(n),
		fees: new Float64Array(n),
		brokerPnl: new Float64Array(n),
		group: new Uint32Array(n),
		groups: [],
		importId: new Array<string>(n),
		line: new Uint32Array(n),
		venue: new Array<string | null>(n),
		orderId: new Array<string | null>(n),
		shortSale: new Uint8Array(n)
	};
	const groups = table.groups;
	const groupIndex = new Map<string, number>();
	let k = 0;
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
				const id = executionIdAt(chunk, r);
				if (deleted.size > 0 && deleted.has(id)) continue;
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
				table.id[k] = id;
				table.time[k] = chunk.time[r]!;
				table.quantity[k] = chunk.quantity[r]!;
				table.price[k] = chunk.price[r]!;
				table.side[k] = chunk.side[r]!;
				table.shortSale[k] = chunk.shortSale[r]!;
				table.commission[k] = chunk.commission[r]!;
				table.fees[k] = chunk.fees[r]!;
				table.brokerPnl![k] = chunk.brokerPnl[r]!;
				table.group[k] = g;
				table.importId[k] = importId;
				table.line[k] = chunk.line[r]!;
				const venue = chunk.venue[r]!;
				table.venue[k] = venue === 0 ? null : (chunk.dict[venue] ?? null);
				table.orderId[k] = textAt(chunk.orderId, r);
				k++;
			}
		}
	}
	// Deleted executions leave the ends of the lists unused.
	table.id.length = table.importId.length = table.venue.length = table.orderId.length = k;
	table.count = k;
	return table;
}
