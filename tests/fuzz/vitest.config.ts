import { defineConfig } from 'vitest/config';
import base from '../../vite.config.ts';

/** The long fuzz run (`npm run fuzz`): unit-test aliases, only tests/fuzz/*.fuzz.ts, no time limit. */
export default defineConfig({
	...base,
	test: {
		...base.test,
		include: ['tests/fuzz/**/*.fuzz.ts'],
		fileParallelism: false,
		testTimeout: 24 * 60 * 60 * 1000
	}
});
