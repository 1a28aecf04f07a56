/**
 * The trades side of the engine: builds the execution table of a mode from its stored chunks,
 * groups it into trades, joins the journal (annotations) and answers the Trades pages with
 * small pages of rows. Trades are derived, never stored: a better grouping rule corrects every
 * old trade on the next load, and annotations survive because they are keyed by trade id.
 */
import type { TradeDetail, TradeExecution, TradeFacets, TradesApi } from './contract';
import { transfer } from 'comlink';
import { dashboard, type Dashboard, type Unit } from '$lib/core/analytics';
import { type DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import type { Trade } from '$lib/core/trades/types';
import { FUTURES_POINT_VALUES } from '$lib/core/trades/instruments';
import {
	journalStrategy,
	matches,
	problemText,
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
import { hasScheduleFor, tradeCosts, type CommissionSchedule, type TradeCosts } from '$lib/core/costs';
import { listAccounts } from '$lib/db/accounts';
import { executionsStamp } from '$lib/db/executions';
import { allImports } from '$lib/db/imports';
import { annotationOf, annotationsStamp, deletedCount, editsStamp, listAnnotations } from '$lib/db/journal';
import { journalTradesOf, standingRun } from '$lib/db/matching';
import type { FillbookDb } from '$lib/db/schema';
import { readSetting, settingStamp } from '$lib/db/settings';
import { portfolioFilter } from './engine-portfolios';
import { buildTable, deriveTrades, type StoredTable } from './trade-table';
import { fxFor } from './engine-fx';
import { moneyOf } from '$lib/core/money/trades';

export interface Derived {
	signature: string;
	table: StoredTable;
	trades: Trade[];
	byId: Map<string, Trade>;
	rows: TradeRow[];
	/** Costs of the trades commission schedules priced, by trade id. */
	costs: Map<string, TradeCosts>;
}

/**
 * The trades of each mode, derived from its executions on demand and kept until they change:
 * one cache that the trades and matching methods share.
 */
export function createTradeCache(db: (mode: Mode) => FillbookDb): (mode: Mode) => Promise<Derived> {
	const derived = new Map<Mode, Derived>();

	/**
	 * Changes whenever something the trades are derived from changes (also from another tab):
	 * executions, their deletions and edits, annotations, the settings used, the standing run.
	 */
	async function signature(d: FillbookDb): Promise<string> {
		const [executions, deleted, edits, annotations, risk, points, lastRun, schedules, firstTag] =
			await Promise.all([
				executionsStamp(d),
				deletedCount(d),
				editsStamp(d),
				annotationsStamp(d),
				settingStamp(d, 'defaultRisk'),
				settingStamp(d, 'pointValues'),
				standingRun(d),
				settingStamp(d, 'commissionSchedules'),
				readSetting(d, 'journalFirstTagStrategy')
			]);
		return `${executions}|${deleted}|${edits}|${annotations}|${risk}|${points}|${lastRun?.id ?? ''}|${schedules}|${firstTag}`;
	}

	async function load(mode: Mode): Promise<Derived> {
		const d = db(mode);
		const sig = await signature(d);
		const cached = derived.get(mode);
		if (cached && cached.signature === sig) return cached;
		const table = await buildTable(d, await readSetting(d, 'pointValues'));
		const trades = deriveTrades(table);
		const annotations = new Map((await listAnnotations(d)).map((a) => [a.tradeId, a]));
		const defaultRisk = await readSetting(d, 'defaultRisk');
		const journalOf = await matchedJournal(d, await readSetting(d, 'journalFirstTagStrategy'));
		const problems = await problemTexts(d, table, trades);
		const costs = scheduleCosts(trades, table, await readSetting(d, 'commissionSchedules'));
		const sourceStrategy = await importStrategies(d);
		// Each trade's money is in its account's currency (core/money: never summed across them).
		const currencies = new Map((await listAccounts(d)).map((a) => [a.id, a.currency]));
		const rows = trades.map((t) =>
			toRow(
				t,
				annotations.get(t.id),
				defaultRisk,
				journalOf.get(t.id),
				problems.get(t.id) ?? null,
				costs.get(t.id),
				// A backtest run's executions name its strategy on their import row (see ImportRow.strategy).
				sourceStrategy.get(table.importId[t.legs[0]?.execution ?? -1] ?? '') ?? '',
				currencies.get(t.accountId) ?? null
			)
		);
		const next: Derived = {
			signature: sig,
			table,
			trades,
			byId: new Map(trades.map((t) => [t.id, t])),
			rows,
			costs
		};
		derived.set(mode, next);
		return next;
	}

	return load;
}

export function createTrades(
	db: (mode: Mode) => FillbookDb,
	load: (mode: Mode) => Promise<Derived>
): TradesApi {
	return {
		/** A page of trades for the list, filtered and sorted, with totals over the filter. */
		async listTrades(mode: Mode, query: TradeQuery): Promise<TradePage> {
			const filter = await portfolioFilter(db(mode), query.filter);
			const { rows } = await load(mode);
			// Rates are read only when the mode's trades span several currencies.
			const fx = await fxFor(db, mode, query.zone, rows);
			return queryTrades(
				rows,
				{ ...query, filter },
				(filtered) => moneyOf(filtered, fx, query.zone).converted
			);
		},

		/**
		 * The dashboard of the trades the filter lets through (the same trades as the list), in
		 * `unit`, days in `zone`. Its typed arrays are transferred, not copied, to the UI: the
		 * worker builds them anew for every call and keeps none.
		 */
		async dashboard(mode: Mode, filter: TradeFilter, zone: string, unit: Unit): Promise<Dashboard> {
			const [data, startingEquity, resolved] = await Promise.all([
				load(mode),
				readSetting(db(mode), 'startingEquity'),
				portfolioFilter(db(mode), filter)
			]);
			const rows = data.rows.filter((r) => matches(r, resolved, zone));
			const result = dashboard(rows, zone, unit, startingEquity, await fxFor(db, mode, zone, rows));
			return transfer(result, dashboardBuffers(result));
		},

		/** Every trade the query's filter lets through, as CSV text. */
		async exportTradesCsv(mode: Mode, query: Omit<TradeQuery, 'offset' | 'limit'>): Promise<string> {
			const d = db(mode);
			const [{ rows }, accounts, annotations, filter] = await Promise.all([
				load(mode),
				listAccounts(d),
				listAnnotations(d),
				portfolioFilter(d, query.filter)
			]);
			const accountNames = new Map(accounts.map((a) => [a.id, a.label || `${a.number} · ${a.broker}`]));
			const notes = new Map(annotations.map((a) => [a.tradeId, a.notes]));
			return tradesCsv(rows, { ...query, filter }, toCsv, {
				account: (id) => accountNames.get(id) ?? id,
				notes: (id) => notes.get(id) ?? ''
			});
		},

		/** The values the filter offers: accounts, symbols, tags, strategies and mistakes in use. */
		async tradeFacets(mode: Mode): Promise<TradeFacets> {
			const { rows } = await load(mode);
			const sorted = (values: Iterable<string>) => [...new Set(values)].filter((v) => v !== '').sort();
			return {
				accounts: sorted(rows.map((r) => r.accountId)),
				symbols: sorted(rows.map((r) => r.symbol)),
				tags: sorted(rows.flatMap((r) => r.tags)),
				strategies: sorted(rows.map((r) => r.strategy)),
				mistakes: sorted(rows.flatMap((r) => r.mistakes))
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
				const edited = t.edited.get(t.id[i]!);
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
					line: t.line[i]!,
					executionQuantity: t.quantity[i]!,
					edit: edited
						? { original: edited.original, reason: edited.edit.reason, editedAt: edited.edit.editedAt }
						: null
				};
			});
			const annotation = (await annotationOf(db(mode), id)) ?? null;
			return { trade: row, executions, annotation, costs: data.costs.get(id)?.lines ?? [] };
		},

		/** Futures point values: the built-in table and the user's own, by root. */
		async pointValues(mode: Mode): Promise<{ builtIn: Record<string, number>; own: Record<string, number> }> {
			return { builtIn: { ...FUTURES_POINT_VALUES }, own: await readSetting(db(mode), 'pointValues') };
		},

		/** The default risk rule for trades without their own risk. */
		/** The account's equity before the first trade (dollars), or null when not set. */
		async startingEquity(mode: Mode): Promise<number | null> {
			return readSetting(db(mode), 'startingEquity');
		},

		async defaultRisk(mode: Mode): Promise<DefaultRisk> {
			return readSetting(db(mode), 'defaultRisk');
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

/**
 * Why each trade that cannot be computed cannot, in words, naming the execution at fault by its
 * import's file name and line (by trade id; empty when every trade can be computed).
 */
async function problemTexts(
	d: FillbookDb,
	table: StoredTable,
	trades: Trade[]
): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	const broken = trades.filter((t) => t.problem !== null);
	if (broken.length === 0) return out;
	const files = new Map((await allImports(d)).map((row) => [row.id, row.fileName]));
	const source = (i: number) => ({ line: table.line[i]!, file: files.get(table.importId[i]!) ?? null });
	for (const t of broken) out.set(t.id, problemText(t.problem!, t, table, source));
	return out;
}

/** The strategy each import's executions came from (backtest runs'), by import id. */
async function importStrategies(d: FillbookDb): Promise<Map<string, string>> {
	const out = new Map<string, string>();
	for (const row of await allImports(d)) if (row.strategy) out.set(row.id, row.strategy);
	return out;
}

/** The journal fields of each matched round trip (by trade id), from the standing run. */
async function matchedJournal(
	d: FillbookDb,
	firstTagIsStrategy: boolean
): Promise<Map<string, JournalFields>> {
	const run = await standingRun(d);
	const out = new Map<string, JournalFields>();
	if (!run || run.result.matched.length === 0) return out;
	const journal = await journalTradesOf(
		d,
		run.result.matched.map((m) => m.journalId)
	);
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

/** The costs commission schedules put on each trade they apply to, by trade id. */
export function scheduleCosts(
	trades: readonly Trade[],
	table: StoredTable,
	schedules: readonly CommissionSchedule[]
): Map<string, TradeCosts> {
	const out = new Map<string, TradeCosts>();
	if (schedules.length === 0) return out;
	// Which accounts any schedule names, once per account rather than once per trade.
	const priced = new Map<string, boolean>();
	for (const trade of trades) {
		let applies = priced.get(trade.accountId);
		if (applies === undefined)
			priced.set(trade.accountId, (applies = hasScheduleFor(schedules, trade.accountId)));
		if (!applies) continue;
		const costs = tradeCosts(trade, table, schedules);
		if (costs) out.set(trade.id, costs);
	}
	return out;
}
