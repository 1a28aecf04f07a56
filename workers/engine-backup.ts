/**
 * The backup side of the engine: export a mode's database as one file, look into a backup file,
 * and restore one (replacing the mode's data, through the single write queue).
 */
import type { Mode } from '$lib/core/model/mode';
import {
	backupCounts,
	backupFileName,
	exportBackup,
	readBackup,
	restoreBackup,
	BackupError,
	type Backup,
	type BackupCounts
} from '$lib/db/backup';
import type { FillbookDb } from '$lib/db/schema';

/** What a backup file holds, for the confirmation before restoring. */
export type BackupInspection =
	| { ok: true; backupMode: Mode; schemaVersion: number; counts: BackupCounts }
	| { ok: false; message: string };

export type RestoreOutcome =
	{ ok: true; backupMode: Mode; counts: BackupCounts } | { ok: false; message: string };

/**
 * @param db the open database of a mode (checks the mode).
 * @param write runs a task after every write queued before it.
 * @param now clock for the date in the file name; epoch ms, UTC.
 */
export function createBackup(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	now: () => number = Date.now
) {
	return {
		/**
		 * The mode's whole database as one JSON file and a suggested name for it. A read: it does not
		 * wait for the write queue (its transaction sees a consistent state either way).
		 */
		async exportBackup(mode: Mode): Promise<{ blob: Blob; fileName: string }> {
			const blob = await exportBackup(db(mode));
			return { blob, fileName: backupFileName(mode, now()) };
		},

		/**
		 * What a backup file holds and which mode it was made in, without changing anything, so the
		 * UI can ask "replace N trades in real mode with this paper backup?".
		 */
		async inspectBackup(mode: Mode, file: File): Promise<BackupInspection> {
			const database = db(mode);
			const read = await readFile(file);
			if (!read.ok) return read;
			const { backup } = read;
			if (backup.schemaVersion > database.verno)
				return {
					ok: false,
					message: `${file.name} was made by a newer Fillbook (database schema ${backup.schemaVersion}; this one uses ${database.verno}). Update Fillbook, then restore it.`
				};
			return {
				ok: true,
				backupMode: backup.mode,
				schemaVersion: backup.schemaVersion,
				counts: backupCounts(backup)
			};
		},

		/**
		 * Replaces all of the mode's data with the file's, all or nothing. A backup of the other mode
		 * is restored too (the UI warns before calling); `backupMode` says which it was.
		 */
		async restoreBackup(mode: Mode, file: File): Promise<RestoreOutcome> {
			const database = db(mode);
			// Read and check before queueing: a bad file never holds up other writes.
			const read = await readFile(file);
			if (!read.ok) return read;
			const { backup } = read;
			return write(async (): Promise<RestoreOutcome> => {
				try {
					const counts = await restoreBackup(database, backup);
					return { ok: true, backupMode: backup.mode, counts };
				} catch (error) {
					return { ok: false, message: describeFailure(error, file.name) };
				}
			});
		}
	};
}

/** The file's text read and checked as a backup; never throws. */
async function readFile(file: File): Promise<{ ok: true; backup: Backup } | { ok: false; message: string }> {
	let text: string;
	try {
		text = await file.text();
	} catch (error) {
		return { ok: false, message: `${file.name} could not be read: ${String(error)}. Nothing was changed.` };
	}
	const read = readBackup(text);
	if (!read.ok)
		return { ok: false, message: `${file.name} cannot be restored. ${read.reason} Nothing was changed.` };
	return { ok: true, backup: read.backup };
}

function describeFailure(error: unknown, fileName: string): string {
	if (error instanceof BackupError)
		return `${fileName} cannot be restored. ${error.message} Nothing was changed.`;
	const name = error instanceof Error ? error.name : '';
	const inner = (error as { inner?: { name?: string } } | null)?.inner?.name ?? '';
	if (name === 'QuotaExceededError' || inner === 'QuotaExceededError')
		return `The browser has no room left to restore ${fileName}. Nothing was changed; free space and try again.`;
	return `Restoring ${fileName} failed: ${error instanceof Error ? error.message : String(error)}. Nothing was changed.`;
}
