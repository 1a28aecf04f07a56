// Imported into Fillbook's service worker. Files shared to the app (the manifest's share_target:
// a POST of multipart form data to /share-target) are kept in a cache of their own and the Import
// page is opened; it takes them from the cache (src/lib/state/launch.ts) and deletes them. Text
// shared without a file (an alert) opens the Alerts page with the text in its query.
//
// Any web page can also POST a form to /share-target. Only what the operating system's share
// sheet sends, or a page of this app, is accepted: the share sheet's request is started by the
// browser itself, so it has no initiating page (an empty clientId) and no foreign Origin; a form
// on another site carries that site's Origin, or, when it hides it (Origin: null), a clientId
// that is not one of this origin's clients (clients.get only finds same-origin pages). Fetch
// metadata (Sec-Fetch-Site) is added after the service worker and cannot be read here.
const SHARED_CACHE = 'fillbook-shared-files';

/** True when the POST came from the OS share sheet or one of this app's own pages. */
async function fromShareSheet(event) {
	const origin = event.request.headers.get('origin');
	if (origin !== null && origin !== 'null' && origin !== self.location.origin) return false;
	if (!event.clientId) return true;
	return (await self.clients.get(event.clientId)) !== undefined;
}

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'POST' || url.origin !== self.location.origin || url.pathname !== '/share-target') return;
	event.respondWith(
		(async () => {
			if (!(await fromShareSheet(event))) return Response.redirect('/import?shared=refused', 303);
			const form = await event.request.formData();
			const files = form.getAll('files').filter((f) => typeof f === 'object' && 'name' in f);
			// Text alone (an alert shared from the TradingView app): the Alerts page receives it.
			if (files.length === 0) {
				const query = new URLSearchParams();
				for (const name of ['text', 'title', 'url']) {
					const value = form.get(name);
					if (typeof value === 'string' && value.trim() !== '') query.set(name, value);
				}
				if ([...query.keys()].length > 0) return Response.redirect(`/alerts?${query}`, 303);
			}
			const cache = await caches.open(SHARED_CACHE);
			const stamp = Date.now();
			await Promise.all(
				files.map((file, i) =>
					cache.put(
						`/shared-files/${stamp}-${i}`,
						new Response(file, {
							headers: {
								'content-type': file.type || 'text/csv',
								'x-file-name': encodeURIComponent(file.name),
								'x-last-modified': String(file.lastModified || stamp)
							}
						})
					)
				)
			);
			return Response.redirect(`/import?shared=${files.length}`, 303);
		})()
	);
});
