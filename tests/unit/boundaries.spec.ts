import { ESLint } from 'eslint';
import { rm, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules (ARCHITECTURE.md) are enforced by ESLint; this proves the rules fire, by
 * linting small probe files placed where the rules apply.
 */
async function lintProbe(path: string, code: string): Promise<string[]> {
	await writeFile(path, code);
	try {
		const [result] = await new ESLint().lintFiles([path]);
		return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
	} finally {
		await rm(path, { force: true });
	}
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

	it('let the core import its own modules', async () => {
		const messages = await lintProbe(
			'src/lib/core/lint-probe.ts',
			"import { isMode } from './model/mode';\n\nexport const probe = isMode('paper');\n"
		);
		expect(messages).toEqual([]);
	}, 60_000);
});
