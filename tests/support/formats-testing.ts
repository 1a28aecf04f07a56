/**
 * Test helpers for the file formats: parse a whole CSV text with Papa Parse (as the import does)
 * and run it through a format, read a format's fixtures, and the headers of every format that
 * others must not be taken for. Line numbers are 1-based lines of the file, counting the header.
 */
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { expect } from 'vitest';
import { LineNumberer, runFormat, type RunResult } from '../../src/lib/core/formats/run';
import type { FormatDef, ParseOptions } from '../../src/lib/core/formats/types';

export function splitCsv(text: string): [string[], number][] {
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	return new LineNumberer().number(parsed.data);
}

export function importText(format: FormatDef, text: string, options: Partial<ParseOptions> = {}): RunResult {
	return runFormat(format, splitCsv(text), {
		fileName: options.fileName ?? 'file.csv',
		zone: options.zone ?? format.defaultZone ?? 'UTC',
		tradeDate: options.tradeDate ?? null,
		symbol: options.symbol ?? null
	});
}

/** The first rows of a text as `detect` sees them. */
export function sampleOf(text: string, rows = 50): string[][] {
	return splitCsv(text)
		.slice(0, rows)
		.map(([cells]) => cells);
}

/** Reads the fixtures of one folder: `fixtures('robinhood')('bad-rows.csv')` is tests/fixtures/formats/robinhood/bad-rows.csv. */
export function fixtures(folder: string): (name: string) => string {
	return (name) => readFileSync(`tests/fixtures/formats/${folder}/${name}`, 'utf8');
}

/** A file of tests/fixtures/public (samples other projects publish). */
export function publicSample(name: string): string {
	return readFileSync(`tests/fixtures/public/${name}`, 'utf8');
}

/** The header row of each format (and header generation) a detection test tries on the others. */
const HEADERS: Readonly<Record<string, string>> = {
	'das-trades': 'Time,Symb,Side,Price,Qty,Route,Broker,Account,Type,Cloid,P / L,',
	'tradervue-trades':
		'Open Datetime,Close Datetime,Symbol,Side,Volume,Exec Count,Entry Price,Exit Price,Gross P&L,Gross P&L (%),Shared,Notes,Tags',
	'yahoo-bars': 'Date,Open,High,Low,Close,Adj Close,Volume',
	'tradingview-trades':
		'Trade #,Type,Signal,Date/Time,Price,Contracts,Profit $,Profit %,Cum. Profit $,Cum. Profit %,Run-up $,Run-up %,Drawdown $,Drawdown %',
	'tradingview-trades (INR)':
		'Trade #,Type,Date/Time,Signal,Price INR,Position size (qty),Position size (value),Net P&L INR,Net P&L %',
	'tradingview-orders':
		'Symbol,Side,Type,Qty,Limit Price,Stop Price,Fill Price,Status,Commission,Placing Time,Closing Time,Order ID,Level ID,Leverage,Margin',
	webull: 'Name,Symbol,Side,Status,Filled,Total Qty,Price,Avg Price,Time-in-Force,Placed Time,Filled Time',
	robinhood: 'Activity Date,Process Date,Settle Date,Instrument,Description,Trans Code,Quantity,Price,Amount'
};

/** The header rows (as cells) of every format but `own` (by format id): none may be taken for `own`. */
export function foreignHeaders(own: string): string[][] {
	return Object.entries(HEADERS)
		.filter(([id]) => id.split(' ')[0] !== own)
		.map(([, header]) => header.split(','));
}

/** The whole execution record a spec expects (one definition for every spec: see records.ts). */
export { executionRecord } from './records';

/**
 * Checks a format's detection: each named fixture (and each extra header row) scores above 0.5,
 * and no other format's header (see foreignHeaders) does.
 */
export function expectDetection(
	format: FormatDef,
	fixture: (name: string) => string,
	names: readonly string[],
	extraHeaders: readonly string[][] = []
): void {
	for (const name of names) expect(format.detect(sampleOf(fixture(name)), name), name).toBeGreaterThan(0.5);
	for (const header of extraHeaders)
		expect(format.detect([header], 'x.csv'), header.join()).toBeGreaterThan(0.5);
	for (const header of foreignHeaders(format.id))
		expect(format.detect([header], 'x.csv'), header.join()).toBeLessThanOrEqual(0.5);
}

/**
 * Checks that a header lacking `missing` (header names, as the error lists them) is refused, and
 * so is the one data row under it (line 2), naming the header's line.
 */
export function expectBrokenHeader(
	format: FormatDef,
	text: string,
	missing: string,
	options: Partial<ParseOptions> = {}
): void {
	expect(importText(format, text, options).errors).toEqual([
		{ line: 1, column: null, reason: `missing columns: ${missing}` },
		{ line: 2, column: null, reason: `not read: the header (line 1) lacks ${missing}` }
	]);
}

/** What importing a file of bad rows must give: its records, errors and skipped count (and rows read, when given). */
export interface BadRowsExpectation {
	records: unknown[];
	errors: unknown[];
	skipped: number;
	rows?: number;
}

/** Imports `text` and checks it gives exactly the expected records, errors and counts. */
export function expectRows(
	format: FormatDef,
	text: string,
	expected: BadRowsExpectation,
	options: Partial<ParseOptions> = {}
): void {
	const result = importText(format, text, options);
	if (expected.rows !== undefined) expect(result.rows).toBe(expected.rows);
	expect(result.skipped).toBe(expected.skipped);
	expect(result.records).toEqual(expected.records);
	expect(result.errors).toEqual(expected.errors);
}
