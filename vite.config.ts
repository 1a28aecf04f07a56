import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';
import { manifest } from './src/lib/pwa-manifest.ts';

export default defineConfig({
	plugins: [
		sveltekit(),
		SvelteKitPWA({
			// 'prompt': a new version waits until the user chooses "Reload" in the update banner,
			// so code is never swapped under a running import or replay.
			registerType: 'prompt',
			// Registration happens from src/lib/state/pwa.svelte.ts; no inline script is injected.
			injectRegister: false,
			// Kit's relative paths would make the registration ask for './sw.js' with scope './':
			// a first visit to /paper/orders would request /paper/sw.js (a 404) and the app would
			// not work offline until a top-level page was opened. The worker lives at the root
			// and controls the whole origin.
			base: '/',
			buildBase: '/',
			scope: '/',
			manifest,
			kit: {
				adapterFallback: '200.html',
				spa: true
			},
			workbox: {
				globPatterns: ['client/**/*.{js,css,ico,png,svg,webp,webmanifest,woff2}', 'prerendered/**/*.html'],
				navigateFallback: '200.html',
				// The app never talks to another host; there is nothing to cache at runtime.
				runtimeCaching: [],
				// Receives files shared to the app (the manifest's share_target).
				importScripts: ['share-target-sw.js'],
				cleanupOutdatedCaches: true
			}
		})
	],
	worker: {
		// ES module workers let the engine share chunks (Dexie, core) with code splitting.
		format: 'es'
	},
	optimizeDeps: {
		// Imported only from workers: without this, Vite discovers them late in dev and reloads.
		include: ['dexie', 'comlink', 'papaparse']
	},
	test: {
		environment: 'node',
		include: ['src/**/*.spec.ts', 'workers/**/*.spec.ts', 'tests/unit/**/*.spec.ts'],
		setupFiles: ['fake-indexeddb/auto'],
		// Property specs replay thousands of sessions: on a loaded two-core machine one can pass 5 s
		// without being wrong. A time limit is not what they check (benches under bench/ time things).
		testTimeout: 20_000,
		expect: { requireAssertions: true }
	}
});
