import { browser } from '$app/environment';

/**
 * Where global preferences (mode, theme, column-mapping presets) are kept: this browser's
 * localStorage, or nothing where it is unavailable (server-side, or blocked by privacy settings).
 */
export const preferenceStorage: Storage | null = browser ? openLocalStorage() : null;

function openLocalStorage(): Storage | null {
	try {
		return window.localStorage;
	} catch {
		return null;
	}
}

/** The part of Web Storage a preference needs; tests pass an in-memory one. */
type PreferenceStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** A preference as saved, or null when there is none or storage is blocked (privacy settings). */
export function readPreference(
	key: string,
	storage: PreferenceStorage | null = preferenceStorage
): string | null {
	try {
		return storage?.getItem(key) ?? null;
	} catch {
		return null;
	}
}

/** Saves a preference; when storage is blocked it is not remembered, and the choice still applies to this visit. */
export function rememberPreference(
	key: string,
	value: string,
	storage: PreferenceStorage | null = preferenceStorage
): void {
	try {
		storage?.setItem(key, value);
	} catch {
		// Not remembered (see above).
	}
}
