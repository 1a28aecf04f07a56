import type {
	ImportOutcome,
	ImportRequest,
	ImportRow,
	PreviewResult,
	Progress,
	SameFile,
	Sniff
} from '$workers/contract';
import { proxy } from 'comlink';
import type { Account } from '$lib/core/model/account';
import { formatById, type FormatDef } from '$lib/core/formats';
import { mappedFormat } from '$lib/core/formats/mapped';
import type { RowCounts } from '$lib/core/formats/types';
import { toCsv } from '$lib/core/export/csv';
import { addCounts } from '$lib/core/import/counts';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { preferenceStorage } from './preferences';
import { presets } from './presets.svelte';
import { engine } from './engine';

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
	/** An earlier import of the same bytes in this mode (importing again stores nothing new). */
	sameFile = $state.raw<SameFile | null>(null);

	/** The format the request names (a built-in one, a saved preset, or the user's mapping). */
	readonly format: FormatDef | undefined = $derived(
		this.request.formatId === 'mapped' && this.request.mapping
			? mappedFormat(this.request.mapping)
			: this.request.preset
				? mappedFormat(this.request.preset.mapping, this.request.preset)
				: formatById(this.request.formatId)
	);

	/**
	 * Why this file cannot be imported as it stands (what the user must give first), or null when
	 * it can be.
	 */
	readonly blocker: string | null = $derived.by(() => {
		const format = this.format;
		if (this.status === 'reading') return 'its start is still being read';
		if (this.status === 'failed' && !this.sniff) return this.message ?? 'it could not be read';
		if (this.status === 'mapping' && this.preview?.ok !== true)
			return 'its format is not recognised: map its columns';
		if (format === undefined) return 'choose its format';
		if (format.needsTradeDate && !this.request.tradeDate)
			return 'enter its trade date (the file name has none)';
		if (format.needsSymbol && !this.request.symbol?.trim()) return 'enter its symbol';
		if (this.preview === null) return 'its preview is still being read';
		if (!this.preview.ok) return this.preview.message ?? 'its options are not valid';
		return null;
	});

	/**
	 * Why "Import all" leaves this file out: a blocker, or no account chosen for rows that name
	 * none (imported alone, such rows would all be rejected; the user may still do that).
	 */
	readonly needsInput: string | null = $derived(
		this.blocker ??
			(this.format?.produces === 'executions' &&
			!this.format.hasAccountColumn &&
			this.request.accountId === null
				? 'choose its account (its rows name none)'
				: null)
	);

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

/** What "Import all" did with one file. */
export interface BatchEntry {
	fileName: string;
	/** The counts when imported. */
	counts: RowCounts | null;
	/** Why the file was not imported (it needs input, or its import failed), else null. */
	reason: string | null;
}

/** An "Import all" run: progress while it runs, then its summary. */
export interface Batch {
	/** Files it will import (those ready when it started). */
	total: number;
	/** Index of the file being imported; equals `total` when done. */
	at: number;
	running: boolean;
	entries: BatchEntry[];
	/** Counts summed over the imported files. */
	totals: RowCounts;
}

/**
 * Files waiting to be imported into the current mode, and the import history. Work happens in
 * the engine worker; this class only keeps what the page shows.
 */
export class ImportsState {
	#items = $state<ImportItem[]>([]);
	#batch = $state.raw<Batch | null>(null);
	#history = $state.raw<ImportRow[]>([]);
	#accounts = $state.raw<Account[]>([]);
	#firstTagIsStrategy = $state(true);

	/** Every file added, of both modes (see `current`). */
	get items(): ImportItem[] {
		return this.#items;
	}
	/** The last "Import all" run (null before any). */
	get batch(): Batch | null {
		return this.#batch;
	}
	get history(): ImportRow[] {
		return this.#history;
	}
	get accounts(): Account[] {
		return this.#accounts;
	}
	/** Whether a journal trade's first tag is its strategy (a setting of the mode, on by default). */
	get firstTagIsStrategy(): boolean {
		return this.#firstTagIsStrategy;
	}

	/** Adds files (dropped, picked, opened with the app or shared to it) and reads each one's start. */
	add(files: Iterable<File>, { shared = false }: { shared?: boolean } = {}): void {
		for (const file of files) {
			const item = new ImportItem(file, mode.current, shared);
			this.#items.push(item);
			void this.#sniff(this.#items.at(-1)!);
		}
	}

	async #sniff(item: ImportItem): Promise<void> {
		try {
			const sniff = await engine.sniffFile(item.file, presets.list);
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
			// The preview first (it gates the Import button); hashing a large file must not delay it.
			await this.refreshPreview(item);
			await this.#checkSameFile(item);
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
		const preview = await engine.previewFile(item.file, request);
		item.preview = preview;
		if (preview.newAccounts.length > 0 && item.request.newAccountCurrency === null)
			item.request.newAccountCurrency = 'USD';
	}

