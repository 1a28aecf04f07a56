/**
 * Broker positions snapshots and their reconciliation with the stored executions
 * (docs/reconcile.md): import a positions file, list and delete snapshots, compare one with the
 * executions, and add the opening balance that removes a difference.
 */
import type { PositionMapping } from '$lib/core/formats/positions';
import type { RowError } from '$lib/core/formats/types';
import type { Mode } from '$lib/core/model/mode';
import type { ReconcileLine, ReconcileStatus } from '$lib/core/positions/reconcile';

export type { PositionMapping } from '$lib/core/formats/positions';
export type { OpeningBalance, ReconcileStatus } from '$lib/core/positions/reconcile';

/** What a positions file looks like before its import: its format, header and day. */
export interface PositionsFilePreview {
	fileName: string;
	/** The detected format's id, or null (the user maps the columns: `generic-positions`). */
	formatId: string | null;
	/** Every format the user may choose, detected first. */
	formats: { id: string; label: string; needsDate: boolean }[];
	/** The file's header row (for the generic mapping). */
	header: string[];
	/** The day a file name like `Positions_2025-03-04.csv` says; null when it says none. */
	dateFromName: string | null;
	/** The accounts of the mode the user may assign rows without an account to. */
	accounts: { id: string; label: string }[];
}

/** How to read a positions file. */
export interface PositionsImportRequest {
	formatId: string;
	/** `YYYY-MM-DD` for files without a date (DAS, tastytrade); null when the file has one. */
	date: string | null;
	/** The generic format's columns; null for the others. */
	mapping: PositionMapping | null;
	/** The account for rows that name none (the generic format without an account column). */
	accountId: string | null;
	/** The broker's zone the day is read in (its end is the snapshot's instant). */
	zone: string;
}

/** A stored snapshot as the page lists it. */
export interface SnapshotSummary {
	id: string;
	fileName: string;
	formatLabel: string;
	broker: string;
	/** `YYYY-MM-DD` and the zone whose end of day is the snapshot's instant. */
	asOfDate: string;
	zone: string;
	/** Epoch ms, UTC. */
	asOf: number;
	importedAt: number;
	/** The accounts it covers, as "DAS Trader · TRIB5621". */
	accounts: string[];
	positions: number;
}

export type PositionsImportOutcome =
	| { ok: true; snapshot: SnapshotSummary }
	| {
			ok: false;
			/** What went wrong, in a sentence that names the file. */
			message: string;
			/** The rows at fault (line, column, reason); empty when the whole file is. */
			errors: RowError[];
			/** An earlier snapshot of the same bytes, when that is why. */
			sameAs: SnapshotSummary | null;
	  };

/** One compared account and symbol (the core's line), with its account named. */
export interface ReconcileRow extends ReconcileLine {
	/** "DAS Trader · TRIB5621". */
	account: string;
	currency: string | null;
	/** The opening execution in words, as the confirmation shows it; null without one. */
	openingText: string | null;
}

export interface ReconcileAnswer {
	snapshot: SnapshotSummary;
	rows: ReconcileRow[];
	counts: Record<ReconcileStatus, number>;
}

export type ReconcileResult = { ok: true } | { ok: false; message: string };

export interface ReconcileApi {
	/** Reads a positions file's header: the format it seems to be, the day its name says. */
	previewPositionsFile(mode: Mode, file: File): Promise<PositionsFilePreview>;
	/**
	 * Imports a positions file as one snapshot: every row is read or none is stored (errors name
	 * line, column and reason); the same bytes twice are refused; an account number that is not
	 * one of the mode's accounts of that broker is an error.
	 */
	importPositions(
		mode: Mode,
		file: File,
		request: PositionsImportRequest,
		onProgress?: (rows: number) => void
	): Promise<PositionsImportOutcome>;
	/** Every snapshot of the mode, newest day first. */
	positionSnapshots(mode: Mode): Promise<SnapshotSummary[]>;
	/** Removes a snapshot (undoes its import); false when there was none. */
	deletePositionSnapshot(mode: Mode, id: string): Promise<boolean>;
	/** The snapshot against the stored executions at its instant; null when no such snapshot. */
	reconcileSnapshot(mode: Mode, id: string): Promise<ReconcileAnswer | null>;
	/**
	 * Adds the opening balance the reconciliation offers for an account and symbol, as a manual
	 * execution (an import of its own, undone like one).
	 */
	addOpeningBalance(
		mode: Mode,
		snapshotId: string,
		accountId: string,
		symbol: string
	): Promise<ReconcileResult>;
}
