import { browser } from '$app/environment';
import { DataChanges, TAB_ID } from './changes.svelte';
import { ModeState } from './mode.svelte';
import { ThemeState } from './theme.svelte';
import { ZoneState } from './zone.svelte';
import { preferenceStorage } from './preferences';

/** The app's one mode state; persisted in localStorage (a global preference, not trading data). */
export const mode = new ModeState(preferenceStorage);

/** The app's one theme state. */
export const theme = new ThemeState(preferenceStorage);

/**
 * The zone every page shows times and dates in, and filters and groups days by: the browser's,
 * or one the user chose in Settings.
 */
export const displayZone = new ZoneState(
	preferenceStorage,
	browser ? Intl.DateTimeFormat().resolvedOptions().timeZone : 'UTC'
);
/** Data changes other tabs announce; state classes track the tables they show. */
export const changes = new DataChanges(TAB_ID, () => mode.current);
