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
import { mappedFormat, type ColumnMapping, type MappedField } from '$lib/core/formats/mapped';
import type { RowCounts } from '$lib/core/formats/types';
import { toCsv } from '$lib/core/export/csv';
import { addCounts } from '$lib/core/import/counts';
import type { Mode } from '$lib/core/model/mode';
import { changes, mode } from './app.svelte';
import { preferenceStorage } from './preferences';
import { presets } from './presets.svelte';
import { engine } from './engine';
import { checkLevels } from './levels.svelte';
import { View } from './view.svelte';

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

/** What one file's card shows. */
export interface ImportItemView {
	status: ItemStatus;
	/** The start of the file as read: candidate formats, first rows, encoding. */
	sniff: Sniff | null;
	/** What the user confirms (format, zone, date, symbol, account, mapping). */
	request: ImportRequest;
	preview: PreviewResult | null;
	progress: Progress | null;
	outcome: ImportOutcome | null;
	/** Why it could not be read or imported, or what to do next. */
	message: string | null;
	/** A good-news line (e.g. a preset saved). */
	notice: string | null;
	/** An earlier import of the same bytes in this mode (importing again stores nothing new). */
	sameFile: SameFile | null;
}

/**
 * One file on the Import page, from drop to done, in the mode it was added in: it is previewed
 * against that mode's accounts, imported into it and shown only while that mode is current (a
 * mode switched in another tab never puts its result under the other mode's banner).
 */
