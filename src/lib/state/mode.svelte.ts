import { isMode, type Mode } from '$lib/core/model/mode';

/** The part of Web Storage the mode needs; tests pass an in-memory one. */
export interface KeyValueStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
}

export const MODE_STORAGE_KEY = 'fillbook.mode';

/**
 * The current mode, persisted so it survives reloads. A new user starts in paper mode. The
 * confirmation before entering real mode is the UI's job (ModeSwitch); this class only records
 * the decision.
 */
export class ModeState {
	#current = $state<Mode>('paper');
	readonly #storage: KeyValueStorage | null;

	constructor(storage: KeyValueStorage | null) {
		this.#storage = storage;
		const saved = readSafely(storage);
		if (isMode(saved)) this.#current = saved;
	}

	get current(): Mode {
		return this.#current;
	}

	get isReal(): boolean {
		return this.#current === 'real';
	}

	set(mode: Mode): void {
		if (!isMode(mode)) throw new TypeError(`Unknown mode: ${String(mode)}`);
		this.#current = mode;
		this.#storage?.setItem(MODE_STORAGE_KEY, mode);
	}

	/** Adopts a mode chosen in another tab (the storage event), without writing it back. */
	adopt(value: string | null): void {
		if (isMode(value)) this.#current = value;
	}
}

function readSafely(storage: KeyValueStorage | null): string | null {
	try {
		return storage?.getItem(MODE_STORAGE_KEY) ?? null;
	} catch {
		// Storage can be blocked (privacy settings): fall back to paper, the safe mode.
		return null;
	}
}
