import { proxy } from 'comlink';
import { formatById } from '$lib/core/formats';
import type { Account } from '$lib/core/model/account';
import type { ImportOutcome, ImportRequest, PreviewResult } from '$workers/engine-imports';
import type { Progress, Sniff } from '$workers/import-job';
import type { ImportRow } from '$lib/db/schema';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { preferenceStorage } from './preferences';
import { presets } from './presets.svelte';
import { store } from './engine';

export type ItemStatus = 'reading' | 'mapping' | 'ready' | 'importing' | 'done' | 'failed' | 'cancelled';

/** Zones offered first; any IANA zone can be typed. */
export const COMMON_ZONES = [
	'America/New_York',
	'America/Chicago',
	'America/Denver',
	'America/Los_Angeles',
	'UTC',
	'Europe/London',
	'Europe/Berlin',
	'Asia/Kolkata',
	'Asia/Singapore',
	'Asia/Tokyo',
	'Australia/Sydney'
];

/** The zone the user last imported each format in (localStorage), by format id. */
export const IMPORT_ZONES_STORAGE_KEY = 'fillbook.importZones';

function rememberedZones(): Record<string, string> {
	try {
		const saved: unknown = JSON.parse(preferenceStorage?.getItem(IMPORT_ZONES_STORAGE_KEY) ?? '{}');
		return saved && typeof saved === 'object' ? (saved as Record<string, string>) : {};
	} catch {
		return {};
	}
}

/** This browser's zone (the user's, as far as Fillbook can tell). */
export function browserZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/**
 * The zone a format's times are offered in: the one the user last imported it in, else for a
 * journal (its times are in the user's own journal setting, e.g. Tradervue's time zone) this
 * browser's zone, else New York (US brokers' exports).
 */
export function defaultImportZone(formatId: string): string {
	const remembered = rememberedZones()[formatId];
	if (typeof remembered === 'string' && remembered !== '') return remembered;
	return formatById(formatId)?.produces === 'journal' ? browserZone() : 'America/New_York';
}

function rememberZone(formatId: string, zone: string): void {
	try {
		preferenceStorage?.setItem(
			IMPORT_ZONES_STORAGE_KEY,
			JSON.stringify({ ...rememberedZones(), [formatId]: zone })
		);
	} catch {
		// Storage full or blocked: the zone is simply not remembered.
	}
}

let nextKey = 1;

/**
 * One file on the Import page, from drop to done, in the mode it was added in: it is previewed
 * against that mode's accounts, imported into it and shown only while that mode is current (a
 * mode switched in another tab never puts its result under the other mode's banner).
 */
export class ImportItem {
	readonly key = nextKey++;
	readonly jobId = `job-${Date.now().toString(36)}-${this.key}`;
	status = $state<ItemStatus>('reading');
	sniff = $state.raw<Sniff | null>(null);
	request = $state<ImportRequest>({
		formatId: '',
		zone: 'America/New_York',
		tradeDate: null,
		symbol: null,
		accountId: null,
		newAccountCurrency: null,
		mapping: null,
		preset: null
	});
	preview = $state.raw<PreviewResult | null>(null);
	progress = $state.raw<Progress | null>(null);
	outcome = $state.raw<ImportOutcome | null>(null);
	message = $state<string | null>(null);
	/** A good-news line (e.g. a preset saved). */
	notice = $state<string | null>(null);

	/**
	 * @param mode the mode the file was added in: it shows and imports only there.
	 * @param shared the file came through the share target (another app sent it): it is marked,
	 *   and importing it into real mode asks once more.
	 */
	constructor(
		readonly file: File,
		readonly mode: Mode,
		readonly shared = false
	) {}
}

/**
 * Files waiting to be imported into the current mode, and the import history. Work happens in
 * the engine worker; this class only keeps what the page shows.
 */
export class ImportsState {
	items = $state<ImportItem[]>([]);
	history = $state.raw<ImportRow[]>([]);
	accounts = $state.raw<Account[]>([]);

