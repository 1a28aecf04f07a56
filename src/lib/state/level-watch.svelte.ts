import type { LevelAlertRow } from '$workers/contract';
import type { Mode } from '$lib/core/model/mode';
import type { NoticeChannel } from './alert-notify';
import { lastSeenKey, levelNotice, parseLastSeen, unseenEvents, type LevelNotice } from './level-words';
import { View } from './view.svelte';

/** What the watcher needs from the rest of the app (the engine, storage, the Notification API). */
export interface LevelWatchDeps {
	/** The mode's levels with an event numbered after `afterSeq`. */
	events(mode: Mode, afterSeq: number): Promise<LevelAlertRow[]>;
	/** Shows a notice: a system notification, or says to show it as a banner. */
	deliver(notice: LevelNotice): Promise<NoticeChannel>;
	/** Where the last event seen per mode is kept (localStorage; shared by the tabs). */
	storage: Pick<Storage, 'getItem' | 'setItem'> | null;
	/** The display zone, for the times in the notices. */
	zone(): string;
}

export interface LevelWatchView {
	/** Notices shown in the page where system notifications are denied or unsupported. */
	banners: string[];
	/** Bumped whenever new events were seen: the level views reload on it. */
	stamp: number;
}

/**
 * The app's watcher of level alerts. The engine checks the levels whenever prices arrive and
 * numbers each trigger and doubt; this asks for those after the last one seen in the mode and
 * tells each once — a system notification, or a banner here — then remembers the number (in
 * localStorage, so a reload or another tab does not tell it again). Checks of a mode run one
 * after the other, so two at once cannot tell an event twice.
 */
export class LevelWatch {
	readonly #view = new View<LevelWatchView>(() => ({ banners: [], stamp: 0 }));
	readonly #deps: LevelWatchDeps;
	#queue: Promise<void> = Promise.resolve();
	/** The last told per mode in this visit: the floor where storage is blocked. */
	#told: Partial<Record<Mode, number>> = {};

	constructor(deps: LevelWatchDeps) {
		this.#deps = deps;
	}

	get view(): Readonly<LevelWatchView> {
		return this.#view.current;
	}

	/** The number of the last event told in `mode`. */
	lastSeen(mode: Mode): number {
		let stored = 0;
		try {
			stored = parseLastSeen(this.#deps.storage?.getItem(lastSeenKey(mode)) ?? null);
		} catch {
			// Storage blocked: what this visit told.
		}
		return Math.max(stored, this.#told[mode] ?? 0);
	}

	/** Asks the engine for new triggers and doubts of `mode` and tells each once. */
	check(mode: Mode): Promise<void> {
		const run = this.#queue.then(() => this.#check(mode));
		this.#queue = run.catch(() => undefined);
		return run;
	}

	async #check(mode: Mode): Promise<void> {
		// Read again each time: another tab may have told some already.
		const seen = this.lastSeen(mode);
		const { fresh, lastSeen } = unseenEvents(await this.#deps.events(mode, seen), seen);
		if (!fresh.length) return;
		// Remembered before telling: a reload while a notice is shown must not tell it again.
		this.#told[mode] = lastSeen;
		try {
			this.#deps.storage?.setItem(lastSeenKey(mode), String(lastSeen));
		} catch {
			// Storage blocked: told again after a reload, never twice in this visit (#told).
		}
		this.#view.set({ stamp: this.view.stamp + 1 });
		for (const row of fresh) {
			const notice = levelNotice(row, this.#deps.zone());
			if (!notice) continue;
			if ((await this.#deps.deliver(notice)) === 'banner')
				this.#view.set({ banners: [...this.view.banners, notice.body] });
		}
	}

	dismissBanner(index: number): void {
		this.#view.set({ banners: this.view.banners.filter((_, i) => i !== index) });
	}

	/** Back to a fresh watcher (tests); what was seen stays in storage. */
	reset(): void {
		this.#told = {};
		this.#queue = Promise.resolve();
		this.#view.reset();
	}
}
