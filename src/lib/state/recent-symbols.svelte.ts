import { MODES, type Mode } from '$lib/core/model/mode';
import { mode } from './app.svelte';
import { preferenceStorage, readPreference, rememberPreference } from './preferences';

/** Symbols remembered per mode at most: enough for a trader's watch list, short enough to scan. */
export const RECENT_SYMBOLS_CAP = 20;

export const recentSymbolsKey = (m: Mode) => `fillbook.recentSymbols.${m}`;

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

/**
 * The symbols last chosen in a picker or the command palette, most recent first, remembered per
 * mode in this browser (paper symbols say nothing about real ones). The symbol search lists
 * them first.
 */
export class RecentSymbols {
	readonly #storage: Storage | null;
	readonly #mode: () => Mode;
	#byMode = $state.raw<Record<Mode, string[]>>({ paper: [], real: [] });

	constructor(storage: Storage | null = preferenceStorage, currentMode: () => Mode = () => mode.current) {
		this.#storage = storage;
		this.#mode = currentMode;
		this.reset();
	}

	/** The current mode's recent symbols, most recent first. */
	get list(): readonly string[] {
		return this.#byMode[this.#mode()];
	}

	/** Puts `symbol` first in the current mode's list (once), keeping RECENT_SYMBOLS_CAP. */
	add(symbol: string): void {
		if (symbol === '') return;
		const m = this.#mode();
		const next = [symbol, ...this.#byMode[m].filter((s) => s !== symbol)].slice(0, RECENT_SYMBOLS_CAP);
		this.#byMode = { ...this.#byMode, [m]: next };
		rememberPreference(recentSymbolsKey(m), JSON.stringify(next), this.#storage);
	}

	/** Back to what is stored (tests; another tab's change). */
	reset(): void {
		const read = (m: Mode) => parse(readPreference(recentSymbolsKey(m), this.#storage));
		this.#byMode = Object.fromEntries(MODES.map((m) => [m, read(m)])) as Record<Mode, string[]>;
	}
}

/** A stored list, or none when it cannot be read (written by hand or by something else): never a guess. */
function parse(text: string | null): string[] {
	if (text === null) return [];
	try {
		const value: unknown = JSON.parse(text);
		if (!Array.isArray(value)) return [];
		return value.filter((s): s is string => typeof s === 'string' && s !== '').slice(0, RECENT_SYMBOLS_CAP);
	} catch {
		return [];
	}
}

export const recentSymbols = new RecentSymbols();
