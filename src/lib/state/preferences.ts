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
