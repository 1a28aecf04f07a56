import type { ExecutionRecord, ImportRecord } from '../model/records';

/** A problem with one row (or cell) of a file. Rows are 1-based lines of the file. */
export interface RowError {
	line: number;
	/** Header name of the offending column, when one column is at fault. */
	column: string | null;
	reason: string;
}

/** What one row gave: records, errors, or nothing (a row that is not data, e.g. a total). */
export interface RowOutcome {
	records: ImportRecord[];
	errors: RowError[];
	/** Rows read that are not records and not errors (headers, subtotals, cancelled orders…). */
	skipped: number;
	/** Why the row was skipped, as the user reads it ("a money movement, not a trade"). */
	skippedReason?: string;
	/** Problems that refuse nothing but the user must know (a header lacking an optional column). */
	warnings?: RowError[];
}

/** A row that is not data, with the reason the import result lists it under. */
export function skip(reason: string): RowOutcome {
	return { records: [], errors: [], skipped: 1, skippedReason: reason };
}

/** A row that is not data and needs no reason of its own (a blank row, a header, a disclaimer). */
export function notData(): RowOutcome {
	return { records: [], errors: [], skipped: 1 };
}

/** A row refused for one problem. */
export function refuse(line: number, column: string | null, reason: string): RowOutcome {
	return { records: [], errors: [{ line, column, reason }], skipped: 0 };
}

/** A row that gave one record. */
export function accept(record: ImportRecord): RowOutcome {
	return { records: [record], errors: [], skipped: 0 };
}

/** What every execution states; the rest is null (or not a short sale) unless the file says. */
type ExecutionFacts = Pick<
	ExecutionRecord,
	'symbol' | 'assetClass' | 'side' | 'quantity' | 'price' | 'time' | 'line'
>;

/**
 * An execution record from what a row states; what it does not state is null (`shortSale` false).
 * @example execution({ symbol: 'AAPL', assetClass: 'stock', side: 'buy', quantity: 1, price: 2, time: 0, line: 2 }).commission // null
 */
export function execution(facts: ExecutionFacts & Partial<Omit<ExecutionRecord, 'kind'>>): ExecutionRecord {
	// Written out in the record's own order, whichever fields a format states.
	return {
		kind: 'execution',
		brokerExecutionId: facts.brokerExecutionId ?? null,
		accountNumber: facts.accountNumber ?? null,
		symbol: facts.symbol,
		assetClass: facts.assetClass,
		side: facts.side,
		positionEffect: facts.positionEffect ?? null,
		shortSale: facts.shortSale ?? false,
		quantity: facts.quantity,
		price: facts.price,
		time: facts.time,
		commission: facts.commission ?? null,
		fees: facts.fees ?? null,
		currency: facts.currency ?? null,
		multiplier: facts.multiplier ?? null,
		orderId: facts.orderId ?? null,
		venue: facts.venue ?? null,
		brokerPnl: facts.brokerPnl ?? null,
		line: facts.line
	};
}

/** A skipped row as the import result and history list it. */
export interface SkippedRow {
	line: number;
	reason: string;
}

/**
 * How an import counted a file's rows. The file's header (its first non-blank line, when it is
 * not data) and blank lines are not rows. Every other row counts once, in exactly one of the
 * four outcomes, so that always `rows = imported + duplicates + rejected + skipped`:
 * - `imported`: rows whose record was stored;
 * - `duplicates`: rows whose record was already stored (or came earlier in the same file);
 * - `rejected`: rows with at least one problem (a row with two problems counts once);
 * - `skipped`: rows that are not data (an IBKR statement's other sections, a money movement,
 *   a cancelled order, a section header or total), each listed with its reason.
 */
export interface RowCounts {
	rows: number;
	imported: number;
	duplicates: number;
	rejected: number;
	skipped: number;
}

/** What a parser is told when it starts. */
export interface ParseOptions {
	fileName: string;
	/** IANA zone of the file's wall times (the user confirmed it). */
	zone: string;
	/** `YYYY-MM-DD` for files whose rows have no date (DAS); null otherwise. */
	tradeDate: string | null;
	/** The symbol for files whose rows do not name one (TradingView, bar files); null otherwise. */
	symbol: string | null;
}

/** A streaming parser for one file: fed every row in order (header rows included). */
export interface FormatParser {
	/** One row of cells with its 1-based line number in the file. */
	row(cells: string[], line: number): RowOutcome;
	/** Called once after the last row (for formats that pair rows, e.g. TradingView). */
	end(): RowOutcome;
}

export type Produces = 'executions' | 'journal' | 'bars';

/** One file format Fillbook reads. */
export interface FormatDef {
	id: string;
	/** What the user sees, e.g. "DAS Trader — Trades window". */
	label: string;
	produces: Produces;
	/**
	 * How sure we are that a file is in this format, from its first rows (cells, up to 50) and its
	 * name: 0 = not this format, 1 = certain. The highest score above 0.5 wins.
	 */
	detect(sample: string[][], fileName: string): number;
	/** The zone the user is offered first; null when the file's times carry their own offset. */
	defaultZone: string | null;
	/** True when rows have no date and the import needs a trade date (DAS). */
	needsTradeDate: boolean;
	/** Whether the rows name their account; when false the user chooses one. */
	hasAccountColumn: boolean;
	/** True when rows do not name the symbol and the import needs one (from the name or the user). */
	needsSymbol: boolean;
	/** The symbol a file name implies (`BATS_SPY, 1D.csv` -> `SPY`), for formats that need one. */
	symbolFromFileName?(fileName: string): string | null;
	/**
	 * True when the broker's realised P/L on executions is after commissions (IBKR puts them in
	 * the cost basis and the proceeds); otherwise it is before costs (DAS `P / L`).
	 */
	brokerPnlAfterCommissions?: boolean;
	parser(options: ParseOptions): FormatParser;
}

export const EMPTY_OUTCOME: RowOutcome = Object.freeze({ records: [], errors: [], skipped: 0 });
