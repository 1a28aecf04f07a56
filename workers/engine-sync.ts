/**
 * One writer across every tab of the origin. Each tab runs an engine worker of its own; what
 * makes them one writer:
 * - each write holds its mode's Web Lock (`fillbook-<mode>-write`), so writes of one mode run one
 *   at a time across tabs (where the browser has no Web Locks, the commit transactions still
 *   re-check for duplicates, see commitImport);
 * - every committed write is announced on the mode's BroadcastChannel (`fillbook-<mode>`), so
 *   the other tabs' views reload instead of showing stale data.
 */
import type { ChangeMessage } from './contract';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Dexie } from 'dexie';
import { changeChannel, MODES, type Mode } from '$lib/core/model/mode';

/** The Web Lock a write of the mode holds. */
export const writeLock = (mode: Mode): string => `fillbook-${mode}-write`;

/** The part of the Web Locks API the engine uses (navigator.locks; tests pass their own). */
export interface Locks {
	request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

/** The browser's Web Locks, or null where there are none (Node, old browsers). */
export function browserLocks(): Locks | null {
	const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
	return locks ? { request: (name, callback) => locks.request(name, callback) } : null;
}

/**
 * Runs `task` holding the write locks of `modes` (taken in MODES order, so two writers never wait
 * for each other), or at once without locks.
 */
export function underLocks<T>(
	locks: Locks | null,
	modes: readonly Mode[],
	task: () => Promise<T>
): Promise<T> {
	const ordered = MODES.filter((m) => modes.includes(m));
	const hold = (i: number): Promise<T> =>
		i === ordered.length ? task() : locks!.request(writeLock(ordered[i]!), () => hold(i + 1));
	return locks ? hold(0) : task();
}

/** Posts a mode's changes on its channel; close() when the engine retires. */
export interface Announcer {
	announce(mode: Mode, tables: string[]): void;
	close(): void;
}

/** Announces on BroadcastChannels as `source`; does nothing where there are none. */
export function broadcastAnnouncer(source: string): Announcer {
	const channels = new Map<Mode, BroadcastChannel>();
	return {
		announce(mode, tables) {
			if (typeof BroadcastChannel === 'undefined') return;
			let channel = channels.get(mode);
			if (!channel) {
				channel = new BroadcastChannel(changeChannel(mode));
				// Node (tests) would otherwise stay alive for an open channel.
				(channel as { unref?: () => void }).unref?.();
				channels.set(mode, channel);
			}
			const message: ChangeMessage = { kind: 'changed', tables, source };
			channel.postMessage(message);
		},
		close() {
			for (const channel of channels.values()) channel.close();
			channels.clear();
		}
	};
}

/**
 * Calls `committed` with the tables a read-write transaction changed, once it has committed
 * (never for one that aborted: nothing changed). A Dexie middleware, so every write path of the
 * engine is covered without each one naming its tables.
 */
export function onCommitted(db: Dexie, committed: (tables: string[]) => void): void {
	db.use({
		stack: 'dbcore',
		name: 'fillbook-committed',
		create(down: DBCore): DBCore {
			const changed = new WeakMap<DBCoreTransaction, Set<string>>();
			return {
				...down,
				transaction(stores, mode, options) {
					const trans = down.transaction(stores, mode, options);
					if (mode === 'readwrite') {
						const tables = new Set<string>();
						changed.set(trans, tables);
						// The IndexedDB transaction itself (an EventTarget) at the bottom of the stack.
						(trans as unknown as EventTarget).addEventListener('complete', () => {
							if (tables.size > 0) committed([...tables]);
						});
					}
					return trans;
				},
				table(name): DBCoreTable {
					const table = down.table(name);
					return {
						...table,
						mutate(request: DBCoreMutateRequest) {
							changed.get(request.trans)?.add(name);
							return table.mutate(request);
						}
					};
				}
			};
		}
	});
}
