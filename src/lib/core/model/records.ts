/**
 * The canonical records every importer produces. Units are stated per field; every instant is
 * epoch milliseconds, UTC. Numbers are the nearest doubles to the decimal text in the file
 * (prices may be sub-penny); money sums are done in scaled integers by the trades core, not here.
 */

export type AssetClass = 'stock' | 'option' | 'future' | 'future_option' | 'forex' | 'crypto';

/** Direction of an execution. A short sale is a sell; covering a short is a buy. */
export type Side = 'buy' | 'sell';

/** Whether an execution opens or closes a position, where the file says so. */
export type PositionEffect = 'open' | 'close';

/** One execution (a single fill) as read from a file, before it gets its stable id. */
export interface ExecutionRecord {
	kind: 'execution';
	/** The broker's own id of this execution (IBKR TradeID, tastytrade order # + leg…), if any. */
	brokerExecutionId: string | null;
	/** Account number exactly as the file writes it; null when the file does not say. */
	accountNumber: string | null;
	/** Symbol as traded, upper case; options in OCC form (`AAPL  250117C00150000`) where known. */
	symbol: string;
	assetClass: AssetClass;
	side: Side;
	/** Whether this opened or closed (as the file says); null when the file does not say. */
	positionEffect: PositionEffect | null;
	/** True for a short sale (DAS `SS`, TradeZero `SS`), where the file marks it. */
	shortSale: boolean;
	/** Units filled, always > 0 (shares, contracts, coins; may be fractional). */
	quantity: number;
	/** Price per unit in the instrument's quote currency, before the multiplier; may be sub-penny. */
	price: number;
	/** When it filled; epoch ms, UTC. */
	time: number;
	/** Commission paid, as a cost (positive = paid, negative = rebate); null when the file has no such column. */
	commission: number | null;
	/** Other fees (exchange, regulatory, ECN), as a cost (positive = paid, negative = rebate); null when the file has none. */
	fees: number | null;
	/** ISO currency of price and costs, where the file says; null otherwise (the account's applies). */
	currency: string | null;
	/** Contract multiplier where the file says (options 100, futures point value); null otherwise. */
	multiplier: number | null;
	/** Broker order id shared by partial fills (DAS Cloid, IBKR IBOrderID), if any. */
	orderId: string | null;
	/** Venue or route (DAS `Route`, e.g. ARCA), if any. */
	venue: string | null;
	/** Realised P/L the broker reports on this execution (DAS `P / L` on closing fills), if any. */
	brokerPnl: number | null;
	/** 1-based line in the source file, for messages. */
	line: number;
}

/** One round trip from a journal such as Tradervue, with the fields only the journal has. */
export interface JournalTradeRecord {
	kind: 'journal';
	accountNumber: string | null;
	symbol: string;
	/** Long or short. */
	direction: 'long' | 'short';
	openTime: number;
	/** Null while the trade is open. */
	closeTime: number | null;
	/** Total units traded in the round trip as the journal reports it (Tradervue `Volume`). */
	volume: number;
	executionCount: number | null;
	entryPrice: number | null;
	exitPrice: number | null;
	grossPnl: number | null;
	netPnl: number | null;
	commissions: number | null;
	fees: number | null;
	/** Initial risk in money, as exported. */
	initialRisk: number | null;
	/** P&L in R, as exported. */
	pnlR: number | null;
	notes: string;
	/** Tags in file order; the strategy is usually one of them. */
	tags: string[];
	/** Every column of the row exactly as exported, by header name, so nothing the journal knows is lost. */
	raw: Record<string, string>;
	line: number;
}

/** One OHLCV bar of a symbol: what a bar file gives, what charts draw and the paper broker fills against. */
export interface Bar {
	symbol: string;
	/** The bar's OPEN time; epoch ms, UTC. */
	time: number;
	open: number;
	high: number;
	low: number;
	close: number;
	/** Units traded in the bar; null when the source has no volume (then volume never limits fills). */
	volume: number | null;
}

/** A bar as a file gave it, at its line. */
export interface BarRecord extends Bar {
	kind: 'bar';
	line: number;
}

export type ImportRecord = ExecutionRecord | JournalTradeRecord | BarRecord;
