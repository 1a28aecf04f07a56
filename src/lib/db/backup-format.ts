/**
 * The backup file's format: its header fields, the tables it holds and the schema each appeared
 * in, the row type of each table, and the error a bad file raises. backup.ts writes and restores
 * files; backup-codec.ts turns values into canonical JSON and back; backup-validate.ts checks one.
 */
import type { Table } from 'dexie';
import type { Account } from '$lib/core/model/account';
import type { Annotation } from '$lib/core/model/annotation';
import type { ExecutionChunk } from '$lib/core/model/execution-codec';
import type { BarChunk, JournalTrade } from '$lib/core/model/journal';
import type { Mode } from '$lib/core/model/mode';
import type {
	DeletedExecution,
	ExecutionEditRow,
	FillbookDb,
	ImportRow,
	MatchDecisionRow,
	MatchRunRow,
	MetaRow,
	PaperActionRow,
	PaperSessionRow,
	AlertRow,
	AlertSourceRow,
	BacktestRunRow,
	LevelAlertRow,
	PriceMarkRow,
	ScanScheduleRow,
	StrategyRow,
	StrategyVersionRow,
	BarPreferenceRow,
	InstrumentRow,
	PositionSnapshotRow
} from './schema';

/** The `format` field of every backup file. */
export const BACKUP_FORMAT = 'fillbook-backup';
/** The version of the file layout this code writes and reads (not the database schema version). */
export const BACKUP_VERSION = 1;

/** The names of the schema's tables: every property of FillbookDb that is a Dexie table. */
export type BackupTableName = Extract<
	{
		[K in keyof FillbookDb]: FillbookDb[K] extends Table<infer _Row, infer _Key> ? K : never;
	}[keyof FillbookDb],
	string
>;

/** Tables in the order they are written. Fixed for a format version: the order is part of the bytes. */
export const BACKUP_TABLES = [
	'accounts',
	'imports',
	'executionChunks',
	'journalTrades',
	'barChunks',
	'annotations',
	'deletedExecutions',
	'executionEdits',
	'matchDecisions',
	'matchRuns',
	'paperSessions',
	'paperActions',
	'strategies',
	'strategyVersions',
	'backtestRuns',
	'alertSources',
	'alerts',
	'levelAlerts',
	'priceMarks',
	'scanSchedules',
	'barAlternates',
	'barPreferences',
	'instruments',
	'positionSnapshots',
	'meta'
] as const satisfies readonly BackupTableName[];

// Fails to compile when the schema gains a table the backup does not write.
const _everyTableIsBackedUp: Record<Exclude<BackupTableName, (typeof BACKUP_TABLES)[number]>, never> = {};

/**
 * The newest database schema this file was written against. Schema changes up to 3 only added
 * tables (a backup of an older schema restores with the newer tables empty); schema 4 changed the
 * layout of execution chunks, and readBackup upgrades older backups' chunks as it reads them;
 * schema 5 added the matching tables, schema 6 the paper sessions, schema 7 the execution edits;
 * schema 8 moved a paper session's action log out of its row into paperActions, and readBackup
 * moves older backups' logs the same way; schema 9 added the strategy lab's tables, schema 10 the alert inbox's (and level alerts, price marks, scheduled scans),
 * schema 11 the bars kept aside where files disagree and the preferred file per symbol, schema 12
 * the instrument catalogue (the user's records and what imports revealed), schema 13 the broker
 * positions snapshots. A
 * schema change that moves data must upgrade older backups' rows (or refuse them) and then raise
 * this; backup.spec.ts fails until it does.
 */
export const NEWEST_KNOWN_SCHEMA = 13;

/**
 * The schema version each table first appeared in. A backup of an older schema lacks the newer
 * tables; they are restored empty.
 */
export const TABLE_SINCE: Record<BackupTableName, number> = {
	accounts: 1,
	meta: 1,
	imports: 2,
	executionChunks: 2,
	journalTrades: 2,
	barChunks: 2,
	annotations: 3,
	deletedExecutions: 3,
	matchDecisions: 5,
	matchRuns: 5,
	paperSessions: 6,
	executionEdits: 7,
	paperActions: 8,
	strategies: 9,
	strategyVersions: 9,
	backtestRuns: 9,
	alertSources: 10,
	alerts: 10,
	levelAlerts: 10,
	priceMarks: 10,
	scanSchedules: 10,
	barAlternates: 11,
	barPreferences: 11,
	instruments: 12,
	positionSnapshots: 13
};

/** The row type of each table as it appears in a backup (chunks without their generated key). */
export interface BackupRows {
	accounts: Account;
	imports: ImportRow;
	executionChunks: ExecutionChunk;
	journalTrades: JournalTrade;
	barChunks: BarChunk;
	annotations: Annotation;
	deletedExecutions: DeletedExecution;
	executionEdits: ExecutionEditRow;
	matchDecisions: MatchDecisionRow;
	matchRuns: MatchRunRow;
	paperSessions: PaperSessionRow;
	paperActions: PaperActionRow;
	strategies: StrategyRow;
	strategyVersions: StrategyVersionRow;
	backtestRuns: BacktestRunRow;
	alertSources: AlertSourceRow;
	alerts: AlertRow;
	levelAlerts: LevelAlertRow;
	priceMarks: PriceMarkRow;
	scanSchedules: ScanScheduleRow;
	barAlternates: BarChunk;
	barPreferences: BarPreferenceRow;
	instruments: InstrumentRow;
	positionSnapshots: PositionSnapshotRow;
	meta: MetaRow;
}

export type BackupTables = { [K in BackupTableName]: BackupRows[K][] };
export type BackupCounts = Record<BackupTableName, number>;

/** A backup read and checked by {@link readBackup}. */
export interface Backup {
	format: typeof BACKUP_FORMAT;
	version: typeof BACKUP_VERSION;
	/** The mode the backup was made in. Informational: it may be restored into either mode. */
	mode: Mode;
	/** The database schema version (FillbookDb's `verno`) the rows follow. */
	schemaVersion: number;
	tables: BackupTables;
}

/** A backup that cannot be written or restored, with a message fit for the user. */
export class BackupError extends Error {
	override name = 'BackupError';
}

/** Whether a name is one of the tables a backup holds. */
export function isBackupTable(name: string): name is BackupTableName {
	return (BACKUP_TABLES as readonly string[]).includes(name);
}
