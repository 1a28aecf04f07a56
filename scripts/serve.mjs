// Serves the built app (build/) the way a static host would, with the headers Fillbook wants.
// Used by `npm start` and by the end-to-end tests (which also start private instances of it to
// go truly offline or to deploy a new version under a running app).
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import sirv from 'sirv';

/**
 * Headers for every response. The Content-Security-Policy itself is a meta tag in each page
 * (written by SvelteKit with the hash of its bootstrap script); the header adds what a meta tag
 * cannot carry.
 */
const SECURITY_HEADERS = {
	'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()'
};

/**
 * Starts a static server for a built app directory.
 * @param {{ dir?: string, port?: number, host?: string }} [options]
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export async function startServer({ dir = 'build', port = 4173, host = '127.0.0.1' } = {}) {
	const assets = sirv(dir, {
		dev: false,
		etag: true,
		// Deep links to routes that are not prerendered get the SPA shell, which routes on the client.
		single: '200.html',
		setHeaders(res, pathname) {
			for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
			if (pathname.startsWith('/_app/immutable/')) {
				res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
			} else {
				// Pages, the service worker and the manifest must be revalidated so updates are seen.
				res.setHeader('Cache-Control', 'no-cache');
			}
			if (pathname.endsWith('.webmanifest')) res.setHeader('Content-Type', 'application/manifest+json');
		}
	});
	const server = createServer((req, res) => {
		assets(req, res, () => {
			res.statusCode = 404;
			res.end('Not found');
		});
	});
	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => resolve(undefined));
	});
	const address = server.address();
	const actualPort = typeof address === 'object' && address ? address.port : port;
	return {
		url: `http://${host === '0.0.0.0' ? 'localhost' : host}:${actualPort}`,
		port: actualPort,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			})
	};
}

// `node scripts/serve.mjs [dir]`: serve in the foreground.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
	const { url } = await startServer({
		dir: process.argv[2] ?? 'build',
		port: Number(process.env.PORT ?? 4173),
		host: process.env.HOST ?? '127.0.0.1'
	});
	console.log(`Fillbook is being served at ${url}`);
}
