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

	/**
	 * Gives a preset another name; the reason when it cannot (empty, too long, or another preset's
	 * name: the import card offers presets by name), else null.
	 */
	rename(id: string, name: string): string | null {
		const trimmed = name.trim();
		const preset = this.view.list.find((p) => p.id === id);
		if (!preset) return 'That preset no longer exists';
		if (trimmed === '') return 'A preset needs a name';
		if (trimmed.length > MAX_NAME) return `A preset's name is at most ${MAX_NAME} characters`;
		if (this.view.list.some((p) => p.id !== id && p.name.toLowerCase() === trimmed.toLowerCase()))
			return `Another preset is already called “${trimmed}”`;
		this.#store(this.view.list.map((p) => (p.id === id ? { ...p, name: trimmed } : p)));
		return null;
	}

	/** The presets (all, or those with the given ids) as a file another browser can import. */
	exportText(ids?: readonly string[]): string {
		const list = ids ? this.view.list.filter((p) => ids.includes(p.id)) : this.view.list;
		const file: PresetsFile = { kind: PRESETS_FILE_KIND, version: 1, presets: list };
		return `${JSON.stringify(file, null, 2)}\n`;
	}

	/**
	 * Adds the presets of an exported file; a preset with the id of one already saved replaces it.
	 * @throws Error saying what is wrong with the file (nothing is saved then).
	 */
	importText(text: string): { added: number; replaced: number } {
		const incoming = parsePresetsFile(text);
		const replaced = incoming.filter((p) => this.view.list.some((q) => q.id === p.id)).length;
		const kept = this.view.list.filter((p) => !incoming.some((q) => q.id === p.id));
		this.#store([...kept, ...incoming]);
		return { added: incoming.length - replaced, replaced };
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

const MAX_NAME = 80;
const PRESETS_FILE_KIND = 'fillbook-mapping-presets';

/** What `exportText` writes. */
interface PresetsFile {
	kind: typeof PRESETS_FILE_KIND;
	version: 1;
	presets: MappingPreset[];
}

/** The presets of an exported file, checked; throws saying what is wrong. */
export function parsePresetsFile(text: string): MappingPreset[] {
	let file: unknown;
	try {
		file = JSON.parse(text);
	} catch {
		throw new Error('This is not a presets file: it is not JSON');
	}
	const f = file as Partial<PresetsFile> | null;
	if (typeof f !== 'object' || f === null || f.kind !== PRESETS_FILE_KIND)
		throw new Error('This is not a Fillbook column-mapping presets file');
	if (f.version !== 1) throw new Error(`Presets file version ${String(f.version)} is not one this app reads`);
	if (!Array.isArray(f.presets)) throw new Error('The presets file has no list of presets');
	f.presets.forEach((p, i) => {
		if (!isPreset(p))
			throw new Error(`Preset ${i + 1} of the file is incomplete (id, name, headers, mapping)`);
	});
	return f.presets;
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
		p.headers.every((h) => typeof h === 'string') &&
		typeof p.mapping === 'object' &&
		p.mapping !== null &&
		typeof p.mapping.columns === 'object' &&
		p.mapping.columns !== null
	);
}

export const presets = new PresetsState(preferenceStorage);
