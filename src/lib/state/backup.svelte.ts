import type { BackupInspection } from '$workers/contract';
import { MIN_PASSPHRASE } from '$lib/core/model/backup';
import type { Mode } from '$lib/core/model/mode';
import { browser } from '$app/environment';
import { mode } from './app.svelte';
import { engine } from './engine';
import { View } from './view.svelte';

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

/** What the Backup section reads. */
export interface BackupView {
	/** What the last action did, or why it did not. */
	message: string | null;
	/** A backup checked and waiting for the user's yes, or null. */
	pending: PendingRestore | null;
	/** An encrypted backup waiting for its passphrase, or null. */
	locked: LockedBackup | null;
	/** Whether a download, check or restore is under way. */
	busy: boolean;
	/** After how many days without a backup the reminder shows (0: never). */
	remindDays: number;
	/** The newest backup of each mode made in this browser (epoch ms), if any. */
	lastBackups: Record<Mode, number | null>;
}

/**
 * The Backup section of Settings: download (optionally encrypted), restore (with the passphrase
 * of an encrypted file, and the mode's name typed when the backup is of the other mode), and the
 * reminder when the newest backup is getting old. The dates and the reminder period are
 * preferences of this browser (localStorage), not data of a mode.
 */
export class BackupState {
	readonly #view = new View<BackupView>(() => ({
		message: null,
		pending: null,
		locked: null,
		busy: false,
		remindDays: (browser ? readNumber(REMIND_DAYS_KEY) : null) ?? DEFAULT_REMIND_DAYS,
		lastBackups: {
			paper: browser ? readNumber(LAST_BACKUP_KEY('paper')) : null,
			real: browser ? readNumber(LAST_BACKUP_KEY('real')) : null
		}
	}));

	get view(): Readonly<BackupView> {
		return this.#view.current;
	}

	/** The newest backup of the current mode made in this browser (epoch ms), if any. */
	get lastBackupAt(): number | null {
		return this.view.lastBackups[mode.current];
	}

	/**
	 * The reminder to show, or null: the newest backup of the current mode is older than the chosen
	 * number of days, or there is none while the mode holds data.
	 */
	reminder(now: number, hasData: boolean): string | null {
		if (this.view.remindDays <= 0) return null;
		const last = this.lastBackupAt;
		if (last === null)
			return hasData
				? `There is no backup of ${mode.current} mode from this browser yet. Download one now.`
				: null;
		const days = Math.floor((now - last) / DAY);
		if (now - last <= this.view.remindDays * DAY) return null;
		return `Your newest backup of ${mode.current} mode is ${days} days old (from ${dateOf(last)}). Download a new one.`;
	}

	/** Sets the reminder period in whole days (0 turns it off); returns a problem, or null. */
	setRemindDays(text: string): string | null {
		const days = Number(text);
		if (text.trim() === '' || !Number.isInteger(days) || days < 0 || days > 365)
			return 'The reminder period is a whole number of days from 0 (never) to 365.';
		this.#view.set({ remindDays: days });
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
		this.#view.set({ message: `Everything in ${m} mode was deleted.` });
	}

	/**
	 * Downloads the mode's backup, sealed with the passphrase when one is given; the alert sources'
	 * secrets are in it only when `includeSecrets` (the user ticked it).
	 */
	async download(
		passphrase: string | null,
		save: (blob: Blob, fileName: string) => void,
		includeSecrets = false
	): Promise<void> {
		const m = mode.current;
		this.#view.set({ busy: true });
		try {
			const { blob, fileName } = await engine.exportBackup({
				...(passphrase === null ? {} : { passphrase }),
				...(includeSecrets ? { includeSecrets } : {})
			});
			save(blob, fileName);
			const at = Date.now();
			this.#view.set({ lastBackups: { ...this.view.lastBackups, [m]: at } });
			localStorage.setItem(LAST_BACKUP_KEY(m), String(at));
			this.#view.set({
				message: `Downloaded ${fileName}${passphrase === null ? '' : ', encrypted with your passphrase'}${includeSecrets ? ', with the alert sources’ secrets' : ''}.`
			});
		} catch (error) {
			this.#view.set({
				message: `The backup could not be made: ${error instanceof Error ? error.message : String(error)}`
			});
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Checks a chosen file (with the passphrase, once asked for); on success it waits for the yes. */
	async choose(file: File, passphrase?: string): Promise<void> {
		const into = mode.current;
		this.#view.set({ busy: true });
		try {
			const inspection = await engine.inspectBackup(file, passphrase);
			if (into !== mode.current) return;
			if (inspection.ok)
				this.#view.set({ locked: null, message: null, pending: { file, passphrase, inspection, into } });
			else if (inspection.locked)
				this.#view.set({
					locked: { file, ...inspection.locked },
					message: inspection.locked.wrongPassphrase ? inspection.message : null
				});
			else this.#view.set({ locked: null, message: inspection.message });
		} finally {
			this.#view.set({ busy: false });
		}
	}

	/** Replaces the mode's data with the pending backup; `confirmMode` is what the user typed. */
	async restore(confirmMode: string): Promise<boolean> {
		const pending = this.view.pending;
		this.#view.set({ pending: null });
		if (!pending || pending.into !== mode.current) return false;
		this.#view.set({ busy: true });
		try {
			const result = await engine.restoreBackup(pending.file, {
				passphrase: pending.passphrase,
				confirmMode
			});
			if (!result.ok) {
				this.#view.set({ message: result.message });
				return false;
			}
			const kept =
				result.orphanNotes > 0
					? ` ${result.orphanNotes} note${result.orphanNotes === 1 ? '' : 's'} belong to trades whose executions the backup does not hold; they are kept and return if those executions are imported again.`
					: '';
			this.#view.set({ message: `Restored ${pending.file.name}.${kept}` });
			return true;
		} finally {
			this.#view.set({ busy: false });
		}
	}

	cancel(): void {
		this.#view.set({ pending: null, locked: null });
	}

	say(message: string | null): void {
		this.#view.set({ message });
	}

	/** Back to a fresh state (tests; a mode switch); the dates and the period are read again from this browser. */
	reset(): void {
		this.#view.reset();
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
