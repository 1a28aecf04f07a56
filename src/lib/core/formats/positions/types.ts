/**
 * Broker position snapshots: what a broker says an account holds at one moment. Parsers read a
 * whole file (position files are small: one row per holding) and give position records plus row
 * errors in the shape the execution importers use (1-based line, the column as the header writes
 * it, the reason). A file with any error stores nothing.
 */
import type { AssetClass } from '../../model/records';
import type { RowError } from '../types';

/** One holding as a broker's positions file states it. */
export interface PositionRecord {
	/** The account number as the broker writes it; null when the file names none (generic CSV). */
	accountNumber: string | null;
	/** Upper case, as executions store it (OCC option symbols keep their padding). */
	symbol: string;
	assetClass: AssetClass;
	/** Units held, signed: + long, − short. 0 = the broker lists the symbol as flat. */
	quantity: number;
	/** The broker's average cost per unit (a price, before the multiplier); null when the file has none. */
	avgCost: number | null;
	/** ISO 4217 code when the file says (IBKR CurrencyPrimary); null otherwise (the account's). */
	currency: string | null;
	/** 1-based line of the file. */
	line: number;
}

/** The mapping of a generic positions CSV: the header name of each field (null: the file has none). */
export interface PositionMapping {
	symbol: string;
	quantity: string;
	account: string | null;
	avgCost: string | null;
	date: string | null;
}

/** What a positions parser is told. */
export interface PositionParseOptions {
	fileName: string;
	/** `YYYY-MM-DD` the snapshot is of, for files without a date (DAS, tastytrade); null when not given. */
	date: string | null;
	/** The generic format's columns; ignored by the others. */
	mapping?: PositionMapping | null;
}

/** What a positions file gave. */
export interface PositionParse {
	records: PositionRecord[];
	errors: RowError[];
	/** Rows read that are not holdings (the DAS Summary row, IBKR lot rows…), with why. */
	skipped: { line: number; reason: string }[];
	/**
	 * The day the snapshot is of (`YYYY-MM-DD`): the file's own date (IBKR ReportDate), else the
	 * one given. Null only when neither says (then `errors` says so too).
	 */
	date: string | null;
}

/** A positions file format. */
export interface PositionFormat {
	id: 'das-positions' | 'ibkr-flex-positions' | 'tastytrade-positions' | 'generic-positions';
	label: string;
	/** The broker whose account numbers the rows name (as the execution importers name it). */
	broker: string | null;
	/** True when the rows carry no date: the date comes from the file name or the user. */
	needsDate: boolean;
	/** Whether the format's header row is this one (0 = not this format, 1 = certain). */
	detect(header: string[]): number;
	/** Reads every row of the file (`rows[i]` is line i + 1). */
	parse(rows: string[][], options: PositionParseOptions): PositionParse;
}
