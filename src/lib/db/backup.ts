/**
 * Backup and restore of one mode's whole database as a single JSON file (the format:
 * backup-format.ts; values as canonical JSON: backup-codec.ts; checking a file:
 * backup-validate.ts).
 *
 * The file is canonical: the same data always gives the same bytes (tables in a fixed order, rows
 * in primary-key order, object keys sorted, no export timestamp inside), so backup → restore →
 * backup yields an identical file and two backups can be compared with any diff tool.
 *
 * The auto-incremented keys of executionChunks and barChunks are not written: rows are written
 * in key order and re-added in that order, so the restored database has the same order (the key
 * values themselves depend on the database's key generator and mean nothing to the app).
 */
import type { IndexableType, Table } from 'dexie';
import type { Mode } from '$lib/core/model/mode';
import {
	BACKUP_FORMAT,
	BACKUP_TABLES,
	BACKUP_VERSION,
	BackupError,
	isBackupTable,
	NEWEST_KNOWN_SCHEMA,
	type Backup,
	type BackupCounts,
	type BackupTableName
} from './backup-format';
import { encode } from './backup-codec';
import { parseBackup } from './backup-validate';
import type { AlertSourceRow, FillbookDb } from './schema';

/** Tables whose primary key is generated on add and therefore not written. */
const GENERATED_KEYS: ReadonlySet<BackupTableName> = new Set([
	'executionChunks',
	'barChunks',
	'barAlternates'
]);

/** Rows read per query while exporting: chunks are megabytes each, other rows are small. */
const PAGE_ROWS: Record<BackupTableName, number> = {
	accounts: 2000,
	imports: 200,
	executionChunks: 2,
	journalTrades: 2000,
	barChunks: 8,
	annotations: 2000,
	deletedExecutions: 2000,
	executionEdits: 2000,
	matchDecisions: 2000,
	// A run holds its whole result: large for large journals.
	matchRuns: 4,
	paperSessions: 200,
	paperActions: 2000,
	strategies: 2000,
	strategyVersions: 2000,
	// A run holds its trades and equity curve.
	backtestRuns: 20,
	alertSources: 2000,
	alerts: 2000,
	levelAlerts: 2000,
	priceMarks: 2000,
	scanSchedules: 2000,
	barAlternates: 8,
	barPreferences: 2000,
	instruments: 2000,
	positionSnapshots: 200,
	meta: 2000
};

/**
 * Every row of the database's mode in one JSON file, read in one transaction (a consistent
 * snapshot even while other tabs write). Built as many small strings so that no single string
 * holds the whole file. Alert sources' secrets are left out unless `includeSecrets`.
 * @throws BackupError when a stored value has a type the format cannot represent (e.g. a Date).
 */
export async function exportBackup(db: FillbookDb, options: ExportOptions = {}): Promise<Blob> {
	// A table this code does not know would be silently missing from the file: refuse instead.
	const unknown = db.tables.map((t) => t.name).filter((name) => !isBackupTable(name));
	if (unknown.length > 0)
		throw new BackupError(
			`Backups do not cover the ${unknown.join(', ')} table(s) yet; nothing was exported.`
		);
	const parts: string[] = [];
	await db.transaction(
		'r',
		BACKUP_TABLES.map((name) => tableOf(db, name)),
		async () => {
			parts.push(
				`{"format":${JSON.stringify(BACKUP_FORMAT)},"version":${BACKUP_VERSION},` +
					`"mode":${JSON.stringify(db.mode)},"schemaVersion":${db.verno},"tables":{`
			);
			for (const [t, name] of BACKUP_TABLES.entries()) {
				parts.push(`${t === 0 ? '' : ','}${JSON.stringify(name)}:[`);
				let index = 0;
				await eachRow(tableOf(db, name), PAGE_ROWS[name], (row) => {
					const kept = GENERATED_KEYS.has(name)
						? withoutKey(row)
						: name === 'alertSources' && !options.includeSecrets
							? withoutSecret(row as AlertSourceRow)
							: row;
					parts.push((index === 0 ? '' : ',') + encode(kept, `${name}[${index}]`));
					index++;
				});
				parts.push(']');
			}
			parts.push('}}\n');
		}
	);
	return new Blob(parts, { type: 'application/json' });
}

export interface ExportOptions {
	/** Write the alert sources' HMAC secrets; without it they are written as null. */
	includeSecrets?: boolean;
}

/** A source as exported without its secret (and without the copy of the settings its gate keeps). */
function withoutSecret(row: AlertSourceRow): AlertSourceRow {
	return {
		...row,
		settings: { ...row.settings, secret: null },
		gate: { ...row.gate, settings: { ...row.gate.settings, secret: null } }
	};
}

