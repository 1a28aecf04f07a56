import type { BackupInspection } from '$workers/contract';
import { MIN_PASSPHRASE } from '$lib/core/model/backup';
import type { Mode } from '$lib/core/model/mode';
import { browser } from '$app/environment';
import { mode } from './app.svelte';
import { engine } from './engine';

/** When the newest backup of a mode was downloaded (epoch ms), per mode. */
export const LAST_BACKUP_KEY = (m: Mode) => `fillbook.backup.last.${m}`;
/** After how many days without a backup Settings reminds (0: never). */
export const REMIND_DAYS_KEY = 'fillbook.backup.remindDays';
export const DEFAULT_REMIND_DAYS = 7;
const DAY = 86_400_000;

/** A backup file checked and ready to replace the mode's data, waiting for the user's yes. */
export interface PendingRestore {
	file: File;
	passphrase: string | undefined;
	inspection: Extract<BackupInspection, { ok: true }>;
	/** The mode whose data it would replace (the mode current when it was chosen). */
	into: Mode;
}

/** An encrypted backup waiting for its passphrase. */
export interface LockedBackup {
	file: File;
	backupMode: Mode;
	wrongPassphrase: boolean;
}

/**
 * The Backup section of Settings: download (optionally encrypted), restore (with the passphrase
 * of an encrypted file, and the mode's name typed when the backup is of the other mode), and the
 * reminder when the newest backup is getting old. The dates and the reminder period are
 * preferences of this browser (localStorage), not data of a mode.
 */
export class BackupState {
	#message = $state<string | null>(null);
	#pending = $state.raw<PendingRestore | null>(null);
	#locked = $state.raw<LockedBackup | null>(null);
	#lastBackupAt = $state<Record<Mode, number | null>>({ paper: null, real: null });
	#remindDays = $state(DEFAULT_REMIND_DAYS);
	#busy = $state(false);

	constructor() {
		if (!browser) return;
		this.#lastBackupAt = {
			paper: readNumber(LAST_BACKUP_KEY('paper')),
			real: readNumber(LAST_BACKUP_KEY('real'))
		};
		this.#remindDays = readNumber(REMIND_DAYS_KEY) ?? DEFAULT_REMIND_DAYS;
	}

	get message(): string | null {
		return this.#message;
	}
	get pending(): PendingRestore | null {
		return this.#pending;
	}
	get locked(): LockedBackup | null {
		return this.#locked;
	}
	get busy(): boolean {
		return this.#busy;
	}
	get remindDays(): number {
		return this.#remindDays;
	}
	/** The newest backup of the current mode made in this browser (epoch ms), if any. */
	get lastBackupAt(): number | null {
		return this.#lastBackupAt[mode.current];
	}

	/**
	 * The reminder to show, or null: the newest backup of the current mode is older than the chosen
	 * number of days, or there is none while the mode holds data.
	 */
	reminder(now: number, hasData: boolean): string | null {
		if (this.#remindDays <= 0) return null;
		const last = this.lastBackupAt;
		if (last === null)
			return hasData
				? `There is no backup of ${mode.current} mode from this browser yet. Download one now.`
				: null;
		const days = Math.floor((now - last) / DAY);
		if (now - last <= this.#remindDays * DAY) return null;
		return `Your newest backup of ${mode.current} mode is ${days} days old (from ${dateOf(last)}). Download a new one.`;
	}

	/** Sets the reminder period in whole days (0 turns it off); returns a problem, or null. */
	setRemindDays(text: string): string | null {
		const days = Number(text);
		if (text.trim() === '' || !Number.isInteger(days) || days < 0 || days > 365)
			return 'The reminder period is a whole number of days from 0 (never) to 365.';
		this.#remindDays = days;
		localStorage.setItem(REMIND_DAYS_KEY, String(days));
		return null;
	}

	/** Why a passphrase cannot seal a backup (too short, or not typed twice alike), or null. */
	passphraseProblem(passphrase: string, repeat: string): string | null {
		if (passphrase.length < MIN_PASSPHRASE)
			return `The passphrase needs at least ${MIN_PASSPHRASE} characters.`;
		if (passphrase !== repeat) return 'The two passphrases differ.';
		return null;
	}

	/** Deletes everything in the current mode; the message says so. */
	async clearAll(): Promise<void> {
		const m = mode.current;
		await engine.clearAll();
		this.#message = `Everything in ${m} mode was deleted.`;
	}

	/** Downloads the mode's backup, sealed with the passphrase when one is given. */
	async download(passphrase: string | null, save: (blob: Blob, fileName: string) => void): Promise<void> {
		const m = mode.current;
		this.#busy = true;
		try {
			const { blob, fileName } = await engine.exportBackup(passphrase === null ? {} : { passphrase });
			save(blob, fileName);
			const at = Date.now();
			this.#lastBackupAt = { ...this.#lastBackupAt, [m]: at };
			localStorage.setItem(LAST_BACKUP_KEY(m), String(at));
			this.#message = `Downloaded ${fileName}${passphrase === null ? '' : ', encrypted with your passphrase'}.`;
		} catch (error) {
			this.#message = `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`;
		} finally {
			this.#busy = false;
		}
	}

	/** Checks a chosen file (with the passphrase, once asked for); on success it waits for the yes. */
	async choose(file: File, passphrase?: string): Promise<void> {
		const into = mode.current;
		this.#busy = true;
		try {
			const inspection = await engine.inspectBackup(file, passphrase);
			if (into !== mode.current) return;
			if (inspection.ok) {
				this.#locked = null;
				this.#message = null;
				this.#pending = { file, passphrase, inspection, into };
			} else if (inspection.locked) {
				this.#locked = { file, ...inspection.locked };
				this.#message = inspection.locked.wrongPassphrase ? inspection.message : null;
			} else {
				this.#locked = null;
				this.#message = inspection.message;
			}
		} finally {
			this.#busy = false;
		}
	}

	/** Replaces the mode's data with the pending backup; `confirmMode` is what the user typed. */
	async restore(confirmMode: string): Promise<boolean> {
		const pending = this.#pending;
		this.#pending = null;
		if (!pending || pending.into !== mode.current) return false;
		this.#busy = true;
		try {
			const result = await engine.restoreBackup(pending.file, {
				passphrase: pending.passphrase,
				confirmMode
			});
			if (!result.ok) {
				this.#message = result.message;
				return false;
			}
			const kept =
				result.orphanNotes > 0
					? ` ${result.orphanNotes} note${result.orphanNotes === 1 ? '' : 's'} belong to trades whose executions the backup does not hold; they are kept and return if those executions are imported again.`
					: '';
			this.#message = `Restored ${pending.file.name}.${kept}`;
			return true;
		} finally {
			this.#busy = false;
		}
	}

	cancel(): void {
		this.#pending = null;
		this.#locked = null;
	}

	say(message: string | null): void {
		this.#message = message;
	}

	/** Back to a fresh state (tests; a mode switch). */
	reset(): void {
		this.#message = null;
		this.#pending = null;
		this.#locked = null;
		this.#busy = false;
	}
}

function readNumber(key: string): number | null {
	const text = localStorage.getItem(key);
	if (text === null) return null;
	const value = Number(text);
	return Number.isFinite(value) ? value : null;
}

/** A day as this browser writes dates (a formatted string, not a Date kept in state). */
function dateOf(ms: number): string {
	return new Intl.DateTimeFormat(undefined, { dateStyle: 'short' }).format(ms);
}
