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
