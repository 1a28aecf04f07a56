import type { ChangeMessage, TableName } from '$workers/contract';
import { SvelteMap } from 'svelte/reactivity';
import { changeChannel, isMode, MODES, type Mode } from '$lib/core/model/mode';

/** Names this tab's engine in what it announces (so this tab can tell its own changes). */
export const TAB_ID: string =
	typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : String(Math.random());

/** Tables whose changes change the trades (and so the dashboard, reports, matching, a trade). */
export const TRADE_TABLES = [
	'executionChunks',
	'deletedExecutions',
	'annotations',
	'journalTrades',
	'matchDecisions',
	'matchRuns',
	'meta',
	'imports',
	'accounts'
] as const satisfies readonly TableName[];

/**
 * Tables whose changes change a symbol's bars: its files' bars, the bars kept aside where files
 * disagree, and the file preferred (core/prices/bar-sources.ts).
 */
export const BAR_TABLES = [
	'barChunks',
	'barAlternates',
	'barPreferences'
] as const satisfies readonly TableName[];

/** Every table (the Settings page counts them all). */
export const ALL_TABLES: readonly TableName[] = [
	...TRADE_TABLES,
	...BAR_TABLES,
	'paperSessions',
	'instruments',
	'positionSnapshots'
];

/**
 * Data changed in another tab. Every tab's engine announces its committed writes on the mode's
 * BroadcastChannel; this class counts them per mode and table. A state class's load reads the
 * count of the tables it shows (`track`): called from an effect, the effect runs again, and the
 * view reloads, when another tab changes one of them. This tab's own writes are left out: the
 * views that made them reload themselves.
 */
export class DataChanges {
	readonly #stamps = new SvelteMap<string, number>();
	readonly #source: string;
	readonly #currentMode: () => Mode;

	constructor(source: string, currentMode: () => Mode) {
		this.#source = source;
		this.#currentMode = currentMode;
	}

	/** Depends on changes to `tables` of the current mode (reads their counts). */
	track(tables: readonly TableName[]): void {
		const mode = this.#currentMode();
		for (const table of tables) this.#stamps.get(`${mode}/${table}`);
	}

	/** How many changes to `table` of `mode` were heard. */
	count(mode: Mode, table: string): number {
		return this.#stamps.get(`${mode}/${table}`) ?? 0;
	}

	/** Takes one announcement (from the channel of `mode`). */
	receive(mode: Mode, message: unknown): void {
		const m = message as Partial<ChangeMessage> | null;
		if (!isMode(mode) || m?.kind !== 'changed' || !Array.isArray(m.tables) || m.source === this.#source)
			return;
		for (const table of m.tables) {
			const key = `${mode}/${String(table)}`;
			this.#stamps.set(key, (this.#stamps.get(key) ?? 0) + 1);
		}
	}

	/** Listens on both modes' channels; returns how to stop. Nothing to hear without BroadcastChannel. */
	listen(): () => void {
		if (typeof BroadcastChannel === 'undefined') return () => {};
		const channels = MODES.map((mode) => {
			const channel = new BroadcastChannel(changeChannel(mode));
			channel.onmessage = (event: MessageEvent) => this.receive(mode, event.data);
			return channel;
		});
		return () => {
			for (const channel of channels) channel.close();
		};
	}
}
