/** Backups: export a mode's database as one file, look into one, restore one. */
import type { Mode } from '$lib/core/model/mode';
import type { BackupCounts } from '$lib/db/backup-format';

/** What a backup file holds, for the confirmation before restoring. */
export type BackupInspection =
	| {
			ok: true;
			backupMode: Mode;
			schemaVersion: number;
			counts: BackupCounts;
			encrypted: boolean;
			/** Notes for trades the backup has no executions of (kept; see checkBackupContent). */
			orphanNotes: number;
	  }
	| {
			ok: false;
			message: string;
			/** An encrypted backup and no (or a wrong) passphrase: the mode its clear header names. */
			locked?: { backupMode: Mode; wrongPassphrase: boolean };
	  };

export type RestoreOutcome =
	| { ok: true; backupMode: Mode; counts: BackupCounts; orphanNotes: number }
	| {
			ok: false;
			message: string;
			/** The backup is of the other mode and the mode's name was not typed to confirm. */
			needsModeConfirmation?: true;
	  };

/** How a backup is opened and how far the user confirmed it. */
export interface RestoreOptions {
	/** The passphrase of an encrypted backup. */
	passphrase?: string;
	/**
	 * What the user typed to confirm restoring a backup of the other mode: it must be the name of
	 * the mode being replaced ("real" to put a paper backup into real mode).
	 */
	confirmMode?: string;
}

export interface BackupApi {
	/** The mode's whole database as one file (encrypted when a passphrase is given; alert secrets only when asked). */
	exportBackup(
		mode: Mode,
		options?: { passphrase?: string; includeSecrets?: boolean }
	): Promise<{ blob: Blob; fileName: string }>;
	/** What a backup file holds, for the confirmation before restoring. */
	inspectBackup(mode: Mode, file: File, passphrase?: string): Promise<BackupInspection>;
	/** Replaces the mode's data with the backup's, in one transaction. */
	restoreBackup(mode: Mode, file: File, options?: RestoreOptions): Promise<RestoreOutcome>;
}
