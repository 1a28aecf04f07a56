import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Every route is prerendered as an empty shell (ssr is off: the data lives in this
		// browser's IndexedDB); 200.html serves deep links to routes that are not prerendered.
		adapter: adapter({ fallback: '200.html', strict: true }),
		alias: {
			$workers: 'workers'
		},
		// Own origin only. Kit writes this policy into every prerendered page as a meta tag, with
		// the sha256 hash of the one inline bootstrap script it adds, so there is no
		// 'unsafe-inline'. scripts/serve.mjs adds frame-ancestors, which a meta tag cannot carry.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// One style attribute is allowed, by hash: the visually-hidden route announcer that
				// Kit's root component renders (.svelte-kit/generated/root.svelte). The e2e guard
				// reports any other inline style the policy blocks.
				'style-src': ['self', 'unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		},
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../workers/**/*.ts', '../bench/**/*.ts', '../playwright.config.ts');
				return tsconfig;
			}
		},
		version: {
			// The service worker decides when a new version takes over (see the update banner);
			// Kit's own version polling would only duplicate that.
			pollInterval: 0
		}
	}
};

export default config;
