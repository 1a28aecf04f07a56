/** Reports: breakdowns of the filtered trades and a Monte Carlo of their R multiples. */
import type { Breakdown, BreakdownKey, MonteCarlo, MonteCarloOptions, Unit } from '$lib/core/analytics';
import type { Mode } from '$lib/core/model/mode';
import type { TradeFilter } from '$lib/core/trades/query';

/** A Monte Carlo with how many R values it drew from (0: none of the trades has an R). */
export interface MonteCarloReport {
	result: MonteCarlo | null;
	/** Closed trades with an R multiple: the distribution drawn from. */
	tradesWithR: number;
	/** Closed trades without one (no risk set), left out. */
	tradesWithoutR: number;
}

export interface ReportsApi {
	breakdownReport(
		mode: Mode,
		filter: TradeFilter,
		zone: string,
		unit: Unit,
		key: BreakdownKey
	): Promise<Breakdown>;
	breakdownCsv(mode: Mode, filter: TradeFilter, zone: string, unit: Unit, key: BreakdownKey): Promise<string>;
	monteCarloReport(
		mode: Mode,
		filter: TradeFilter,
		zone: string,
		options: MonteCarloOptions
	): Promise<MonteCarloReport>;
}
