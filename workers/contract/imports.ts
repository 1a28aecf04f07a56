/** Importing files: sniff, preview, import (atomic), the history, undo. */
import type { MappingPreset, ColumnMapping } from '$lib/core/formats/mapped';
import type { DecimalSeparator } from '$lib/core/formats/decimal';
import type { TextEncoding } from '$lib/core/formats/text';
import type { RowError, SkippedRow } from '$lib/core/formats/types';
import type { Mode } from '$lib/core/model/mode';
import type { ImportRow } from '$lib/db/schema';

/** An import as the history lists it (the stored row: counts, rejected rows, who made it). */
export type { ImportRow };

/** What the user confirmed on the import screen. */
export interface ImportRequest {
	formatId: string;
	zone: string;
	tradeDate: string | null;
	symbol: string | null;
	/** The account for rows that name none (an existing account's id), or null. */
	accountId: string | null;
	/** Currency for accounts the file names that are not stored yet (and the file does not give). */
	newAccountCurrency: string | null;
	/** For files in no known format: the user's column mapping (formatId 'mapped'). */
	mapping?: ColumnMapping | null;
	/** For files a saved preset recognised (formatId 'preset:<id>'). */
	preset?: MappingPreset | null;
}

export interface Progress {
	/** Bytes read so far. */
	bytes: number;
	total: number;
	rows: number;
	/** Milliseconds since the start. */
	elapsedMs: number;
}

/** A row as the preview shows it: formatted in the chosen zone. */
export interface PreviewRow {
	line: number;
	cells: Record<string, string>;
}

export interface Sniff {
	fileName: string;
	size: number;
	/** Candidate formats, best first (empty: unknown format, the user maps columns). */
	candidates: { id: string; label: string; score: number }[];
	/** First rows of the file as split, for the "unknown format" screen. */
	sample: string[][];
	tradeDateFromName: string | null;
	symbolFromName: string | null;
	/** The encoding the file is read in. */
	encoding: TextEncoding;
	/** The decimal separator of the file's numbers. */
	decimal: DecimalSeparator;
}

export type ImportOutcome =
	| {
			ok: true;
			importId: string;
			counts: ImportRow['counts'];
			createdAccounts: string[];
			/** Rejected rows, one per line with its problems joined (the first 200; the history keeps every one). */
			rejected: { line: number; reason: string }[];
			/** Skipped rows with their reasons (the first 200; the history keeps every one). */
			skipped: SkippedRow[];
			/** Warnings about the file as a whole (expected columns not found). */
			warnings: string[];
			encoding: TextEncoding;
			/** Symbols of which the file kept bars that disagree with stored ones (Charts → Bar sources compares them). */
			disagreeing?: string[];
	  }
	| { ok: false; cancelled: boolean; message: string };

/** An earlier import of the same bytes. */
export interface SameFile {
	importId: string;
	fileName: string;
	/** Epoch ms. */
	importedAt: number;
}

export interface PreviewResult {
	ok: boolean;
	message: string | null;
	rows: PreviewRow[];
	errors: RowError[];
	/** Warnings about the file as a whole (expected columns its header lacks). */
	warnings: string[];
	/** The encoding the file is read in, and its decimal separator (null when not read). */
	encoding: TextEncoding | null;
	decimal: DecimalSeparator | null;
	/** Accounts the previewed rows name that are not stored yet. */
	newAccounts: string[];
}

export interface ImportsApi {
	/** Reads the start of a file and says which formats it may be (saved presets included). */
	sniffFile(mode: Mode, file: File, presets?: MappingPreset[]): Promise<Sniff>;
	/** The first rows as they would be stored, with the problems the whole import would have. */
	previewFile(mode: Mode, file: File, request: ImportRequest): Promise<PreviewResult>;
	/** Reads, checks and stores a file in one transaction: all of it or nothing. */
	importFile(
		mode: Mode,
		jobId: string,
		file: File,
		request: ImportRequest,
		onProgress: (p: Progress) => void
	): Promise<ImportOutcome>;
	/** Cancels a running import (nothing of it is stored); false when no such job runs. */
	cancelImport(mode: Mode, jobId: string): boolean;
	/** An earlier import of the same bytes, or null. */
	sameFileImported(mode: Mode, file: File): Promise<SameFile | null>;
	/** Every import of the mode, newest first. */
	listImports(mode: Mode): Promise<ImportRow[]>;
	/** Removes an import and everything it stored; false when there was no such import. */
	undoImport(mode: Mode, importId: string): Promise<boolean>;
}
