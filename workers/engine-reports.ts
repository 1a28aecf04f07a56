/**
 * The reports side of the engine: breakdowns of the filtered trades by one key and a Monte Carlo of
 * their R multiples. The same trades as the list and the dashboard (same cache, same filter).
 */
import type { MonteCarloReport, ReportsApi } from './contract';
import { transfer } from 'comlink';
import {
	breakdown,
	breakdownCsv,
	monteCarlo,
	rValues,
	type Breakdown,
	type BreakdownKey,
	type MonteCarlo,
	type MonteCarloOptions,
	type Unit,
	type VenueMap
} from '$lib/core/analytics';
import type { Mode } from '$lib/core/model/mode';
import { matches, type TradeFilter, type TradeRow } from '$lib/core/trades/query';
import type { FillbookDb } from '$lib/db/schema';
import { standingRun } from '$lib/db/matching';
import type { Derived } from './engine-trades';
import { portfolioFilter } from './engine-portfolios';
import { fxFor } from './engine-fx';

export function createReports(
	db: (mode: Mode) => FillbookDb,
	load: (mode: Mode) => Promise<Derived>
): ReportsApi {
	async function filtered(mode: Mode, filter: TradeFilter, zone: string): Promise<TradeRow[]> {
		const resolved = await portfolioFilter(db(mode), filter);
		return (await load(mode)).rows.filter((r) => matches(r, resolved, zone));
	}

	async function report(
		mode: Mode,
		filter: TradeFilter,
		zone: string,
		unit: Unit,
		key: BreakdownKey
	): Promise<Breakdown> {
		const rows = await filtered(mode, filter, zone);
		const venues = key === 'venue' ? await venueMap(db(mode), await load(mode)) : undefined;
		return breakdown(rows, key, unit, zone, venues, await fxFor(db, mode, zone, rows));
	}

	return {
		/** The filtered trades split by `key`, with trades, win rate, net P&L, expectancy, profit factor per bucket. */
		breakdownReport: report,

		/** The same breakdown as CSV text (formula-injection safe). */
		async breakdownCsv(
			mode: Mode,
			filter: TradeFilter,
			zone: string,
			unit: Unit,
			key: BreakdownKey
		): Promise<string> {
			return breakdownCsv(await report(mode, filter, zone, unit, key));
		},

		/**
		 * A Monte Carlo of the filtered trades' R multiples. Its typed arrays are transferred, not
		 * copied: the worker builds them anew for every call and keeps none.
		 */
		async monteCarloReport(
			mode: Mode,
			filter: TradeFilter,
			zone: string,
			options: MonteCarloOptions
		): Promise<MonteCarloReport> {
			const rows = await filtered(mode, filter, zone);
			const r = rValues(rows);
			const closed = rows.reduce((n, row) => n + (row.open || row.problem !== null ? 0 : 1), 0);
			const result = monteCarlo(r, options);
			const report: MonteCarloReport = { result, tradesWithR: r.length, tradesWithoutR: closed - r.length };
			return result ? transfer(report, monteCarloBuffers(result)) : report;
		}
	};
}

/** The buffers behind a Monte Carlo's typed arrays, each once (a buffer listed twice makes postMessage throw). */
export function monteCarloBuffers(m: MonteCarlo): ArrayBuffer[] {
	const arrays = [...m.bands.map((b) => b.equity), ...m.samples, m.maxDrawdowns];
	return [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))];
}

/**
 * The venue of each trade in the standing matching run: the venue that took the most units of
 * the trade's executions (ties: the first to reach that count, in execution order). Trades
 * outside the run, or whose executions name no venue, have none and go to the "(none)" bucket:
 * the issue asks for the venue of matched trades.
 */
export async function venueMap(d: FillbookDb, data: Derived): Promise<VenueMap> {
	const out = new Map<string, string>();
	const run = await standingRun(d);
	if (!run) return out;
	for (const m of run.result.matched) {
		const trade = data.byId.get(m.tradeId);
		if (!trade) continue;
		const units = new Map<string, number>();
		let best: string | null = null;
		let most = 0;
		for (const leg of trade.legs) {
			const venue = data.table.venue[leg.execution];
			if (!venue) continue;
			const n = (units.get(venue) ?? 0) + leg.quantity;
			units.set(venue, n);
			if (n > most) [best, most] = [venue, n];
		}
		if (best !== null) out.set(m.tradeId, best);
	}
	return out;
}
