import type { Mode } from '$lib/core/model/mode';

/** The same API with the mode bound: callers cannot pass (or forget) one. */
export type ModeBound<T> = {
	[K in keyof T]: T[K] extends (mode: Mode, ...args: infer A) => infer R ? (...args: A) => R : never;
};

/**
 * Wraps an API so every call uses the mode that is current at the moment of the call. This is
 * how "the current mode picks the database for every read and write" is enforced: UI code only
 * ever holds the bound API.
 * @example bindMode(engine, () => mode.current).listAccounts()
 */
export function bindMode<T extends object>(api: T, currentMode: () => Mode): ModeBound<T> {
	return new Proxy({} as ModeBound<T>, {
		get(_target, key) {
			if (typeof key !== 'string') return undefined;
			return (...args: unknown[]) => {
				const method = (api as Record<string, unknown>)[key];
				if (typeof method !== 'function') throw new TypeError(`No such engine method: ${key}`);
				// Reflect.apply, not method.call: on a Comlink proxy `.call` would be a remote lookup.
				return Reflect.apply(method, api, [currentMode(), ...args]) as unknown;
			};
		}
	});
}
