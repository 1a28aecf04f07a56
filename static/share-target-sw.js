// Imported into Fillbook's service worker. Files shared to the app (the manifest's share_target:
// a POST of multipart form data to /share-target) are kept in a cache of their own and the Import
// page is opened; it takes them from the cache (src/lib/state/launch.ts) and deletes them.
const SHARED_CACHE = 'fillbook-shared-files';

self.addEventListener('fetch', (event) => {
	const url = new URL(event.request.url);
	if (event.request.method !== 'POST' || url.origin !== self.location.origin || url.pathname !== '/share-target') return;
	event.respondWith(
		(async () => {
			const form = await event.request.formData();
			const files = form.getAll('files').filter((f) => typeof f === 'object' && 'name' in f);
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
