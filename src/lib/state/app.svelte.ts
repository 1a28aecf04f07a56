import { browser } from '$app/environment';
import { ModeState } from './mode.svelte';
import { ThemeState } from './theme.svelte';

/** The app's one mode state; persisted in localStorage (a global preference, not trading data). */
export const mode = new ModeState(browser ? safeLocalStorage() : null);

/** The app's one theme state. */
export const theme = new ThemeState(browser ? safeLocalStorage() : null);

function safeLocalStorage(): Storage | null {
	try {
		return window.localStorage;
	} catch {
		return null;
	}
}
