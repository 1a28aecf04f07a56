import { describe, expect, it } from 'vitest';
import type { Mode } from '$lib/core/model/mode';
import { RECENT_SYMBOLS_CAP, RecentSymbols, recentSymbolsKey } from './recent-symbols.svelte';

function memory(initial: Record<string, string> = {}) {
	const items = new Map(Object.entries(initial));
	return {
		getItem: (k: string) => items.get(k) ?? null,
		setItem: (k: string, v: string) => void items.set(k, v),
		items
	};
}

describe('RecentSymbols', () => {
	it('keeps the symbols chosen most recent first, once each, per mode, and remembers them', () => {
		const storage = memory();
		let mode: Mode = 'paper';
		const recent = new RecentSymbols(storage, () => mode);
		for (const s of ['RIVN', 'SPY', 'BRK.B', 'RIVN']) recent.add(s);
		expect(recent.list).toEqual(['RIVN', 'BRK.B', 'SPY']);
		mode = 'real';
		expect(recent.list).toEqual([]);
		recent.add('AAPL');
		expect(recent.list).toEqual(['AAPL']);
		expect(new RecentSymbols(storage, () => 'paper').list).toEqual(['RIVN', 'BRK.B', 'SPY']);
		expect(JSON.parse(storage.items.get(recentSymbolsKey('real'))!)).toEqual(['AAPL']);
	});

	it(`keeps the ${RECENT_SYMBOLS_CAP} most recent`, () => {
		const recent = new RecentSymbols(memory(), () => 'paper');
		for (let i = 1; i <= 25; i++) recent.add(`S${i}`);
		expect(recent.list).toHaveLength(20);
		expect(recent.list[0]).toBe('S25');
		expect(recent.list.at(-1)).toBe('S6');
	});

	it('reads a list it cannot use as none, and keeps the symbols of a list it can', () => {
		const storage = memory({
			[recentSymbolsKey('paper')]: 'not json',
			[recentSymbolsKey('real')]: JSON.stringify(['SPY', 3, '', 'QQQ'])
		});
		expect(new RecentSymbols(storage, () => 'paper').list).toEqual([]);
		expect(new RecentSymbols(storage, () => 'real').list).toEqual(['SPY', 'QQQ']);
		expect(new RecentSymbols(null, () => 'paper').list).toEqual([]);
	});
});
