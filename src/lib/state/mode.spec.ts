import { describe, expect, it } from 'vitest';
import { MODE_STORAGE_KEY, ModeState, type KeyValueStorage } from './mode.svelte';

function memoryStorage(
	initial: Record<string, string> = {}
): KeyValueStorage & { data: Map<string, string> } {
	const data = new Map(Object.entries(initial));
	return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('ModeState', () => {
	it('starts a new user in paper mode', () => {
		expect(new ModeState(memoryStorage()).current).toBe('paper');
	});

	it('persists the mode so a new instance (a reload) finds it', () => {
		const storage = memoryStorage();
		new ModeState(storage).set('real');
		expect(storage.data.get(MODE_STORAGE_KEY)).toBe('real');
		expect(new ModeState(storage).current).toBe('real');
	});

	it('ignores a stored value that is not a mode', () => {
		expect(new ModeState(memoryStorage({ [MODE_STORAGE_KEY]: 'live' })).current).toBe('paper');
	});

	it('falls back to paper when storage throws', () => {
		const blocked: KeyValueStorage = {
			getItem: () => {
				throw new Error('SecurityError');
			},
			setItem: () => undefined
		};
		expect(new ModeState(blocked).current).toBe('paper');
	});

	it('adopts a mode from another tab without writing it back', () => {
		const storage = memoryStorage();
		const state = new ModeState(storage);
		state.adopt('real');
		expect(state.current).toBe('real');
		expect(storage.data.has(MODE_STORAGE_KEY)).toBe(false);
		state.adopt('bogus');
		expect(state.current).toBe('real');
	});
});
