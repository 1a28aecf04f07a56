import { alerts } from './alerts.svelte';
import { imports } from './imports.svelte';

/** Where the service worker keeps files shared to the app (see static/share-target-sw.js). */
export const SHARED_CACHE = 'fillbook-shared-files';

/** Takes the files shared to the app out of their cache and onto the Import page; returns how many. */
export async function receiveSharedFiles(): Promise<number> {
	if (!('caches' in window)) return 0;
	const cache = await caches.open(SHARED_CACHE);
	const files: File[] = [];
	for (const request of await cache.keys()) {
		const response = await cache.match(request);
		if (response) {
			const name = decodeURIComponent(response.headers.get('x-file-name') ?? 'shared.csv');
			const lastModified = Number(response.headers.get('x-last-modified')) || Date.now();
			files.push(
				new File([await response.blob()], name, {
					type: response.headers.get('content-type') ?? 'text/csv',
					lastModified
				})
			);
		}
		await cache.delete(request);
	}
	if (files.length > 0) imports.add(files, { shared: true });
	return files.length;
}

/** The File Handling API's launch queue (Chromium desktop, installed app): not in TypeScript's DOM types yet. */
interface LaunchParams {
	/** The manifest's file handler action the files were opened with (`…/import`, `…/alerts`). */
	targetURL?: string;
	files?: readonly { kind: string; getFile(): Promise<File> }[];
}
interface LaunchQueue {
	setConsumer(consumer: (params: LaunchParams) => void | Promise<void>): void;
}

/**
 * Files opened with the installed app ("Open with Fillbook", the manifest's file_handlers) arrive
 * here: alert files (the handler whose action is /alerts) go to the alert inbox, the others to the
 * Import page like dropped files. `opened` is told which page to show.
 */
export function listenForLaunchedFiles(opened: (page: '/import' | '/alerts') => void): void {
	const queue = (window as unknown as { launchQueue?: LaunchQueue }).launchQueue;
	queue?.setConsumer(async (params) => {
		const handles = (params.files ?? []).filter((h) => h.kind === 'file');
		if (handles.length === 0) return;
		const files = await Promise.all(handles.map((h) => h.getFile()));
		if (isAlertLaunch(params.targetURL)) {
			opened('/alerts');
			await alerts.receiveFiles(files);
		} else {
			imports.add(files);
			opened('/import');
		}
	});
}

/** Whether a launch targets the alert inbox (its file handler's action). */
export function isAlertLaunch(targetURL: string | undefined): boolean {
	if (!targetURL) return false;
	try {
		return new URL(targetURL, 'https://app.invalid').pathname.startsWith('/alerts');
	} catch {
		return false;
	}
}
