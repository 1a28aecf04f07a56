/**
 * Test helper: parse a whole CSV text with Papa Parse (as the import worker does) and run it
 * through a format. Line numbers are 1-based lines of the file, counting the header.
 */
import Papa from 'papaparse';
import { LineNumberer, runFormat, type RunResult } from './run';
import type { FormatDef, ParseOptions } from './types';

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