	/** The files of the current mode (the others wait for their mode to be current again). */
	get current(): ImportItem[] {
		return this.#items.filter((i) => i.mode === mode.current);
	}

	/** How many files wait in the other mode. */
	get elsewhere(): number {
		return this.#items.length - this.current.length;
	}

	/** Looks for an earlier import of the same bytes (SHA-256) in the current mode. */
	async #checkSameFile(item: ImportItem): Promise<void> {
		item.sameFile = await engine.sameFileImported(item.file);
	}

	/** Files not imported yet (nor importing). */
	get pending(): ImportItem[] {
		return this.current.filter((i) => i.status !== 'done' && i.status !== 'importing');
	}

	/**
	 * Imports every pending file that can be, one after the other (each its own atomic import),
	 * then keeps a summary: per file its counts, or why it was not imported (a file that needs
	 * input is named with what it needs and left in the list), and the totals.
	 */
	async importAll(): Promise<void> {
		if (this.#batch?.running) return;
		const files = this.pending;
		// Entries in the order of the list; a file waiting to be imported has none yet.
		const entries = files.map((item): BatchEntry | null =>
			item.needsInput === null ? null : { fileName: item.file.name, counts: null, reason: item.needsInput }
		);
		const ready = files.filter((_, i) => entries[i] === null);
		const publish = (at: number, running: boolean) => {
			const shown = entries.filter((e): e is BatchEntry => e !== null);
			this.#batch = {
				total: ready.length,
				at,
				running,
				entries: shown,
				totals: addCounts(shown.flatMap((e) => (e.counts ? [e.counts] : [])))
			};
		};
		for (let i = 0; i < ready.length; i++) {
			const item = ready[i]!;
			publish(i, true);
			await this.run(item, false);
			const outcome = item.outcome;
			entries[files.indexOf(item)] = outcome?.ok
				? { fileName: item.file.name, counts: outcome.counts, reason: null }
				: { fileName: item.file.name, counts: null, reason: item.message ?? 'not imported' };
		}
		publish(ready.length, false);
		await this.#recheckSameFiles();
	}

	/**
	 * Imports one file. Afterwards the files still waiting are checked again for being the same
	 * bytes as something imported (unless `recheck` is false: Import all checks once at its end).
	 */
	async run(item: ImportItem, recheck = true): Promise<void> {
		if (item.mode !== mode.current) return;
		item.status = 'importing';
		item.progress = { bytes: 0, total: item.file.size, rows: 0, elapsedMs: 0 };
		item.message = null;
		const outcome = await engine.importFile(
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
		if (outcome.ok && recheck) await this.#recheckSameFiles();
	}

	/** Checks the files still waiting (read already) for being the same bytes as an import. */
	async #recheckSameFiles(): Promise<void> {
		await Promise.all(this.pending.filter((i) => i.sniff !== null).map((i) => this.#checkSameFile(i)));
	}

	cancel(item: ImportItem): void {
		void engine.cancelImport(item.jobId);
	}

	dismiss(item: ImportItem): void {
		this.#items = this.#items.filter((i) => i !== item);
	}

	async refresh(): Promise<void> {
		// Reloads when another tab imports, undoes an import or changes the accounts.
		changes.track(['imports', 'accounts']);
		const asked = mode.current;
		const [history, accounts, firstTag] = await Promise.all([
			engine.listImports(),
			engine.listAccounts(),
			engine.firstTagIsStrategy()
		]);
		if (asked !== mode.current) return;
		this.#history = history;
		this.#accounts = accounts;
		this.#firstTagIsStrategy = firstTag;
	}

	/** Turns "the first tag is the strategy" on or off for the current mode (remembered). */
	async setFirstTagIsStrategy(on: boolean): Promise<void> {
		this.#firstTagIsStrategy = on;
		await engine.setFirstTagIsStrategy(on);
	}

	async undo(importId: string): Promise<void> {
		await engine.undoImport(importId);
		await this.refresh();
	}

	/** An import's rejected rows as a CSV file to download: line, column, reason and the row as read. */
	rejectedRowsFile(row: ImportRow): { text: string; fileName: string } {
		return {
			text: toCsv(
				['line', 'column', 'reason', 'row as in the file'],
				row.rejectedRows.map((r) => [r.line, r.column, r.reason, r.cells.join(',')])
			),
			fileName: `${row.fileName.replace(/\.[^.]+$/, '')}-rejected-rows.csv`
		};
	}

	/** Back to a fresh state (tests): no files, no batch, nothing listed. Jobs already sent run on. */
	reset(): void {
		this.#items = [];
		this.#batch = null;
		this.#history = [];
		this.#accounts = [];
		this.#firstTagIsStrategy = true;
	}
}

/** The Import page's state; files dropped anywhere in the app land here. */
export const imports = new ImportsState();
