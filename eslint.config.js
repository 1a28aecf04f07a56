import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Browser and platform globals the pure core must not touch (it runs in Node tests and workers). */
const DOM_GLOBALS = [
	'window',
	'document',
	'navigator',
	'localStorage',
	'sessionStorage',
	'indexedDB',
	'IDBKeyRange',
	'fetch',
	'XMLHttpRequest',
	'Worker',
	'self',
	'postMessage',
	'location',
	'history',
	'alert',
	'confirm',
	'HTMLElement',
	'Element',
	'Node'
].map((name) => ({
	name,
	message: 'src/lib/core is pure: pass data in instead of reaching for the platform.'
}));

/** Only the engine (workers/) and src/lib/db touch the databases: one writer. */
const STORAGE = [
	{
		group: ['dexie', 'dexie/*', 'fake-indexeddb', 'fake-indexeddb/*', '$lib/db', '$lib/db/*', '**/lib/db/*'],
		message:
			'Only the engine (workers/) and src/lib/db touch the databases; call a state class or the engine.'
	}
];

/** The engine's implementation is out of reach of the UI; its types come from the contract. */
const WORKERS_BUT_CONTRACT = [
	{
		group: ['$workers/*', '!$workers/contract', '**/workers/*', '!**/workers/contract'],
		message: 'The UI knows the engine only through workers/contract.ts (types) and the state classes.'
	}
];

/** The contract is types only: `import type { … } from '$workers/contract'`. */
const CONTRACT_TYPES = {
	group: ['$workers/contract', '**/workers/contract'],
	allowTypeImports: true,
	message: "Import the engine's contract with `import type`: it holds types only."
};

/** Pages and components call state classes, which alone call the engine bridge. */
const ENGINE_BRIDGE = {
	group: ['$lib/state/engine', '**/state/engine'],
	message: 'Pages and components call a state class; only src/lib/state calls the engine.'
};

/** Pages show what the engine or a state class computed; core domain functions are theirs. */
const CORE_TYPES = {
	group: ['$lib/core', '$lib/core/*', '**/lib/core/*'],
	allowTypeImports: true,
	message:
		'Routes import core types only: call the domain function in a state class or the engine and show its result.'
};

/** State sits under the UI: it never imports components or pages. */
const STATE_UP = {
	group: ['$lib/ui', '$lib/ui/*', '**/lib/ui/*', '../ui/*', '**/routes/*'],
	message: 'src/lib/state must not import components or pages: they import state, not the reverse.'
};

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'dev-dist/']
	},
	js.configs.recommended,
	...ts.configs.recommendedTypeChecked,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				projectService: true,
				tsconfigRootDir: import.meta.dirname,
				extraFileExtensions: ['.svelte']
			}
		},
		rules: {
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-explicit-any': 'error',
			'@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			'no-restricted-globals': ['error', 'event', 'name', 'status']
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		// Plain JS config and scripts: type-aware rules need type information they do not have.
		files: ['**/*.js', '**/*.mjs'],
		...ts.configs.disableTypeChecked
	},
	{
		// The domain core is pure TypeScript: no storage, UI, worker plumbing or DOM.
		files: ['src/lib/core/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['dexie', 'dexie/*'],
							message: 'src/lib/core must not import Dexie (storage lives in src/lib/db).'
						},
						{ group: ['svelte', 'svelte/*', '*.svelte'], message: 'src/lib/core must not import Svelte.' },
						{
							group: ['comlink'],
							message: 'src/lib/core must not import Comlink (workers live in workers/).'
						},
						{ group: ['$app/*', '@sveltejs/*'], message: 'src/lib/core must not import SvelteKit.' },
						{
							group: [
								'$lib/db',
								'$lib/db/*',
								'$lib/ui',
								'$lib/ui/*',
								'$lib/state',
								'$lib/state/*',
								'$workers/*',
								'**/db/*',
								'**/ui/*',
								'**/state/*',
								'**/workers/*'
							],
							message: 'src/lib/core imports nothing of the app.'
						}
					]
				}
			],
			'no-restricted-globals': ['error', ...DOM_GLOBALS]
		}
	},
	// The whiteboard (docs/ARCHITECTURE.md): who may import whom outside the core. Each layer has
	// one rule object with all its patterns (a later no-restricted-imports entry for a file would
	// replace an earlier one, not add to it). `allowTypeImports` lets a pattern match value imports
	// only, so "types from the contract" is one pattern.
	{
		files: ['src/routes/**/*.ts', 'src/routes/**/*.svelte'],
		rules: {
			'no-restricted-imports': 'off',
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [...STORAGE, ...WORKERS_BUT_CONTRACT, CONTRACT_TYPES, ENGINE_BRIDGE, CORE_TYPES] }
			]
		}
	},
	{
		files: ['src/lib/ui/**/*.ts', 'src/lib/ui/**/*.svelte'],
		rules: {
			'no-restricted-imports': 'off',
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [...STORAGE, ...WORKERS_BUT_CONTRACT, CONTRACT_TYPES, ENGINE_BRIDGE] }
			]
		}
	},
	{
		files: ['src/lib/state/**/*.ts'],
		ignores: ['src/lib/state/**/*.spec.ts'],
		rules: {
			'no-restricted-imports': 'off',
			'@typescript-eslint/no-restricted-imports': [
				'error',
				{ patterns: [...STORAGE, ...WORKERS_BUT_CONTRACT, CONTRACT_TYPES, STATE_UP] }
			]
		}
	},
	{
		// The engine is the single writer and knows nothing of the UI that calls it.
		files: ['workers/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '*.svelte', '$app/*', '@sveltejs/*'],
							message: 'workers/ must not import Svelte or SvelteKit: the engine runs without a UI.'
						},
						{
							group: [
								'$lib/state',
								'$lib/state/*',
								'$lib/ui',
								'$lib/ui/*',
								'**/lib/state/*',
								'**/lib/ui/*',
								'**/routes/*'
							],
							message:
								'workers/ must not import UI state, components or pages: the UI calls the engine, never the reverse.'
						}
					]
				}
			]
		}
	},
	{
		// The contract between the UI and the engine is types only, so importing it costs nothing
		// at run time and cannot drag engine code into a page.
		files: ['workers/contract.ts', 'workers/contract/**/*.ts'],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector:
						'Program > :not(TSInterfaceDeclaration, TSTypeAliasDeclaration, ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration)',
					message: 'workers/contract is types only: declare interfaces and types here, values elsewhere.'
				},
				{
					selector:
						"ExportNamedDeclaration[exportKind='value'], ExportAllDeclaration[exportKind='value'], ImportDeclaration[importKind='value']",
					message: 'workers/contract is types only: use `export type` and `import type`.'
				}
			]
		}
	},
	{
		// Storage code never reaches up into the UI.
		files: ['src/lib/db/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['svelte', 'svelte/*', '*.svelte', '$app/*'],
							message: 'src/lib/db must not import UI code.'
						},
						{
							group: [
								'$lib/ui',
								'$lib/ui/*',
								'$lib/state',
								'$lib/state/*',
								'**/ui/*',
								'**/state/*',
								'**/routes/*'
							],
							message: 'src/lib/db must not import UI or UI state.'
						}
					]
				}
			]
		}
	}
);
