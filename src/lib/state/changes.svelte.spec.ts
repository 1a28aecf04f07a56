import { describe, expect, it } from 'vitest';
import type { Mode } from '$lib/core/model/mode';
import { DataChanges } from './changes.svelte';

describe('DataChanges', () => {
	it('counts another tab’s changes per mode and table, and ignores its own and malformed messages', () => {
		const changes = new DataChanges('me', () => 'paper');
		changes.receive('paper', { kind: 'changed', tables: ['executionChunks', 'imports'], source: 'other' });
		changes.receive('paper', { kind: 'changed', tables: ['executionChunks'], source: 'other' });
		changes.receive('real', { kind: 'changed', tables: ['accounts'], source: 'other' });
		// This tab's own engine: its views reload themselves.
		changes.receive('paper', { kind: 'changed', tables: ['accounts'], source: 'me' });
		changes.receive('paper', { kind: 'other', tables: ['accounts'], source: 'x' });
		changes.receive('paper', null);
		changes.receive('paper', { kind: 'changed', tables: 'accounts', source: 'x' });
		expect(
			(['paper', 'real'] as Mode[]).flatMap((m) =>
				['executionChunks', 'imports', 'accounts'].map((t) => changes.count(m, t))
			)
		).toEqual([2, 1, 0, 0, 0, 1]);
	});
});
