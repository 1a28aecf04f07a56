import { describe, expect, it } from 'vitest';
import { View } from './view.svelte';

interface Counter {
	count: number;
	label: string;
	items: number[];
}

const fresh = (): Counter => ({ count: 0, label: 'a', items: [] });

describe('View', () => {
	it('starts from the initial view', () => {
		const view = new View<Counter>(fresh);
		expect({ ...view.current }).toEqual({ count: 0, label: 'a', items: [] });
	});

	it('sets the fields given and keeps the others', () => {
		const view = new View<Counter>(fresh);
		const items = [1, 2];
		view.set({ count: 2, items });
		expect({ ...view.current }).toEqual({ count: 2, label: 'a', items: [1, 2] });
		// Handed over as it is (raw), not copied or proxied.
		expect(view.current.items).toBe(items);
	});

	it('is read-only to its readers', () => {
		const view = new View<Counter>(fresh);
		expect(() => {
			(view.current as Counter).count = 3;
		}).toThrow(TypeError);
		expect(view.current.count).toBe(0);
	});

	it('refuses a field the initial view does not have', () => {
		const view = new View<Counter>(fresh);
		expect(() => view.set({ other: 1 } as Partial<Counter>)).toThrow('No field other');
	});

	it('resets to a fresh initial view each time', () => {
		const view = new View<Counter>(fresh);
		const first = view.current.items;
		view.set({ count: 5, label: 'b', items: [1] });
		view.reset();
		expect({ ...view.current }).toEqual({ count: 0, label: 'a', items: [] });
		expect(view.current.items).not.toBe(first);
	});
});