export class ImportItem {
	readonly key = nextKey++;
	readonly jobId = `job-${Date.now().toString(36)}-${this.key}`;
	readonly #view = new View<ImportItemView>(() => ({
		status: 'reading',
		sniff: null,
		request: {
			formatId: '',
			zone: 'America/New_York',
			tradeDate: null,
			symbol: null,
			accountId: null,
			newAccountCurrency: null,
			mapping: null,
			preset: null
		},
		preview: null,
		progress: null,
		outcome: null,
		message: null,
		notice: null,
		sameFile: null
	}));

	/** What the file's card shows; changed through the methods below (and ImportsState's). */
	get view(): Readonly<ImportItemView> {
		return this.#view.current;
	}

	/** For ImportsState, which reads, previews and imports the file: sets what it learned. */
	update(patch: Partial<ImportItemView>): void {
		this.#view.set(patch);
	}

	/** Changes what the user confirms (format options, zone, date, symbol, account, currency). */
	setRequest(patch: Partial<ImportRequest>): void {
		this.#view.set({ request: { ...this.view.request, ...patch } });
	}

	/** The user maps the columns by hand (the file's format is not one Fillbook knows). */
	mapColumns(): void {
		const { mapping } = this.view.request;
		this.setRequest({
			formatId: 'mapped',
			preset: null,
			mapping: mapping ?? { columns: {}, dateOrder: 'mdy' }
		});
		this.#view.set({ status: 'mapping', preview: null });
	}

	/** Replaces the column mapping (the user's or a first guess). */
	setMapping(mapping: ColumnMapping): void {
		this.setRequest({ mapping });
	}

	/** Maps a field to a column of the file's header, or (null) to none. */
	setMappingColumn(field: MappedField, header: string | null): void {
		const mapping = this.view.request.mapping;
		if (!mapping) return;
		const columns = { ...mapping.columns };
		if (header) columns[field] = header;
		else delete columns[field];
		this.setMapping({ ...mapping, columns });
	}

	/** A good-news line for the card (e.g. a preset saved). */
	setNotice(text: string | null): void {
		this.#view.set({ notice: text });
	}

	/** The format the request names (a built-in one, a saved preset, or the user's mapping). */
	readonly format: FormatDef | undefined = $derived(
		this.view.request.formatId === 'mapped' && this.view.request.mapping
			? mappedFormat(this.view.request.mapping)
			: this.view.request.preset
				? mappedFormat(this.view.request.preset.mapping, this.view.request.preset)
				: formatById(this.view.request.formatId)
	);

	/**
	 * Why this file cannot be imported as it stands (what the user must give first), or null when
	 * it can be.
	 */
	readonly blocker: string | null = $derived.by(() => {
		const format = this.format;
		if (this.view.status === 'reading') return 'its start is still being read';
		if (this.view.status === 'failed' && !this.view.sniff) return this.view.message ?? 'it could not be read';
		if (this.view.status === 'mapping' && this.view.preview?.ok !== true)
			return 'its format is not recognised: map its columns';
		if (format === undefined) return 'choose its format';
		if (format.needsTradeDate && !this.view.request.tradeDate)
			return 'enter its trade date (the file name has none)';
		if (format.needsSymbol && !this.view.request.symbol?.trim()) return 'enter its symbol';
		if (this.view.preview === null) return 'its preview is still being read';
		if (!this.view.preview.ok) return this.view.preview.message ?? 'its options are not valid';
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
			this.view.request.accountId === null
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

/** What the Import page (and the drop overlay) reads. */
export interface ImportsView {
	/** Every file added, of both modes (see `current`). */
	items: ImportItem[];
	/** The last "Import all" run (null before any). */
	batch: Batch | null;
	/** The current mode's imports, newest first. */
	history: ImportRow[];
	/** The current mode's accounts (for files whose rows name none). */
	accounts: Account[];
	/** Whether a journal trade's first tag is its strategy (a setting of the mode, on by default). */
	firstTagIsStrategy: boolean;
}

/**
 * Files waiting to be imported into the current mode, and the import history. Work happens in
 * the engine worker; this class only keeps what the page shows.
 */
export class ImportsState {
	readonly #view = new View<ImportsView>(() => ({
		items: [],
		batch: null,
		history: [],
		accounts: [],
		firstTagIsStrategy: true
	}));

	get view(): Readonly<ImportsView> {
		return this.#view.current;
	}

	/** Adds files (dropped, picked, opened with the app or shared to it) and reads each one's start. */
	add(files: Iterable<File>, { shared = false }: { shared?: boolean } = {}): void {
		for (const file of files) {
			const item = new ImportItem(file, mode.current, shared);
			this.#view.set({ items: [...this.view.items, item] });
			void this.#sniff(item);
		}
	}

	async #sniff(item: ImportItem): Promise<void> {
		try {
			const sniff = await engine.sniffFile(item.file, presets.view.list);
			item.update({ sniff });
			const best = sniff.candidates[0];
			if (!best) {
				// No known format: the user maps the columns (status 'mapping').
				item.setRequest({ formatId: 'mapped', mapping: { columns: {}, dateOrder: 'mdy' } });
				item.update({
					status: 'mapping',
					message: `Fillbook does not recognise ${item.file.name}: its first rows match none of the formats it reads.`
				});
				return;
			}
			this.choose(item, best.id);
			item.setRequest({ tradeDate: sniff.tradeDateFromName, symbol: sniff.symbolFromName });
			item.update({ status: 'ready' });
			// The preview first (it gates the Import button); hashing a large file must not delay it.
			await this.refreshPreview(item);
			await this.#checkSameFile(item);
		} catch (error) {
			item.update({
				status: 'failed',
				message: `Could not read ${item.file.name}: ${error instanceof Error ? error.message : String(error)}`
			});
		}
	}

	/** Sets the format (a built-in one or a saved preset) and the defaults that go with it. */
	choose(item: ImportItem, formatId: string): void {
		item.setRequest({
			formatId,
			zone: defaultImportZone(formatId),
			preset: presets.byFormatId(formatId),
			mapping: null
		});
	}

	/** The user picked a format for a file: its defaults, then a fresh preview. */
	async chooseFormat(item: ImportItem, formatId: string): Promise<void> {
		this.choose(item, formatId);
		item.update({ status: 'ready' });
		await this.refreshPreview(item);
	}

	/** The mapping is complete enough to preview: move from mapping to ready (or back). */
	async applyMapping(item: ImportItem): Promise<void> {
		await this.refreshPreview(item);
		item.update({ status: item.view.preview?.ok ? 'ready' : 'mapping' });
	}

	/** Re-reads the preview after the user changed the format, zone, date, symbol or account. */
	async refreshPreview(item: ImportItem): Promise<void> {
		const preview = await engine.previewFile(item.file, item.view.request);
		item.update({ preview });
		if (preview.newAccounts.length > 0 && item.view.request.newAccountCurrency === null)
			item.setRequest({ newAccountCurrency: 'USD' });
	}

	/** The files of the current mode (the others wait for their mode to be current again). */
	get current(): ImportItem[] {
		return this.view.items.filter((i) => i.mode === mode.current);
	}

	/** How many files wait in the other mode. */
	get elsewhere(): number {
		return this.view.items.length - this.current.length;
	}

	/** Looks for an earlier import of the same bytes (SHA-256) in the current mode. */
	async #checkSameFile(item: ImportItem): Promise<void> {
		item.update({ sameFile: await engine.sameFileImported(item.file) });
	}

	/** Files not imported yet (nor importing). */
	get pending(): ImportItem[] {
		return this.current.filter((i) => i.view.status !== 'done' && i.view.status !== 'importing');
	}

	/**
	 * Imports every pending file that can be, one after the other (each its own atomic import),
	 * then keeps a summary: per file its counts, or why it was not imported (a file that needs
	 * input is named with what it needs and left in the list), and the totals.
	 */
	async importAll(): Promise<void> {
		if (this.view.batch?.running) return;
		const files = this.pending;
		// Entries in the order of the list; a file waiting to be imported has none yet.
		const entries = files.map((item): BatchEntry | null =>
			item.needsInput === null ? null : { fileName: item.file.name, counts: null, reason: item.needsInput }
		);
		const ready = files.filter((_, i) => entries[i] === null);
		const publish = (at: number, running: boolean) => {
			const shown = entries.filter((e): e is BatchEntry => e !== null);
			this.#view.set({
				batch: {
					total: ready.length,
					at,
					running,
					entries: shown,
					totals: addCounts(shown.flatMap((e) => (e.counts ? [e.counts] : [])))
				}
			});
		};
		for (let i = 0; i < ready.length; i++) {
			const item = ready[i]!;
			publish(i, true);
			await this.run(item, false);
			const outcome = item.view.outcome;
			entries[files.indexOf(item)] = outcome?.ok
				? { fileName: item.file.name, counts: outcome.counts, reason: null }
				: { fileName: item.file.name, counts: null, reason: item.view.message ?? 'not imported' };
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
		item.update({
			status: 'importing',
			progress: { bytes: 0, total: item.file.size, rows: 0, elapsedMs: 0 },
			message: null
		});
		const { request } = item.view;
		const outcome = await engine.importFile(
			item.jobId,
			item.file,
			request,
			proxy((progress: Progress) => item.update({ progress }))
		);
		if (outcome.ok) {
			rememberZone(request.formatId, request.zone);
			// Bars imported may have triggered level alerts: tell them.
			void checkLevels();
		}
		item.update({
			outcome,
			status: outcome.ok ? 'done' : outcome.cancelled ? 'cancelled' : request.mapping ? 'mapping' : 'failed',
			message: outcome.ok ? null : outcome.message
		});
		await this.refresh();
		if (outcome.ok && recheck) await this.#recheckSameFiles();
	}

	/** Checks the files still waiting (read already) for being the same bytes as an import. */
	async #recheckSameFiles(): Promise<void> {
		await Promise.all(this.pending.filter((i) => i.view.sniff !== null).map((i) => this.#checkSameFile(i)));
	}

	cancel(item: ImportItem): void {
		void engine.cancelImport(item.jobId);
	}

	dismiss(item: ImportItem): void {
		this.#view.set({ items: this.view.items.filter((i) => i !== item) });
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
		this.#view.set({ history, accounts, firstTagIsStrategy: firstTag });
	}

	/** Turns "the first tag is the strategy" on or off for the current mode (remembered). */
	async setFirstTagIsStrategy(on: boolean): Promise<void> {
		this.#view.set({ firstTagIsStrategy: on });
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
		this.#view.reset();
	}
}

/** The Import page's state; files dropped anywhere in the app land here. */
export const imports = new ImportsState();
