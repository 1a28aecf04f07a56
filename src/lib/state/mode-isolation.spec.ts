import Dexie from 'dexie';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Mode } from '$lib/core/model/mode';
import { dbName } from '$lib/db/schema';
import { createEngineApi } from '$workers/engine-api';
import { bindMode } from './bind-mode';
import { ModeState, type KeyValueStorage } from './mode.svelte';

// The UI's side of mode isolation: the engine bound to the current mode (bind-mode.ts) never
// reaches the other mode's database, whatever the order of switches and writes.

function memoryStorage(): KeyValueStorage {
	const data = new Map<string, string>();
	return { getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

async function deleteBoth(): Promise<void> {
	await Promise.all([Dexie.delete(dbName('paper')), Dexie.delete(dbName('real'))]);
}

afterEach(deleteBoth);

type Step = { kind: 'switch'; mode: Mode } | { kind: 'write' };

describe('mode isolation', () => {
	it('data written in one mode is never visible in the other, for any interleaving', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(
					fc.oneof(
						fc.record({ kind: fc.constant('switch' as const), mode: fc.constantFrom<Mode>('paper', 'real') }),
						fc.record({ kind: fc.constant('write' as const) })
					),
					{ maxLength: 25 }
				),
				async (steps: Step[]) => {
					await deleteBoth();
					let clock = 0;
					const engine = createEngineApi({ now: () => ++clock });
					const mode = new ModeState(memoryStorage());
					const current = bindMode(engine, () => mode.current);
					const expected: Record<Mode, string[]> = { paper: [], real: [] };
					for (const [i, step] of steps.entries()) {
						if (step.kind === 'switch') {
							mode.set(step.mode);
						} else {
							const result = await current.addAccount({ broker: 'DAS', number: `A${i}`, currency: 'USD' });
							expect(result.ok).toBe(true);
							expect(result.ok && result.account.id).toBe(`das|A${i}`);
							expected[mode.current].push(`A${i}`);
						}
					}
					await engine.close();
					// A fresh engine (as after a reload) reads from disk, not from memory.
					const reopened = createEngineApi();
					for (const m of ['paper', 'real'] as const) {
						expect((await reopened.listAccounts(m)).map((a) => a.number)).toEqual(expected[m]);
					}
					await reopened.close();
				}
			),
			{ numRuns: 40 }
		);
	});

	it('the mode-bound API uses the mode current at each call, not at binding time', async () => {
		const engine = createEngineApi({ now: () => 1 });
		const mode = new ModeState(memoryStorage());
		const current = bindMode(engine, () => mode.current);
		await current.addAccount({ broker: 'IBKR', number: 'U1', currency: 'USD' });
		mode.set('real');
		expect(await current.listAccounts()).toEqual([]);
		mode.set('paper');
		expect((await current.listAccounts()).map((a) => a.number)).toEqual(['U1']);
		await engine.close();
	});
});
