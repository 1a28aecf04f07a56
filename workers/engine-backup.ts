/**
 * The backup side of the engine: export a mode's database as one file, look into a backup file,
 * and restore one (replacing the mode's data, through the single write queue).
 */
import type { BackupApi, BackupInspection, RestoreOptions, RestoreOutcome } from './contract';
import type { Mode } from '$lib/core/model/mode';
import { backupCounts, backupFileName, exportBackup, readBackup, restoreBackup } from '$lib/db/backup';
import { BackupError, type Backup } from '$lib/db/backup-format';
import { checkBackupContent } from '$lib/db/backup-content';
import { decryptBackup, encryptBackup, isEncryptedBackup, readEncryptedInfo } from '$lib/db/backup-crypto';
import type { FillbookDb } from '$lib/db/schema';

/**
 * @param db the open database of a mode (checks the mode).
 * @param write runs a task after every write queued before it.
 * @param now clock for the date in the file name; epoch ms, UTC.
 */
export function createBackup(
	db: (mode: Mode) => FillbookDb,
	write: <T>(task: () => Promise<T>) => Promise<T>,
	now: () => number = Date.now
): BackupApi {
	return {
		/**
		 * The mode's whole database as one JSON file and a suggested name for it. A read: it does not
		 * wait for the write queue (its transaction sees a consistent state either way).
		 */
		async exportBackup(
			mode: Mode,
			options: { passphrase?: string; includeSecrets?: boolean } = {}
		): Promise<{ blob: Blob; fileName: string }> {
			const blob = await exportBackup(db(mode), { includeSecrets: options.includeSecrets === true });
			const fileName = backupFileName(mode, now());
			if (options.passphrase === undefined) return { blob, fileName };
			const sealed = await encryptBackup(await blob.text(), mode, options.passphrase);
			return {
				blob: new Blob([sealed], { type: 'application/json' }),
				fileName: fileName.replace(/\.json$/, '-encrypted.json')
			};
		},

		/**
		 * What a backup file holds and which mode it was made in, without changing anything, so the
		 * UI can ask "replace N trades in real mode with this paper backup?".
		 */
		async inspectBackup(mode: Mode, file: File, passphrase?: string): Promise<BackupInspection> {
			const database = db(mode);
			const read = await readFile(file, passphrase);
			if (!read.ok) return read;
			const { backup, encrypted } = read;
			if (backup.schemaVersion > database.verno)
				return {
					ok: false,
					message: `${file.name} was made by a newer Fillbook (database schema ${backup.schemaVersion}; this one uses ${database.verno}). Update Fillbook, then restore it.`
				};
			const content = checkBackupContent(backup);
			if (content.problems.length > 0) return { ok: false, message: refusal(file.name, content) };
			return {
				ok: true,
				backupMode: backup.mode,
				schemaVersion: backup.schemaVersion,
				counts: backupCounts(backup),
				encrypted,
				orphanNotes: content.orphanNotes
			};
		},

		/**
		 * Replaces all of the mode's data with the file's, all or nothing. A backup of the other mode
		 * is refused unless `confirmMode` is the name of the mode being replaced; one whose content
		 * breaks the importers' bounds is refused with the rows named.
		 */
		async restoreBackup(mode: Mode, file: File, options: RestoreOptions = {}): Promise<RestoreOutcome> {
			const database = db(mode);
			// Read and check before queueing: a bad file never holds up other writes.
			const read = await readFile(file, options.passphrase);
			if (!read.ok) return read;
			const { backup } = read;
			if (backup.mode !== mode && options.confirmMode?.trim().toLowerCase() !== mode)
				return {
					ok: false,
					needsModeConfirmation: true,
					message: `${file.name} holds ${backup.mode}-mode data. Restoring it replaces everything in ${mode} mode; type "${mode}" to confirm. Nothing was changed.`
				};
			const content = checkBackupContent(backup);
			if (content.problems.length > 0) return { ok: false, message: refusal(file.name, content) };
			return write(async (): Promise<RestoreOutcome> => {
				try {
					const counts = await restoreBackup(database, backup);
					return { ok: true, backupMode: backup.mode, counts, orphanNotes: content.orphanNotes };
				} catch (error) {
					return { ok: false, message: describeFailure(error, file.name) };
				}
			});
		}
	};
}

type ReadOutcome =
	| { ok: true; backup: Backup; encrypted: boolean }
	| { ok: false; message: string; locked?: { backupMode: Mode; wrongPassphrase: boolean } };

/** The file's text (decrypted when it is sealed) read and checked as a backup; never throws. */
async function readFile(file: File, passphrase?: string): Promise<ReadOutcome> {
	let text: string;
	try {
		text = await file.text();
	} catch (error) {
		return { ok: false, message: `${file.name} could not be read: ${String(error)}. Nothing was changed.` };
	}
	const encrypted = isEncryptedBackup(text);
	if (encrypted) {
		const info = readEncryptedInfo(text);
		if (!info.ok)
			return { ok: false, message: `${file.name} cannot be restored. ${info.reason} Nothing was changed.` };
		const backupMode = info.info.mode;
		if (passphrase === undefined || passphrase === '')
			return {
				ok: false,
				locked: { backupMode, wrongPassphrase: false },
				message: `${file.name} is an encrypted backup of ${backupMode} mode: enter its passphrase to open it.`
			};
		const opened = await decryptBackup(text, passphrase);
		if (!opened.ok)
			return {
				ok: false,
				...(opened.wrongPassphrase ? { locked: { backupMode, wrongPassphrase: true } } : {}),
				message: `${file.name}: ${opened.reason}`
			};
		text = opened.text;
	}
	const read = readBackup(text);
	if (!read.ok)
		return { ok: false, message: `${file.name} cannot be restored. ${read.reason} Nothing was changed.` };
	return { ok: true, backup: read.backup, encrypted };
}

function refusal(fileName: string, content: { problems: string[]; more: number }): string {
	const more = content.more > 0 ? ` …and ${content.more} more.` : '';
	return `${fileName} cannot be restored: it holds what no import would store. ${content.problems.join(' ')}${more} Nothing was changed.`;
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
