import { preferenceStorage } from './preferences';
import type { MappingPreset } from '$lib/core/formats/mapped';
import type { KeyValueStorage } from './mode.svelte';
import { View } from './view.svelte';

export const PRESETS_STORAGE_KEY = 'fillbook.presets';

/** What the import cards read. */
export interface PresetsView {
	/** The saved column mappings, in the order saved. */
	list: MappingPreset[];
}

/**
 * The user's saved column mappings. They describe file layouts, not trading data, so they are
 * global preferences shared by both modes (kept in localStorage) and sent to the engine with
 * each sniff.
 */
export class PresetsState {
	readonly #view: View<PresetsView>;
	readonly #storage: KeyValueStorage | null;

	constructor(storage: KeyValueStorage | null) {
		this.#storage = storage;
		this.#view = new View<PresetsView>(() => ({ list: readPresets(storage) }));
	}

	get view(): Readonly<PresetsView> {
		return this.#view.current;
	}

	save(preset: MappingPreset): void {
		this.#store([...this.view.list.filter((p) => p.id !== preset.id), preset]);
	}

	remove(id: string): void {
		this.#store(this.view.list.filter((p) => p.id !== id));
	}

	byFormatId(formatId: string): MappingPreset | null {
		return this.view.list.find((p) => `preset:${p.id}` === formatId) ?? null;
	}

	/** Back to the presets as saved in this browser. */
	reset(): void {
		this.#view.reset();
	}

	#store(list: MappingPreset[]): void {
		this.#view.set({ list });
		this.#storage?.setItem(PRESETS_STORAGE_KEY, JSON.stringify(list));
	}
}

/** The presets saved in this browser; none when there are none, or what is saved cannot be read. */
function readPresets(storage: KeyValueStorage | null): MappingPreset[] {
	try {
		const saved: unknown = JSON.parse(storage?.getItem(PRESETS_STORAGE_KEY) ?? '[]');
		return Array.isArray(saved) ? saved.filter(isPreset) : [];
	} catch {
		return [];
	}
}

function isPreset(value: unknown): value is MappingPreset {
	const p = value as MappingPreset | null;
	return (
		!!p &&
		typeof p.id === 'string' &&
		typeof p.name === 'string' &&
		Array.isArray(p.headers) &&
		typeof p.mapping === 'object'
	);
}

export const presets = new PresetsState(preferenceStorage);