	/** Adds files (dropped, picked, opened with the app or shared to it) and reads each one's start. */
	add(files: Iterable<File>, { shared = false }: { shared?: boolean } = {}): void {
		for (const file of files) {
			const item = new ImportItem(file, mode.current, shared);
			this.items.push(item);
			void this.#sniff(this.items.at(-1)!);
		}
	}

	async #sniff(item: ImportItem): Promise<void> {
		try {
			const sniff = await store.sniffFile(item.file, presets.list);
			item.sniff = sniff;
			const best = sniff.candidates[0];
			if (!best) {
				// No known format: the user maps the columns (status 'mapping').
				item.status = 'mapping';
				item.message = `Fillbook does not recognise ${item.file.name}: its first rows match none of the formats it reads.`;
				item.request.formatId = 'mapped';
				item.request.mapping = { columns: {}, dateOrder: 'mdy' };
				return;
			}
			this.choose(item, best.id);
			item.request.tradeDate = sniff.tradeDateFromName;
			item.request.symbol = sniff.symbolFromName;
			item.status = 'ready';
			await this.refreshPreview(item);
		} catch (error) {
			item.status = 'failed';
			item.message = `Could not read ${item.file.name}: ${error instanceof Error ? error.message : String(error)}`;
		}
	}

	/** Sets the format (a built-in one or a saved preset) and the defaults that go with it. */
	choose(item: ImportItem, formatId: string): void {
		item.request.formatId = formatId;
		item.request.zone = defaultImportZone(formatId);
		item.request.preset = presets.byFormatId(formatId);
		item.request.mapping = null;
	}

	/** The mapping is complete enough to preview: move from mapping to ready (or back). */
	async applyMapping(item: ImportItem): Promise<void> {
		await this.refreshPreview(item);
		item.status = item.preview?.ok ? 'ready' : 'mapping';
	}

	/** Re-reads the preview after the user changed the format, zone, date, symbol or account. */
	async refreshPreview(item: ImportItem): Promise<void> {
		const request = $state.snapshot(item.request);
		const preview = await store.previewFile(item.file, request);
		item.preview = preview;
		if (preview.newAccounts.length > 0 && item.request.newAccountCurrency === null)
			item.request.newAccountCurrency = 'USD';
	}

	/** The files of the current mode (the others wait for their mode to be current again). */
	get current(): ImportItem[] {
		return this.items.filter((i) => i.mode === mode.current);
	}

	/** How many files wait in the other mode. */
	get elsewhere(): number {
		return this.items.length - this.current.length;
	}

	async run(item: ImportItem): Promise<void> {
		if (item.mode !== mode.current) return;
		item.status = 'importing';
		item.progress = { bytes: 0, total: item.file.size, rows: 0, elapsedMs: 0 };
		item.message = null;
		const outcome = await store.importFile(
			item.jobId,
			item.file,
			$state.snapshot(item.request),
			proxy((p: Progress) => (item.progress = p))
		);
		item.outcome = outcome;
		if (outcome.ok) rememberZone(item.request.formatId, item.request.zone);
		item.status = outcome.ok
			? 'done'
			: outcome.cancelled
				? 'cancelled'
				: item.request.mapping
					? 'mapping'
					: 'failed';
		item.message = outcome.ok ? null : outcome.message;
		await this.refresh();
	}

	cancel(item: ImportItem): void {
		void store.cancelImport(item.jobId);
	}

	dismiss(item: ImportItem): void {
		this.items = this.items.filter((i) => i !== item);
	}

	async refresh(): Promise<void> {
		// Reloads when another tab imports, undoes an import or changes the accounts.
		changes.track(['imports', 'accounts']);
		const asked = mode.current;
		const [history, accounts] = await Promise.all([store.listImports(), store.listAccounts()]);
		if (asked !== mode.current) return;
		this.history = history;
		this.accounts = accounts;
	}

	async undo(importId: string): Promise<void> {
		await store.undoImport(importId);
		await this.refresh();
	}
}

/** The Import page's state; files dropped anywhere in the app land here. */
export const imports = new ImportsState();
