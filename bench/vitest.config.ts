import { defineConfig } from 'vitest/config';
import base from '../vite.config.ts';

/** Benchmarks run like unit tests (same aliases, fake-indexeddb) but only bench files, one at a time. */
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['bench/**/*.bench.ts'],
		fileParallelism: false,
		testTimeout: 10 * 60 * 1000
	}
});
