// Trade ids exist only in this browser's database: the page is the SPA fallback, rendered here.
export const prerender = false;
