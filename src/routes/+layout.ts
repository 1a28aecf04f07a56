// The app is a shell over this browser's IndexedDB: nothing to render on a server. Each route is
// still prerendered (as an empty shell) so every URL is a real file on any static host.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
