import type { KeyValueStorage } from './mode.svelte';
import { readPreference, rememberPreference } from './preferences';

export type ThemeChoice = 'system' | 'light' | 'dark';
export const THEME_STORAGE_KEY = 'fillbook.theme';

/**
 * Light/dark theme. "system" follows prefers-color-scheme (done in CSS, so it changes live);
 * an explicit choice sets data-theme on <html>. static/theme-init.js applies a saved choice before
 * the first paint with the same key.
 */
export class ThemeState {
	#choice = $state<ThemeChoice>('system');
	#systemDark = $state(false);
	readonly #storage: KeyValueStorage | null;

	constructor(storage: KeyValueStorage | null) {
		this.#storage = storage;
		const saved = readPreference(THEME_STORAGE_KEY, storage);
		if (saved === 'light' || saved === 'dark') this.#choice = saved;
	}

	get choice(): ThemeChoice {
		return this.#choice;
	}

	/** The theme actually shown. */
	get resolved(): 'light' | 'dark' {
		if (this.#choice !== 'system') return this.#choice;
		return this.#systemDark ? 'dark' : 'light';
	}

	/** Starts following the system setting; returns the function that stops it. */
	watchSystem(query: MediaQueryList): () => void {
		this.#systemDark = query.matches;
		const onChange = (event: MediaQueryListEvent) => (this.#systemDark = event.matches);
		query.addEventListener('change', onChange);
		return () => query.removeEventListener('change', onChange);
	}

	set(choice: ThemeChoice): void {
		this.#choice = choice;
		rememberPreference(THEME_STORAGE_KEY, choice, this.#storage);
	}

	/** The toggle in the header flips between light and dark, starting from what is shown. */
	toggle(): void {
		this.set(this.resolved === 'dark' ? 'light' : 'dark');
	}
}
