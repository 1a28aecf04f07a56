import { isValidZone } from '$lib/core/time/zone';
import type { KeyValueStorage } from './mode.svelte';
import { readPreference, rememberPreference } from './preferences';

export const ZONE_STORAGE_KEY = 'fillbook.zone';

/** The exchange whose clock US equities trade on. */
export const EXCHANGE_ZONE = 'America/New_York';

/**
 * What the user chose: `browser` (the device's own zone, which moves with it) or one IANA zone.
 */
export type ZoneChoice = string;

export type ZoneResult = { ok: true } | { ok: false; message: string };

/**
 * The zone every time, date, chart axis, day boundary and CSV is shown in: a global
 * preference (not trading data), kept in localStorage so a reload, a deep link and another
 * tab use the same one. "browser" follows the device's zone; anything else is an IANA name
 * this runtime knows, stored in its canonical spelling.
 */
export class ZoneState {
	#choice = $state<ZoneChoice>('browser');
	readonly #storage: KeyValueStorage | null;
	readonly #browserZone: string;

	/** `browserZone`: the device's zone (Intl's resolved one); tests pass a fixed one. */
	constructor(storage: KeyValueStorage | null, browserZone: string) {
		this.#storage = storage;
		this.#browserZone = browserZone;
		this.adopt(readPreference(ZONE_STORAGE_KEY, storage));
	}

	/** `browser`, or the IANA zone chosen. */
	get choice(): ZoneChoice {
		return this.#choice;
	}

	/** The browser's own zone, e.g. `Europe/Berlin`. */
	get browserZone(): string {
		return this.#browserZone;
	}

	/** The IANA zone times are shown in now. */
	get current(): string {
		return this.#choice === 'browser' ? this.#browserZone : this.#choice;
	}

	/**
	 * Chooses `browser` or a zone typed by the user (trimmed, any case). A name the runtime does
	 * not know is refused with the reason, and the current zone stays.
	 */
	set(choice: string): ZoneResult {
		const typed = choice.trim();
		if (typed === '') return { ok: false, message: 'Type a time zone, e.g. America/New_York.' };
		const next = typed === 'browser' ? 'browser' : canonical(typed);
		if (next === null)
			return {
				ok: false,
				message: `"${typed}" is not a time zone this browser knows. Use an IANA name such as America/New_York, Europe/London or UTC.`
			};
		this.#choice = next;
		rememberPreference(ZONE_STORAGE_KEY, next, this.#storage);
		return { ok: true };
	}

	/** Adopts a zone stored by another tab (the storage event) or a reload; nothing valid → browser. */
	adopt(value: string | null): void {
		this.#choice = value === null || value === 'browser' ? 'browser' : (canonical(value) ?? 'browser');
	}
}

/**
 * A known zone in its usual spelling (`utc` → `UTC`, `america/new_york` → `America/New_York`), or
 * null. The name typed is kept when the runtime's own differs by more than case: Chromium
 * resolves `Asia/Kolkata` to the old `Asia/Calcutta`, which is not what the user chose.
 */
function canonical(zone: string): string | null {
	if (!isValidZone(zone)) return null;
	const resolved = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
	if (resolved.toLowerCase() === zone.toLowerCase()) return resolved;
	// Typed all in lower case: each word capitalised, as IANA names are (`asia/kolkata` → `Asia/Kolkata`).
	return zone === zone.toLowerCase()
		? zone.replace(/(^|[/_-])([a-z])/g, (_, a: string, b: string) => a + b.toUpperCase())
		: zone;
}
