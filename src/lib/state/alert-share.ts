/**
 * Alerts shared to the app: the share sheet (the service worker sends shared text to
 * `/alerts?text=…`) and deep links put the alert in the query. Which parameter holds it depends
 * on the app that shares: TradingView's text, a title, or a URL.
 */

/** The query parameters an alert may arrive in, in the order they are read. */
export const SHARE_PARAMS = ['text', 'title', 'url'] as const;

/**
 * The alert text in a share's query, or null when there is none: the first parameter that holds
 * a JSON object (or a TradingView log line), else the first non-empty one.
 * @example sharedAlertText(new URLSearchParams('title=Alert&text={"symbol":"X"}')) // '{"symbol":"X"}'
 */
export function sharedAlertText(params: URLSearchParams): string | null {
	const given = SHARE_PARAMS.map((p) => params.get(p)?.trim() ?? '').filter((v) => v !== '');
	return given.find((v) => v.includes('{')) ?? given[0] ?? null;
}

/** Whether a query holds a share (so the page clears it once received). */
export function hasShare(params: URLSearchParams): boolean {
	return SHARE_PARAMS.some((p) => params.has(p));
}
