import { registerSW } from 'virtual:pwa-register';

const HOUR = 60 * 60 * 1000;

/**
 * The service worker's life as the UI sees it. A new version is installed in the background and
 * then waits: the app shows "Update available — reload" and swaps only when the user says so,
 * never in the middle of an import or a replay.
 */
class PwaState {
	#needRefresh = $state(false);
	#offlineReady = $state(false);
	#registered = false;
	#update: ((reloadPage?: boolean) => Promise<void>) | undefined;

	get needRefresh(): boolean {
		return this.#needRefresh;
	}

	get offlineReady(): boolean {
		return this.#offlineReady;
	}

	/** Registers the service worker once; checks for a new version hourly and on return to the tab. */
	register(): void {
		if (this.#registered || !('serviceWorker' in navigator)) return;
		this.#registered = true;
		this.#update = registerSW({
			immediate: true,
			onNeedRefresh: () => (this.#needRefresh = true),
			onOfflineReady: () => (this.#offlineReady = true),
			onRegisteredSW: (_url, registration) => {
				if (!registration) return;
				const check = () => {
					if (navigator.onLine && !registration.installing) void registration.update().catch(() => undefined);
				};
				setInterval(check, HOUR);
				document.addEventListener('visibilitychange', () => {
					if (document.visibilityState === 'visible') check();
				});
			}
		});
	}

	/** Activates the waiting version; the page reloads once it has taken control. */
	async reload(): Promise<void> {
		await this.#update?.(true);
	}

	dismissUpdate(): void {
		this.#needRefresh = false;
	}

	dismissOfflineReady(): void {
		this.#offlineReady = false;
	}
}

export const pwa = new PwaState();
