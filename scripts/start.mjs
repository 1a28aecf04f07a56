// `npm start`: builds the app if there is no build or the sources are newer than it, then serves
// the built PWA on localhost (PORT, default 4173).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startServer } from './serve.mjs';

const SOURCES = ['src', 'static', 'workers', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestMtime(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	let newest = stat.mtimeMs;
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
	return newest;
}

const builtAt = existsSync('build/index.html') ? statSync('build/index.html').mtimeMs : 0;
const changedAt = Math.max(...SOURCES.map(newestMtime));
if (builtAt === 0 || changedAt > builtAt) {
	console.log(builtAt === 0 ? 'No build yet: building…' : 'Sources changed since the last build: building…');
	const result = spawnSync('npm', ['run', 'build'], {
		stdio: 'inherit',
		shell: process.platform === 'win32'
	});
	if (result.status !== 0) process.exit(result.status ?? 1);
}

const { url } = await startServer({
	port: Number(process.env.PORT ?? 4173),
	host: process.env.HOST ?? '127.0.0.1'
});
console.log(`\nFillbook is running at ${url}  (Ctrl+C to stop)\n`);
