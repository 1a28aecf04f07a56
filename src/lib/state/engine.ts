import { wrap, type Remote } from 'comlink';
import type { EngineApi } from '$workers/contract';
import { bindMode, type ModeBound } from './bind-mode';
import { mode } from './app.svelte';
import { TAB_ID } from './changes.svelte';

let remote: Remote<EngineApi> | undefined;

/**
 * The engine worker, started on first use. It is the single writer of both databases; the UI
 * talks to it only through this typed bridge.
 */
function worker(): Remote<EngineApi> {
	if (!remote) {
		const thread = new Worker(new URL('../../../workers/engine.worker.ts', import.meta.url), {
			type: 'module',
			// The worker names its announcements of changes with this tab's id (see changes.svelte.ts).
			name: `fillbook-engine ${TAB_ID}`
		});
		remote = wrap<EngineApi>(thread);
	}
	return remote;
}

/**
 * The engine with the current mode bound to every call: `engine.listAccounts()` reads the
 * database of whatever mode is current when it is called.
 */
export const engine: ModeBound<Remote<EngineApi>> = bindMode(
	new Proxy({} as Remote<EngineApi>, { get: (_t, key) => Reflect.get(worker(), key) as unknown }),
	() => mode.current
);
