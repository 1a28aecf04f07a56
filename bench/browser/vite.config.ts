import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Where the page is built (run.mjs passes the same): outside the repository unless BENCH_TMP says otherwise. */
const pageOutDir = join(process.env.BENCH_TMP ?? join(tmpdir(), 'fillbook-bench'), 'page');

/**
 * Papa Parse's worker mode starts a worker from its own source: `Papa.BLOB_URL`, or else a blob
 * of its factory function's text with `IS_PAPA_WORKER = true` in front. Re-minified into our
 * bundle, that text no longer works as a worker (the worker throws "Cannot read properties of
 * undefined (reading 'skipEmptyLines')"), so the page serves the same thing as a file made from
 * the package's own papaparse.min.js and points `Papa.BLOB_URL` at it (see main.ts).
 */
function papaWorkerScript(): Plugin {
	const require = createRequire(import.meta.url);
	return {
		name: 'fillbook-bench-papa-worker',
		generateBundle() {
			this.emitFile({
				type: 'asset',
				fileName: 'papaparse-worker.js',
				source: `self.IS_PAPA_WORKER = true;\n${readFileSync(require.resolve('papaparse/papaparse.min.js'), 'utf8')}`
			});
		}
	};
}

/**
 * The benchmark page: plain TypeScript (no SvelteKit), the app's own `$lib` and `$workers`
 * aliases and ES module workers as in vite.config.ts, minified like the production build.
 */
export default defineConfig({
	root: here,
	base: './',
	logLevel: 'warn',
	resolve: {
		alias: {
			$lib: join(repo, 'src/lib'),
			$workers: join(repo, 'workers')
		}
	},
	plugins: [papaWorkerScript()],
	worker: { format: 'es' },
	build: {
		outDir: pageOutDir,
		emptyOutDir: true,
		target: 'es2022',
		reportCompressedSize: false,
		chunkSizeWarningLimit: 2000
	}
});
