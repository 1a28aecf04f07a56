import { describe, expect, it } from 'vitest';
import type { MappingPreset } from '$lib/core/formats/mapped';
import { PRESETS_STORAGE_KEY, PresetsState } from './presets.svelte';

const preset = (id: string, name: string): MappingPreset => ({
	id,
	name,
	headers: ['when', 'symb', 'qty', 'px'],
	mapping: { columns: { datetime: 'when', symbol: 'symb', quantity: 'qty', price: 'px' }, dateOrder: 'mdy' }
});

function memory() {
	const items = new Map<string, string>();
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		items
	};
}

describe('PresetsState', () => {
	it('renames a preset, refusing an empty name or another preset’s name, and keeps it', () => {
		const storage = memory();
		const p = new PresetsState(storage);
		p.save(preset('a', 'Broker A'));
		p.save(preset('b', 'Broker B'));
		expect(p.rename('a', '  ')).toBe('A preset needs a name');
		expect(p.rename('a', 'broker b')).toBe('Another preset is already called “broker b”');
		expect(p.rename('zz', 'X')).toBe('That preset no longer exists');
		expect(p.view.list.map((x) => x.name)).toEqual(['Broker A', 'Broker B']);
		expect(p.rename('a', '  Lightspeed fills ')).toBeNull();
		expect(new PresetsState(storage).view.list.map((x) => x.name)).toEqual(['Lightspeed fills', 'Broker B']);
	});

	it('exports presets and imports them in another browser, replacing same ids', () => {
		const here = new PresetsState(memory());
		here.save(preset('a', 'Broker A'));
		here.save(preset('b', 'Broker B'));
		const one = here.exportText(['b']);
		expect((JSON.parse(one) as { presets: MappingPreset[] }).presets.map((x) => x.id)).toEqual(['b']);

		const there = new PresetsState(memory());
		there.save(preset('a', 'Old A'));
		expect(there.importText(here.exportText())).toEqual({ added: 1, replaced: 1 });
		expect(there.view.list.map((x) => x.name)).toEqual(['Broker A', 'Broker B']);
	});

	it('refuses a file that is not a presets file, saving nothing', () => {
		const storage = memory();
		const p = new PresetsState(storage);
		p.save(preset('a', 'Broker A'));
		const before = storage.items.get(PRESETS_STORAGE_KEY);
		expect(() => p.importText('date,symbol\n')).toThrow('This is not a presets file: it is not JSON');
		expect(() => p.importText('{"kind":"other"}')).toThrow(
			'This is not a Fillbook column-mapping presets file'
		);
		expect(() =>
			p.importText(JSON.stringify({ kind: 'fillbook-mapping-presets', version: 1, presets: [{ id: 'x' }] }))
		).toThrow('Preset 1 of the file is incomplete (id, name, headers, mapping)');
		expect(storage.items.get(PRESETS_STORAGE_KEY)).toBe(before);
	});
});
