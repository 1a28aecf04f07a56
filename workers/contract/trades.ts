/** The Trades pages and the dashboard: trades derived from the executions, never stored. */
import type { Dashboard, Unit } from '$lib/core/analytics';
import type { CostLine } from '$lib/core/costs';
import type { Annotation, DefaultRisk } from '$lib/core/model/annotation';
import type { Mode } from '$lib/core/model/mode';
import type { ExecutionFields } from '$lib/core/trades/execution-edit';
import type { TradeFilter, TradePage, TradeQuery, TradeRow } from '$lib/core/trades/query';

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
	/** The whole execution's quantity (more than `quantity` when it reversed the position). */
	executionQuantity: number;
	/** The user's correction of it, with the values as imported; null when it is as imported. */
	edit: { original: ExecutionFields; reason: string; editedAt: number } | null;
}

export interface TradeDetail {
	trade: TradeRow;
	executions: TradeExecution[];
	/** The costs commission schedules put on the trade, each with its schedule; empty when none. */
	costs: CostLine[];
	annotation: Annotation | null;
}

/** The accounts, symbols, tags, strategies and mistakes the filters offer. */
export interface TradeFacets {
	accounts: string[];
	symbols: string[];
	tags: string[];
	strategies: string[];
	mistakes: string[];
}

/** Futures point values: the built-in table and the user's own, by root. */
export interface PointValues {
	builtIn: Record<string, number>;
	own: Record<string, number>;
}

export interface TradesApi {
	/** One page of trades, filtered and sorted. */
	listTrades(mode: Mode, query: TradeQuery): Promise<TradePage>;
	/** The dashboard of the filtered trades (its series transferred). */
	dashboard(mode: Mode, filter: TradeFilter, zone: string, unit: Unit): Promise<Dashboard>;
	/** Every filtered trade as CSV. */
	exportTradesCsv(mode: Mode, query: Omit<TradeQuery, 'offset' | 'limit'>): Promise<string>;
	tradeFacets(mode: Mode): Promise<TradeFacets>;
	/** One trade with its executions, costs and annotation; null when there is no such trade. */
	tradeDetail(mode: Mode, id: string): Promise<TradeDetail | null>;
	pointValues(mode: Mode): Promise<PointValues>;
	defaultRisk(mode: Mode): Promise<DefaultRisk>;
	/** The account's equity before the first trade (dollars), or null when not set. */
	startingEquity(mode: Mode): Promise<number | null>;
}
