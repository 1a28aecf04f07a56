import { preferenceStorage } from './preferences';
import type { MappingPreset } from '$lib/core/formats/mapped';
import type { KeyValueStorage } from './mode.svelte';

export const PRESETS_STORAGE_KEY = 'fillbook.presets';

/**
 * The user's saved column mappings. They describe file layouts, not trading data, so they are
 * global preferences shared by both modes (kept in localStorage) and sent to the engine with
 * each sniff.
 */
export class PresetsState {
	list = $state.raw<MappingPreset[]>([]);
	readonly #storage: KeyValueStorage | null;

	constructor(storage: KeyValueStorage | null) {
		this.#storage = storage;
		try {
			const saved: unknown = JSON.parse(storage?.getItem(PRESETS_STORAGE_KEY) ?? '[]');
			if (Array.isArray(saved)) this.list = saved.filter(isPreset);
		} catch {
			this.list = [];
		}
	}

	save(preset: MappingPreset): void {
		this.list = [...this.list.filter((p) => p.id !== preset.id), preset];
		this.#storage?.setItem(PRESETS_STORAGE_KEY, JSON.stringify(this.list));
	}

	remove(id: string): void {
		this.list = this.list.filter((p) => p.id !== id);
		this.#storage?.setItem(PRESETS_STORAGE_KEY, JSON.stringify(this.list));
	}

	byFormatId(formatId: string): MappingPreset | null {
		return this.list.find((p) => `preset:${p.id}` === formatId) ?? null;
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
