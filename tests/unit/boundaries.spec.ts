import { ESLint } from 'eslint';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules (ARCHITECTURE.md) are enforced by ESLint; this proves the rules fire, by
 * linting small probe files placed where the rules apply.
 */
async function lintProbe(path: string, code: string): Promise<string[]> {
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, code);
	try {
		const [result] = await new ESLint().lintFiles([path]);
		return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
	} finally {
		await rm(path, { force: true });
	}
}

/** The module each restricted-import message names, in the order they were reported (once each). */
function restrictedSources(messages: string[]): string[] {
	const sources = messages
		.filter((m) => /no-restricted-imports/.test(m))
		.map((m) => /'([^']+)' import is restricted/.exec(m)?.[1] ?? m);
	return [...new Set(sources)];
}

describe('layer boundaries', () => {
	it('stop src/lib/core from importing Dexie, Svelte, Comlink, app code or the DOM', async () => {
		const messages = await lintProbe(
			'src/lib/core/lint-probe.ts',
			[
				"import Dexie from 'dexie';",
				"import { mount } from 'svelte';",
				"import { wrap } from 'comlink';",
				"import { dbName } from '$lib/db/schema';",
				'export const probe = [Dexie, mount, wrap, dbName, document.title, localStorage];',
				''
			].join('\n')
		);
		const restricted = messages.filter((m) => m.startsWith('no-restricted-'));
		expect(restricted.some((m) => m.includes("'dexie'"))).toBe(true);
		expect(restricted.some((m) => m.includes("'svelte'"))).toBe(true);
		expect(restricted.some((m) => m.includes("'comlink'"))).toBe(true);
		expect(restricted.some((m) => m.includes("'$lib/db/schema'"))).toBe(true);
		expect(restricted.some((m) => m.includes("'document'"))).toBe(true);
		expect(restricted.some((m) => m.includes("'localStorage'"))).toBe(true);
	}, 60_000);

	it('stop src/lib/db from importing UI code or UI state', async () => {
		const messages = await lintProbe(
			'src/lib/db/lint-probe.ts',
			[
				"import { mode } from '$lib/state/app.svelte';",
				"import { sections } from '$lib/ui/nav';",
				'export const probe = [mode, sections];',
				''
			].join('\n')
		);
		expect(messages.filter((m) => m.startsWith('no-restricted-imports')).length).toBeGreaterThanOrEqual(2);
	}, 60_000);

	it('stop pages from touching storage, the engine bridge, worker code or core functions', async () => {
		const messages = await lintProbe(
			'src/routes/lint-probe.ts',
			[
				"import Dexie from 'dexie';",
				"import { FillbookDb } from '$lib/db/schema';",
				"import { engine } from '$lib/state/engine';",
				"import { createEngineApi } from '$workers/engine-api';",
				"import { contractValue } from '$workers/contract';",
				"import { type EngineApi } from '$workers/contract';",
				"import { ruinProbability } from '$lib/core/analytics/monte-carlo';",
				"import type { Mode } from '$lib/core/model/mode';",
				'export const probe = [Dexie, FillbookDb, engine, createEngineApi, contractValue, ruinProbability];',
				'export type Probe = [EngineApi, Mode];',
				''
			].join('\n')
		);
		expect(restrictedSources(messages)).toEqual([
			'dexie',
			'$lib/db/schema',
			'$lib/state/engine',
			'$workers/engine-api',
			'$workers/contract',
			'$lib/core/analytics/monte-carlo'
		]);
	}, 60_000);

	it('stop components from touching storage, the engine bridge or worker code (Svelte files too)', async () => {
		const messages = await lintProbe(
			'src/lib/ui/LintProbe.svelte',
			[
				'<script lang="ts">',
				"\timport { dbStats } from '$lib/db/stats';",
				"\timport { engine } from '$lib/state/engine';",
				"\timport type { StorageStats } from '$workers/engine-api';",
				"\timport type { EngineApi } from '$workers/contract';",
				'\tlet { stats }: { stats: StorageStats | EngineApi } = $props();',
				'\tconst probe = [dbStats, engine];',
				'</script>',
				'',
				'<p>{probe.length} {String(stats)}</p>',
				''
			].join('\n')
		);
		// A type-only import of a worker's implementation is refused too: the contract is the seam.
		expect(restrictedSources(messages)).toEqual([
			'$lib/db/stats',
			'$lib/state/engine',
			'$workers/engine-api'
		]);
	}, 60_000);

	it('stop state from touching storage, worker code or components; types from the contract pass', async () => {
		const messages = await lintProbe(
			'src/lib/state/lint-probe.ts',
			[
				"import { FillbookDb } from '$lib/db/schema';",
				"import { commitImport } from '$lib/db/imports';",
				"import { createImports } from '$workers/engine-imports';",
				"import { download } from '$lib/ui/download';",
				"import type { EngineApi } from '$workers/contract';",
				"import { engine } from './engine';",
				'export const probe = [FillbookDb, commitImport, createImports, download, engine];',
				'export type Probe = EngineApi;',
				''
			].join('\n')
		);
		expect(restrictedSources(messages)).toEqual([
			'$lib/db/schema',
			'$lib/db/imports',
			'$workers/engine-imports',
			'$lib/ui/download'
		]);
	}, 60_000);

	it('stop the engine from importing UI state, components, Svelte or SvelteKit', async () => {
		const messages = await lintProbe(
			'workers/lint-probe.ts',
			[
				"import { mode } from '$lib/state/app.svelte';",
				"import { download } from '$lib/ui/download';",
				"import { mount } from 'svelte';",
				"import { browser } from '$app/environment';",
				"import { listAccounts } from '$lib/db/accounts';",
				'export const probe = [mode, download, mount, browser, listAccounts];',
				''
			].join('\n')
		);
		expect(restrictedSources(messages)).toEqual([
			'$lib/state/app.svelte',
			'$lib/ui/download',
			'svelte',
			'$app/environment'
		]);
	}, 60_000);

	it('keep the engine contract types only', async () => {
		const messages = await lintProbe(
			'workers/contract/lint-probe.ts',
			[
				"import type { Mode } from '$lib/core/model/mode';",
				"import { isMode } from '$lib/core/model/mode';",
				'export interface Probe { mode: Mode }',
				'export type Check = typeof isMode;',
				'export const DEFAULT_PROBE: Probe = { mode: "paper" };',
				'export function probe(): Probe { return DEFAULT_PROBE; }',
				''
			].join('\n')
		);
		const syntax = messages.filter((m) => m.startsWith('no-restricted-syntax'));
		// The value import, the exported constant and the exported function; the types pass.
		expect(syntax).toHaveLength(3);
	}, 60_000);

	it('let the core import its own modules', async () => {
		const messages = await lintProbe(
			'src/lib/core/lint-probe.ts',
			"import { isMode } from './model/mode';\n\nexport const probe = isMode('paper');\n"
		);
		expect(messages).toEqual([]);
	}, 60_000);
});
