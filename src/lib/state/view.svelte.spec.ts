import { describe, expect, it } from 'vitest';
import { View } from './view.svelte';

interface Counter {
	count: number;
	label: string;
	items: number[];
}

describe('View', () => {
	it('starts from the initial view', () => {
		const view = new View<Counter>(() => ({ count: 0, label: 'a', items: [] }));
		expect(view.current).toEqual({ count: 0, label: 'a', items: [] });
	});

	it('replaces the fields given and keeps the others, as a new object', () => {
		const view = new View<Counter>(() => ({ count: 0, label: 'a', items: [] }));
		const before = view.current;
		view.set({ count: 2 });
		expect(view.current).toEqual({ count: 2, label: 'a', items: [] });
		expect(view.current).not.toBe(before);
		expect(before.count).toBe(0);
	});

	it('resets to a fresh initial view each time', () => {
		const view = new View<Counter>(() => ({ count: 0, label: 'a', items: [] }));
		const first = view.current.items;
		view.set({ count: 5, label: 'b', items: [1] });
		view.reset();
		expect(view.current).toEqual({ count: 0, label: 'a', items: [] });
		expect(view.current.items).not.toBe(first);
	});
});
