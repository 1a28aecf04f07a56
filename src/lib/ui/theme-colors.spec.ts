import { afterEach, expect, test, vi } from 'vitest';
import { themeColors } from './theme-colors';

afterEach(() => {
	vi.unstubAllGlobals();
});

test('each colour is the custom property of its name where the element is, without the spaces CSS keeps', () => {
	const from = {} as Element;
	const asked: unknown[] = [];
	vi.stubGlobal('getComputedStyle', (element: Element) => {
		asked.push(element);
		return { getPropertyValue: (name: string) => ` ${name.slice(2)}-value ` };
	});
	expect(themeColors(from)).toEqual({
		gain: 'gain-value',
		loss: 'loss-value',
		muted: 'muted-value',
		border: 'border-value',
		text: 'text-value',
		accent: 'accent-value',
		surface: 'surface-value'
	});
	expect(asked).toEqual([from]);
});