/**
 * A suggested file name for a backup made at `at` (epoch ms), dated in the local time zone, e.g.
 * `fillbook-paper-backup-2026-11-21.json`. The date is in the name, never in the file.
 */
export function backupFileName(mode: Mode, at: number): string {
	const d = new Date(at);
	const pad = (n: number) => String(n).padStart(2, '0');
	return `fillbook-${mode}-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}.json`;
}

/** Rows per table of a backup (for the confirmation before restoring). */
export function backupCounts(backup: Backup): BackupCounts {
	const counts = {} as BackupCounts;
	for (const name of BACKUP_TABLES) counts[name] = backup.tables[name].length;
	return counts;
}

/**
 * Parses and checks a backup file's text: format, version, mode, every table and every row's
 * fields (typed-array columns of the right type and length, dictionary codes in range, unique
 * primary keys). Never throws: a bad file gives a reason naming what is wrong and where.
 */
export function readBackup(text: string): { ok: true; backup: Backup } | { ok: false; reason: string } {
	try {
		return { ok: true, backup: parseBackup(text) };
	} catch (error) {
		if (error instanceof BackupError) return { ok: false, reason: error.message };
		// Anything else is a bug in the checks, not in the file; still answer rather than throw.
		return { ok: false, reason: `The file could not be read: ${String(error)}` };
	}
}

/**
 * Replaces all of the mode's data with the backup's, in one transaction over every table: either
 * the database ends up exactly as the backup, or (any failure: quota, a closed tab, a crash)
 * exactly as it was. Nothing is merged: rows absent from the backup are gone afterwards.
 *
 * The backup's `mode` is not checked: a paper backup may be restored into real mode and the
 * other way round (e.g. to rehearse on a copy of real data). Rows carry no mode, so nothing needs
 * converting; the caller decides whether to allow it and warns the user.
 *
 * The backup's rows are not modified (they are copied before adding), so one backup can be
 * restored more than once.
 * A backup of an older schema is restored with the tables it lacks left empty (see
 * {@link NEWEST_KNOWN_SCHEMA}); one of a newer schema is refused.
 * @throws BackupError when the backup's schema is newer than `db`'s, or older and not upgradable.
 */
export async function restoreBackup(db: FillbookDb, backup: Backup): Promise<BackupCounts> {
	if (backup.schemaVersion > db.verno)
		throw new BackupError(
			`The backup was made by a newer Fillbook (database schema ${backup.schemaVersion}; this one uses ${db.verno}). Update Fillbook, then restore it.`
		);
	// Older rows are current rows only as far as this code knows the schema's history.
	if (backup.schemaVersion < db.verno && db.verno > NEWEST_KNOWN_SCHEMA)
		throw new BackupError(
			`The backup uses database schema ${backup.schemaVersion}, which this Fillbook (schema ${db.verno}) cannot upgrade.`
		);
	return db.transaction(
		'rw',
		BACKUP_TABLES.map((name) => tableOf(db, name)),
		async () => {
			const counts = {} as BackupCounts;
			for (const name of BACKUP_TABLES) {
				const table = tableOf(db, name);
				await table.clear();
				const rows: object[] = backup.tables[name];
				// Copies: Dexie may write generated keys into the objects it adds.
				const copies = rows.map((row) => (GENERATED_KEYS.has(name) ? withoutKey(row) : { ...row }));
				if (copies.length > 0) await table.bulkAdd(copies);
				counts[name] = copies.length;
			}
			return counts;
		}
	);
}

// ---------------------------------------------------------------------------------------------
// Tables

/** A table by name, typed loosely: the backup code handles every table's rows alike. */
function tableOf(db: FillbookDb, name: BackupTableName): Table<object, IndexableType> {
	// The tables' precise row types differ; as plain objects they are all the same to this code.
	return db[name] as unknown as Table<object, IndexableType>;
}

/** Visits every row in primary-key order, reading `page` rows per query. */
async function eachRow(
	table: Table<object, IndexableType>,
	page: number,
	visit: (row: object) => void
): Promise<void> {
	const keyPath = table.schema.primKey.keyPath;
	if (typeof keyPath !== 'string') throw new BackupError(`Table ${table.name} has a compound key.`);
	let rows = await table.toCollection().limit(page).toArray();
	while (rows.length > 0) {
		for (const row of rows) visit(row);
		if (rows.length < page) break;
		const last = (rows[rows.length - 1] as Record<string, IndexableType>)[keyPath]!;
		rows = await table.where(':id').above(last).limit(page).toArray();
	}
}

function withoutKey(row: object): object {
	const { key: _key, ...rest } = row as { key?: unknown };
	return rest;
}
