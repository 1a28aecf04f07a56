import { describe, expect, it } from 'vitest';
import type { LevelAlertRow } from '$workers/contract';
import type { Mode } from '$lib/core/model/mode';
import type { NoticeChannel } from './alert-notify';
import { LevelWatch } from './level-watch.svelte';
import type { LevelNotice } from './level-words';

const ny = (hh: number, mm: number) => Date.UTC(2025, 9, 13, hh + 4, mm);

function triggered(id: string, eventSeq: number, price: number): LevelAlertRow {
	return {
		id,
		symbol: 'RIVN',
		target: { kind: 'symbol' },
		spec: { kind: 'cross-below', unit: 'price', value: price },
		reference: { side: 'long', entry: 13.36, stop: null, atr: null },
		level: { kind: 'cross-below', price, direction: 'down' },
		armedFrom: 0,
		status: 'triggered',
		trigger: {
			time: ny(14, 49),
			reached: price,
			seenIn: 'RIVN.csv',
			validated: {
				price,
				confidence: 'medium',
				reasons: ['single source: RIVN.csv'],
				used: [],
				dropped: null
			}
		},
		doubts: [],
		eventSeq,
		note: '',
		createdAt: 0,
		endedAt: 0
	};
}

class MemoryStorage {
	readonly items = new Map<string, string>();
	getItem(key: string): string | null {
		return this.items.get(key) ?? null;
	}
	setItem(key: string, value: string): void {
		this.items.set(key, value);
	}
}

/** A watcher over a fake engine holding `rows` per mode; what it told is in `told`. */
function setup(options: { channel?: NoticeChannel; storage?: MemoryStorage | null } = {}) {
	const rows: Record<Mode, LevelAlertRow[]> = { paper: [], real: [] };
	const told: string[] = [];
	const asked: number[] = [];
	const storage = options.storage === undefined ? new MemoryStorage() : options.storage;
	const make = () =>
		new LevelWatch({
			events: async (mode, afterSeq) => {
				asked.push(afterSeq);
				await Promise.resolve();
				return rows[mode].filter((r) => r.eventSeq > afterSeq);
			},
			deliver: (notice: LevelNotice) => {
				told.push(notice.body);
				return Promise.resolve(options.channel ?? 'system');
			},
			storage,
			zone: () => 'America/New_York'
		});
	return { rows, told, asked, storage, watch: make(), make };
}

describe('LevelWatch', () => {
	it('tells each new event once and keeps the last seen per mode', async () => {
		const { rows, told, asked, storage, watch } = setup();
		await watch.check('real');
		expect(told).toEqual([]);
		rows.real.push(triggered('a', 1, 13.28));
		await watch.check('real');
		expect(told).toEqual([
			'RIVN cross below 13.28 reached at 14:49 (13.28) — price 13.28, medium confidence: single source: RIVN.csv'
		]);
		expect(storage!.getItem('fillbook.levels.lastSeen.real')).toBe('1');
		expect(watch.view.stamp).toBe(1);
		await watch.check('real');
		expect(told).toHaveLength(1);
		// The engine is asked only for what came after.
		expect(asked).toEqual([0, 0, 1]);
		// The other mode has its own count.
		rows.paper.push(triggered('p', 1, 13.1));
		await watch.check('paper');
		expect(told.at(-1)).toContain('RIVN cross below 13.10 reached');
		expect(storage!.getItem('fillbook.levels.lastSeen.paper')).toBe('1');
	});

	it('does not tell again after a reload (a new watcher on the same storage)', async () => {
		const { rows, told, make, watch } = setup();
		rows.real.push(triggered('a', 1, 13.28), triggered('b', 2, 13.2));
		await watch.check('real');
		expect(told).toHaveLength(2);
		await make().check('real');
		expect(told).toHaveLength(2);
		rows.real.push(triggered('c', 3, 13.1));
		await make().check('real');
		expect(told).toHaveLength(3);
	});

	it('tells an event once when two checks run at the same time', async () => {
		const { rows, told, watch } = setup();
		rows.real.push(triggered('a', 1, 13.28));
		await Promise.all([watch.check('real'), watch.check('real'), watch.check('real')]);
		expect(told).toHaveLength(1);
	});

	it('tells once in the visit where storage is blocked', async () => {
		const { rows, told, watch } = setup({ storage: null });
		rows.real.push(triggered('a', 1, 13.28));
		await watch.check('real');
		await watch.check('real');
		expect(told).toHaveLength(1);
		expect(watch.lastSeen('real')).toBe(1);
	});

	it('shows a banner where notifications are denied, until dismissed', async () => {
		const { rows, watch } = setup({ channel: 'banner' });
		rows.real.push(triggered('a', 1, 13.28), triggered('b', 2, 13.2));
		await watch.check('real');
		expect(watch.view.banners).toHaveLength(2);
		expect(watch.view.banners[0]).toMatch(/^RIVN cross below 13\.28 reached at 14:49/);
		watch.dismissBanner(0);
		expect(watch.view.banners).toHaveLength(1);
		expect(watch.view.banners[0]).toMatch(/^RIVN cross below 13\.20 reached/);
	});

	it('goes on after a failed check', async () => {
		let fail = true;
		const told: string[] = [];
		const watch = new LevelWatch({
			events: () =>
				fail ? Promise.reject(new Error('engine gone')) : Promise.resolve([triggered('a', 1, 13.28)]),
			deliver: (notice) => {
				told.push(notice.title);
				return Promise.resolve('system');
			},
			storage: null,
			zone: () => 'UTC'
		});
		await expect(watch.check('real')).rejects.toThrow('engine gone');
		fail = false;
		await watch.check('real');
		expect(told).toEqual(['Price alert: RIVN cross below 13.28 reached']);
	});
});
