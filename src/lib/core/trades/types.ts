/**
 * The grouping's input and output: executions as columns (`ExecutionTable`), and the trades
 * `groupTrades` (group.ts) makes of them.
 */

/** Executions as columns, in any order. */
export interface ExecutionTable {
	count: number;
	/** Stable execution ids (identity.ts). */
	id: readonly string[];
	/** Epoch ms, UTC. */
	time: Float64Array;
	/** Units, > 0. */
	quantity: Float64Array;
	price: Float64Array;
	/** 0 = buy, 1 = sell. */
	side: Uint8Array;
	/** Costs; NaN where the file had none. */
	commission: Float64Array;
	fees: Float64Array;
	/** Realised P/L the broker's file gives per execution; NaN where none (optional column). */
	brokerPnl?: Float64Array;
	/** Index into `groups` (one per account and symbol). */
	group: Uint32Array;
	groups: readonly ExecutionGroup[];
}

/** The executions of one account in one symbol. */
export interface ExecutionGroup {
	accountId: string;
	symbol: string;
	/** Units × price × multiplier = money (options 100, futures their point value). */
	multiplier: number;
	/** The broker's P/L on these executions is after commissions (FormatDef.brokerPnlAfterCommissions). */
	brokerPnlAfterCommissions?: boolean;
}

/**
 * Why a trade's figures cannot be computed. `execution` is the index into the table of the
 * execution at fault, where one is.
 */
export type TradeProblem =
	| { kind: 'multiplier' }
	| { kind: 'price' | 'quantity' | 'time' | 'commission' | 'fees'; execution: number }
	| { kind: 'range'; execution: number | null };

/** One execution's part in a trade: index into the table, quantity of it that belongs to the trade, position after it. */
export interface Leg {
	execution: number;
	quantity: number;
	position: number;
}

/** One trade. Money in the instrument's currency; P&L already × multiplier. */
export interface Trade {
	/** The first execution's id; a trade opened by a reversing execution adds `~r`. */
	id: string;
	accountId: string;
	symbol: string;
	direction: 'long' | 'short';
	open: boolean;
	openTime: number;
	/** Null while open. */
	closeTime: number | null;
	/** Largest absolute position reached. */
	quantity: number;
	entryQuantity: number;
	exitQuantity: number;
	/** Volume-weighted average prices; null when there is no exit yet. */
	entryPrice: number;
	exitPrice: number | null;
	multiplier: number;
	/**
	 * Realised P&L before costs: the cash flow (Σ sell value − Σ buy value) × multiplier, exact
	 * until one rounding to the cent at the end. Whatever a broker's file reports, this is it.
	 */
	grossPnl: number;
	commission: number;
	fees: number;
	netPnl: number;
	/** The same figure as grossPnl (kept for callers that name the computed figure). */
	computedPnl: number;
	/**
	 * The sum of the realised P/L the broker's file gives on the trade's closing executions (DAS
	 * `P / L`, IBKR FifoPnlRealized with its commissions added back…), before costs; null unless
	 * the file gives it for every closing execution. A reconciliation only: the broker rounds each
	 * execution's P/L to the cent, so its sum may drift from the cash flow by a few cents.
	 */
	brokerPnl: number | null;
	/**
	 * True when the broker's figure and the cash flow differ by more than the broker's rounding of
	 * each closing execution to the cent (½ cent each) can explain: worth a look (a corrected
	 * fill, a fee booked as P/L, a different cost basis).
	 */
	pnlMismatch: boolean;
	/**
	 * Why the trade's figures cannot be computed (a missing price, no multiplier…), null when they
	 * can. Such a trade is still listed, with its reason, but counts in no sum.
	 */
	problem: TradeProblem | null;
	/** Gross P&L as a percentage of the entry value (entry VWAP × quantity entered × multiplier). */
	returnPct: number;
	/** How many executions make up the trade (= legs.length: an execution is in a trade once at most). */
	executionCount: number;
	/**
	 * The executions that make up the trade, in time order. Built on first read (and kept) from
	 * the grouping's shared leg arrays: listing trades never pays for them.
	 */
	readonly legs: readonly Leg[];
}
